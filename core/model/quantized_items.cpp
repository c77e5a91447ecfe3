#include "core/model/quantized_items.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "core/model/quantized_kernels.h"
#include "core/simd/instruction_set.h"

namespace metacf {
namespace {

constexpr double kUnitRoundoff = 0x1p-24;  // float's u
// Values past these are left to the float path: the bound's products must not overflow.
constexpr double kLargestItemValue = 1e12;
constexpr double kLargestBias = 1e30;
constexpr double kLargestUserNorm = 1e12;
// Covers subnormal results in either computation (at most D ulps of 2^-149 times |c . t|).
constexpr double kUnderflowMargin = 1e-36;

double gamma(double n) { return n * kUnitRoundoff / (1.0 - n * kUnitRoundoff); }

// The smallest float >= x (x >= 0, finite).
float round_up(double x) {
  const auto f = static_cast<float>(x);
  return static_cast<double>(f) >= x ? f : std::nextafter(f, std::numeric_limits<float>::max());
}

std::int32_t quantize_value(double x, double scale) {
  if (scale == 0) return 0;
  return static_cast<std::int32_t>(std::clamp(std::nearbyint(x / scale), -127.0, 127.0));
}

}  // namespace

bool quantized_kernel_available(QuantizedKernel kernel) {
  switch (kernel) {
    case QuantizedKernel::kPortable:
      return true;
    case QuantizedKernel::kAvx2:
      return simd::cpu_has_avx2();
    case QuantizedKernel::kAvx512Vnni:
      return quantized::cpu_has_avx512_vnni();
  }
  return false;
}

QuantizedKernel best_quantized_kernel() {
  static const QuantizedKernel best = quantized::cpu_has_avx512_vnni()
                                          ? QuantizedKernel::kAvx512Vnni
                                      : simd::cpu_has_avx2() ? QuantizedKernel::kAvx2
                                                             : QuantizedKernel::kPortable;
  return best;
}

const char* quantized_kernel_name(QuantizedKernel kernel) {
  switch (kernel) {
    case QuantizedKernel::kPortable:
      return "portable";
    case QuantizedKernel::kAvx2:
      return "AVX2";
    case QuantizedKernel::kAvx512Vnni:
      return "AVX-512 VNNI";
  }
  return "?";
}

QuantizedItems::QuantizedItems(const Eigen::Ref<const Eigen::MatrixXf>& Q,
                               const Eigen::VectorXf& bias) {
  if (bias.size() != 0 && bias.size() != Q.rows()) {
    throw std::invalid_argument("quantized items: bias has " + std::to_string(bias.size()) +
                                " values for " + std::to_string(Q.rows()) + " items");
  }
  if (Q.rows() == 0 || Q.cols() == 0 || Q.cols() > kMaxDim) return;
  const bool items_fit = Q.allFinite() && Q.cwiseAbs().maxCoeff() <= kLargestItemValue;
  const bool bias_fits =
      bias.size() == 0 || (bias.allFinite() && bias.cwiseAbs().maxCoeff() <= kLargestBias);
  if (!items_fit || !bias_fits) return;

  num_items_ = Q.rows();
  dim_ = Q.cols();
  groups_ = (dim_ + kGroup - 1) / kGroup;
  chunks_ = (num_items_ + kLanes - 1) / kLanes;
  const auto padded = static_cast<std::size_t>(chunks_ * kLanes);
  codes_.assign(static_cast<std::size_t>(chunks_ * groups_ * kLanes * kGroup), 128);
  scales_.assign(padded, 0.0f);
  if (bias.size() != 0) {
    bias_.assign(padded, 0.0f);
    std::copy(bias.data(), bias.data() + bias.size(), bias_.begin());
  }
  for (Eigen::Index v = 0; v < num_items_; ++v) {
    const float scale = Q.row(v).cwiseAbs().maxCoeff() / 127.0f;
    scales_[static_cast<std::size_t>(v)] = scale;
    const Eigen::Index c = v / kLanes, i = v % kLanes;
    for (Eigen::Index d = 0; d < dim_; ++d) {
      const auto code = quantize_value(Q(v, d), scale);
      const Eigen::Index g = d / kGroup, k = d % kGroup;
      codes_[static_cast<std::size_t>(((c * groups_ + g) * kLanes + i) * kGroup + k)] =
          static_cast<std::uint8_t>(code + 128);
    }
  }
  build_bounds(Q, bias);
}

// Per chunk, from the largest per-item terms (in double, then rounded up):
//   alpha = (e + (gamma_D + 2u) ||q|| + (gamma_2 + 5u) ||q~||) (1 + 8u)
//   beta  = ||q~|| (1 + gamma_2 + 5u) (1 + 8u)
//   kappa = 5u max|b| (1 + 8u) + underflow margin
// e = ||q - q~||. The gamma_D term is the exact score's dot product, the gamma_2 terms the two
// roundings of s_v s_p c.t, the u terms the bias additions and a_v +- radius (whose |a_v| is
// at most ||q~|| ||p~|| + |b| with ||p~|| <= ||p|| + ||p - p~||); (1 + 8u) covers the radius
// appearing in its own rounding.
void QuantizedItems::build_bounds(const Eigen::Ref<const Eigen::MatrixXf>& Q,
                                  const Eigen::VectorXf& bias) {
  const double u = kUnitRoundoff;
  const double gamma_d = gamma(static_cast<double>(dim_));
  const double grow = 1.0 + 8.0 * u;
  alpha_.assign(static_cast<std::size_t>(chunks_), 0.0f);
  beta_.assign(static_cast<std::size_t>(chunks_), 0.0f);
  kappa_.assign(static_cast<std::size_t>(chunks_), 0.0f);
  for (Eigen::Index c = 0; c < chunks_; ++c) {
    double error = 0, norm = 0, quantized_norm = 0, largest_bias = 0;
    for (Eigen::Index v = c * kLanes; v < std::min(num_items_, (c + 1) * kLanes); ++v) {
      const double scale = scales_[static_cast<std::size_t>(v)];
      double e2 = 0, q2 = 0, t2 = 0;
      for (Eigen::Index d = 0; d < dim_; ++d) {
        const double q = Q(v, d);
        const double approx = scale * quantize_value(q, scale);
        e2 += (q - approx) * (q - approx);
        q2 += q * q;
        t2 += approx * approx;
      }
      error = std::max(error, std::sqrt(e2));
      norm = std::max(norm, std::sqrt(q2));
      quantized_norm = std::max(quantized_norm, std::sqrt(t2));
      if (bias.size() != 0) largest_bias = std::max(largest_bias, std::abs(double{bias[v]}));
    }
    const auto i = static_cast<std::size_t>(c);
    alpha_[i] =
        round_up((error + (gamma_d + 2 * u) * norm + (gamma(2) + 5 * u) * quantized_norm) * grow);
    beta_[i] = round_up(quantized_norm * (1 + gamma(2) + 5 * u) * grow);
    kappa_[i] = round_up(5 * u * largest_bias * grow + kUnderflowMargin);
  }
}

std::size_t QuantizedItems::bytes() const {
  return codes_.size() + 4 * (scales_.size() + bias_.size() + 3 * alpha_.size());
}

void QuantizedItems::quantize(const Eigen::Ref<const Eigen::VectorXf>& p,
                              QuantizedUser& user) const {
  if (p.size() != dim_) {
    throw std::invalid_argument("quantized items: a " + std::to_string(dim_) +
                                "-dim user was expected, not " + std::to_string(p.size()));
  }
  user.usable = false;
  user.code_sum = 0;
  const double norm = p.cast<double>().norm();
  if (!std::isfinite(norm) || norm > kLargestUserNorm) return;
  user.usable = true;
  const float largest = dim_ == 0 ? 0.0f : p.cwiseAbs().maxCoeff();
  user.scale = largest > 0 ? largest / 127.0f : 1.0f;
  user.codes.assign(static_cast<std::size_t>(groups_ * kGroup), 0);
  double error2 = 0;
  for (Eigen::Index d = 0; d < dim_; ++d) {
    const std::int32_t t = quantize_value(p[d], user.scale);
    user.codes[static_cast<std::size_t>(d)] = t;
    user.code_sum += t;
    const double gap = double{p[d]} - double{user.scale} * t;
    error2 += gap * gap;
  }
  user.norm = round_up(norm);
  user.error = round_up(std::sqrt(error2));
  user.packed.assign(static_cast<std::size_t>(groups_), 0);
  user.pairs.assign(static_cast<std::size_t>(groups_), 0);
  for (Eigen::Index g = 0; g < groups_; ++g) {
    std::uint32_t bytes = 0;
    std::uint64_t words = 0;
    for (Eigen::Index k = 0; k < kGroup; ++k) {
      const std::int32_t t = user.codes[static_cast<std::size_t>(g * kGroup + k)];
      bytes |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(t)) << (8 * k);
      words |= static_cast<std::uint64_t>(static_cast<std::uint16_t>(t)) << (16 * k);
    }
    std::memcpy(&user.packed[static_cast<std::size_t>(g)], &bytes, sizeof bytes);
    std::memcpy(&user.pairs[static_cast<std::size_t>(g)], &words, sizeof words);
  }
}

void QuantizedItems::approximate(const QuantizedUser& user, Eigen::Index first, Eigen::Index count,
                                 float* approx, float* maxima, QuantizedKernel kernel) const {
  if (!user.usable || first < 0 || count < 0 || first + count > chunks_) {
    throw std::invalid_argument("quantized items: unusable user or chunk range out of bounds");
  }
  if (!quantized_kernel_available(kernel)) {
    throw std::invalid_argument(std::string("quantized items: this CPU has no ") +
                                quantized_kernel_name(kernel));
  }
  const quantized::Block block{
      codes_.data() + first * groups_ * kLanes * kGroup, scales_.data() + first * kLanes,
      bias_.empty() ? nullptr : bias_.data() + first * kLanes, groups_, count};
  switch (kernel) {
    case QuantizedKernel::kPortable:
      quantized::approximate_portable(block, user, approx, maxima);
      break;
    case QuantizedKernel::kAvx2:
      quantized::approximate_avx2(block, user, approx, maxima);
      break;
    case QuantizedKernel::kAvx512Vnni:
      quantized::approximate_avx512_vnni(block, user, approx, maxima);
      break;
  }
}

}  // namespace metacf
