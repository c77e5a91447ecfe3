#include "core/simulate/simulator_loader.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "core/experiment/stored_run.h"
#include "core/learners/learner_factory.h"
#include "core/learners/registry.h"
#include "core/simulate/run_dataset.h"

namespace metacf {

namespace {

std::shared_ptr<const RunCatalogue> padded_catalogue(std::int64_t run_id, RunDataset loaded,
                                                     std::int64_t q_rows) {
  auto catalogue = std::make_shared<RunCatalogue>();
  catalogue->run_id = run_id;
  catalogue->data = std::move(loaded.data);
  catalogue->stored = loaded.stored;
  catalogue->origin = std::move(loaded.origin);
  Dataset& data = catalogue->data;
  // Items only in an embeddings file join the catalogue by row index; titles and genres are
  // padded with them so that every item index has one.
  while (data.num_items() < q_rows) {
    data.item_ids.push_back("#" + std::to_string(data.num_items()));
    if (data.has_titles()) data.item_titles.emplace_back();
    if (!data.item_genres.empty()) data.item_genres.emplace_back();
  }
  catalogue->record_counts.assign(static_cast<std::size_t>(data.num_items()), 0);
  for (auto v : data.user_items) ++catalogue->record_counts[static_cast<std::size_t>(v)];
  return catalogue;
}

}  // namespace

std::shared_ptr<const RunCatalogue> load_run_catalogue(ExperimentStore& store, const RunRecord& run,
                                                       std::int64_t q_rows) {
  return padded_catalogue(run.id, load_run_dataset(store, run, q_rows), q_rows);
}

std::shared_ptr<const RunCatalogue> load_run_catalogue(const RunRecord& run, std::int64_t q_rows) {
  RunDataset loaded;
  loaded.data = load_run_dataset_file(run, q_rows);
  loaded.origin = "read from " + loaded.data.source_path;
  return padded_catalogue(run.id, std::move(loaded), q_rows);
}

namespace {

std::shared_ptr<const SeedView> load_seed_view(ExperimentStore& store, const RunRecord& run,
                                               const StoredLearner& learner, const Dataset& data) {
  auto view = std::make_shared<SeedView>();
  view->seed = learner.seed;
  if (learner.Q) {
    view->dimensions = static_cast<std::int32_t>(learner.Q->cols());
    view->projection = pca_projection(*learner.Q);
  }
  const auto split = stored_split(store, run, learner.seed, view->test_users_note);
  if (!split) return view;
  view->test_users = split->meta_test;
  // With the split known, popularity counts the training records, as the `pop` learner does.
  view->training_counts.assign(static_cast<std::size_t>(data.num_items()), 0);
  auto count_user = [&](std::int32_t u) {
    if (u < 0 || u >= data.num_users()) return;
    for (auto v : data.items_of(u)) ++view->training_counts[static_cast<std::size_t>(v)];
  };
  for (auto u : split->pretrain_users) count_user(u);
  for (const auto& task : split->meta_train) count_user(task.user);
  return view;
}

}  // namespace

std::optional<Split> stored_split(ExperimentStore& store, const RunRecord& run, std::uint64_t seed,
                                  std::string& note) {
  if (!run.dataset_id) {
    note = "the run has no recorded data set, so its split was not stored";
    return std::nullopt;
  }
  SplitConfig config;
  try {
    config = run.config.value("split", nlohmann::json::object()).get<SplitConfig>();
  } catch (const std::exception& e) {
    note = std::string("the run's split settings cannot be read: ") + e.what();
    return std::nullopt;
  }
  config.seed = seed;
  const auto id = store.find_split(*run.dataset_id, config);
  if (!id) {
    note = "no split of seed " + std::to_string(seed) + " is stored for this run";
    return std::nullopt;
  }
  return store.load_split(*id);
}

std::shared_ptr<const StoredLearner> find_cached_learner(const SimulatorCache& cache,
                                                         const LearnerKey& key) {
  if (const auto exact = cache.learners.find(key); exact != cache.learners.end()) {
    return exact->second;
  }
  if (!is_known_learner(key.name) ||
      !describe_learner(key.name).capabilities.fit_independent_of_k) {
    return nullptr;
  }
  for (const auto& [cached_key, learner] : cache.learners) {
    if (cached_key.name == key.name && cached_key.seed == key.seed) {
      return std::make_shared<const StoredLearner>(
          StoredLearner{key.name, key.k, key.seed, learner->Q, learner->learner});
    }
  }
  return nullptr;
}

SimulatorLoad load_for_simulator(const SimulatorLoadRequest& request, const SimulatorCache& cache) {
  auto store = ExperimentStore::open(request.store_path, ExperimentStore::Access::kReadOnly);
  const RunRecord run = store.run(request.run_id);
  SimulatorLoad out;
  out.run_id = run.id;
  for (std::size_t side = 0; side < request.learners.size(); ++side) {
    if (!request.learners[side]) continue;
    const LearnerKey& key = *request.learners[side];
    if (auto cached = find_cached_learner(cache, key)) {
      out.learners[side] = std::move(cached);
    } else if (side == 0) {
      out.learners[side] = std::make_shared<const StoredLearner>(
          load_stored_learner(store, run.id, key.name, key.k, key.seed));
    } else {
      try {
        out.learners[side] = std::make_shared<const StoredLearner>(
            load_stored_learner(store, run.id, key.name, key.k, key.seed));
      } catch (const std::exception& e) {
        out.compare_error = e.what();
      }
    }
  }
  if (!out.learners[0]) throw std::runtime_error("choose a learner to simulate");
  const StoredLearner& first = *out.learners[0];
  const bool same_run = cache.catalogue && cache.catalogue->run_id == run.id;
  // Without Q the catalogue is the run's data set as it was, with nothing to pad.
  const std::int64_t q_rows = first.Q ? first.Q->rows() : 0;
  out.catalogue = same_run ? cache.catalogue : load_run_catalogue(store, run, q_rows);
  if (first.Q && out.catalogue->data.num_items() != q_rows) {
    throw std::runtime_error("run " + std::to_string(run.id) + ": its data set has " +
                             std::to_string(out.catalogue->data.num_items()) +
                             " items but its item matrix has " + std::to_string(q_rows) + " rows");
  }
  const auto seed = same_run ? cache.seeds.find(first.seed) : cache.seeds.end();
  out.seed_view = seed != cache.seeds.end()
                      ? seed->second
                      : load_seed_view(store, run, first, out.catalogue->data);
  return out;
}

}  // namespace metacf
