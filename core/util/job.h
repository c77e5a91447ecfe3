#pragma once
// How a long core job talks to its caller: progress reports out, cancellation in.
// Core never blocks on the caller; the UI worker turns reports into queued signals.
#include <atomic>
#include <cmath>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/util/stage.h"

namespace metacf {

struct Progress {
  Stage stage = Stage::kOther;
  std::string learner;  // empty outside learner stages
  int epoch = 0;        // 1-based; 0 when the stage has no epochs
  int epochs = 0;
  double fraction = 0;  // of this stage, in [0, 1]
  double overall = 0;   // of the whole job, in [0, 1] (for the progress bar and ETA)
  int k = 0;            // local steps of the learner being trained; 0 when not applicable
  std::uint64_t seed = 0;
  double loss = std::nan("");
  double val_hr = std::nan("");
  double val_ndcg = std::nan("");
  std::string message;
  bool epoch_done = false;  // true once per finished epoch: the report is then a curve point
  double wall_seconds = 0;  // since the stage started
};

// Thrown when a job stops because it was asked to; callers store the run as cancelled.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

// Thrown when a loss becomes NaN or infinite; the message names the stage and the fix.
class Diverged : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class JobControl {
 public:
  // The callback returns false to ask the job to stop.
  using Callback = std::function<bool(const Progress&)>;

  JobControl() = default;
  explicit JobControl(Callback callback, const std::atomic<bool>* cancel_flag = nullptr)
      : callback_(std::move(callback)), cancel_flag_(cancel_flag) {}

  // Reports progress; throws Cancelled when the caller asked to stop.
  void report(const Progress& progress) {
    last_stage_ = progress.learner.empty() ? stage_name(progress.stage)
                                           : stage_name(progress.stage) + " " + progress.learner;
    if (callback_ && !callback_(progress)) stopped_ = true;
    check();
  }

  // Cheap enough for inner loops: one relaxed atomic load.
  [[nodiscard]] bool cancelled() const {
    return stopped_ || (cancel_flag_ && cancel_flag_->load(std::memory_order_relaxed));
  }
  [[nodiscard]] const std::atomic<bool>* cancel_flag() const { return cancel_flag_; }
  // Names the stage that starts, before its first report (a stage may fail before it).
  void enter(std::string stage) { last_stage_ = std::move(stage); }
  // The stage (and learner) entered or reported last, to say where a run failed.
  [[nodiscard]] const std::string& last_stage() const { return last_stage_; }
  void check() const {
    if (cancelled()) throw Cancelled();
  }

 private:
  Callback callback_;
  const std::atomic<bool>* cancel_flag_ = nullptr;
  bool stopped_ = false;
  std::string last_stage_;
};

}  // namespace metacf
