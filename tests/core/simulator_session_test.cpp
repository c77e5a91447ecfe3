// The simulator session shared by `metacf simulate` and the studio: the catalogue is padded
// (ids and titles) for rows of Q beyond the data set, clicks are looked up by id with clear
// errors, a result computed for an older state is refused as stale, and the cache serves a
// learner whose fit ignores K at every K.
#include "core/simulate/simulator_session.h"

#include <gtest/gtest.h>

#include "core/learners/learner_factory.h"
#include "core/simulate/simulator_loader.h"

namespace metacf {
namespace {

RunRecord sample_run() {
  RunRecord run;
  run.id = 7;
  run.config = {{"data",
                 {{"path", std::string(METACF_SAMPLE_DIR) + "/ratings.csv"},
                  {"format", "auto"},
                  {"titles", std::string(METACF_SAMPLE_DIR) + "/items.csv"}}}};
  return run;
}

TEST(SimulatorSessionTest, RowsBeyondTheDataSetJoinWithIdsAndEmptyTitles) {
  const auto plain = load_run_catalogue(sample_run(), 0);
  const std::int32_t n = plain->data.num_items();
  ASSERT_TRUE(plain->data.has_titles());
  const auto padded = load_run_catalogue(sample_run(), n + 2);
  ASSERT_EQ(padded->data.num_items(), n + 2);
  ASSERT_EQ(padded->data.item_titles.size(), static_cast<std::size_t>(n + 2));
  EXPECT_EQ(padded->data.item_ids.back(), "#" + std::to_string(n + 1));
  EXPECT_EQ(padded->record_counts.back(), 0);

  SimulatorSession session;
  session.set_catalogue(padded);
  EXPECT_EQ(session.title(n + 1), "");
  EXPECT_EQ(session.item_id(n + 1), "#" + std::to_string(n + 1));
  EXPECT_EQ(session.title(0), padded->data.item_titles[0]);
  const std::string first = padded->data.item_ids[0];
  EXPECT_EQ(session.items_of(first + ",#" + std::to_string(n)), (std::vector<std::int32_t>{0, n}));
}

TEST(SimulatorSessionTest, ClickIdsAreCheckedWithReasons) {
  SimulatorSession session;
  session.set_catalogue(load_run_catalogue(sample_run(), 0));
  const std::string first = session.item_id(0);
  auto message = [&](const std::string& ids) {
    try {
      (void)session.items_of(ids);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(message("no_such_item"), "item 'no_such_item' is not in the run's catalogue");
  EXPECT_EQ(message(first + "," + first), "item '" + first + "' is clicked twice");
  EXPECT_EQ(message(","), "give at least one item id");
}

TEST(SimulatorSessionTest, AResultOfAnOlderStateIsStale) {
  SimulatorSession session;
  session.set_catalogue(load_run_catalogue(sample_run(), 0));
  ASSERT_TRUE(session.add_click(3));
  EXPECT_FALSE(session.add_click(3));  // already clicked
  const SessionRequest before_second_click = session.request();
  ASSERT_TRUE(session.add_click(4));
  EXPECT_EQ(session.request().clicks, (std::vector<std::int32_t>{3, 4}));
  SessionResult stale;
  stale.generation = before_second_click.generation;
  EXPECT_FALSE(session.accept(stale));
  EXPECT_EQ(session.last_result(), nullptr);
  SessionResult current;
  current.generation = session.request().generation;
  EXPECT_TRUE(session.accept(current));
  ASSERT_NE(session.last_result(), nullptr);
  session.set_top_n(session.top_n() + 1);  // another list length: the result is old again
  SessionResult old = current;
  EXPECT_FALSE(session.accept(old));
}

}  // namespace
}  // namespace metacf

namespace metacf {
namespace {

// A learner whose fit ignores K is fit once per seed by the run: the simulator serves its other
// K from the one it loaded instead of loading (for ease, refitting) it again. A learner whose
// fit depends on K is never taken from another K, nor from another seed.
TEST(SimulatorCacheTest, OnlyALearnerWhoseFitIgnoresKIsSharedAcrossK) {
  SimulatorCache cache;
  for (const std::string name : {"ease", "metacf_p_linear"}) {
    auto stored = std::make_shared<StoredLearner>();
    stored->name = name;
    stored->k = 1;
    stored->seed = 3;
    stored->learner = std::shared_ptr<Learner>(make_learner(name, {}, 1, 3));
    cache.learners[{name, 1, 3}] = stored;
  }
  const auto ease5 = find_cached_learner(cache, {"ease", 5, 3});
  ASSERT_NE(ease5, nullptr);
  EXPECT_EQ(ease5->k, 5);
  EXPECT_EQ(ease5->learner.get(), cache.learners.at({"ease", 1, 3})->learner.get());
  EXPECT_EQ(find_cached_learner(cache, {"ease", 5, 4}), nullptr);
  EXPECT_EQ(find_cached_learner(cache, {"metacf_p_linear", 5, 3}), nullptr);
  EXPECT_NE(find_cached_learner(cache, {"metacf_p_linear", 1, 3}), nullptr);
  EXPECT_EQ(find_cached_learner(cache, {"no_such_learner", 1, 3}), nullptr);
}

}  // namespace
}  // namespace metacf
