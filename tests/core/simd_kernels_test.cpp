// The AVX2 training kernels promise the bits of the SSE2 code they stand in for, so that a seed
// gives the same numbers on every x86-64 whichever one runs. Held here against it on random
// data: every length a dot product can take, rows on and off 16-byte boundaries, repeated rows.
// Skipped on a CPU without AVX2, where only the SSE2 code runs.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "core/learners/task_kernels.h"
#include "core/model/dot_product_items.h"
#include "core/model/score_chunk_avx2.h"
#include "core/simd/eigen_order_dot.h"
#include "core/simd/instruction_set.h"
#include "core/train/adam_rows.h"
#include "core/train/pair_kernels.h"
#include "core/util/rng.h"

namespace metacf {
namespace {

bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

std::vector<float> random_values(Rng& rng, std::size_t n, double std) {
  std::vector<float> v(n);
  for (auto& x : v) x = static_cast<float>(std * rng.normal());
  return v;
}

EmbeddingMatrix random_matrix(Rng& rng, Eigen::Index rows, Eigen::Index cols) {
  EmbeddingMatrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.normal());
  return m;
}

TEST(SimdKernelsTest, DotInEigensOrderIsEigensDotAndSquaredNormBitForBit) {
  if (!simd::cpu_has_avx2()) GTEST_SKIP() << "no AVX2 on this CPU";
#if defined(__x86_64__)
  Rng rng(21);
  for (Eigen::Index n = 0; n <= 70; ++n) {
    for (const Eigen::Index offset : {0, 1, 3}) {  // starts on and off 16-byte boundaries
      const std::vector<float> a = random_values(rng, static_cast<std::size_t>(n + offset), 1.0);
      const std::vector<float> b = random_values(rng, static_cast<std::size_t>(n + offset), 1.0);
      const Eigen::Map<const Eigen::VectorXf> x(a.data() + offset, n), y(b.data() + offset, n);
      EXPECT_TRUE(same_bits(simd::dot_eigen_order_avx2(x.data(), y.data(), n), x.dot(y))) << n;
      EXPECT_TRUE(same_bits(simd::dot_eigen_order_avx2(x.data(), x.data(), n), x.squaredNorm()))
          << n;
    }
  }
#endif
}

TEST(SimdKernelsTest, PretrainingPassesAreTheBaselinesBitForBit) {
  if (!simd::cpu_has_avx2()) GTEST_SKIP() << "no AVX2 on this CPU";
  Rng rng(22);
  for (const Eigen::Index dim : {3, 7, 32, 37}) {
    const EmbeddingMatrix P = random_matrix(rng, 40, dim), Q = random_matrix(rng, 90, dim);
    std::vector<LabelledPair> pairs;
    for (int i = 0; i < 500; ++i) {  // users and items repeat within the batch
      pairs.push_back({static_cast<std::int32_t>(rng.uniform_index(40)),
                       static_cast<std::int32_t>(rng.uniform_index(90)), i % 5 == 0 ? 1.0f : 0.0f});
    }
    std::vector<pair_kernels::PairTerms> base(pairs.size()), avx(pairs.size());
    pair_kernels::logits_and_norms_baseline(P, Q, pairs, base.data());
    pair_kernels::logits_and_norms_avx2(P, Q, pairs, avx.data());
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      ASSERT_TRUE(same_bits(base[i].logit, avx[i].logit)) << dim << " " << i;
      ASSERT_TRUE(same_bits(base[i].norms, avx[i].norms)) << dim << " " << i;
      base[i].error = avx[i].error = static_cast<float>(0.01 * rng.normal());
    }
    EmbeddingMatrix gp_base = random_matrix(rng, 40, dim), gq_base = random_matrix(rng, 90, dim);
    EmbeddingMatrix gp_avx = gp_base, gq_avx = gq_base;
    pair_kernels::accumulate_gradients_baseline(P, Q, pairs, base.data(), 3e-4f, gp_base, gq_base);
    pair_kernels::accumulate_gradients_avx2(P, Q, pairs, avx.data(), 3e-4f, gp_avx, gq_avx);
    EXPECT_EQ(std::memcmp(gp_base.data(), gp_avx.data(), sizeof(float) * gp_base.size()), 0);
    EXPECT_EQ(std::memcmp(gq_base.data(), gq_avx.data(), sizeof(float) * gq_base.size()), 0);
  }
}

