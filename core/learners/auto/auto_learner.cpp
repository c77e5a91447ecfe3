#include "core/learners/auto/auto_learner.h"

#include <algorithm>
#include <stdexcept>

#include "core/config/config_schema.h"
#include "core/learners/auto/auto_scoring.h"
#include "core/learners/auto/blend_grid.h"
#include "core/learners/learner_factory.h"
#include "core/learners/registry.h"

namespace metacf {

AutoLearner::AutoLearner(AutoConfig config) : config_(std::move(config)) { config_.validate(); }

nlohmann::json AutoLearner::config() const {
  nlohmann::json j = config_;
  if (!components_.empty()) {
    nlohmann::json weights = nlohmann::json::object(), validation = nlohmann::json::object();
    for (const auto& c : choice_.candidates) {
      weights[c.name] = c.weight;
      validation[c.name] = {{"hr", c.hr}, {"ndcg", c.ndcg}};
    }
    j["choice"] = {{"summary", choice_.summary()},
                   {"weights", weights},
                   {"validation", validation},
                   {"blend", {{"hr", choice_.hr}, {"ndcg", choice_.ndcg}}},
                   {"validation_users", choice_.validation_users}};
    if (const auto& m = choice_.margin) {
      nlohmann::json best = nlohmann::json::object();
      for (std::size_t i = 0; i < m->weights.size() && i < choice_.candidates.size(); ++i)
        best[choice_.candidates[i].name] = m->weights[i];
      j["choice"]["margin"] = {{"best_blend", best},
                               {"pooled_gain", m->pooled_gain},
                               {"pooled_se", m->pooled_se},
                               {"out_of_fold_gain", m->crossed_gain},
                               {"out_of_fold_se", m->crossed_se},
                               {"min_gain_se", m->min_gain_se},
                               {"measured", m->measured},
                               {"blend", m->blend}};
    }
  }
  if (!skipped_.empty()) {
    nlohmann::json skipped = nlohmann::json::object();
    for (const auto& [name, reason] : skipped_) skipped[name] = reason;
    j["left_out"] = skipped;
  }
  return j;
}

std::unique_ptr<Learner> AutoLearner::make_candidate(const std::string& name) const {
  nlohmann::json cfg = config_.candidate_configs.value(name, nlohmann::json::object());
  if (describe_learner(name).takes_steps_and_seed()) {
    cfg["steps"] = config_.steps;
    cfg["seed"] = config_.seed;
  }
  return make_learner(name, cfg);
}

void AutoLearner::require_fitted(const char* what) const {
  if (components_.empty()) {
    throw std::logic_error(std::string("metacf_auto: ") + what +
                           "() called before fit() or load_parameters()");
  }
}

std::vector<UserState> AutoLearner::adapt(std::span<const std::int32_t> support, int steps,
                                          Rng& rng) const {
  require_fitted("adapt");
  const auto count = static_cast<Eigen::Index>(components_.size());
  std::vector<std::vector<UserState>> parts;
  for (const auto& c : components_) {
    Rng part_rng = candidate_rng(rng, c.candidate);
    parts.push_back(c.learner->adapt(support, steps, part_rng));
  }
  std::vector<UserState> out(static_cast<std::size_t>(std::max(steps, 0)) + 1);
  for (std::size_t t = 0; t < out.size(); ++t) {
    Eigen::Index total = count;
    for (const auto& p : parts) total += p[std::min(t, p.size() - 1)].params.size();
    Eigen::VectorXf& params = out[t].params;
    params.resize(total);
    Eigen::Index offset = count;
    for (Eigen::Index j = 0; j < count; ++j) {
      const auto& part = parts[static_cast<std::size_t>(j)];
      const Eigen::VectorXf& p = part[std::min(t, part.size() - 1)].params;
      params[j] = static_cast<float>(p.size());
      params.segment(offset, p.size()) = p;
      offset += p.size();
    }
    out[t].support.assign(support.begin(), support.end());
  }
  return out;
}

void AutoLearner::score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const {
  require_fitted("score");
  const auto count = static_cast<Eigen::Index>(components_.size());
  if (state.params.size() < count) {
    throw std::invalid_argument("metacf_auto: a user state not made by its adapt()");
  }
  out.setZero();
  Eigen::VectorXf part_scores(out.size());
  UserState part;
  part.support = state.support;
  Eigen::Index offset = count;
  for (Eigen::Index j = 0; j < count; ++j) {
    const auto length = static_cast<Eigen::Index>(state.params[j]);
    part.params = state.params.segment(offset, length);
    offset += length;
    const auto& c = components_[static_cast<std::size_t>(j)];
    c.learner->score(part, part_scores);
    standardise(part_scores);
    out += static_cast<float>(c.weight) * part_scores;
  }
}

std::vector<NamedTensor> AutoLearner::parameters() const {
  require_fitted("parameters");
  std::vector<NamedTensor> tensors;
  append_choice_tensors(choice_, tensors);
  for (const auto& c : components_) {
    for (auto t : c.learner->parameters()) {
      t.name = choice_.candidates[c.candidate].name + "/" + t.name;
      tensors.push_back(std::move(t));
    }
  }
  return tensors;
}

void AutoLearner::load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings Q) {
  auto choice = choice_from_tensors(tensors);
  if (!choice) throw std::runtime_error("stored parameters of metacf_auto lack its choice");
  components_.clear();
  for (std::size_t i = 0; i < choice->candidates.size(); ++i) {
    const auto& candidate = choice->candidates[i];
    if (candidate.weight <= 0) continue;
    const std::string prefix = candidate.name + "/";
    std::vector<NamedTensor> own;
    for (const auto& t : tensors) {
      if (t.name.rfind(prefix, 0) == 0) {
        own.push_back(t);
        own.back().name = t.name.substr(prefix.size());
      }
    }
    auto learner = make_candidate(candidate.name);
    learner->load_parameters(own, Q);
    components_.push_back({i, candidate.weight, std::move(learner)});
  }
  if (components_.empty()) throw std::runtime_error("stored metacf_auto has no chosen component");
  choice_ = std::move(*choice);
  config_.candidates.clear();
  for (const auto& c : choice_.candidates) config_.candidates.push_back(c.name);
}

