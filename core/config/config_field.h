#pragma once
// What one configuration field is, without its struct: the part of a field descriptor that
// help text, the studio's forms and tests iterate over. The typed part (the member pointer and
// how to read, write and check it) is in config_schema.h.
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace metacf {

enum class FieldKind {
  kInt,  // a whole number (int, std::int64_t or std::uint64_t member)
  kDouble,
  kBool,
  kText,      // a string; `choices` lists the allowed values when it is not empty
  kIntList,   // whole numbers, each in the range
  kNameList,  // names (e.g. learners)
  kJson,      // a JSON object kept as it is (e.g. per-learner overrides)
  kSection,   // a nested configuration with its own schema (`section`)
};

// Who sets a field. Forms offer kSetting fields only; the others are set for the user.
enum class FieldRole {
  kSetting,         // the user's choice
  kFromExperiment,  // replaced by the experiment (each seed, each K)
  kFromName,        // implied by the learner's name (the MetaCF suffixes)
};

// A numeric range; unbounded sides are infinite. Open sides exclude their bound.
struct FieldRange {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lo_open = false;
  bool hi_open = false;

  [[nodiscard]] bool contains(double v) const {
    return (lo_open ? v > lo : v >= lo) && (hi_open ? v < hi : v <= hi);
  }
  [[nodiscard]] bool has_lo() const { return lo > -std::numeric_limits<double>::infinity(); }
  [[nodiscard]] bool has_hi() const { return hi < std::numeric_limits<double>::infinity(); }
};

// [lo, hi], (lo, hi], [lo, inf), (lo, inf).
constexpr FieldRange between(double lo, double hi) { return {lo, hi, false, false}; }
constexpr FieldRange above_up_to(double lo, double hi) { return {lo, hi, true, false}; }
constexpr FieldRange at_least(double lo) {
  return {lo, std::numeric_limits<double>::infinity(), false, false};
}
constexpr FieldRange above(double lo) {
  return {lo, std::numeric_limits<double>::infinity(), true, false};
}
constexpr FieldRange from_below(double lo, double hi) { return {lo, hi, false, true}; }

struct SchemaInfo;

struct FieldInfo {
  std::string key;    // the JSON key
  std::string label;  // a short name for forms ("Local step alpha")
  std::string doc;    // one line: what it is and why its default
  FieldKind kind = FieldKind::kDouble;
  FieldRole role = FieldRole::kSetting;
  FieldRange range;                     // numbers, and each element of kIntList
  std::vector<std::string> choices;     // kText: the allowed values (empty: any text)
  std::string element;                  // kIntList: what one element is ("K"), for messages
  bool non_empty = false;               // lists: at least one element
  bool distinct = false;                // lists: no value twice (a seed twice counts users twice)
  bool optional = false;                // numbers: may be unset (null), off by default
  nlohmann::json default_value;         // as written to JSON
  const SchemaInfo* section = nullptr;  // kSection: its fields
};

// A configuration struct's fields, in the order they are documented and written.
struct SchemaInfo {
  std::string scope;  // the prefix of its messages: "experiment", "learner config", ...
  std::vector<FieldInfo> fields;

  // The field of that key, or null.
  [[nodiscard]] const FieldInfo* find(const std::string& key) const;
  // A copy without the named keys (for a learner that does not read some shared fields).
  [[nodiscard]] SchemaInfo without(const std::vector<std::string>& keys) const;
};

// "0.1", "1e7", "-1", "20": the shortest text that reads back as the same double.
std::string format_number(double v);
// "[0, 20]", "(0, 1e7]", "[1, inf)".
std::string interval_text(const FieldRange& r);
// "in 1..100", ">= 1", "> 0", "in [0, 0.5)": the range as a sentence ends.
std::string range_sentence(const FieldRange& r, bool whole_numbers);

}  // namespace metacf
