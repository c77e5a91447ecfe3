#pragma once
// What the simulator needs from a stored run: the run's catalogue (its data set again, padded
// the same way for `metacf simulate` and the studio), the trained learners, and per seed the
// PCA picture of Q (when the run has a Q: one whose learners never read it did not pretrain)
// and the meta-test users of the split. Results are shared and immutable, so
// the studio loads them off the UI thread, caches them per run and seed, and a new selection
// only loads what is missing.
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/data/dataset.h"
#include "core/simulate/new_user_simulation.h"
#include "core/simulate/projection.h"
#include "core/split/split.h"
#include "core/store/experiment_store.h"

namespace metacf {

using LearnerKey = StoredLearnerKey;

// The run's data set, padded when Q has more rows than it has items (items only in an
// embeddings file): each such row joins as id "#row" with an empty title and no genres.
struct RunCatalogue {
  std::int64_t run_id = 0;
  Dataset data;
  std::vector<std::int64_t> record_counts;  // per item: its records in the whole data set
  bool stored = true;  // false: read again from the data file (a run stored without it)
  std::string origin;  // where the catalogue came from, in words
};

// Everything that depends on the seed a learner was trained with.
struct SeedView {
  std::uint64_t seed = 0;
  std::optional<Projection2D> projection;     // none when the run stored no Q for the seed
  std::int32_t dimensions = 0;                // D of Q; 0 without one
  std::vector<Task> test_users;               // the split's meta-test tasks; empty when unknown
  std::string test_users_note;                // why there are none, when there are none
  std::vector<std::int64_t> training_counts;  // pretraining + meta-training records per item
};

struct SimulatorCache {
  std::shared_ptr<const RunCatalogue> catalogue;  // of `run_id` only
  std::map<std::uint64_t, std::shared_ptr<const SeedView>> seeds;
  std::map<LearnerKey, std::shared_ptr<const StoredLearner>> learners;
};

// The cached learner for `key`, or for a learner whose fit does not depend on K (ease, pop,
// itemknn) the one cached for another K of the same seed, served with `key`'s K: the run fit
// it once for every K, and loading it again would refit it (seconds for ease on 10k items).
std::shared_ptr<const StoredLearner> find_cached_learner(const SimulatorCache& cache,
                                                         const LearnerKey& key);

struct SimulatorLoadRequest {
  std::string store_path;
  std::int64_t run_id = 0;
  std::array<std::optional<LearnerKey>, 2> learners;  // [0] drives the chart
};

struct SimulatorLoad {
  std::int64_t run_id = 0;
  std::shared_ptr<const RunCatalogue> catalogue;
  std::shared_ptr<const SeedView> seed_view;  // of learners[0]'s seed
  std::array<std::shared_ptr<const StoredLearner>, 2> learners;
  std::string compare_error;  // why learners[1] could not be loaded (the page still runs)
};

// The catalogue of `run` for an item matrix of `q_rows` rows: the one stored with the run, or
// for a run stored without one, its data file read again. Throws std::runtime_error naming the
// data file when that file is gone or changed.
std::shared_ptr<const RunCatalogue> load_run_catalogue(ExperimentStore& store, const RunRecord& run,
                                                       std::int64_t q_rows);
// Only from the data file (what runs stored without a catalogue use).
std::shared_ptr<const RunCatalogue> load_run_catalogue(const RunRecord& run, std::int64_t q_rows);

// Loads what `cache` lacks (the cache must belong to the same run, or be empty). Throws
// std::runtime_error with the store's or the loader's message.
SimulatorLoad load_for_simulator(const SimulatorLoadRequest& request, const SimulatorCache& cache);

// The run's split for `seed` (its meta-test tasks are the users one can replay); none, with the
// reason in `note`, when it was not stored (pre-split data, or no recorded data set).
std::optional<Split> stored_split(ExperimentStore& store, const RunRecord& run, std::uint64_t seed,
                                  std::string& note);

}  // namespace metacf
