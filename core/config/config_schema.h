#pragma once
// A configuration struct stated once, as a table of field descriptors (key, member pointer,
// range, label, one-line doc; the default is the struct's own initialiser). JSON reading and
// writing, validation, help text and the studio's forms all iterate over the same table, so a
// range is never restated. See STYLE.md ("Configuration").
//
//   static const ConfigSchema<PretrainConfig> schema("pretraining", RangeMessages::kSentence, {
//       field("dim", &PretrainConfig::dim, between(1, 1024), "Dimension D", "..."),
//       ...});
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "core/config/config_field.h"
#include "core/util/json_value.h"

namespace metacf {

// Keys a configuration object does not declare: an error for what a user typed, skipped for
// what an older version stored.
enum class UnknownKeys { kReject, kIgnore };

// How out-of-range messages read: "top_n must be in 1..100 (got 0)" (kSentence) or
// "alpha = -1 is out of range; expected (0, 1000]" (kInterval, the learners' settings).
enum class RangeMessages { kSentence, kInterval };

namespace config_detail {

// Messages shared by every schema (config_schema.cpp).
[[noreturn]] void fail_range(const std::string& scope, RangeMessages style, const FieldInfo& f,
                             const std::string& value, bool whole_numbers);
[[noreturn]] void fail_element(const std::string& scope, RangeMessages style, const FieldInfo& f,
                               const std::string& value);
[[noreturn]] void fail_choice(const std::string& scope, RangeMessages style, const FieldInfo& f,
                              const std::string& value);
[[noreturn]] void fail_empty(const std::string& scope, const FieldInfo& f);
// "experiment: seeds lists 1 more than once" (names quoted: "learners lists 'pop' ...").
[[noreturn]] void fail_duplicate(const std::string& scope, const FieldInfo& f,
                                 const std::string& value);
[[noreturn]] void fail_unknown_key(const SchemaInfo& schema, const std::string& key);
// Throws nlohmann's own type_error (306) for a configuration that is not an object.
void require_object(const nlohmann::json& j);

}  // namespace config_detail

// A field whose value is not one plain member (a nested section, an enum).
template <class C>
struct CustomMember {
  std::function<nlohmann::json(const C&)> write;
  std::function<void(const nlohmann::json& value, C&, UnknownKeys)> read;
  std::function<void(const C&)> validate;  // optional
};

template <class C>
using MemberPointer =
    std::variant<int C::*, std::int64_t C::*, std::uint64_t C::*, double C::*, bool C::*,
                 std::string C::*, std::vector<int> C::*, std::vector<std::uint64_t> C::*,
                 std::vector<std::string> C::*, nlohmann::json C::*, CustomMember<C>>;

// One row of a schema table. The modifiers read as the row: field(...).one_of({...}).
template <class C>
struct FieldSpec {
  FieldInfo info;
  MemberPointer<C> member;

