#include "core/experiment/experiment_config.h"

#include <algorithm>
#include <stdexcept>

#include "core/util/json_value.h"

namespace metacf {

void ExperimentConfig::validate() const {
  auto fail = [](const std::string& what) { throw std::invalid_argument("experiment: " + what); };
  split.validate();
  pretrain.validate();
  if (learners.empty()) fail("choose at least one learner");
  if (ks.empty()) fail("choose at least one K");
  for (int k : ks) {
    if (k < 0 || k > 20) fail("each K must be in 0..20 (got " + std::to_string(k) + ")");
  }
  for (int s : support_sizes) {
    if (s < 1 || s > 50) fail("each support size must be in 1..50 (got " + std::to_string(s) + ")");
  }
  if (seeds.empty()) fail("choose at least one seed");
  if (top_n < 1 || top_n > 100) fail("top_n must be in 1..100");
  if (sampled_candidates < 1) fail("sampled_candidates must be >= 1");
  if (!(validation_share >= 0 && validation_share < 0.5)) fail("validation_share must be in [0, 0.5)");
  if (validate_every < 1) fail("validate_every must be >= 1");
  if (max_validation_users < 1) fail("max_validation_users must be >= 1");
  if (max_validation_scores < 1) fail("max_validation_scores must be >= 1");
  if (!learner_configs.is_object()) fail("learner_configs must be an object keyed by learner name");
}

void to_json(nlohmann::json& j, const ExperimentConfig& c) {
  j = {{"split", c.split},
       {"pretrain", c.pretrain},
       {"learners", c.learners},
       {"ks", c.ks},
       {"support_sizes", c.support_sizes},
       {"seeds", c.seeds},
       {"protocol", protocol_name(c.protocol)},
       {"top_n", c.top_n},
       {"sampled_candidates", c.sampled_candidates},
       {"validation_share", c.validation_share},
       {"max_validation_users", c.max_validation_users},
       {"validate_every", c.validate_every},
       {"max_validation_scores", c.max_validation_scores},
       {"baseline", c.baseline},
       {"learner_configs", c.learner_configs}};
}

void from_json(const nlohmann::json& j, ExperimentConfig& c) {
  const ExperimentConfig d;
  c.split = json_value(j, "split", d.split);
  c.pretrain = json_value(j, "pretrain", d.pretrain);
  c.learners = json_value(j, "learners", d.learners);
  c.ks = json_value(j, "ks", d.ks);
  c.support_sizes = json_value(j, "support_sizes", d.support_sizes);
  c.seeds = json_value(j, "seeds", d.seeds);
  c.protocol = parse_protocol(j.value("protocol", protocol_name(d.protocol)));
  c.top_n = json_value(j, "top_n", d.top_n);
  c.sampled_candidates = json_value(j, "sampled_candidates", d.sampled_candidates);
  c.validation_share = json_value(j, "validation_share", d.validation_share);
  c.max_validation_users = json_value(j, "max_validation_users", d.max_validation_users);
  c.validate_every = json_value(j, "validate_every", d.validate_every);
  c.max_validation_scores = json_value(j, "max_validation_scores", d.max_validation_scores);
  c.baseline = json_value(j, "baseline", d.baseline);
  c.learner_configs = json_value(j, "learner_configs", d.learner_configs);
}

}  // namespace metacf