TEST(SimdKernelsTest, LazyAdamRowsAreTheBaselinesBitForBit) {
  if (!simd::cpu_has_avx2()) GTEST_SKIP() << "no AVX2 on this CPU";
  Rng rng(23);
  // Width 5 and 37 put rows off 16-byte boundaries, where Eigen takes its scalar path (an
  // exact square root) for the first entries; 32 keeps every row on its packets.
  for (const Eigen::Index width : {5, 32, 37}) {
    const Eigen::Index rows = 30;
    const auto size = static_cast<std::size_t>(rows * width);
    // Parameters near zero, so that the step itself, and every rounding of its square root,
    // shows in them.
    std::vector<float> p = random_values(rng, size, 1e-7), m(size, 0.0f), v(size, 0.0f);
    std::vector<float> p2 = p, m2 = m, v2 = v;
    v[0] = v2[0] = std::numeric_limits<float>::denorm_min();  // below the smallest normal
    for (int t = 1; t <= 6; ++t) {
      std::vector<float> g = random_values(rng, size, t == 3 ? 1e-20 : 0.1);  // tiny moments
      g[1] = 0.0f;
      const std::vector<std::int32_t> touched{0, 3, 4, 11, static_cast<std::int32_t>(rows - 1)};
      const adam_rows::Step step{0.9f, 0.999f, static_cast<float>(1e-3 / (1 - std::pow(0.9, t))),
                                 static_cast<float>(1 / std::sqrt(1 - std::pow(0.999, t))), 1e-8f};
      adam_rows::update_baseline(p.data(), g.data(), m.data(), v.data(), width, touched, step);
      adam_rows::update_avx2(p2.data(), g.data(), m2.data(), v2.data(), width, touched, step);
      ASSERT_EQ(std::memcmp(p.data(), p2.data(), sizeof(float) * size), 0) << width << " " << t;
      ASSERT_EQ(std::memcmp(m.data(), m2.data(), sizeof(float) * size), 0) << width << " " << t;
      ASSERT_EQ(std::memcmp(v.data(), v2.data(), sizeof(float) * size), 0) << width << " " << t;
    }
  }
}

TEST(SimdKernelsTest, TaskBlockKernelsAreTheBaselinesBitForBit) {
  if (!simd::cpu_has_avx2()) GTEST_SKIP() << "no AVX2 on this CPU";
  Rng rng(24);
  for (Eigen::Index d = 1; d <= 70; ++d) {
    for (const Eigen::Index m : {1, 4, 11, 29}) {
      const Eigen::Index stride = d + (d % 3);  // columns of a block, or of a longer matrix
      const std::vector<float> items =
          random_values(rng, static_cast<std::size_t>(stride * m), 0.7);
      const std::vector<float> p = random_values(rng, static_cast<std::size_t>(d), 0.9);
      const std::vector<float> w = random_values(rng, static_cast<std::size_t>(m), 0.3);
      std::vector<float> base(static_cast<std::size_t>(std::max(d, m))), avx(base.size());
      task_kernels::column_dots_baseline(items.data(), stride, d, m, p.data(), base.data());
      task_kernels::column_dots_avx2(items.data(), stride, d, m, p.data(), avx.data());
      for (Eigen::Index i = 0; i < m; ++i) {
        ASSERT_TRUE(same_bits(base[static_cast<std::size_t>(i)], avx[static_cast<std::size_t>(i)]))
            << d << " " << m << " " << i;
      }
      task_kernels::weighted_columns_baseline(items.data(), stride, d, m, w.data(), base.data());
      task_kernels::weighted_columns_avx2(items.data(), stride, d, m, w.data(), avx.data());
      ASSERT_EQ(std::memcmp(base.data(), avx.data(), sizeof(float) * static_cast<std::size_t>(d)),
                0)
          << d << " " << m;
    }
  }
}

