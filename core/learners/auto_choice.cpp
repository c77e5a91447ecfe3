#include "core/learners/auto_choice.h"

#include <cstdio>
#include <stdexcept>

namespace metacf {
namespace {

const std::string kCandidatePrefix = "candidate/";
const std::string kChoiceName = "choice";

std::string fixed(double value, const char* format) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

}  // namespace

const AutoCandidate& AutoChoice::best_single() const {
  if (candidates.empty()) throw std::logic_error("metacf_auto: a choice without candidates");
  const AutoCandidate* best = &candidates.front();
  for (const auto& c : candidates) {
    if (c.hr > best->hr || (c.hr == best->hr && c.ndcg > best->ndcg)) best = &c;
  }
  return *best;
}

std::string AutoChoice::summary() const {
  std::string mix;
  int parts = 0;
  for (const auto& c : candidates) {
    if (c.weight <= 0) continue;
    mix += (mix.empty() ? "" : " + ") + fixed(c.weight, "%.2g") + " " + c.name;
    ++parts;
  }
  const AutoCandidate& best = best_single();
  if (parts == 1) {
    for (const auto& c : candidates) {
      if (c.weight > 0) mix = c.name + " alone";
    }
  }
  return "chose " + mix + "; validation HR@10 " + fixed(hr, "%.3f") + " vs best single " +
         fixed(best.hr, "%.3f") + " (" + best.name + "), " + std::to_string(validation_users) +
         " validation users";
}

void append_choice_tensors(const AutoChoice& choice, std::vector<NamedTensor>& out) {
  out.push_back({kChoiceName,
                 1,
                 3,
                 {static_cast<float>(choice.hr), static_cast<float>(choice.ndcg),
                  static_cast<float>(choice.validation_users)}});
  for (const auto& c : choice.candidates) {
    out.push_back(
        {kCandidatePrefix + c.name,
         1,
         3,
         {static_cast<float>(c.weight), static_cast<float>(c.hr), static_cast<float>(c.ndcg)}});
  }
}

std::optional<AutoChoice> choice_from_tensors(std::span<const NamedTensor> tensors) {
  AutoChoice choice;
  bool found = false;
  for (const auto& t : tensors) {
    if (t.values.size() != 3) continue;
    if (t.name == kChoiceName) {
      choice.hr = t.values[0];
      choice.ndcg = t.values[1];
      choice.validation_users = static_cast<std::int64_t>(t.values[2]);
      found = true;
    } else if (t.name.rfind(kCandidatePrefix, 0) == 0) {
      choice.candidates.push_back(
          {t.name.substr(kCandidatePrefix.size()), t.values[0], t.values[1], t.values[2]});
    }
  }
  if (!found || choice.candidates.empty()) return std::nullopt;
  return choice;
}

}  // namespace metacf
