// FlatOptimizer shares a long Adam step between threads; the step must be the one of
// a single pass over the whole vector, bit for bit, at any thread count.
#include <gtest/gtest.h>
#include <omp.h>

#include <cmath>

#include "core/nn/optimizer.h"
#include "core/util/rng.h"

namespace metacf {
namespace {

// Adam over the whole vector in one expression, as the optimiser stepped before it was shared.
struct WholeVectorAdam {
  float lr;
  long t = 0;
  Eigen::VectorXf m, v;

  void step(Eigen::VectorXf& params, const Eigen::VectorXf& grad) {
    constexpr float kBeta1 = 0.9f, kBeta2 = 0.999f, kEps = 1e-8f;
    ++t;
    m = kBeta1 * m + (1 - kBeta1) * grad;
    v = kBeta2 * v + (1 - kBeta2) * grad.cwiseAbs2();
    const float c1 = 1.0f - std::pow(kBeta1, static_cast<float>(t));
    const float c2 = 1.0f - std::pow(kBeta2, static_cast<float>(t));
    params.array() -= (lr / c1) * m.array() / ((v.array() / c2).sqrt() + kEps);
  }
};

void expect_whole_vector_steps(int threads, Eigen::Index size) {
  Rng rng(11);
  Eigen::VectorXf shared(size);
  for (Eigen::Index i = 0; i < size; ++i) shared[i] = static_cast<float>(rng.normal());
  Eigen::VectorXf whole = shared;
  FlatOptimizer adam("adam", 0.01f, size);
  WholeVectorAdam reference{0.01f, 0, Eigen::VectorXf::Zero(size), Eigen::VectorXf::Zero(size)};
  const int before = omp_get_max_threads();
  omp_set_num_threads(threads);
  for (int step = 0; step < 4; ++step) {
    Eigen::VectorXf grad(size);
    for (Eigen::Index i = 0; i < size; ++i) grad[i] = static_cast<float>(rng.normal() * 0.1);
    adam.step(shared, grad);
    reference.step(whole, grad);
    EXPECT_TRUE(shared == whole) << "step " << step << ", " << threads << " threads, " << size;
  }
  omp_set_num_threads(before);
}

TEST(FlatOptimizerTest, SharedAdamStepEqualsOneWholeVectorStep) {
  for (const Eigen::Index size : {3, 2048, 4257, 17000}) {
    for (const int threads : {1, 2, 3}) expect_whole_vector_steps(threads, size);
  }
}

}  // namespace
}  // namespace metacf
