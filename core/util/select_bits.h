#pragma once
// `take_first ? first : second` for floating-point values, by masking their bits: for a choice
// that follows the data (the sign of a logit, hence the labels), which a branch mispredicts
// about as often as not. Compilers turn the plain conditional into a branch when what follows
// is costly, such as a division. The value is the chosen operand, bit for bit.
#include <bit>
#include <cstdint>
#include <type_traits>

namespace metacf {

template <typename S>
inline S select_bits(bool take_first, S first, S second) {
  static_assert(std::is_floating_point_v<S> && (sizeof(S) == 4 || sizeof(S) == 8));
  using Bits = std::conditional_t<sizeof(S) == 4, std::uint32_t, std::uint64_t>;
  const Bits mask = Bits(0) - static_cast<Bits>(take_first);
  return std::bit_cast<S>((std::bit_cast<Bits>(first) & mask) |
                          (std::bit_cast<Bits>(second) & ~mask));
}

}  // namespace metacf
