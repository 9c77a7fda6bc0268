// SCAFFOLD: replaced by the distill engine functions (being written now).
#include "core/registrations.hpp"
namespace derive {
void register_distill(Registry&) {}
}  // namespace derive
