#pragma once
// The first-pass kernels behind QuantizedItems::approximate, one per instruction set. Each
// computes, for every item of `chunks` chunks, a_v = (s_v * s_p) * float(c_v . t) (+ b_v), in
// that order of float operations (no fused multiply-add: the file is built with
// -ffp-contract=off), so all three return the same values.
#include <Eigen/Core>
#include <cstdint>

#include "core/model/quantized_items.h"

namespace metacf::quantized {

struct Block {
  const std::uint8_t* codes;  // the first chunk's codes (layout of QuantizedItems::codes_)
  const float* scales;        // its s_v
  const float* bias;          // its b_v, or null
  Eigen::Index groups;
  Eigen::Index chunks;
};

void approximate_portable(const Block& block, const QuantizedUser& user, float* approx,
                          float* maxima);
void approximate_avx2(const Block& block, const QuantizedUser& user, float* approx, float* maxima);
void approximate_avx512_vnni(const Block& block, const QuantizedUser& user, float* approx,
                             float* maxima);

bool cpu_has_avx512_vnni();

}  // namespace metacf::quantized
