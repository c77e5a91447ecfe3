#include "core/experiment/experiment_config.h"

#include <algorithm>
#include <stdexcept>

#include "core/config/config_schema.h"

namespace metacf {
namespace {

// The protocol is an enum written by name; parse_protocol's error names the bad value.
FieldSpec<ExperimentConfig> protocol_field() {
  FieldInfo info;
  info.key = "protocol";
  info.label = "Protocol";
  info.doc =
      "full: rank every item but the support (the paper's); sampled: each query item "
      "against sampled_candidates unrated items, not comparable to full";
  info.kind = FieldKind::kText;
  info.choices = {protocol_name(Protocol::kFull), protocol_name(Protocol::kSampled)};
  CustomMember<ExperimentConfig> custom{
      [](const ExperimentConfig& c) { return nlohmann::json(protocol_name(c.protocol)); },
      [](const nlohmann::json& v, ExperimentConfig& c, UnknownKeys) {
        c.protocol = parse_protocol(v.get<std::string>());
      },
      {}};
  return {std::move(info), MemberPointer<ExperimentConfig>(std::move(custom))};
}

}  // namespace

const ConfigSchema<ExperimentConfig>& experiment_config_schema() {
  using C = ExperimentConfig;
  static const ConfigSchema<C> schema(
      "experiment", RangeMessages::kSentence,
      {section("split", &C::split, split_config_schema(), "Split",
               "The three user groups and the records of each task"),
       section("pretrain", &C::pretrain, pretrain_config_schema(), "Pretraining",
               "Matrix factorisation on the pretraining users; its Q is frozen afterwards"),
       // The lists are distinct: a learner, seed, K or support size listed twice would pool the
       // same users' results more than once and narrow every paired interval as if they were new.
       field("learners", &C::learners, "Learners", "Learners to train and evaluate, by name")
           .each("learner")
           .required()
           .distinct(),
       field("ks", &C::ks, between(0, 20), "K values",
             "Local steps K (Table 3 sweeps them); K = 0 scores the initial embedding unadapted")
           .each("K")
           .required()
           .distinct(),
       field("support_sizes", &C::support_sizes, between(1, 50), "Support sizes",
             "Fig. 2: fixed meta-test support sizes; empty = each task's natural support")
           .each("support size")
           .distinct(),
       field("seeds", &C::seeds, at_least(0), "Seeds",
             "One split, pretraining and evaluation per seed; results are paired per user")
           .each("seed")
           .required()
           .distinct(),
       protocol_field(),
       field("top_n", &C::top_n, between(1, 100), "Top N", "The N of HR@N and NDCG@N"),
       field("sampled_candidates", &C::sampled_candidates, between(1, 100000), "Sampled candidates",
             "Distinct unrated items each query item is ranked against in the sampled "
             "protocol (drawn without replacement; all of them when a user has no more)"),
       field("validation_share", &C::validation_share, from_below(0, 0.5), "Validation share",
             "Share of meta-training users held out for validation curves and choices"),
       field("max_validation_users", &C::max_validation_users, between(1, 10000000),
             "Validation users",
             "At most this many held-out users: each check ranks every item per user"),
       field("validate_every", &C::validate_every, between(1, 100000), "Validate every",
             "Meta-epochs between validation points"),
       field("max_validation_scores", &C::max_validation_scores, between(1, 2e9),
             "Validation scores",
             "User-item pairs one validation point of a meta-trained learner may score"),
       field("memory_budget_mib", &C::memory_budget_mib, between(0, 16777216),
             "Memory budget (MiB)",
             "A run whose estimated peak memory exceeds it is refused; 0: half of physical memory"),
       field("baseline", &C::baseline, "Reference",
             "The learner paired differences are taken against"),
       field("learner_configs", &C::learner_configs, "Learner settings",
             "Learner name -> its settings that differ from the defaults")});
  return schema;
}

void ExperimentConfig::validate() const {
  experiment_config_schema().validate(*this);
  for (const auto& name : learners) {
    if (!is_known_learner(name)) {
      throw std::invalid_argument("experiment: unknown learner '" + name + "'");
    }
  }
  if (!is_known_learner(baseline)) {
    throw std::invalid_argument("experiment: baseline '" + baseline + "' is not a learner");
  }
  if (!learner_configs.is_object()) {
    throw std::invalid_argument(
        "experiment: learner_configs must be an object keyed by learner name");
  }
  for (auto it = learner_configs.begin(); it != learner_configs.end(); ++it) {
    if (!is_known_learner(it.key())) {
      throw std::invalid_argument("experiment: learner_configs has settings for '" + it.key() +
                                  "', which is not a learner");
    }
  }
}

void to_json(nlohmann::json& j, const ExperimentConfig& c) {
  j = experiment_config_schema().write(c);
}

void from_json(const nlohmann::json& j, ExperimentConfig& c) {
  experiment_config_schema().read(j, c, UnknownKeys::kReject);
}

ExperimentConfig read_stored_experiment_config(const nlohmann::json& j) {
  ExperimentConfig c;
  experiment_config_schema().read(j, c, UnknownKeys::kIgnore);
  return c;
}

}  // namespace metacf
