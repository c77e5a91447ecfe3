#pragma once
// metacf_ease's meta-learned part. A new user with k support items scores item v as
//   score(v) = s(v) + r_k * f(v),
// s = ease's item-item score of her support (scaled to unit mean magnitude), f = the item's
// standardised log popularity among the training records; one mix r_k per support size
// k = 1 .. kGateSizes (larger supports share the last). Each r_k is chosen across the
// meta-training users with k clicks, each scored on her task (and on redraws of her records
// into a support and a query of the same sizes when the config asks: task_redraws.h), her
// support scored by ease fitted without her, on the protocol's own measure (HR@10 of her query
// over every item outside her support). r_k stays at 0 (ease alone) unless its gain over 0
// exceeds a paired standard error over users (a user's draws are one observation: they share
// her records): one click and five clicks get different mixes of the item-item evidence and
// the popularity prior.
#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/util/job.h"

namespace metacf {

inline constexpr int kGateSizes = 5;

struct SupportGate {
  Eigen::VectorXf mix = Eigen::VectorXf::Zero(kGateSizes);     // r_1 .. r_G
  [[nodiscard]] static int size_of(std::size_t support_size);  // 0-based gate of a support
  [[nodiscard]] float popularity_weight(std::size_t support_size) const {
    return mix[size_of(support_size)];
  }
};

// One meta-training user as the gate sees her: ease's (scaled) scores of her support from a
// solve without her records, and the popularity feature without her records (shared by every
// task but on `own_items`, whose values are `own_popularity`).
struct GateTask {
  std::int32_t user = 0;  // whose records: her draws are averaged before the standard error
  Eigen::VectorXf ease;
  std::vector<std::int32_t> support;
  std::vector<std::int32_t> query;
  std::vector<std::int32_t> own_items;
  std::vector<float> own_popularity;
};

// The mixes tried for every support size: 0, then both signs of a geometric ladder.
std::vector<float> gate_mix_grid();

// HR@10 of the task's query under s + r f, for each r of `grid`.
std::vector<double> gate_task_hits(const GateTask& task, const Eigen::VectorXf& popularity,
                                   std::span<const float> grid);

// What the choice saw for one support size, for the fit note.
struct GateChoice {
  std::int64_t tasks = 0;
  std::int64_t users = 0;
  float mix = 0;
  double gain = 0;      // mean HR@10 gain of `mix` over 0 on these tasks
  double gain_se = 0;   // its paired standard error over users
  double best_raw = 0;  // the grid's best mix before the guard
};

// Chooses r_k per support size on `tasks` (min_gain_se: the guard's standard errors).
// Deterministic whatever the thread count; checks `job` between tasks.
SupportGate choose_support_gate(std::span<const GateTask> tasks, const Eigen::VectorXf& popularity,
                                double min_gain_se, JobControl& job,
                                std::vector<GateChoice>* choices = nullptr);

}  // namespace metacf
