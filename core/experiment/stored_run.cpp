#include "core/experiment/stored_run.h"

#include <new>

#include "core/experiment/memory_estimate.h"

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
    store_.save_parameters(run_id_, kItemEmbeddingsKey, seed, std::vector{matrix_tensor("Q", Q)});
    if (also_) also_->on_item_embeddings(seed, Q);
  }
  void on_curve_point(const CurvePoint& point) override {
    store_.add_curve_points(run_id_, std::span(&point, 1));
    if (also_) also_->on_curve_point(point);
  }
  void on_learner_fitted(std::uint64_t seed, int k, const Learner& learner) override {
    store_.save_parameters(run_id_, learner.name(), seed, learner.parameters(), k);
    if (also_) also_->on_learner_fitted(seed, k, learner);
  }
  void on_result(const ResultRecord& result) override {
    store_.add_results(run_id_, result_rows(result, config_.top_n));
    results_.push_back(result);
    if (also_) also_->on_result(result);
  }

 private:
  ExperimentStore& store_;
  std::int64_t run_id_;
  std::optional<std::int64_t> dataset_id_;
  const ExperimentConfig& config_;
  ExperimentObserver* also_;
  std::vector<ResultRecord>& results_;
};

}  // namespace

std::vector<ResultRow> result_rows(const ResultRecord& r, int top_n) {
  nlohmann::json extra = {{"fit_seconds", r.fit_seconds},
                          {"serve_us_median", r.serve_us_median},
                          {"skipped_users", r.skipped_users}};
  extra["tasks_per_s"] = r.tasks_per_s ? nlohmann::json(*r.tasks_per_s) : nlohmann::json(nullptr);
  if (r.protocol == Protocol::kSampled) extra["all_candidates_users"] = r.all_candidates_users;
  const std::string n = std::to_string(top_n);
  const std::string protocol = protocol_name(r.protocol);
  // Per-user values (in task order) let a stored run be compared pairwise later; the users'
  // own ids (kept once, with the HR row) let the per-user export be joined with other tables.
  nlohmann::json hr_extra = extra, ndcg_extra = extra;
  hr_extra["per_user"] = nlohmann::json::array();
  ndcg_extra["per_user"] = nlohmann::json::array();
  for (const auto& m : r.per_user) {
    hr_extra["per_user"].push_back(m.hr);
    ndcg_extra["per_user"].push_back(m.ndcg);
  }
  if (!r.user_ids.empty()) hr_extra["per_user_ids"] = r.user_ids;
  return {
      {r.learner, r.k, r.support_size, r.seed, protocol, "hr@" + n, r.hr, r.users, hr_extra},
      {r.learner, r.k, r.support_size, r.seed, protocol, "ndcg@" + n, r.ndcg, r.users, ndcg_extra}};
}

namespace {

nlohmann::json run_config_json(const DataSource& source, const ExperimentConfig& config) {
  nlohmann::json config_json = config;
  config_json["data"] = {
      {"path", source.path}, {"format", source.format}, {"titles", source.titles_path}};
  for (const auto& [key, value] : source.load.items()) config_json["data"][key] = value;
  return config_json;
}

}  // namespace

StoredRun store_cancelled_before_start(ExperimentStore& store, const DataSource& source,
                                       const ExperimentConfig& config, const std::string& label) {
  StoredRun outcome;
  outcome.run_id =
      store.begin_run(std::nullopt, std::nullopt, run_config_json(source, config), label);
  outcome.status = RunStatus::kCancelled;
  store.finish_run(outcome.run_id, outcome.status);
  return outcome;
}

StoredRun run_and_store(ExperimentStore& store, const DataSource& source,
                        const ExperimentInputs& inputs, const ExperimentConfig& config,
                        JobControl& job, ExperimentObserver* also, const std::string& label,
                        const std::function<void(std::int64_t run_id)>& on_begin) {
  // Refused before anything is stored: one value must not be able to exhaust the machine. Every
  // front end starts its runs here, so none of them can skip the check.
  check_memory_budget(estimate_memory(config, {inputs.data.num_users(), inputs.data.num_items(),
                                               inputs.data.num_records()}),
                      memory_budget_mib(config));
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
  outcome.run_id =
      store.begin_run(dataset_id, std::nullopt, run_config_json(source, config), label);
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
  store.finish_run(outcome.run_id, outcome.status, outcome.error);
  return outcome;
}

}  // namespace metacf
