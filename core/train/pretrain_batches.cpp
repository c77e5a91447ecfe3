#include "core/train/pretrain_batches.h"

#include <algorithm>

#include "core/train/negatives.h"

namespace metacf {

BatchDrawer::BatchDrawer(std::vector<LabelledPair> positives,
                         const std::vector<PretrainUser>& users, int negatives,
                         std::int32_t num_items, std::size_t batch_size, Rng rng)
    : positives_(std::move(positives)),
      users_(users),
      known_bits_(static_cast<std::int64_t>(users.size()), num_items,
                  [&users](std::int64_t u) -> std::span<const std::int32_t> {
                    return users[static_cast<std::size_t>(u)].train_sorted;
                  }),
      negatives_(negatives),
      num_items_(num_items),
      batch_size_(std::max<std::size_t>(batch_size, 1)),
      rng_(rng),
      next_(positives_.size()) {}

std::size_t BatchDrawer::batches_per_epoch() const {
  return (positives_.size() + batch_size_ - 1) / batch_size_;
}

void BatchDrawer::draw(BatchChunk& chunk) {
  if (next_ >= positives_.size()) {
    ++epoch_;
    next_ = 0;
    rng_.shuffle(std::span<LabelledPair>(positives_));
  }
  chunk.epoch = epoch_;
  chunk.first_batch = next_ / batch_size_;
  chunk.pairs.clear();
  chunk.ends.clear();
  while (chunk.ends.size() < kBatchesPerChunk && next_ < positives_.size()) {
    const std::size_t end = std::min(positives_.size(), next_ + batch_size_);
    for (; next_ < end; ++next_) {
      const auto& pos = positives_[next_];
      chunk.pairs.push_back(pos);
      const auto& known = users_[static_cast<std::size_t>(pos.user)].train_sorted;
      const auto bits = known_bits_.row(pos.user);
      for (int k = 0; k < negatives_; ++k) {
        const auto v = sample_negative(rng_, num_items_, known, bits);
        if (v >= 0) chunk.pairs.push_back({pos.user, v, 0.0f});
      }
    }
    chunk.ends.push_back(chunk.pairs.size());
  }
  chunk.ends_epoch = next_ >= positives_.size();
}

BatchesAhead::BatchesAhead(BatchDrawer& drawer) : drawer_(drawer) {
  drawing_ = std::async(std::launch::async, [this] { drawer_.draw(chunks_[0]); });
}

BatchesAhead::~BatchesAhead() {
  if (drawing_.valid()) drawing_.wait();
}

const BatchChunk& BatchesAhead::next() {
  drawing_.get();  // rethrows what the drawing thread threw (bad_alloc)
  const int handed = ready_;
  ready_ = 1 - ready_;
  drawing_ = std::async(std::launch::async, [this, slot = ready_] { drawer_.draw(chunks_[slot]); });
  return chunks_[handed];
}

}  // namespace metacf
