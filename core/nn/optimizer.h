#pragma once
// First-order optimisers over one flat parameter vector (the meta-parameters Phi).
#include <omp.h>

#include <Eigen/Core>
#include <algorithm>
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
  // It runs once per meta-batch between two parallel loops, so a long vector is shared between
  // the OpenMP threads; each entry's update is the same whichever thread makes it.
  void step(Eigen::Ref<Eigen::VectorXf> params, const Eigen::Ref<const Eigen::VectorXf>& grad) {
    if (!adam_) {
      params -= lr_ * grad;
      return;
    }
    constexpr float kBeta1 = 0.9f, kBeta2 = 0.999f;
    ++t_;
    const float c1 = 1.0f - std::pow(kBeta1, static_cast<float>(t_));
    const float c2 = 1.0f - std::pow(kBeta2, static_cast<float>(t_));
    // One part per thread, in runs of 16 entries, none shorter than kMinPart.
    const Eigen::Index size = params.size();
    const Eigen::Index runs = (size + 15) / 16;
    const Eigen::Index parts = std::clamp<Eigen::Index>(
        std::min<Eigen::Index>(omp_get_max_threads(), size / kMinPart), 1, runs);
#pragma omp parallel for schedule(static) if (parts > 1)
    for (Eigen::Index part = 0; part < parts; ++part) {
      const Eigen::Index first = runs * part / parts * 16;
      const Eigen::Index last = std::min(size, runs * (part + 1) / parts * 16);
      adam_segment(params.segment(first, last - first), grad.segment(first, last - first), first,
                   c1, c2);
    }
  }

 private:
  static constexpr Eigen::Index kMinPart = 1024;

  void adam_segment(Eigen::Ref<Eigen::VectorXf> params,
                    const Eigen::Ref<const Eigen::VectorXf>& grad, Eigen::Index first, float c1,
                    float c2) {
    constexpr float kBeta1 = 0.9f, kBeta2 = 0.999f, kEps = 1e-8f;
    auto m = m_.segment(first, params.size());
    auto v = v_.segment(first, params.size());
    m = kBeta1 * m + (1 - kBeta1) * grad;
    v = kBeta2 * v + (1 - kBeta2) * grad.cwiseAbs2();
    params.array() -= (lr_ / c1) * m.array() / ((v.array() / c2).sqrt() + kEps);
  }

  bool adam_;
  float lr_;
  long t_ = 0;
  Eigen::VectorXf m_, v_;
};

}  // namespace metacf
