// SCAFFOLD: replaced by the layers engine functions (being written now).
#include "core/registrations.hpp"
namespace derive {
void register_layers(Registry&) {}
}  // namespace derive
