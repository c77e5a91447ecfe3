#pragma once
// The command-line flag of a schema field, for both the CLI's options and the reproduce command.
#include <string>

#include "core/config/config_field.h"

namespace metacf {

// "--column-order" for column_order.
std::string flag_name(const FieldInfo& field);

}  // namespace metacf
