#include "derive/value.hpp"

namespace derive {

const char* Value::kind_name() const {
  if (is_number()) return "number";
  if (is_bool()) return "boolean";
  return "list";
}

}  // namespace derive
