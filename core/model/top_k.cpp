#include "core/model/top_k.h"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace metacf {

TopK::TopK(int k) : k_(std::max(k, 0)) { heap_.reserve(static_cast<std::size_t>(k_) + 1); }

void TopK::push(Candidate c) {
  if (static_cast<int>(heap_.size()) < k_) {
    heap_.push_back(c);
    std::push_heap(heap_.begin(), heap_.end(), ranks_before);
  } else if (ranks_before(c, heap_.front())) {
    std::pop_heap(heap_.begin(), heap_.end(), ranks_before);
    heap_.back() = c;
    std::push_heap(heap_.begin(), heap_.end(), ranks_before);
  }
}

void TopK::offer_run(const float* scores, std::int32_t begin, std::int32_t stop) {
  constexpr std::int32_t kGroup = 8;
  std::int32_t v = begin;
  while (v < stop) {
    // Once the heap is full, a group of eight that all fall below the worst kept score is
    // passed over with one vector comparison; offer_one would reject each of them (the worst
    // kept score only rises), so the list is the same. A NaN is never "below": it is offered.
    if (static_cast<int>(heap_.size()) == k_ && v + kGroup <= stop) {
      const float worst = heap_.front().score;
      const float* group = scores + (v - begin);
#if defined(__SSE2__)
      const __m128 w = _mm_set1_ps(worst);
      const int offered = _mm_movemask_ps(_mm_or_ps(_mm_cmpnlt_ps(_mm_loadu_ps(group), w),
                                                    _mm_cmpnlt_ps(_mm_loadu_ps(group + 4), w)));
#else
      int offered = 0;
      for (int j = 0; j < kGroup; ++j) offered |= !(group[j] < worst) ? 1 : 0;
#endif
      if (offered == 0) {
        v += kGroup;
        continue;
      }
      for (int j = 0; j < kGroup; ++j, ++v) offer_one(v, scores[v - begin]);
      continue;
    }
    offer_one(v, scores[v - begin]);
    ++v;
  }
}

void TopK::offer(std::span<const float> scores, std::int32_t first,
                 std::span<const std::int32_t> excluded_sorted) {
  if (k_ == 0) return;
  const auto end = first + static_cast<std::int32_t>(scores.size());
  auto next_excluded = std::lower_bound(excluded_sorted.begin(), excluded_sorted.end(), first);
  // Runs of items between two excluded ones; within a run, most items fall below the worst
  // kept score once the heap is full and are rejected with one comparison.
  for (std::int32_t begin = first; begin < end;) {
    const std::int32_t stop =
        next_excluded == excluded_sorted.end() ? end : std::min(end, *next_excluded);
    offer_run(scores.data() + (begin - first), begin, stop);
    begin = stop + 1;  // past the excluded item (or past end)
    if (next_excluded != excluded_sorted.end()) ++next_excluded;
  }
}

std::vector<std::int32_t> TopK::take() {
  std::sort(heap_.begin(), heap_.end(), ranks_before);
  std::vector<std::int32_t> out(heap_.size());
  for (std::size_t i = 0; i < heap_.size(); ++i) out[i] = heap_[i].item;
  heap_.clear();
  return out;
}

std::vector<TopK::Candidate> TopK::take_scored() {
  std::sort(heap_.begin(), heap_.end(), ranks_before);
  std::vector<Candidate> out;
  out.swap(heap_);
  heap_.reserve(static_cast<std::size_t>(k_) + 1);
  return out;
}

}  // namespace metacf
