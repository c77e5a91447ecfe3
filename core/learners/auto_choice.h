#pragma once
// What metacf_auto chose on its validation slice and why: the blend weights and every
// candidate's validation HR/NDCG. Stored as tensors with the learner, so a stored run can
// say what it chose without refitting.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/learners/learner.h"

namespace metacf {

struct AutoCandidate {
  std::string name;
  double weight = 0;  // in the chosen blend; 0 when not part of it
  double hr = 0;      // validation HR@10 of this candidate alone
  double ndcg = 0;    // validation NDCG@10 of this candidate alone
};

struct AutoChoice {
  std::vector<AutoCandidate> candidates;  // in the configured candidate order
  double hr = 0;                          // validation HR@10 of the chosen blend
  double ndcg = 0;                        // validation NDCG@10 of the chosen blend
  std::int64_t validation_users = 0;

  [[nodiscard]] const AutoCandidate& best_single() const;  // by HR, then NDCG, then order
  // "chose 0.6 metacf_p_linear + 0.4 itemknn; validation HR@10 0.112 vs best single 0.104
  // (itemknn)"
  [[nodiscard]] std::string summary() const;
};

// Tensor names: "candidate/<name>" = [weight, hr, ndcg]; "choice" = [hr, ndcg, users].
void append_choice_tensors(const AutoChoice& choice, std::vector<NamedTensor>& out);
// Empty when the tensors hold no choice (not a metacf_auto learner).
std::optional<AutoChoice> choice_from_tensors(std::span<const NamedTensor> tensors);

}  // namespace metacf
