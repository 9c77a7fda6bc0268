// SCAFFOLD: replaced by the measure engine functions (being written now).
#include "core/registrations.hpp"
namespace derive {
void register_measure(Registry&) {}
}  // namespace derive
