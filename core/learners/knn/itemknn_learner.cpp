#include "core/learners/knn/itemknn_learner.h"

#include <cmath>

#include "core/learners/learner_descriptor.h"
#include "core/learners/training_records.h"

namespace metacf {

void ItemKnnLearner::fit(const TrainingContext& ctx, JobControl& job) {
  user_items_ = training_records(ctx);
  index(ctx.data.num_items());
  report_fitted(job, name());
}

void ItemKnnLearner::index(std::int32_t num_items) {
  item_users_ = transpose(user_items_, num_items);
  inv_sqrt_degree_.resize(num_items);
  for (std::int32_t v = 0; v < num_items; ++v) {
    const auto degree = item_users_.offsets[static_cast<std::size_t>(v) + 1] -
                        item_users_.offsets[static_cast<std::size_t>(v)];
    inv_sqrt_degree_[v] =
        degree > 0 ? static_cast<float>(1.0 / std::sqrt(static_cast<double>(degree))) : 0.0f;
  }
}

std::vector<UserState> ItemKnnLearner::adapt(std::span<const std::int32_t> support, int steps,
                                             Rng&) const {
  return unchanged_states(support, steps);
}

void ItemKnnLearner::score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const {
  // Co-occurrence counts weighted by 1/sqrt(n_s), then 1/sqrt(n_v) once for all s:
  // sum_s co(v,s) / sqrt(n_v n_s).
  out.setZero();
  for (auto s : state.support) {
    const float weight = inv_sqrt_degree_[s];
    if (weight == 0.0f) continue;
    for (auto i = item_users_.offsets[static_cast<std::size_t>(s)];
         i < item_users_.offsets[static_cast<std::size_t>(s) + 1]; ++i) {
      const auto u = static_cast<std::size_t>(item_users_.items[static_cast<std::size_t>(i)]);
      for (auto j = user_items_.offsets[u]; j < user_items_.offsets[u + 1]; ++j) {
        out[user_items_.items[static_cast<std::size_t>(j)]] += weight;
      }
    }
  }
  out.array() *= inv_sqrt_degree_.array();
}

std::vector<NamedTensor> ItemKnnLearner::parameters() const {
  std::vector<NamedTensor> tensors;
  append_rows_as_tensors(user_items_, "user_items", tensors);
  tensors.push_back({"num_items", 1, 1, {static_cast<float>(inv_sqrt_degree_.size())}});
  return tensors;
}

void ItemKnnLearner::load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings Q) {
  user_items_ = rows_from_tensors(tensors, "user_items");
  std::int32_t num_items = Q ? static_cast<std::int32_t>(Q->rows()) : 0;
  for (const auto& t : tensors) {
    if (t.name == "num_items" && !t.values.empty())
      num_items = static_cast<std::int32_t>(t.values[0]);
  }
  index(num_items);
}

LearnerEntry itemknn_learner_entry() {
  return {
      LearnerDescriptor{.name = "itemknn",
                        .base = "itemknn",
                        .family = LearnerFamily::kCounting,
                        .origin = LearnerOrigin::kPaper,
                        .summary = "Item-based CF: cosine of co-occurrence with the clicked items",
                        .chart_rgb = 0xCE9F0F,
                        .quick_look = true,
                        .capabilities = {.meta_trains = false,
                                         .adapts = false,
                                         .dot_product_scores = false,
                                         .fit_independent_of_k = true,
                                         .max_items = 0,
                                         .reads_item_matrix = false},
                        .settings = std::make_shared<const SchemaInfo>(SchemaInfo{"itemknn", {}}),
                        .unread_settings = {},
                        .make = [](const nlohmann::json& config) -> std::unique_ptr<Learner> {
                          check_no_settings("itemknn", config);
                          return std::make_unique<ItemKnnLearner>();
                        }},
      {},
      {}};
}

}  // namespace metacf
