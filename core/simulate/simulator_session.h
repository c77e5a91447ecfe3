#pragma once
// A new user in front of a stored run: her clicks, the two learners compared on them, the
// lists each showed before the latest change, a replayed meta-test user's query items, and
// the lists table. `metacf simulate` and the studio's simulator both drive one of these, so
// they look items up, pad the catalogue and mark movements the same way.
//
// The computation (K adaptation steps and K + 1 rankings per learner) is a pure function of a
// snapshot, compute_session(request()), so a caller may run it on another thread and hand the
// result back with accept(). Every change of clicks, learners or list length starts a new
// generation; a result of an older generation is stale and accept() drops it.
//
// "Before" lists: when the clicks change, each side's last accepted final list becomes the
// list its new step 0 is compared with, i.e. what the user last saw. A replayed test user's
// lists are compared with the lists of her clicks without the last one, as `metacf simulate`
// replays clicks in order.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/report/table.h"
#include "core/simulate/new_user_simulation.h"
#include "core/simulate/simulator_loader.h"

namespace metacf {

inline constexpr int kSimulatorSides = 2;  // 0: the learner simulated, 1: the one compared

// What to compute, self-contained (shared immutable learners), safe to hand to another thread.
struct SessionRequest {
  std::uint64_t generation = 0;
  std::vector<std::int32_t> clicks;
  int top_n = 10;
  std::int32_t num_items = 0;
  bool before_from_prefix = false;  // a replay: "before" = the lists without the last click
  struct Side {
    std::shared_ptr<const StoredLearner> learner;
    int steps = 0;
    std::vector<RankedItem> before;
  };
  std::array<Side, kSimulatorSides> sides;
};

struct SessionResult {
  std::uint64_t generation = 0;
  std::array<std::optional<ClickUpdate>, kSimulatorSides> updates;
  double wall_ms = 0;           // the whole computation, timing repeats included
  std::thread::id computed_on;  // the thread it ran on
};

// Runs the adaptations and rankings of `request`. Thread-safe for distinct requests that share
// learners (learners are only read).
SessionResult compute_session(const SessionRequest& request);

// Items that were in `before` and are not in `list`: what left the list.
std::vector<std::int32_t> left_items(const std::vector<RankedItem>& list,
                                     const std::vector<RankedItem>& before);

// "new", "up 3", "down 2" or "=": how the click moved the item, against the last list before it.
std::string change_words(const RankedItem& item);

class SimulatorSession {
 public:
  // ---- what the user is simulated against
  void set_catalogue(std::shared_ptr<const RunCatalogue> catalogue);
  void set_seed_view(std::shared_ptr<const SeedView> seed_view);
  // `steps` overrides the K the learner was trained with. A different learner drops the side's
  // lists and "before".
  void set_learner(int side, std::shared_ptr<const StoredLearner> learner,
                   std::optional<int> steps = std::nullopt);
  void set_top_n(int top_n);

  [[nodiscard]] const std::shared_ptr<const RunCatalogue>& catalogue() const { return catalogue_; }
  [[nodiscard]] const std::shared_ptr<const SeedView>& seed_view() const { return seed_view_; }
  [[nodiscard]] const StoredLearner* learner(int side) const;
  [[nodiscard]] int steps(int side) const;
  [[nodiscard]] int top_n() const { return top_n_; }

  // ---- the catalogue
  // Item indices of comma-separated ids as in the data file. Throws std::invalid_argument
  // naming an unknown or repeated id, or when there is none.
  [[nodiscard]] std::vector<std::int32_t> items_of(const std::string& comma_separated_ids) const;
  [[nodiscard]] std::string item_id(std::int32_t item) const;
  [[nodiscard]] std::string title(std::int32_t item) const;  // empty when there are no titles

  // ---- clicks. Each returns false when nothing changed (unknown or repeated item, ...).
  bool add_click(std::int32_t item);
  void set_clicks(std::vector<std::int32_t> clicks);
  bool remove_click_at(int index);
  // A new user: no clicks, no lists, no "before", no query items.
  void reset();
  // Meta-test user `index` of the seed view: her support as clicks, her query as the items to
  // find. False when there is no such user.
  bool replay_test_user(int index);
  [[nodiscard]] const std::vector<std::int32_t>& clicks() const { return clicks_; }
  [[nodiscard]] const std::vector<std::int32_t>& query() const { return query_; }
  [[nodiscard]] int test_user_count() const;

  // ---- computation
  // True when the current clicks have lists to compute (a learner and at least one click).
  [[nodiscard]] bool needs_compute() const;
  [[nodiscard]] SessionRequest request() const;
  // Takes a result of the current generation; false (and nothing changes) when it is stale.
  bool accept(SessionResult result);
  // Computes and accepts on this thread (the CLI).
  void compute_now();

  // ---- results
  [[nodiscard]] const ClickUpdate* update(int side) const;
  [[nodiscard]] const SessionResult* last_result() const;
  // The highest step index of the lists shown (0 before the first click).
  [[nodiscard]] int last_step() const;
  // The list of `side` at `step` (clamped to its last step); null without lists.
  [[nodiscard]] const StepList* list_at(int side, int step) const;
  // What left the list of `side` at `step`: against the step before, or for step 0 the list
  // before the latest change.
  [[nodiscard]] std::vector<std::int32_t> left_at(int side, int step) const;

  // The lists at `step`, one row per listed item: learner, step, rank, item, title, score,
  // change (what entered and moved), adapt µs and rank µs of that step, and "hit" when a test
  // user is replayed. The caption names what left each list.
  [[nodiscard]] Table lists_table(std::int64_t run_id, int step) const;

 private:
  struct Side {
    std::shared_ptr<const StoredLearner> learner;
    std::optional<int> steps;
    std::vector<RankedItem> before;
  };
  void clicks_changed();

  std::shared_ptr<const RunCatalogue> catalogue_;
  std::shared_ptr<const SeedView> seed_view_;
  std::array<Side, kSimulatorSides> sides_;
  int top_n_ = 10;
  std::vector<std::int32_t> clicks_;
  std::vector<std::int32_t> query_;
  bool before_from_prefix_ = false;
  std::uint64_t generation_ = 1;
  std::array<std::optional<ClickUpdate>, kSimulatorSides> updates_;  // what is shown
  std::optional<SessionResult> result_;  // the last accepted result (its updates moved out)
};

}  // namespace metacf
