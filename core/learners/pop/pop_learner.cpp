#include "core/learners/pop/pop_learner.h"

#include <stdexcept>

#include "core/learners/learner_descriptor.h"
#include "core/learners/training_records.h"

namespace metacf {

void PopLearner::fit(const TrainingContext& ctx, JobControl& job) {
  counts_ = Eigen::VectorXf::Zero(ctx.data.num_items());
  for (auto v : training_records(ctx).items) counts_[v] += 1.0f;
  report_fitted(job, name());
}

std::vector<UserState> PopLearner::adapt(std::span<const std::int32_t> support, int steps,
                                         Rng&) const {
  return unchanged_states(support, steps);
}

void PopLearner::score(const UserState&, Eigen::Ref<Eigen::VectorXf> out) const { out = counts_; }

std::vector<NamedTensor> PopLearner::parameters() const {
  return {{"counts", 1, counts_.size(),
           std::vector<float>(counts_.data(), counts_.data() + counts_.size())}};
}

void PopLearner::load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings) {
  for (const auto& t : tensors) {
    if (t.name == "counts") {
      counts_ = Eigen::Map<const Eigen::VectorXf>(t.values.data(),
                                                  static_cast<Eigen::Index>(t.values.size()));
      return;
    }
  }
  throw std::runtime_error("stored parameters of pop lack 'counts'");
}

LearnerEntry pop_learner_entry() {
  return {LearnerDescriptor{.name = "pop",
                            .base = "pop",
                            .family = LearnerFamily::kCounting,
                            .origin = LearnerOrigin::kPaper,
                            .summary = "Popularity: every new user gets the most clicked items",
                            .chart_rgb = 0x555555,
                            .quick_look = true,
                            .capabilities = {.meta_trains = false,
                                             .adapts = false,
                                             .dot_product_scores = false,
                                             .fit_independent_of_k = true,
                                             .max_items = 0,
                                             .reads_item_matrix = false},
                            .settings = std::make_shared<const SchemaInfo>(SchemaInfo{"pop", {}}),
                            .unread_settings = {},
                            .make = [](const nlohmann::json& config) -> std::unique_ptr<Learner> {
                              check_no_settings("pop", config);
                              return std::make_unique<PopLearner>();
                            }},
          {},
          {}};
}

}  // namespace metacf
