#include "core/learners/registry.h"

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace metacf {

std::vector<LearnerEntry> builtin_learner_entries();  // builtin_learners.cpp

namespace {

std::vector<LearnerEntry>& entries() {
  static std::vector<LearnerEntry> all = builtin_learner_entries();
  return all;
}

// The descriptor of `name` and the index of its entry (registration order).
std::optional<std::pair<LearnerDescriptor, std::size_t>> lookup(const std::string& name) {
  const auto& all = entries();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].learner.name == name) return std::make_pair(all[i].learner, i);
    if (all[i].variant) {
      if (auto v = all[i].variant(name)) return std::make_pair(std::move(*v), i);
    }
  }
  return std::nullopt;
}

std::optional<std::pair<LearnerDescriptor, std::size_t>> lookup_quietly(const std::string& name) {
  try {
    return lookup(name);
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
}

// The available name whose key is largest; empty when none qualifies (key returns nullopt).
template <typename Key>
std::string best_of(const std::vector<std::string>& available, Key key) {
  std::string best;
  decltype(key(std::declval<const LearnerDescriptor&>(), std::size_t{})) best_key;
  for (const auto& name : available) {
    const auto found = lookup_quietly(name);
    if (!found) continue;
    const auto k = key(found->first, found->second);
    if (k && (!best_key || *k > *best_key)) {
      best_key = k;
      best = name;
    }
  }
  return best;
}

}  // namespace

void register_learner(LearnerEntry entry) {
  if (is_known_learner(entry.learner.name)) {
    throw std::invalid_argument("a learner named " + entry.learner.name + " is already registered");
  }
  entries().push_back(std::move(entry));
}

std::vector<std::string> learner_names() {
  std::vector<std::string> names;
  for (const auto& e : entries()) {
    names.push_back(e.learner.name);
    names.insert(names.end(), e.variant_names.begin(), e.variant_names.end());
  }
  return names;
}

std::vector<std::string> default_learner_names() {
  std::vector<std::string> names;
  for (const auto& e : entries()) {
    if (e.learner.origin == LearnerOrigin::kPaper) names.push_back(e.learner.name);
  }
  return names;
}

std::string default_reference_learner() {
  const auto names = default_learner_names();
  return names.empty() ? std::string() : names.front();
}

std::optional<LearnerDescriptor> find_learner(const std::string& name) {
  auto found = lookup(name);
  if (!found) return std::nullopt;
  return std::move(found->first);
}

bool any_reads_item_matrix(const std::vector<std::string>& learners) {
  return std::any_of(learners.begin(), learners.end(), [](const std::string& name) {
    try {
      const auto learner = find_learner(name);
      return !learner || learner->capabilities.reads_item_matrix;
    } catch (const std::invalid_argument&) {
      return true;  // a malformed name: its own check refuses it
    }
  });
}

LearnerDescriptor describe_learner(const std::string& name) {
  if (auto found = find_learner(name)) return std::move(*found);
  std::string known;
  for (const auto& n : learner_names()) known += (known.empty() ? "" : ", ") + n;
  throw std::invalid_argument("unknown learner \"" + name + "\"; known learners: " + known);
}

bool is_known_learner(const std::string& name) { return lookup_quietly(name).has_value(); }

std::string preferred_simulator_learner(const std::vector<std::string>& available) {
  return best_of(available, [](const LearnerDescriptor& d, std::size_t index) {
    using Key = std::tuple<bool, bool, bool, std::size_t>;
    if (!d.capabilities.adapts) return std::optional<Key>();
    return std::optional<Key>(
        Key{d.capabilities.meta_trains, d.origin == LearnerOrigin::kPaper, !d.is_variant(), index});
  });
}

std::string preferred_comparison_learner(const std::vector<std::string>& available,
                                         const std::string& avoid) {
  return best_of(available, [&avoid](const LearnerDescriptor& d, std::size_t index) {
    using Key = std::tuple<bool, bool, bool, long long>;
    if (d.name == avoid) return std::optional<Key>();
    return std::optional<Key>(Key{!d.capabilities.meta_trains, d.capabilities.adapts,
                                  !d.is_variant(), -static_cast<long long>(index)});
  });
}

void check_no_settings(const std::string& learner, const nlohmann::json& config) {
  if (config.is_object() && !config.empty()) {
    throw std::invalid_argument(learner + " takes no settings (got '" + config.begin().key() +
                                "')");
  }
}

}  // namespace metacf