  FieldSpec one_of(std::vector<std::string> choices) && {
    info.choices = std::move(choices);
    return std::move(*this);
  }
  FieldSpec set_by(FieldRole role) && {
    info.role = role;
    return std::move(*this);
  }
  // A list whose elements are called `element` in messages ("each K must be ...").
  FieldSpec each(std::string element) && {
    info.element = std::move(element);
    return std::move(*this);
  }
  FieldSpec required() && {
    info.non_empty = true;
    return std::move(*this);
  }
  // A list that may not hold a value twice.
  FieldSpec distinct() && {
    info.distinct = true;
    return std::move(*this);
  }
};

namespace config_detail {
// The descriptive part every field maker starts from.
inline FieldInfo described(std::string key, std::string label, std::string doc, FieldKind kind) {
  FieldInfo info;
  info.key = std::move(key);
  info.label = std::move(label);
  info.doc = std::move(doc);
  info.kind = kind;
  return info;
}
}  // namespace config_detail

template <class C, class T>
FieldSpec<C> field(std::string key, T C::*member, FieldRange range, std::string label,
                   std::string doc) {
  FieldInfo info = config_detail::described(std::move(key), std::move(label), std::move(doc),
                                            FieldKind::kDouble);
  info.range = range;
  if constexpr (std::is_same_v<T, bool>) {
    info.kind = FieldKind::kBool;
  } else if constexpr (std::is_integral_v<T>) {
    info.kind = FieldKind::kInt;
  } else if constexpr (std::is_floating_point_v<T>) {
    info.kind = FieldKind::kDouble;
  } else if constexpr (std::is_same_v<T, std::string>) {
    info.kind = FieldKind::kText;
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    info.kind = FieldKind::kNameList;
  } else if constexpr (std::is_same_v<T, nlohmann::json>) {
    info.kind = FieldKind::kJson;
  } else {
    info.kind = FieldKind::kIntList;
  }
  if (info.element.empty()) info.element = info.key;
  return {std::move(info), MemberPointer<C>(member)};
}

// A field without numeric bounds (text, flags, names, JSON).
template <class C, class T>
FieldSpec<C> field(std::string key, T C::*member, std::string label, std::string doc) {
  return field(std::move(key), member, FieldRange{}, std::move(label), std::move(doc));
}

// An enum written by name: `values` in the order they are offered, `name` and `parse` its words
// (parse throws std::invalid_argument naming the accepted ones).
template <class C, class E>
FieldSpec<C> named_field(std::string key, E C::*member, const std::vector<E>& values,
                         std::string (*name)(E), E (*parse)(std::string_view), std::string label,
                         std::string doc) {
  FieldInfo info =
      config_detail::described(std::move(key), std::move(label), std::move(doc), FieldKind::kText);
  for (E v : values) info.choices.push_back(name(v));
  CustomMember<C> custom{[member, name](const C& c) { return nlohmann::json(name(c.*member)); },
                         [member, parse](const nlohmann::json& v, C& c, UnknownKeys) {
                           c.*member = parse(v.get<std::string>());
                         },
                         {}};
  return {std::move(info), MemberPointer<C>(std::move(custom))};
}

// A number that may be left unset (written as null): a threshold that is off by default.
template <class C>
FieldSpec<C> optional_field(std::string key, std::optional<double> C::*member, FieldRange range,
                            std::string label, std::string doc) {
  FieldInfo info = config_detail::described(std::move(key), std::move(label), std::move(doc),
                                            FieldKind::kDouble);
  info.range = range;
  info.optional = true;
  const FieldInfo checked = info;
  CustomMember<C> custom{
      [member](const C& c) {
        return (c.*member) ? nlohmann::json(*(c.*member)) : nlohmann::json(nullptr);
      },
      [member](const nlohmann::json& v, C& c, UnknownKeys) {
        if (v.is_null()) {
          c.*member = std::nullopt;
        } else {
          c.*member = v.get<double>();
        }
      },
      [member, checked](const C& c) {
        const auto& value = c.*member;
        if (value && (!std::isfinite(*value) || !checked.range.contains(*value))) {
          throw std::invalid_argument(checked.key + " must be a finite number " +
                                      range_sentence(checked.range, false) + " (got " +
                                      format_number(*value) + ")");
        }
      }};
  return {std::move(info), MemberPointer<C>(std::move(custom))};
}

template <class C>
class ConfigSchema;

// A nested configuration (ExperimentConfig::split) read, written and checked by its own schema
// and its own validate().
template <class C, class S>
FieldSpec<C> section(std::string key, S C::*member, const ConfigSchema<S>& schema,
                     std::string label, std::string doc) {
  FieldInfo info = config_detail::described(std::move(key), std::move(label), std::move(doc),
                                            FieldKind::kSection);
  info.section = &schema.info();
  CustomMember<C> custom{[member, &schema](const C& c) { return schema.write(c.*member); },
                         [member, &schema](const nlohmann::json& v, C& c, UnknownKeys unknown) {
                           schema.read(v, c.*member, unknown);
                         },
                         [member](const C& c) { (c.*member).validate(); }};
  return {std::move(info), MemberPointer<C>(std::move(custom))};
}

// GCC 12 warns that c.*m may read past a small struct in the std::visit branches of member
// types the struct does not have (branches never taken: the variant holds one pointer type).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
#endif

template <class C>
class ConfigSchema {
 public:
  ConfigSchema(std::string scope, RangeMessages style, std::vector<FieldSpec<C>> fields)
      : style_(style), fields_(std::move(fields)) {
    info_.scope = std::move(scope);
    const C defaults{};
    for (auto& f : fields_) {
      f.info.default_value = write_field(f, defaults);
      info_.fields.push_back(f.info);
    }
  }
  ConfigSchema(const ConfigSchema&) = delete;
  ConfigSchema& operator=(const ConfigSchema&) = delete;

  [[nodiscard]] const SchemaInfo& info() const { return info_; }

  [[nodiscard]] nlohmann::json write(const C& c) const {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& f : fields_) j[f.info.key] = write_field(f, c);
    return j;
  }

