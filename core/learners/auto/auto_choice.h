#pragma once
// What metacf_auto chose on its validation users and why: the blend weights, every candidate's
// validation HR/NDCG, and the margin the best blend had to clear. Stored as tensors with the
// learner, so a stored run can say what it chose without refitting.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/model/learner.h"

namespace metacf {

struct AutoCandidate {
  std::string name;
  double weight = 0;  // in the chosen blend; 0 when not part of it
  double hr = 0;      // validation HR@10 of this candidate alone
  double ndcg = 0;    // validation NDCG@10 of this candidate alone
};

// The best blend on the validation users and the margin it had to clear (auto_margin.h).
struct BlendMargin {
  std::vector<double> weights;  // the best blend, in candidate order (the single when no blend
                                // beat it)
  double pooled_gain = 0;       // its mean per-user HR@10 gain over the best single candidate
  double pooled_se = 0;         // the paired standard error of that gain
  double crossed_gain = 0;      // the same with weights chosen without each fold's users
  double crossed_se = 0;
  double min_gain_se = 1;  // both gains had to exceed this many of their standard errors
  bool measured = false;   // a blend beat the best single on the pooled users, and the
                           // out-of-fold gain was measured
  bool blend = false;      // it cleared both margins and is served
};

struct AutoChoice {
  std::vector<AutoCandidate> candidates;  // in the configured candidate order
  double hr = 0;                          // validation HR@10 of the chosen blend
  double ndcg = 0;                        // validation NDCG@10 of the chosen blend
  std::int64_t validation_users = 0;
  std::optional<BlendMargin> margin;  // absent in runs stored before it was recorded

  [[nodiscard]] const AutoCandidate& best_single() const;  // by HR, then NDCG, then order
  // "chose ease alone; validation HR@10 0.112 vs best single 0.112 (ease), 424 validation
  // users; best blend 0.6 itemknn + 0.4 ease: +0.0040 (SE 0.0021), out of fold -0.0010 (SE
  // 0.0023); not past 1 SE in both, so the single"
  [[nodiscard]] std::string summary() const;
};

// Tensor names: "candidate/<name>" = [weight, hr, ndcg]; "choice" = [hr, ndcg, users];
// "blend_margin" = [pooled gain, its SE, out-of-fold gain, its SE, min_gain_se, measured,
// blend]; "best_blend" = the best blend's weights in candidate order.
void append_choice_tensors(const AutoChoice& choice, std::vector<NamedTensor>& out);
// Empty when the tensors hold no choice (not a metacf_auto learner).
std::optional<AutoChoice> choice_from_tensors(std::span<const NamedTensor> tensors);

}  // namespace metacf