TEST(SimdKernelsTest, ChunkScoresAreTheSse2KernelsBitForBit) {
  if (!simd::cpu_has_avx2()) GTEST_SKIP() << "no AVX2 on this CPU";
  using Chunk = Eigen::Array<float, DotProductItems::kChunk, 1>;
  Rng rng(25);
  for (const Eigen::Index dim : {1, 7, 32, 33}) {
    const std::vector<float> chunk =
        random_values(rng, static_cast<std::size_t>(dim * DotProductItems::kChunk), 1.0);
    const std::vector<float> bias = random_values(rng, DotProductItems::kChunk, 0.5);
    std::vector<std::vector<float>> users(4);
    for (auto& u : users) u = random_values(rng, static_cast<std::size_t>(dim), 1.0);
    for (const bool with_bias : {false, true}) {
      for (const int count : {1, 4}) {
        std::vector<std::vector<float>> got(4, std::vector<float>(DotProductItems::kChunk));
        const float* user[4] = {users[0].data(), users[1].data(), users[2].data(), users[3].data()};
        float* out[4] = {got[0].data(), got[1].data(), got[2].data(), got[3].data()};
        score_kernels::score_chunk_avx2(chunk.data(), with_bias ? bias.data() : nullptr, dim, count,
                                        user, out);
        for (int j = 0; j < count; ++j) {
          Chunk acc = Chunk::Zero();  // the SSE2 kernel's Eigen arithmetic
          for (Eigen::Index d = 0; d < dim; ++d) {
            acc += Eigen::Map<const Chunk>(chunk.data() + d * DotProductItems::kChunk) *
                   users[static_cast<std::size_t>(j)][static_cast<std::size_t>(d)];
          }
          if (with_bias) acc += Eigen::Map<const Chunk>(bias.data());
          EXPECT_EQ(std::memcmp(acc.data(), got[static_cast<std::size_t>(j)].data(),
                                sizeof(float) * DotProductItems::kChunk),
                    0)
              << dim << " " << with_bias << " " << count << " " << j;
        }
      }
    }
  }
}

TEST(SimdKernelsTest, MatrixVectorIsEigensProductBitForBit) {
  if (!simd::cpu_has_avx2()) GTEST_SKIP() << "no AVX2 on this CPU";
  Rng rng(26);
  for (const Eigen::Index rows : {2, 3, 8, 13, 32, 64, 71}) {
    for (const Eigen::Index cols : {1, 5, 32, 64, 127, 128, 300}) {  // 128 on: blocks of columns
      const std::vector<float> A = random_values(rng, static_cast<std::size_t>(rows * cols), 0.4);
      const std::vector<float> x = random_values(rng, static_cast<std::size_t>(cols), 1.0);
      if (!task_kernels::matrix_vector_applies(rows, cols)) continue;
      std::vector<float> got(static_cast<std::size_t>(rows));
      task_kernels::matrix_vector_avx2(A.data(), rows, cols, x.data(), got.data());
      Eigen::MatrixXf want(rows, 1);  // x as a one-column matrix, as init_math holds it
      want.noalias() = Eigen::Map<const Eigen::MatrixXf>(A.data(), rows, cols) *
                       Eigen::Map<const Eigen::MatrixXf>(x.data(), cols, 1);
      ASSERT_EQ(
          std::memcmp(want.data(), got.data(), sizeof(float) * static_cast<std::size_t>(rows)), 0)
          << rows << " x " << cols;
    }
  }
}

}  // namespace
}  // namespace metacf