namespace {

// It keeps every fold's fitted candidates until it has chosen (they score the fold's users for
// every blend), and fits up to one fold per thread at once, each such fit on one thread, or a
// candidate's first fold alone on every thread (auto_fold_fits.h).
LearnerMemory auto_memory(const nlohmann::json& config, const MemoryShape& shape) {
  AutoConfig settings;
  try {
    if (config.is_object()) from_json(config, settings);
  } catch (const std::exception&) {
    return {};
  }
  double kept = 0, fitting_alone = 0, fitting_side_by_side = 0;
  MemoryShape one_thread = shape;
  one_thread.threads = 1;
  for (const auto& name : settings.candidates) {
    const auto candidate = find_learner(name);
    if (!candidate) continue;
    const nlohmann::json own =
        settings.candidate_configs.is_object()
            ? settings.candidate_configs.value(name, nlohmann::json::object())
            : nlohmann::json::object();
    const LearnerMemory m = learner_memory(*candidate, own, shape);
    kept += m.fitted;
    fitting_alone = std::max(fitting_alone, m.fitting);
    fitting_side_by_side =
        std::max(fitting_side_by_side, learner_memory(*candidate, own, one_thread).fitting);
  }
  const double folds = settings.folds;
  const double at_once = std::min(folds, static_cast<double>(std::max(shape.threads, 1)));
  LearnerMemory out;
  out.fitting = folds * kept + std::max(fitting_alone, at_once * fitting_side_by_side);
  out.fitted = kept;
  out.fields = "folds or candidates";
  out.formula = "folds x fitted candidates + min(folds, threads) x the largest fit";
  return out;
}

}  // namespace

LearnerEntry metacf_auto_learner_entry() {
  return {LearnerDescriptor{
              .name = "metacf_auto",
              .base = "metacf_auto",
              .family = LearnerFamily::kEnsemble,
              .origin = LearnerOrigin::kExtra,
              .summary = "Chooses the best candidate or blend on held-out meta-training users",
              .chart_rgb = 0x923EAC,
              .quick_look = false,
              .capabilities = {.meta_trains = false,
                               .adapts = false,
                               .dot_product_scores = false,
                               .fit_independent_of_k = false,
                               .max_items = 0},
              .settings = std::make_shared<const SchemaInfo>(auto_config_schema().info()),
              .unread_settings = {},
              .make = [](const nlohmann::json& config) -> std::unique_ptr<Learner> {
                return std::make_unique<AutoLearner>(config.get<AutoConfig>());
              },
              .memory = auto_memory},
          {},
          {}};
}

}  // namespace metacf
