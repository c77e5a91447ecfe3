// metacf_ease's registry entry: its descriptor, settings and memory model.
#include <algorithm>

#include "core/config/config_schema.h"
#include "core/learners/ease/ease_config.h"
#include "core/learners/learner_descriptor.h"
#include "core/learners/metaease/metacf_ease_learner.h"

namespace metacf {
namespace {

LearnerMemory meta_ease_memory(const nlohmann::json& config, const MemoryShape& shape) {
  MetaEaseConfig settings;
  try {
    if (config.is_object()) from_json(config, settings);
  } catch (const std::exception&) {
    return {};
  }
  // Over its dense budget it is refused before it allocates anything (unfit_reason), and
  // metacf_auto leaves it out: it must not count there.
  EaseConfig ease;
  ease.lambda = settings.lambda;
  ease.memory_budget_mib = settings.memory_budget_mib;
  if (choose_ease_solve(ease, static_cast<std::int64_t>(shape.items)).mode != EaseMode::kDense) {
    return {0, 0, "memory_budget_mib", "nothing: its dense solve is over memory_budget_mib"};
  }
  // One n x n float matrix (the counts, factored and inverted in place, then B), and one score
  // per item for each task the gate is fitted on.
  const double matrix = shape.items * shape.items * 4;
  const double tasks =
      std::min(shape.users * settings.draws, static_cast<double>(settings.max_tasks));
  return {matrix + tasks * shape.items * 4, matrix, "max_tasks",
          "items^2 x 4 B + tasks x items x 4 B"};
}

}  // namespace

LearnerEntry metacf_ease_learner_entry() {
  return {
      LearnerDescriptor{
          .name = "metacf_ease",
          .base = "metacf_ease",
          // Takes no K (it adapts nothing) and no seed: its redraws of a user's records come from
          // a fixed stream forked by user, so a split always gives the same draws.
          .family = LearnerFamily::kCounting,
          .origin = LearnerOrigin::kExtra,
          .summary = "ease's item-item scores and a popularity prior, mixed per number of "
                     "clicks as meta-learned on the meta-training users",
          .chart_rgb = 0x8C945C,  // olive: the one hue left 25 degrees from every other learner
          .quick_look = false,
          .capabilities = {.meta_trains = true,
                           .adapts = false,
                           .dot_product_scores = false,
                           .fit_independent_of_k = true,
                           .max_items = 0,
                           .reads_item_matrix = false},
          .settings = std::make_shared<const SchemaInfo>(meta_ease_config_schema().info()),
          .unread_settings = {},
          .make = [](const nlohmann::json& config) -> std::unique_ptr<Learner> {
            return std::make_unique<MetaEaseLearner>(config.get<MetaEaseConfig>());
          },
          .fit_note = [](std::span<const NamedTensor> tensors) -> std::optional<std::string> {
            for (const auto& t : tensors) {
              if (t.name == kGateTensor && t.values.size() == kGateSizes + 1)
                return gate_summary(Eigen::Map<const Eigen::VectorXf>(t.values.data(), kGateSizes));
            }
            return std::nullopt;
          },
          .memory = meta_ease_memory},
      {},
      {}};
}

}  // namespace metacf
