#pragma once
// Adam (Kingma & Ba) over one dense float parameter block, and its lazy form for embedding
// tables, which moves only the rows a batch touched.
#include <Eigen/Core>
#include <cmath>
#include <cstdint>
#include <span>

#include "core/train/adam_rows.h"

namespace metacf {

struct AdamConfig {
  double lr = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
};

class Adam {
 public:
  Adam() = default;
  Adam(Eigen::Index size, AdamConfig config)
      : config_(config), m_(Eigen::ArrayXf::Zero(size)), v_(Eigen::ArrayXf::Zero(size)) {}

  // params -= lr * m_hat / (sqrt(v_hat) + eps), on flat views of the block and its gradient.
  void step(Eigen::Map<Eigen::ArrayXf> params, Eigen::Map<const Eigen::ArrayXf> grad) {
    ++t_;
    const auto b1 = static_cast<float>(config_.beta1);
    const auto b2 = static_cast<float>(config_.beta2);
    m_ = b1 * m_ + (1 - b1) * grad;
    v_ = b2 * v_ + (1 - b2) * grad.square();
    const double c1 = 1.0 - std::pow(config_.beta1, t_);
    const double c2 = 1.0 - std::pow(config_.beta2, t_);
    const auto step_size = static_cast<float>(config_.lr / c1);
    const auto eps = static_cast<float>(config_.eps);
    const auto inv_sqrt_c2 = static_cast<float>(1.0 / std::sqrt(c2));
    params -= step_size * m_ / ((v_.sqrt() * inv_sqrt_c2) + eps);
  }

  // Lazy Adam on a table of rows of `width` contiguous values (a row-major embedding matrix):
  // only the listed rows (each at most once) update their moments and move; the others keep
  // both, as if their gradient were not zero but absent. The step count, and so the bias
  // correction, is shared by all rows. A row listed at every step moves exactly as under
  // step(). Cost: O(rows x width), not the whole table.
  void step_rows(float* params, const float* grad, Eigen::Index width,
                 std::span<const std::int32_t> rows) {
    ++t_;
    const double c1 = 1.0 - std::pow(config_.beta1, t_);
    const double c2 = 1.0 - std::pow(config_.beta2, t_);
    const adam_rows::Step step{static_cast<float>(config_.beta1), static_cast<float>(config_.beta2),
                               static_cast<float>(config_.lr / c1),
                               static_cast<float>(1.0 / std::sqrt(c2)),
                               static_cast<float>(config_.eps)};
    adam_rows::update(params, grad, m_.data(), v_.data(), width, rows, step);
  }

  template <typename Derived>
  void step(Eigen::PlainObjectBase<Derived>& params, const Eigen::PlainObjectBase<Derived>& grad) {
    step(Eigen::Map<Eigen::ArrayXf>(params.data(), params.size()),
         Eigen::Map<const Eigen::ArrayXf>(grad.data(), grad.size()));
  }

 private:
  AdamConfig config_;
  Eigen::ArrayXf m_;
  Eigen::ArrayXf v_;
  long t_ = 0;
};

}  // namespace metacf
