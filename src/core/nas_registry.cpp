// SCAFFOLD: replaced by the nas engine functions (being written now).
#include "core/registrations.hpp"
namespace derive {
void register_nas(Registry&) {}
}  // namespace derive
