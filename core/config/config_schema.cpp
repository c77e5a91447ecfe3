#include "core/config/config_schema.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace metacf {

const FieldInfo* SchemaInfo::find(const std::string& key) const {
  for (const auto& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

SchemaInfo SchemaInfo::without(const std::vector<std::string>& keys) const {
  SchemaInfo out{scope, {}};
  for (const auto& f : fields) {
    if (std::find(keys.begin(), keys.end(), f.key) == keys.end()) out.fields.push_back(f);
  }
  return out;
}

std::string format_number(double v) {
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (std::isnan(v)) return "nan";
  if (v == std::trunc(v) && std::abs(v) < 1e15) {
    return std::to_string(static_cast<long long>(v));
  }
  char buffer[64];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
  std::string text(buffer, end);
  // to_chars writes 1e-06; people write 1e-6.
  const auto e = text.find('e');
  if (e != std::string::npos) {
    std::string exponent = text.substr(e + 1);
    const bool negative = !exponent.empty() && exponent[0] == '-';
    if (!exponent.empty() && (exponent[0] == '-' || exponent[0] == '+')) exponent.erase(0, 1);
    while (exponent.size() > 1 && exponent[0] == '0') exponent.erase(0, 1);
    text = text.substr(0, e + 1) + (negative ? "-" : "") + exponent;
  }
  return text;
}

std::string interval_text(const FieldRange& r) {
  return std::string(r.lo_open || !r.has_lo() ? "(" : "[") + format_number(r.lo) + ", " +
         format_number(r.hi) + (r.hi_open || !r.has_hi() ? ")" : "]");
}

std::string range_sentence(const FieldRange& r, bool whole_numbers) {
  if (r.has_lo() && !r.has_hi()) return (r.lo_open ? "> " : ">= ") + format_number(r.lo);
  if (!r.has_lo() && r.has_hi()) return (r.hi_open ? "< " : "<= ") + format_number(r.hi);
  if (whole_numbers && !r.lo_open && !r.hi_open) {
    return "in " + format_number(r.lo) + ".." + format_number(r.hi);
  }
  return "in " + interval_text(r);
}

namespace config_detail {

void fail_range(const std::string& scope, RangeMessages style, const FieldInfo& f,
                const std::string& value, bool whole_numbers) {
  if (style == RangeMessages::kInterval) {
    throw std::invalid_argument(scope + ": " + f.key + " = " + value +
                                " is out of range; expected " + interval_text(f.range));
  }
  throw std::invalid_argument(scope + ": " + f.key + " must be " +
                              range_sentence(f.range, whole_numbers) + " (got " + value + ")");
}

void fail_element(const std::string& scope, RangeMessages style, const FieldInfo& f,
                  const std::string& value) {
  if (style == RangeMessages::kInterval) {
    throw std::invalid_argument(scope + ": " + f.key + " has " + value +
                                ", out of range; expected each in " + interval_text(f.range));
  }
  throw std::invalid_argument(scope + ": each " + f.element + " must be " +
                              range_sentence(f.range, true) + " (got " + value + ")");
}

void fail_choice(const std::string& scope, RangeMessages style, const FieldInfo& f,
                 const std::string& value) {
  std::string allowed;
  for (std::size_t i = 0; i < f.choices.size(); ++i) {
    if (i > 0) allowed += i + 1 == f.choices.size() ? " or " : ", ";
    allowed += "\"" + f.choices[i] + "\"";
  }
  if (style == RangeMessages::kInterval) {
    throw std::invalid_argument(scope + ": " + f.key + " = \"" + value +
                                "\" is unknown; expected " + allowed);
  }
  throw std::invalid_argument(scope + ": " + f.key + " must be " + allowed + " (got \"" + value +
                              "\")");
}

void fail_empty(const std::string& scope, const FieldInfo& f) {
  throw std::invalid_argument(scope + ": choose at least one " + f.element);
}

void fail_duplicate(const std::string& scope, const FieldInfo& f, const std::string& value) {
  throw std::invalid_argument(scope + ": " + f.key + " lists " + value + " more than once");
}

void fail_unknown_key(const SchemaInfo& schema, const std::string& key) {
  std::string known;
  for (const auto& f : schema.fields) known += (known.empty() ? "" : ", ") + f.key;
  throw std::invalid_argument(schema.scope + ": unknown key '" + key + "' (" +
                              (known.empty() ? "it has no settings" : "known keys: " + known) +
                              ")");
}

void require_object(const nlohmann::json& j) {
  // j.value() on anything but an object throws type_error 306 ("cannot use value() with
  // array"), the error this configuration has always given.
  if (!j.is_object()) (void)j.value("", 0);
}

}  // namespace config_detail
}  // namespace metacf
