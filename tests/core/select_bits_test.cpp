#include "core/util/select_bits.h"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>

namespace metacf {
namespace {

template <typename S>
bool same_bits(S a, S b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

template <typename S>
void expect_picks_each_operand_bit_for_bit() {
  const S values[] = {S(1),
                      S(-0.0),
                      S(0),
                      S(3.25),
                      std::numeric_limits<S>::denorm_min(),
                      std::numeric_limits<S>::infinity(),
                      -std::numeric_limits<S>::max(),
                      std::numeric_limits<S>::quiet_NaN()};
  for (const S a : values) {
    for (const S b : values) {
      EXPECT_TRUE(same_bits(select_bits(true, a, b), a)) << a << " " << b;
      EXPECT_TRUE(same_bits(select_bits(false, a, b), b)) << a << " " << b;
    }
  }
}

TEST(SelectBitsTest, PicksEachFloatOperandBitForBit) {
  expect_picks_each_operand_bit_for_bit<float>();
}

TEST(SelectBitsTest, PicksEachDoubleOperandBitForBit) {
  expect_picks_each_operand_bit_for_bit<double>();
}

}  // namespace
}  // namespace metacf
