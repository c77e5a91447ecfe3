#pragma once
// The bounded heap behind the ranking's top_k (core/eval/ranking.h) and the exact top-N of
// serving (core/model/exact_top_n.h): one selection, so both give the same list.
#include <cstdint>
#include <span>
#include <vector>

namespace metacf {

// The k best items by score, fed in pieces: a user's scores may arrive one item block at
// a time. Higher score first, ties to the lower item index; the k best under that strict order
// are the same whatever the order the items are offered in.
class TopK {
 public:
  explicit TopK(int k);
  void clear() { heap_.clear(); }
  // Offers items first, first + 1, ... with these scores, skipping every item in
  // excluded_sorted (ascending; items outside the range are ignored).
  void offer(std::span<const float> scores, std::int32_t first,
             std::span<const std::int32_t> excluded_sorted);
  struct Candidate {
    float score;
    std::int32_t item;
  };
  // Offers one item; offered in ascending item order, as offer() does, the list is offer()'s
  // even where scores are not totally ordered (NaN).
  void offer_one(std::int32_t item, float score) {
    if (k_ == 0 || (static_cast<int>(heap_.size()) == k_ && score < heap_.front().score)) return;
    push({score, item});
  }
  // The kept items, best first; the heap is left empty.
  std::vector<std::int32_t> take();
  // The same with their scores.
  std::vector<Candidate> take_scored();
  // "a ranks before b": higher score, then lower index.
  static bool ranks_before(const Candidate& a, const Candidate& b) {
    return a.score > b.score || (a.score == b.score && a.item < b.item);
  }

 private:
  void push(Candidate c);
  // Offers items begin .. stop - 1, their scores from `scores` (the score of `begin` first).
  void offer_run(const float* scores, std::int32_t begin, std::int32_t stop);

  int k_;
  std::vector<Candidate> heap_;  // a min-heap: the worst kept candidate on top
};

}  // namespace metacf
