#pragma once
// metacf_ease's settings. Its default is the same on every data set: ease's lambda, and the
// guard that keeps ease alone for a support size unless a mix wins beyond noise.
#include <cstdint>
#include <nlohmann/json.hpp>

namespace metacf {

struct MetaEaseConfig {
  // L2 weight lambda of the ease solve it starts from (ease's default). (0, 1e7].
  double lambda = 10000.0;
  // A support size's popularity mix replaces 0 (ease alone) only when its HR@10 gain on the
  // meta-training users of that size exceeds this many paired standard errors. [0, 10].
  double min_gain_se = 1.0;
  // Draws per meta-training user: her task, then draws - 1 redraws of her records into a
  // support and a query of the same sizes, a user's draws one observation in the guard. 1 (the
  // default) chooses on the tasks as written: 8 changed nothing on MovieLens 100K's new users
  // and took 2.7-2.8x ease's fit (docs/reproduction.md). A published split's tasks have no other
  // draw (Split::published_tasks): one each there whatever this says. [1, 64].
  int draws = 1;
  // Tasks (users x draws) the gate is chosen on, from users evenly spread over the split's order
  // when there are more (each task holds one score per item while fitting). [1, 10^7].
  std::int64_t max_tasks = 4000;
  // MiB the dense n x n float matrix may take; 0: a quarter of physical memory, as for ease.
  std::int64_t memory_budget_mib = 0;

  void validate() const;  // throws std::invalid_argument naming the field and its range
};
void to_json(nlohmann::json& j, const MetaEaseConfig& c);
void from_json(const nlohmann::json& j, MetaEaseConfig& c);  // unknown keys are errors
template <class C>
class ConfigSchema;
const ConfigSchema<MetaEaseConfig>& meta_ease_config_schema();

}  // namespace metacf
