#pragma once
// Lazy Adam's update of the listed rows of an embedding table (see Adam::step_rows), written as
// Eigen expressions (SSE2) and again for AVX2 (adam_rows_avx2.cpp) with the same roundings in
// the same order, so either gives the same bits; simd::avx2_enabled() chooses.
#include <Eigen/Core>
#include <cstdint>
#include <span>

namespace metacf::adam_rows {

struct Step {
  float b1, b2;       // the moments' decay
  float step_size;    // lr / (1 - b1^t)
  float inv_sqrt_c2;  // 1 / sqrt(1 - b2^t)
  float eps;
};

// For each listed row r (width values at r * width of params, grad, m and v):
//   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;  params -= step_size m / (sqrt(v) / sqrt(c2) +
//   eps).
void update(float* params, const float* grad, float* m, float* v, Eigen::Index width,
            std::span<const std::int32_t> rows, const Step& step);

void update_baseline(float* params, const float* grad, float* m, float* v, Eigen::Index width,
                     std::span<const std::int32_t> rows, const Step& step);
void update_avx2(float* params, const float* grad, float* m, float* v, Eigen::Index width,
                 std::span<const std::int32_t> rows, const Step& step);

}  // namespace metacf::adam_rows
