// SCAFFOLD: replaced by the prune engine functions (being written now).
#include "core/registrations.hpp"
namespace derive {
void register_prune(Registry&) {}
}  // namespace derive
