#include "core/simulate/new_user_simulation.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <stdexcept>

#include "core/eval/serve_top_n.h"
#include "core/experiment/stored_run.h"
#include "core/learners/learner_factory.h"
#include "core/learners/registry.h"

namespace metacf {
namespace {

using Clock = std::chrono::steady_clock;
double micros(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::micro>(b - a).count();
}

Eigen::MatrixXf matrix_from(const NamedTensor& t) {
  using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  return Eigen::Map<const RowMajor>(t.values.data(), t.rows, t.cols);
}

// Each entry's rank in `before` (none when it was not there), written to `field`.
void mark_movement(std::vector<RankedItem>& list, const std::vector<RankedItem>* before,
                   std::optional<int> RankedItem::*field) {
  if (!before) return;
  for (auto& entry : list) {
    for (const auto& old : *before) {
      if (old.item == entry.item) {
        entry.*field = old.rank;
        break;
      }
    }
  }
}

}  // namespace

std::vector<StoredLearnerKey> stored_learners(ExperimentStore& store, std::int64_t run_id) {
  std::vector<StoredLearnerKey> out;
  std::set<std::uint64_t> seeds_with_q;
  for (const auto& s : store.stored_parameters(run_id)) {
    if (s.learner == kItemEmbeddingsKey) {
      seeds_with_q.insert(s.seed);
    } else {
      out.push_back({s.learner, s.k, s.seed});
    }
  }
  std::set<StoredLearnerKey> without_tensors;
  for (const auto& row : store.result_learners(run_id)) {
    const StoredLearnerKey key{row.learner, row.k, row.seed};
    if (!seeds_with_q.contains(row.seed)) continue;
    if (std::find(out.begin(), out.end(), key) == out.end()) without_tensors.insert(key);
  }
  out.insert(out.end(), without_tensors.begin(), without_tensors.end());
  return out;
}

StoredLearner load_stored_learner(ExperimentStore& store, std::int64_t run_id,
                                  const std::string& name, std::optional<int> k,
                                  std::optional<std::uint64_t> seed) {
  const RunRecord run = store.run(run_id);  // throws when there is no such run
  const auto servable = stored_learners(store, run_id);
  const StoredLearnerKey* chosen = nullptr;
  std::string available;
  for (const auto& s : servable) {
    available += (available.empty() ? "" : ", ") + s.name + " K=" + std::to_string(s.k) + " seed " +
                 std::to_string(s.seed);
    if (!chosen && s.name == name && (!k || s.k == *k) && (!seed || s.seed == *seed)) chosen = &s;
  }
  if (!chosen) {
    throw std::runtime_error(
        "run " + std::to_string(run_id) + " has no stored " + name +
        (k ? " K=" + std::to_string(*k) : std::string()) +
        (seed ? " seed " + std::to_string(*seed) : std::string()) +
        (available.empty() ? "; it stored no learners" : "; stored: " + available));
  }
  const auto q_tensors = store.load_parameters(run_id, kItemEmbeddingsKey, chosen->seed, 0);
  const auto descriptor = find_learner(name);
  const bool reads_q = !descriptor || descriptor->capabilities.reads_item_matrix;
  if (q_tensors.empty() && reads_q) {
    throw std::runtime_error("run " + std::to_string(run_id) + " has no item matrix for seed " +
                             std::to_string(chosen->seed));
  }
  StoredLearner out;
  out.name = name;
  out.k = chosen->k;
  out.seed = chosen->seed;
  if (!q_tensors.empty()) {
    out.Q = std::make_shared<const Eigen::MatrixXf>(matrix_from(q_tensors.front()));
  }
  const nlohmann::json overrides = run.config.value("learner_configs", nlohmann::json::object())
                                       .value(name, nlohmann::json::object());
  out.learner = make_learner(name, overrides, chosen->k, chosen->seed);
  out.learner->load_parameters(store.load_parameters(run_id, name, chosen->seed, chosen->k), out.Q);
  return out;
}

NewUserSimulation::NewUserSimulation(const Learner& learner, int steps, std::int32_t num_items,
                                     std::uint64_t seed)
    : learner_(learner), steps_(steps), num_items_(num_items), seed_(seed) {}

ClickUpdate NewUserSimulation::update(std::span<const std::int32_t> clicks, int top_n,
                                      const std::vector<RankedItem>* previous_final) const {
  for (auto v : clicks) {
    if (v < 0 || v >= num_items_) throw std::out_of_range("clicked item index out of range");
  }
  ClickUpdate out;
  out.clicks.assign(clicks.begin(), clicks.end());
  // The same stream for every prefix length: adapting s steps repeats the first s steps of
  // adapting K, so timing each prefix gives each step's own cost.
  const Rng base(seed_);
  std::vector<double> prefix_us(static_cast<std::size_t>(steps_) + 1, 0.0);
  std::vector<UserState> states;
  // A few microseconds per step: the fastest of a few repeats keeps timer noise and cold
  // caches from inventing or hiding a step's cost.
  constexpr int kRepeats = 5;
  for (int s = 0; s <= steps_; ++s) {
    double fastest = 0;
    for (int r = 0; r < kRepeats; ++r) {
      Rng rng = base;
      const auto start = Clock::now();
      auto prefix = learner_.adapt(clicks, s, rng);
      const double us = micros(start, Clock::now());
      fastest = r == 0 ? us : std::min(fastest, us);
      if (s == steps_ && r == 0) states = std::move(prefix);
    }
    prefix_us[static_cast<std::size_t>(s)] = fastest;
  }
  Eigen::VectorXf scores(num_items_);
  out.steps.reserve(static_cast<std::size_t>(steps_) + 1);  // `before` points into it
  const std::vector<RankedItem>* before = previous_final;
  for (int s = 0; s <= steps_; ++s) {
    StepList list;
    list.step = s;
    list.params = states[static_cast<std::size_t>(s)].params;
    list.adapt_us = s == 0 ? prefix_us[0]
                           : std::max(0.0, prefix_us[static_cast<std::size_t>(s)] -
                                               prefix_us[static_cast<std::size_t>(s) - 1]);
    const auto start = Clock::now();
    const auto top =
        serve_top_n(learner_, states[static_cast<std::size_t>(s)], top_n, clicks, scores);
    list.rank_us = micros(start, Clock::now());
    for (std::size_t i = 0; i < top.size(); ++i) {
      list.items.push_back(
          {top[i].item, top[i].score, static_cast<int>(i) + 1, std::nullopt, std::nullopt});
    }
    mark_movement(list.items, before, &RankedItem::previous_rank);
    mark_movement(list.items, previous_final, &RankedItem::rank_before_click);
    out.steps.push_back(std::move(list));
    before = &out.steps.back().items;
  }
  // The total counts one adaptation of K steps, not the timing prefixes above.
  double total = prefix_us.back();
  for (const auto& list : out.steps) total += list.rank_us;
  out.total_us = total;
  return out;
}

std::vector<ClickUpdate> NewUserSimulation::replay(std::span<const std::int32_t> clicks,
                                                   int top_n) const {
  std::vector<ClickUpdate> updates;
  for (std::size_t n = 1; n <= clicks.size(); ++n) {
    const std::vector<RankedItem>* previous =
        updates.empty() ? nullptr : &updates.back().steps.back().items;
    updates.push_back(update(clicks.subspan(0, n), top_n, previous));
  }
  return updates;
}

}  // namespace metacf
