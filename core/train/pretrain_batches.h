#pragma once
// Pretraining's batches: each epoch shuffles the positives and follows each with its sampled
// negatives. None of it reads the factors, so a second thread draws the next chunk of batches
// while the first trains on this one; the draws are made in the same order with the same
// random stream as one thread would make them, so Q does not depend on it.
#include <cstdint>
#include <future>
#include <span>
#include <vector>

#include "core/train/known_item_bits.h"
#include "core/train/mf_loss.h"
#include "core/util/rng.h"

namespace metacf {

struct PretrainUser {
  std::vector<std::int32_t> train_sorted;  // training records, ascending
  std::int32_t held_out = -1;              // validation record, or -1
};

// Up to kBatchesPerChunk consecutive batches of one epoch, their pairs back to back.
struct BatchChunk {
  int epoch = 0;                // from 1
  std::size_t first_batch = 0;  // index within the epoch of the chunk's first batch
  std::vector<LabelledPair> pairs;
  std::vector<std::size_t> ends;  // end of each batch in pairs
  bool ends_epoch = false;

  [[nodiscard]] std::size_t batches() const { return ends.size(); }
  [[nodiscard]] std::span<const LabelledPair> batch(std::size_t b) const {
    const std::size_t begin = b == 0 ? 0 : ends[b - 1];
    return std::span<const LabelledPair>(pairs).subspan(begin, ends[b] - begin);
  }
};

// 64 batches of 1,024 positives (the default) take about 0.2 s at D = 32: a chunk is also the
// stride of progress reports within a long epoch.
constexpr std::size_t kBatchesPerChunk = 64;

// Draws the batches of epoch after epoch, a chunk at a time, on the calling thread.
class BatchDrawer {
 public:
  BatchDrawer(std::vector<LabelledPair> positives, const std::vector<PretrainUser>& users,
              int negatives, std::int32_t num_items, std::size_t batch_size, Rng rng);

  // Fills `chunk` (its buffers reused) with the next batches; the first of an epoch shuffles.
  void draw(BatchChunk& chunk);
  [[nodiscard]] std::size_t batches_per_epoch() const;

 private:
  std::vector<LabelledPair> positives_;
  const std::vector<PretrainUser>& users_;
  KnownItemBits known_bits_;  // users_' training records, while they fit its budget
  int negatives_;
  std::int32_t num_items_;
  std::size_t batch_size_;
  Rng rng_;
  int epoch_ = 0;
  std::size_t next_ = 0;  // next positive of the current epoch; positives_.size() at its end
};

// A BatchDrawer one chunk ahead of its reader, on a thread of its own.
class BatchesAhead {
 public:
  explicit BatchesAhead(BatchDrawer& drawer);
  ~BatchesAhead();  // waits for the chunk being drawn
  BatchesAhead(const BatchesAhead&) = delete;
  BatchesAhead& operator=(const BatchesAhead&) = delete;

  // The next chunk, valid until the following call; starts drawing the one after it.
  const BatchChunk& next();

 private:
  BatchDrawer& drawer_;
  BatchChunk chunks_[2];
  int ready_ = 0;  // the chunk being drawn or drawn, not yet handed out
  std::future<void> drawing_;
};

}  // namespace metacf
