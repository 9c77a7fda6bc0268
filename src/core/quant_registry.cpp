// SCAFFOLD: replaced by the quant engine functions (being written now).
#include "core/registrations.hpp"
namespace derive {
void register_quant(Registry&) {}
}  // namespace derive
