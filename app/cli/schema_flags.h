#pragma once
// Flags made from schema fields, so a flag's help, choices and range are the schema's own and
// never restated: `--column-order` is the field column_order, checked as the schema checks it.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "core/config/config_field.h"
#include "core/config/flag_name.h"

namespace metacf::cli {

// The help text: the field's doc, its choices or its range.
std::string flag_help(const FieldInfo& field);

// The field's range as a check: a number outside it is refused with the schema's sentence;
// a word that is no number is left for the conversion to refuse ("Could not convert").
CLI::Validator in_range(const FieldInfo& field);

// A flag taking the field's value, with its choices or range as the check.
template <typename T>
CLI::Option* add_field_option(CLI::App& cmd, const FieldInfo& field, T& target) {
  CLI::Option* option = cmd.add_option(flag_name(field), target, flag_help(field));
  if (!field.choices.empty()) {
    option->check(CLI::IsMember(field.choices));
  } else if (field.range.has_lo() || field.range.has_hi()) {
    option->check(in_range(field));
  }
  return option;
}

// A flag without a value for a boolean field (on when given).
CLI::Option* add_field_flag(CLI::App& cmd, const FieldInfo& field, bool& target);

}  // namespace metacf::cli
