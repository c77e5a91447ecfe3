#include "core/learners/melu/melu_item_scorer.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace metacf {
namespace {

constexpr Eigen::Index kLane = 16;  // floats in one AVX-512 register
constexpr int kGroup = 4;           // items sharing one pass over W2's columns
constexpr int kMaxLanes = 8;        // the AVX-512 kernel keeps H <= 128 in registers

// One item at a time, every sum in ascending index: the reference arithmetic.
void score_group_portable(const MeluHead& head, const float* const (&c)[kGroup],
                          float (&out)[kGroup], std::vector<float>& a) {
  const Eigen::Index h = head.hidden;
  a.resize(static_cast<std::size_t>(head.padded));
  for (int g = 0; g < kGroup; ++g) {
    std::copy(head.b2.begin(), head.b2.end(), a.begin());
    for (Eigen::Index k = 0; k < h; ++k) {
      const float x = std::max(c[g][k] + head.user[static_cast<std::size_t>(k)], 0.0f);
      const float* w = head.w2.data() + k * head.padded;
      for (Eigen::Index j = 0; j < h; ++j) a[static_cast<std::size_t>(j)] += w[j] * x;
    }
    float s = 0;
    for (Eigen::Index j = 0; j < h; ++j) {
      s += head.w3[static_cast<std::size_t>(j)] * std::max(a[static_cast<std::size_t>(j)], 0.0f);
    }
    out[g] = s + head.b3;
  }
}

#if defined(__x86_64__)
// relu as a zero-masked max: GCC 12's plain _mm512_max_ps and _mm512_reduce_add_ps trip its own
// -Wuninitialized on the placeholder operand they pass.
__attribute__((target("avx512f"))) inline __m512 relu(__m512 x) {
  return _mm512_maskz_max_ps(0xFFFF, x, _mm512_setzero_ps());
}

// The 16 lanes summed in a fixed order.
__attribute__((target("avx512f"))) inline float lane_sum(__m512 x) {
  alignas(64) float lanes[kLane];
  _mm512_store_ps(lanes, x);
  float s = 0;
  for (const float v : lanes) s += v;
  return s;
}

// kGroup items x Lanes registers of accumulators, W2's column k loaded once for the group.
template <int Lanes>
__attribute__((target("avx512f"))) void score_group_avx512(const MeluHead& head,
                                                           const float* const (&c)[kGroup],
                                                           float (&out)[kGroup]) {
  const Eigen::Index h = head.hidden;
  __m512 acc[kGroup][Lanes];
  for (int t = 0; t < Lanes; ++t) {
    const __m512 b = _mm512_loadu_ps(head.b2.data() + t * kLane);
    for (int g = 0; g < kGroup; ++g) acc[g][t] = b;
  }
  for (Eigen::Index k = 0; k < h; ++k) {
    const float* w = head.w2.data() + k * head.padded;
    __m512 col[Lanes];
    for (int t = 0; t < Lanes; ++t) col[t] = _mm512_loadu_ps(w + t * kLane);
    const float u = head.user[static_cast<std::size_t>(k)];
    for (int g = 0; g < kGroup; ++g) {
      const __m512 x = _mm512_set1_ps(std::max(c[g][k] + u, 0.0f));
      for (int t = 0; t < Lanes; ++t) acc[g][t] = _mm512_fmadd_ps(col[t], x, acc[g][t]);
    }
  }
  for (int g = 0; g < kGroup; ++g) {
    __m512 s = _mm512_mul_ps(_mm512_loadu_ps(head.w3.data()), relu(acc[g][0]));
    for (int t = 1; t < Lanes; ++t) {
      s = _mm512_fmadd_ps(_mm512_loadu_ps(head.w3.data() + t * kLane), relu(acc[g][t]), s);
    }
    out[g] = lane_sum(s) + head.b3;
  }
}

using GroupKernel = void (*)(const MeluHead&, const float* const (&)[kGroup], float (&)[kGroup]);

template <int... L>
GroupKernel avx512_kernel_for(Eigen::Index lanes, std::integer_sequence<int, L...>) {
  GroupKernel kernel = nullptr;
  ((lanes == L + 1 ? (kernel = &score_group_avx512<L + 1>, 0) : 0), ...);
  return kernel;
}

bool cpu_has_avx512() {
  static const bool has = __builtin_cpu_supports("avx512f") != 0;
  return has;
}
#endif

// Runs the kernel over groups of kGroup items; item_at(i) is the first-layer column of the
// i-th item. A short last group repeats its last item, so every item goes through the same
// instructions as in a full group.
template <typename ItemAt>
void score_all(const MeluHead& head, Eigen::Index count, ItemAt item_at, float* out) {
  if (count == 0) return;
  std::vector<float> scratch;
#if defined(__x86_64__)
  GroupKernel kernel = nullptr;
  if (cpu_has_avx512()) {
    kernel = avx512_kernel_for(head.padded / kLane, std::make_integer_sequence<int, kMaxLanes>{});
  }
#endif
  for (Eigen::Index i = 0; i < count; i += kGroup) {
    const float* c[kGroup];
    for (int g = 0; g < kGroup; ++g) c[g] = item_at(std::min<Eigen::Index>(i + g, count - 1));
    float s[kGroup];
#if defined(__x86_64__)
    if (kernel != nullptr) {
      kernel(head, c, s);
    } else {
      score_group_portable(head, c, s, scratch);
    }
#else
    score_group_portable(head, c, s, scratch);
#endif
    for (int g = 0; g < kGroup && i + g < count; ++g) out[i + g] = s[g];
  }
}

void check_items(const MeluHead& head, const MeluItemLayer& items) {
  if (items.rows() != head.hidden) {
    throw std::invalid_argument("melu: the item layer has " + std::to_string(items.rows()) +
                                " rows for " + std::to_string(head.hidden) + " hidden units");
  }
}

}  // namespace

