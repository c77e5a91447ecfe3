#pragma once
// j.value(key, fallback) for configurations, with whole numbers read strictly. nlohmann's own
// conversion casts a float such as 1e300 or -1.5 into an int (undefined behaviour, found by
// fuzz/experiment_config_fuzz) and silently wraps an integer past the field's range, so a typo
// in a configuration became some other number. Here both are std::invalid_argument naming the
// field; every other type is read as j.value reads it.
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "core/util/json_text.h"

namespace metacf {
namespace json_detail {

template <typename T>
T whole_number(const nlohmann::json& v, const char* key) {
  using Limits = std::numeric_limits<T>;
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u <= static_cast<std::uint64_t>(Limits::max())) return static_cast<T>(u);
  } else if (v.is_number_integer()) {
    const auto s = v.get<std::int64_t>();
    if constexpr (std::is_signed_v<T>) {
      if (s >= static_cast<std::int64_t>(Limits::min()) &&
          s <= static_cast<std::int64_t>(Limits::max())) {
        return static_cast<T>(s);
      }
    } else {
      if (s >= 0 && static_cast<std::uint64_t>(s) <= Limits::max()) return static_cast<T>(s);
    }
  }
  throw std::invalid_argument("'" + std::string(key) + "' must be a whole number from " +
                              std::to_string(Limits::min()) + " to " +
                              std::to_string(Limits::max()) + " (got " + json_text(v) + ")");
}

template <typename T>
constexpr bool kWholeNumber = std::is_integral_v<T> && !std::is_same_v<T, bool>;
template <typename T>
struct WholeNumbers : std::false_type {};
template <typename T>
struct WholeNumbers<std::vector<T>> : std::bool_constant<kWholeNumber<T>> {};

}  // namespace json_detail

template <typename T>
T json_value(const nlohmann::json& j, const char* key, const T& fallback) {
  if constexpr (json_detail::kWholeNumber<T> || json_detail::WholeNumbers<T>::value) {
    if (!j.is_object()) return j.value(key, fallback);  // the same type_error as j.value
    const auto it = j.find(key);
    if (it == j.end()) return fallback;
    if constexpr (json_detail::kWholeNumber<T>) {
      return json_detail::whole_number<T>(*it, key);
    } else {
      if (!it->is_array()) return it->template get<T>();  // the usual type_error
      T out;
      for (const auto& element : *it) {
        out.push_back(json_detail::whole_number<typename T::value_type>(element, key));
      }
      return out;
    }
  } else {
    return j.value(key, fallback);
  }
}

}  // namespace metacf
