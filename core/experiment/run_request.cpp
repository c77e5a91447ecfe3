#include "core/experiment/run_request.h"

#include <chrono>
#include <new>

#include "core/experiment/experiment_config_file.h"
#include "core/experiment/run_admission.h"

namespace metacf {
namespace {

NamedTensor matrix_tensor(const std::string& name, const Eigen::MatrixXf& m) {
  NamedTensor t{name, m.rows(), m.cols(), std::vector<float>(static_cast<std::size_t>(m.size()))};
  Eigen::Map<Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
      t.values.data(), m.rows(), m.cols()) = m;
  return t;
}

class StoreRecorder final : public ExperimentObserver {
 public:
  StoreRecorder(ExperimentStore& store, std::int64_t run_id, std::optional<std::int64_t> dataset_id,
                const ExperimentConfig& config, ExperimentObserver* also,
                std::vector<ResultRecord>& results)
      : store_(store),
        run_id_(run_id),
        dataset_id_(dataset_id),
        config_(config),
        also_(also),
        results_(results) {}

  void on_split(std::uint64_t seed, const Split& split) override {
    if (dataset_id_) {
      SplitConfig c = config_.split;
      c.seed = seed;
      if (!store_.find_split(*dataset_id_, c)) store_.add_split(*dataset_id_, c, split);
    }
    if (also_) also_->on_split(seed, split);
  }
  void on_item_embeddings(std::uint64_t seed, const Eigen::MatrixXf& Q) override {
    flush_curve_points();
    store_.save_parameters(run_id_, kItemEmbeddingsKey, seed, std::vector{matrix_tensor("Q", Q)});
    if (also_) also_->on_item_embeddings(seed, Q);
  }
  // Points are stored in batches: a transaction per epoch was 5% of a MovieLens 100K run. The
  // live view (`also_`) still gets each one as it comes; the store gets them at the latest a
  // quarter of a second later, and whenever a fit, a result or the run ends.
  void on_curve_point(const CurvePoint& point) override {
    if (pending_.empty()) first_pending_ = Clock::now();
    pending_.push_back(point);
    if (pending_.size() >= kMaxPending || Clock::now() - first_pending_ > kMaxDelay)
      flush_curve_points();
    if (also_) also_->on_curve_point(point);
  }
  void flush_curve_points() {
    if (pending_.empty()) return;
    store_.add_curve_points(run_id_, pending_);
    pending_.clear();
  }
  void on_learner_fitted(std::uint64_t seed, int k, const Learner& learner) override {
    flush_curve_points();
    store_.save_parameters(run_id_, learner.name(), seed, learner.parameters(), k);
    if (also_) also_->on_learner_fitted(seed, k, learner);
  }
  void on_result(const ResultRecord& result) override {
    flush_curve_points();
    store_.add_results(run_id_, result_rows(result, config_.top_n));
    results_.push_back(result);
    if (also_) also_->on_result(result);
  }

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr std::size_t kMaxPending = 256;
  static constexpr Clock::duration kMaxDelay = std::chrono::milliseconds(250);

  ExperimentStore& store_;
  std::int64_t run_id_;
  std::optional<std::int64_t> dataset_id_;
  const ExperimentConfig& config_;
  ExperimentObserver* also_;
  std::vector<ResultRecord>& results_;
  std::vector<CurvePoint> pending_;
  Clock::time_point first_pending_;
};

}  // namespace

std::vector<std::string> RunRequest::problems(const Dataset* data) const {
  return run_problems(config, data);
}

nlohmann::json RunRequest::stored_configuration() const {
  nlohmann::json config_json = config;
  config_json["data"] = {
      {"path", source.path}, {"format", source.format}, {"titles", source.titles_path}};
  for (const auto& [key, value] : source.load.items()) config_json["data"][key] = value;
  return config_json;
}

std::string RunRequest::command_line(const std::string& config_path) const {
  return run_command_line(source, config, config_path);
}

StoredRun RunRequest::store_cancelled_before_start(ExperimentStore& store) const {
  StoredRun outcome;
  outcome.run_id = store.begin_run(std::nullopt, std::nullopt, stored_configuration(), label);
  outcome.status = RunStatus::kCancelled;
  store.finish_run(outcome.run_id, outcome.status);
  return outcome;
}

StoredRun RunRequest::execute(ExperimentStore& store, const ExperimentInputs& inputs,
                              JobControl& job, ExperimentObserver* also,
                              const std::function<void(std::int64_t run_id)>& on_begin) const {
  // Refused before anything is stored, whichever front end asked.
  admit_run(config, inputs.data);
  // The loaded data set is stored whole (once per distinct load), so the run is served later
  // with exactly this catalogue, whatever becomes of the file or however it was read.
  std::optional<std::int64_t> dataset_id;
  bool cancelled = false;
  if (inputs.data.num_items() > 0) {
    try {
      const DatasetBlob blob = encode_dataset(inputs.data, &job);
      dataset_id = store.store_dataset(source.path, source.format, source.stats, inputs.data, blob);
    } catch (const Cancelled&) {
      cancelled = true;
    }
  }
  StoredRun outcome;
  outcome.run_id = store.begin_run(dataset_id, std::nullopt, stored_configuration(), label);
  if (on_begin) on_begin(outcome.run_id);
  StoreRecorder recorder(store, outcome.run_id, dataset_id, config, also, outcome.results);
  try {
    if (cancelled) throw Cancelled();
    run_experiment(inputs, config, job, &recorder);
    outcome.status = RunStatus::kCompleted;
  } catch (const Cancelled&) {
    outcome.status = RunStatus::kCancelled;
  } catch (const std::bad_alloc&) {
    // Never a bare "std::bad_alloc": where it ran out, and what to do about it.
    outcome.status = RunStatus::kFailed;
    outcome.error = "out of memory during " +
                    (job.last_stage().empty() ? std::string("the setup") : job.last_stage()) +
                    "; lower the sizes in the configuration (metacf run --help-config) or run "
                    "with more memory";
  } catch (const std::exception& e) {
    outcome.status = RunStatus::kFailed;
    outcome.error = e.what();
  }
  // The curve up to the end is kept, whether the run completed, was cancelled or failed.
  try {
    recorder.flush_curve_points();
  } catch (const std::exception& e) {
    if (outcome.status == RunStatus::kCompleted) {
      outcome.status = RunStatus::kFailed;
      outcome.error = e.what();
    }
  }
  store.finish_run(outcome.run_id, outcome.status, outcome.error);
  return outcome;
}

}  // namespace metacf
