#include "core/train/adam_rows.h"

#include "core/simd/instruction_set.h"

namespace metacf::adam_rows {

void update_baseline(float* params, const float* grad, float* m_all, float* v_all,
                     Eigen::Index width, std::span<const std::int32_t> rows, const Step& step) {
  const float b1 = step.b1, b2 = step.b2;
  for (const std::int32_t r : rows) {
    const Eigen::Index at = static_cast<Eigen::Index>(r) * width;
    Eigen::Map<Eigen::ArrayXf> p(params + at, width);
    Eigen::Map<const Eigen::ArrayXf> g(grad + at, width);
    Eigen::Map<Eigen::ArrayXf> m(m_all + at, width);
    Eigen::Map<Eigen::ArrayXf> v(v_all + at, width);
    m = b1 * m + (1 - b1) * g;
    v = b2 * v + (1 - b2) * g.square();
    p -= step.step_size * m / ((v.sqrt() * step.inv_sqrt_c2) + step.eps);
  }
}

void update(float* params, const float* grad, float* m, float* v, Eigen::Index width,
            std::span<const std::int32_t> rows, const Step& step) {
  if (simd::avx2_enabled()) return update_avx2(params, grad, m, v, width, rows, step);
  update_baseline(params, grad, m, v, width, rows, step);
}

}  // namespace metacf::adam_rows
