#include "core/learners/ease_learner.h"

#include <stdexcept>

#include <Eigen/Cholesky>

#include "core/config/config_schema.h"
#include "core/learners/learner_descriptor.h"
#include "core/learners/training_records.h"

namespace metacf {

const ConfigSchema<EaseConfig>& ease_config_schema() {
  using C = EaseConfig;
  static const ConfigSchema<C> schema(
      "ease config", RangeMessages::kInterval,
      {field("lambda", &C::lambda, above_up_to(0, 1e7), "L2 weight λ",
             "Regularisation of the item-item weights; large values (10000) suit new users with "
             "a few clicks")});
  return schema;
}

void EaseConfig::validate() const { ease_config_schema().validate(*this); }

void to_json(nlohmann::json& j, const EaseConfig& c) { j = ease_config_schema().write(c); }

void from_json(const nlohmann::json& j, EaseConfig& c) {
  ease_config_schema().read(j, c, UnknownKeys::kReject);
}

EaseLearner::EaseLearner(EaseConfig config) : config_(config) { config_.validate(); }

std::string EaseLearner::unfit_reason(const Dataset& data) const {
  if (data.num_items() <= kMaxItems) return {};
  const double gib = 2.0 * static_cast<double>(data.num_items()) *
                     static_cast<double>(data.num_items()) * sizeof(float) / (1 << 30);
  return "ease inverts a dense item x item matrix; " + std::to_string(data.num_items()) +
         " items would need " + std::to_string(static_cast<int>(gib + 0.5)) +
         " GiB (at most " + std::to_string(kMaxItems) + " items)";
}

void EaseLearner::fit(const TrainingContext& ctx, JobControl& job) {
  if (const std::string reason = unfit_reason(ctx.data); !reason.empty()) {
    throw std::invalid_argument(reason);
  }
  fit_records(training_records(ctx), ctx.data.num_items());
  if (job.cancelled()) throw Cancelled();
  report_fitted(job, name());
}

void EaseLearner::fit_records(const UserItemRows& rows, std::int32_t num_items) {
  records_ = rows;
  const Eigen::Index n = num_items;
  // G = X^T X + lambda I, counted in float: entries are user counts, exact below 2^24.
  Eigen::MatrixXf g = Eigen::MatrixXf::Zero(n, n);
  for (std::int64_t u = 0; u < rows.rows(); ++u) {
    const auto begin = rows.items.begin() + rows.offsets[static_cast<std::size_t>(u)];
    const auto end = rows.items.begin() + rows.offsets[static_cast<std::size_t>(u) + 1];
    for (auto a = begin; a != end; ++a) {
      for (auto b = begin; b != end; ++b) g(*b, *a) += 1.0f;
    }
  }
  g.diagonal().array() += static_cast<float>(config_.lambda);
  // P = G^-1, G symmetric positive definite (lambda > 0). The factor overwrites G in place.
  Eigen::LLT<Eigen::Ref<Eigen::MatrixXf>> llt(g);
  if (llt.info() != Eigen::Success) throw std::runtime_error("ease: X^T X + lambda I is not positive definite");
  b_t_ = Eigen::MatrixXf::Identity(n, n);
  llt.solveInPlace(b_t_);
  // B[s, v] = -P[s, v] / P[v, v] off the diagonal; P is symmetric, so row s of B is
  // -P.col(s) / diag(P), stored as column s.
  const Eigen::VectorXf inv_diag = b_t_.diagonal().cwiseInverse();
  for (Eigen::Index s = 0; s < n; ++s) {
    b_t_.col(s) = -b_t_.col(s).cwiseProduct(inv_diag);
    b_t_(s, s) = 0.0f;
  }
}

std::vector<UserState> EaseLearner::adapt(std::span<const std::int32_t> support, int steps,
                                          Rng&) const {
  return unchanged_states(support, steps);
}

void EaseLearner::score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const {
  out.setZero();
  for (const auto s : state.support) out += b_t_.col(s);
}

std::vector<NamedTensor> EaseLearner::parameters() const {
  std::vector<NamedTensor> tensors;
  append_rows_as_tensors(records_, "user_items", tensors);
  tensors.push_back({"num_items", 1, 1, {static_cast<float>(b_t_.rows())}});
  return tensors;
}

void EaseLearner::load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings) {
  const UserItemRows rows = rows_from_tensors(tensors, "user_items");
  for (const auto& t : tensors) {
    if (t.name == "num_items" && t.values.size() == 1 && t.values[0] >= 0 &&
        t.values[0] <= static_cast<float>(kMaxItems)) {
      const auto num_items = static_cast<std::int32_t>(t.values[0]);
      for (const auto v : rows.items) {
        if (v < 0 || v >= num_items) throw std::runtime_error("stored parameters of ease: item out of range");
      }
      fit_records(rows, num_items);
      return;
    }
  }
  throw std::runtime_error("stored parameters of ease lack a valid 'num_items'");
}

LearnerEntry ease_learner_entry() {
  return {LearnerDescriptor{
              .name = "ease",
              .base = "ease",
              .family = LearnerFamily::kCounting,
              .origin = LearnerOrigin::kExtra,
              .summary = "EASE (Steck 2019): a closed-form item-item model",
              .capabilities = {.meta_trains = false, .adapts = false, .dot_product_scores = false, .max_items = EaseLearner::kMaxItems},
              .settings = std::make_shared<const SchemaInfo>(ease_config_schema().info()),
              .unread_settings = {},
              .make = [](const nlohmann::json& config) -> std::unique_ptr<Learner> {
                return std::make_unique<EaseLearner>(config.get<EaseConfig>());
              }},
          {},
          {}};
}

}  // namespace metacf
