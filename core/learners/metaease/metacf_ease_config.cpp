#include "core/learners/metaease/metacf_ease_config.h"

#include "core/config/config_schema.h"

namespace metacf {

const ConfigSchema<MetaEaseConfig>& meta_ease_config_schema() {
  using C = MetaEaseConfig;
  static const ConfigSchema<C> schema(
      "metacf_ease config", RangeMessages::kInterval,
      {field("lambda", &C::lambda, above_up_to(0, 1e7), "L2 weight λ",
             "Regularisation of ease's item-item weights it starts from (ease's default)"),
       field("min_gain_se", &C::min_gain_se, between(0, 10), "Guard (standard errors)",
             "A support size mixes in popularity only when that wins HR@10 on the meta-training "
             "users by this many paired standard errors; else it keeps ease alone"),
       field("draws", &C::draws, between(1, 64), "Draws per user",
             "Each meta-training user's task and draws - 1 redraws of her records into support and "
             "query that the mixes are chosen on (one on a published split, whose tasks are as "
             "written)"),
       field("max_tasks", &C::max_tasks, between(1, 1e7), "Tasks",
             "At most this many tasks (users x draws) choose the mixes, from users evenly spread"),
       field("memory_budget_mib", &C::memory_budget_mib, between(0, 16777216.0),
             "Memory budget (MiB)",
             "What the dense n x n float matrix may take; 0: a quarter of physical memory")});
  return schema;
}

void MetaEaseConfig::validate() const { meta_ease_config_schema().validate(*this); }

void to_json(nlohmann::json& j, const MetaEaseConfig& c) { j = meta_ease_config_schema().write(c); }

void from_json(const nlohmann::json& j, MetaEaseConfig& c) {
  meta_ease_config_schema().read(j, c, UnknownKeys::kReject);
}

}  // namespace metacf
