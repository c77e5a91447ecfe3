#pragma once
// The fields of a configuration as text, for `metacf run --help-config`: one line per field
// with its key, type and range, default and doc, read from the same schema that checks them.
#include <string>

#include "core/config/config_field.h"

namespace metacf {

// "  pretrain.lr  number > 0  (default 0.005)  Adam step ...", sections expanded with their
// key as prefix. Fields the experiment sets (seeds, K) say so.
std::string config_help(const SchemaInfo& schema, const std::string& prefix = "");

// What a field takes, e.g. "whole number in 1..100", "number in (0, 1000]", "adam|sgd".
std::string field_type_text(const FieldInfo& field);

}  // namespace metacf
