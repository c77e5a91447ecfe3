#pragma once
// First-order optimisers over one flat parameter vector (the meta-parameters Phi).
#include <Eigen/Core>
#include <cmath>
#include <string>

namespace metacf {

class FlatOptimizer {
 public:
  // kind is "adam" or "sgd" (validated by the caller's config).
  FlatOptimizer(const std::string& kind, float learning_rate, Eigen::Index size)
      : adam_(kind == "adam"), lr_(learning_rate) {
    if (adam_) {
      m_ = Eigen::VectorXf::Zero(size);
      v_ = Eigen::VectorXf::Zero(size);
    }
  }

  // For a schedule: the rate of the steps from now on (Adam's moments carry over).
  void set_learning_rate(float learning_rate) { lr_ = learning_rate; }

  // params <- params - update(grad). Adam uses Kingma & Ba's defaults (0.9, 0.999, 1e-8).
  void step(Eigen::Ref<Eigen::VectorXf> params, const Eigen::Ref<const Eigen::VectorXf>& grad) {
    if (!adam_) {
      params -= lr_ * grad;
      return;
    }
    constexpr float kBeta1 = 0.9f, kBeta2 = 0.999f, kEps = 1e-8f;
    ++t_;
    m_ = kBeta1 * m_ + (1 - kBeta1) * grad;
    v_ = kBeta2 * v_ + (1 - kBeta2) * grad.cwiseAbs2();
    const float c1 = 1.0f - std::pow(kBeta1, static_cast<float>(t_));
    const float c2 = 1.0f - std::pow(kBeta2, static_cast<float>(t_));
    params.array() -= (lr_ / c1) * m_.array() / ((v_.array() / c2).sqrt() + kEps);
  }

 private:
  bool adam_;
  float lr_;
  long t_ = 0;
  Eigen::VectorXf m_, v_;
};

}  // namespace metacf
