#include "core/learners/auto/auto_choice.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace metacf {
namespace {

const std::string kCandidatePrefix = "candidate/";
const std::string kChoiceName = "choice";
const std::string kMarginName = "blend_margin";
const std::string kBestBlendName = "best_blend";
constexpr std::size_t kMarginValues = 7;

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

namespace {

// "0.6 itemknn + 0.4 ease", or "ease alone".
std::string mix_of(const std::vector<AutoCandidate>& candidates,
                   const std::vector<double>& weights) {
  std::string mix, alone;
  int parts = 0;
  for (std::size_t i = 0; i < candidates.size() && i < weights.size(); ++i) {
    if (weights[i] <= 0) continue;
    mix += (mix.empty() ? "" : " + ") + fixed(weights[i], "%.2g") + " " + candidates[i].name;
    alone = candidates[i].name + " alone";
    ++parts;
  }
  return parts == 1 ? alone : mix;
}

std::string margin_note(const BlendMargin& m, const std::vector<AutoCandidate>& candidates) {
  if (std::count_if(m.weights.begin(), m.weights.end(), [](double w) { return w > 0; }) < 2) {
    return "; no blend did better on these users";
  }
  const std::string times = fixed(m.min_gain_se, "%.3g") + " SE";
  std::string note = "; best blend " + mix_of(candidates, m.weights) + ": " +
                     fixed(m.pooled_gain, "%+.4f") + " (SE " + fixed(m.pooled_se, "%.4f") + ")";
  if (!m.measured) return note + ", out of fold not measured, so the single";
  note += ", out of fold " + fixed(m.crossed_gain, "%+.4f") + " (SE " +
          fixed(m.crossed_se, "%.4f") + ")";
  if (m.min_gain_se <= 0) return note + "; no margin asked, so the blend";
  return note + (m.blend ? "; past " + times + " in both, so the blend"
                         : "; not past " + times + " in both, so the single");
}

}  // namespace

std::string AutoChoice::summary() const {
  std::vector<double> weights;
  for (const auto& c : candidates) weights.push_back(c.weight);
  const AutoCandidate& best = best_single();
  std::string out = "chose " + mix_of(candidates, weights) + "; validation HR@10 " +
                    fixed(hr, "%.3f") + " vs best single " + fixed(best.hr, "%.3f") + " (" +
                    best.name + "), " + std::to_string(validation_users) + " validation users";
  if (margin) out += margin_note(*margin, candidates);
  return out;
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
  if (!choice.margin) return;
  const BlendMargin& m = *choice.margin;
  out.push_back(
      {kMarginName,
       1,
       static_cast<std::int64_t>(kMarginValues),
       {static_cast<float>(m.pooled_gain), static_cast<float>(m.pooled_se),
        static_cast<float>(m.crossed_gain), static_cast<float>(m.crossed_se),
        static_cast<float>(m.min_gain_se), m.measured ? 1.0f : 0.0f, m.blend ? 1.0f : 0.0f}});
  NamedTensor weights{kBestBlendName, 1, static_cast<std::int64_t>(m.weights.size()), {}};
  for (const double w : m.weights) weights.values.push_back(static_cast<float>(w));
  out.push_back(std::move(weights));
}

std::optional<AutoChoice> choice_from_tensors(std::span<const NamedTensor> tensors) {
  AutoChoice choice;
  bool found = false;
  std::optional<BlendMargin> margin;
  std::vector<double> best_blend;
  for (const auto& t : tensors) {
    if (t.name == kMarginName && t.values.size() == kMarginValues) {
      margin.emplace();
      margin->pooled_gain = t.values[0];
      margin->pooled_se = t.values[1];
      margin->crossed_gain = t.values[2];
      margin->crossed_se = t.values[3];
      margin->min_gain_se = t.values[4];
      margin->measured = t.values[5] != 0;
      margin->blend = t.values[6] != 0;
    } else if (t.name == kBestBlendName) {
      best_blend.assign(t.values.begin(), t.values.end());
    }
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
  if (margin && best_blend.size() == choice.candidates.size()) {
    margin->weights = std::move(best_blend);
    choice.margin = std::move(margin);
  }
  return choice;
}

}  // namespace metacf