MeluHead::MeluHead(Eigen::Index h, const float* local,
                   const Eigen::Ref<const Eigen::VectorXf>& user_part)
    : hidden(h), padded((h + kLane - 1) / kLane * kLane) {
  if (user_part.size() != h) throw std::invalid_argument("melu: the user part must have H values");
  const auto p = static_cast<std::size_t>(padded);
  w2.assign(p * static_cast<std::size_t>(h), 0.0f);
  for (Eigen::Index k = 0; k < h; ++k)
    std::copy(local + k * h, local + (k + 1) * h, w2.begin() + k * padded);
  b2.assign(p, 0.0f);
  std::copy(local + h * h, local + h * h + h, b2.begin());
  w3.assign(p, 0.0f);
  std::copy(local + h * h + h, local + h * h + 2 * h, w3.begin());
  b3 = local[h * h + 2 * h];
  user.assign(user_part.data(), user_part.data() + h);
}

void melu_score_range(const MeluHead& head, const MeluItemLayer& items, Eigen::Index first,
                      std::span<float> out) {
  check_items(head, items);
  const auto count = static_cast<Eigen::Index>(out.size());
  if (first < 0 || first + count > items.cols()) throw std::out_of_range("melu: item range");
  const float* base = items.data();
  const Eigen::Index stride = items.outerStride();
  score_all(
      head, count, [&](Eigen::Index i) { return base + (first + i) * stride; }, out.data());
}

void melu_score_items(const MeluHead& head, const MeluItemLayer& items,
                      std::span<const std::int32_t> ids, std::span<float> out) {
  check_items(head, items);
  if (out.size() != ids.size()) throw std::invalid_argument("melu: one output per item");
  const float* base = items.data();
  const Eigen::Index stride = items.outerStride();
  for (const std::int32_t v : ids) {
    if (v < 0 || v >= items.cols()) throw std::out_of_range("melu: item id out of range");
  }
  score_all(
      head, static_cast<Eigen::Index>(ids.size()),
      [&](Eigen::Index i) { return base + ids[static_cast<std::size_t>(i)] * stride; }, out.data());
}

bool melu_kernel_is_avx512() {
#if defined(__x86_64__)
  return cpu_has_avx512();
#else
  return false;
#endif
}

}  // namespace metacf
