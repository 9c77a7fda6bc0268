// SCAFFOLD: replaced by the mcu engine functions (being written now).
#include "core/registrations.hpp"
namespace derive {
void register_mcu(Registry&) {}
}  // namespace derive
