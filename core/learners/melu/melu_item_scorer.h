#pragma once
// MeLU's score for any set of items, one user at a time:
//   s_v = w3 . relu(W2 relu(c_v + u) + b2) + b3,
// c_v = W1_q q_v + b1 being the user-independent half of the first layer (precomputed per item)
// and u = W1_p p_u the user's half. Every s_v is computed by the same sequence of operations
// whichever other items are scored with it, so a score over the whole catalogue and a score of
// a few chosen items agree bit for bit, and a user's list does not depend on how the catalogue
// was cut into groups.
//
// The arithmetic runs in an AVX-512 kernel when the CPU has it (chosen once at run time) and
// in portable code otherwise; on one machine every call takes the same path.
#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <vector>

namespace metacf {

// A user's adapted decision layers, laid out for the kernel: W2's columns padded to whole
// 16-float lanes (zero rows past H, which relu and w3 = 0 leave without effect).
struct MeluHead {
  Eigen::Index hidden = 0;    // H
  Eigen::Index padded = 0;    // H rounded up to a multiple of 16
  std::vector<float> w2;      // column k of W2 at [k * padded, (k + 1) * padded)
  std::vector<float> b2, w3;  // padded
  std::vector<float> user;    // u = W1_p p_u (H)
  float b3 = 0;

  // local: W2 (H x H, column-major), b2 (H), w3 (H), b3, as in MeluShape; user_part: u (H).
  MeluHead(Eigen::Index hidden, const float* local,
           const Eigen::Ref<const Eigen::VectorXf>& user_part);
};

// The items' first-layer halves c_v, H x N column-major (column v = item v).
using MeluItemLayer = Eigen::Ref<const Eigen::MatrixXf>;

// out[i] = s of item first + i, for i in [0, out.size()).
void melu_score_range(const MeluHead& head, const MeluItemLayer& items, Eigen::Index first,
                      std::span<float> out);

// out[i] = s of item ids[i].
void melu_score_items(const MeluHead& head, const MeluItemLayer& items,
                      std::span<const std::int32_t> ids, std::span<float> out);

// Whether the AVX-512 kernel is in use on this machine (reported by the benchmarks).
bool melu_kernel_is_avx512();

}  // namespace metacf
