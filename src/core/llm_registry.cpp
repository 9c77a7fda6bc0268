// SCAFFOLD: replaced by the llm engine functions (being written now).
#include "core/registrations.hpp"
namespace derive {
void register_llm(Registry&) {}
}  // namespace derive
