#include "core/config/flag_name.h"

#include <algorithm>

namespace metacf {

std::string flag_name(const FieldInfo& field) {
  std::string name = "--" + field.key;
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

}  // namespace metacf
