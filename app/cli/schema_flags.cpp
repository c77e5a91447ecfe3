#include "app/cli/schema_flags.h"

#include <algorithm>
#include <charconv>
#include <system_error>

namespace metacf::cli {

std::string flag_help(const FieldInfo& field) {
  std::string help = field.doc;
  // CLI11 lists the choices and the range itself.
  if (!field.choices.empty()) help += " (default " + field.default_value.get<std::string>() + ")";
  return help;
}

CLI::Validator in_range(const FieldInfo& field) {
  const bool whole = field.kind == FieldKind::kInt;
  const FieldRange range = field.range;
  return CLI::Validator(
      [range, whole](std::string& text) -> std::string {
        double value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (error != std::errc() || stop != end) return {};
        if (range.contains(value)) return {};
        return "must be " + range_sentence(range, whole) + " (got " + text + ")";
      },
      range_sentence(range, whole));
}

CLI::Option* add_field_flag(CLI::App& cmd, const FieldInfo& field, bool& target) {
  return cmd.add_flag(flag_name(field), target, field.doc);
}

}  // namespace metacf::cli