  // Keys present replace the defaults; missing keys take them. Not validated (validate()).
  void read(const nlohmann::json& j, C& c, UnknownKeys unknown) const {
    config_detail::require_object(j);
    c = C{};
    // In table order, so a bad value is reported before a misspelt key and always the same one.
    for (const auto& f : fields_) {
      const auto it = j.find(f.info.key);
      if (it != j.end()) read_field(f, *it, c, unknown);
    }
    if (unknown == UnknownKeys::kIgnore) return;
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (find(it.key()) == nullptr) config_detail::fail_unknown_key(info_, it.key());
    }
  }

  // Ranges, choices, non-empty and distinct lists; then each section's own validate().
  void validate(const C& c) const {
    for (const auto& f : fields_) validate_field(f, c);
  }

 private:
  const FieldSpec<C>* find(const std::string& key) const {
    for (const auto& f : fields_) {
      if (f.info.key == key) return &f;
    }
    return nullptr;
  }

  static nlohmann::json write_field(const FieldSpec<C>& f, const C& c) {
    return std::visit(
        [&](const auto& m) -> nlohmann::json {
          if constexpr (std::is_same_v<std::decay_t<decltype(m)>, CustomMember<C>>) {
            return m.write(c);
          } else {
            return nlohmann::json(c.*m);
          }
        },
        f.member);
  }

  static void read_field(const FieldSpec<C>& f, const nlohmann::json& v, C& c,
                         UnknownKeys unknown) {
    std::visit(
        [&](const auto& m) {
          using M = std::decay_t<decltype(m)>;
          if constexpr (std::is_same_v<M, CustomMember<C>>) {
            m.read(v, c, unknown);
          } else {
            using T = std::remove_reference_t<decltype(c.*m)>;
            if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
              c.*m = json_detail::whole_number<T>(v, f.info.key.c_str());
            } else if constexpr (std::is_same_v<T, std::vector<int>> ||
                                 std::is_same_v<T, std::vector<std::uint64_t>>) {
              if (!v.is_array()) {
                c.*m = v.get<T>();  // nlohmann's own type_error
                return;
              }
              T out;
              for (const auto& e : v) {
                out.push_back(
                    json_detail::whole_number<typename T::value_type>(e, f.info.key.c_str()));
              }
              c.*m = std::move(out);
            } else {
              c.*m = v.get<T>();
            }
          }
        },
        f.member);
  }

  void validate_field(const FieldSpec<C>& f, const C& c) const {
    const FieldInfo& i = f.info;
    std::visit(
        [&](const auto& m) {
          using M = std::decay_t<decltype(m)>;
          if constexpr (std::is_same_v<M, CustomMember<C>>) {
            if (m.validate) m.validate(c);
          } else {
            using T = std::remove_cvref_t<decltype(c.*m)>;
            const T& value = c.*m;
            if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, nlohmann::json>) {
              (void)value;
            } else if constexpr (std::is_arithmetic_v<T>) {
              if (!i.range.contains(static_cast<double>(value))) {
                config_detail::fail_range(info_.scope, style_, i, number_text(value),
                                          std::is_integral_v<T>);
              }
            } else if constexpr (std::is_same_v<T, std::string>) {
              if (!i.choices.empty() &&
                  std::find(i.choices.begin(), i.choices.end(), value) == i.choices.end()) {
                config_detail::fail_choice(info_.scope, style_, i, value);
              }
            } else {  // lists
              if (i.non_empty && value.empty()) config_detail::fail_empty(info_.scope, i);
              if constexpr (!std::is_same_v<T, std::vector<std::string>>) {
                for (const auto& e : value) {
                  if (!i.range.contains(static_cast<double>(e))) {
                    config_detail::fail_element(info_.scope, style_, i, std::to_string(e));
                  }
                }
              }
              if (i.distinct) {
                for (auto it = value.begin(); it != value.end(); ++it) {
                  if (std::find(value.begin(), it, *it) == it) continue;
                  if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                    config_detail::fail_duplicate(info_.scope, i, "'" + *it + "'");
                  } else {
                    config_detail::fail_duplicate(info_.scope, i, std::to_string(*it));
                  }
                }
              }
            }
          }
        },
        f.member);
  }

  template <typename T>
  static std::string number_text(T v) {
    if constexpr (std::is_integral_v<T>) {
      return std::to_string(v);
    } else {
      return format_number(static_cast<double>(v));
    }
  }

  SchemaInfo info_;
  RangeMessages style_;
  std::vector<FieldSpec<C>> fields_;
};

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

}  // namespace metacf
