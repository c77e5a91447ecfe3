// The simulator's full export: one row per click x step x rank, every list chained to the
// one before it (previous_rank), and numbers written as numbers (no "'=" text in CSV, typed
// JSON values).
#include "core/simulate/click_history_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

namespace metacf {
namespace {

RunRecord sample_run() {
  RunRecord run;
  run.id = 3;
  run.config = {{"data",
                 {{"path", std::string(METACF_SAMPLE_DIR) + "/ratings.csv"},
                  {"format", "auto"},
                  {"titles", std::string(METACF_SAMPLE_DIR) + "/items.csv"}}}};
  return run;
}

// Scores that move with every click and every step, so lists change and previous ranks vary.
class DriftingLearner : public Learner {
 public:
  std::string name() const override { return "drifting"; }
  nlohmann::json config() const override { return nlohmann::json::object(); }
  void fit(const TrainingContext&, JobControl&) override {}
  std::vector<UserState> adapt(std::span<const std::int32_t> support, int steps,
                               Rng&) const override {
    std::vector<UserState> states;
    for (int s = 0; s <= steps; ++s) {
      UserState state;
      state.params = Eigen::VectorXf::Constant(1, static_cast<float>(s + 3 * support.size()));
      state.support.assign(support.begin(), support.end());
      states.push_back(std::move(state));
    }
    return states;
  }
  void score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const override {
    for (Eigen::Index v = 0; v < out.size(); ++v) {
      // A peak that moves one item per step: lists overlap and their ranks shift.
      const double d = static_cast<double>(v) - 10.0 - state.params[0];
      out[v] = static_cast<float>(-d * d + 0.01 * static_cast<double>(v));
    }
  }
  std::vector<NamedTensor> parameters() const override { return {}; }
  void load_parameters(std::span<const NamedTensor>, ItemEmbeddings) override {}
};

std::shared_ptr<const StoredLearner> drifting(int k) {
  auto stored = std::make_shared<StoredLearner>();
  stored->name = "drifting";
  stored->k = k;
  stored->seed = 5;
  stored->learner = std::make_unique<DriftingLearner>();
  return stored;
}

std::size_t column(const Table& table, const std::string& name) {
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (table.columns[c] == name) return c;
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

TEST(ClickHistoryTableTest, OneRowPerClickStepAndRankChainedToTheListBefore) {
  SimulatorSession session;
  session.set_catalogue(load_run_catalogue(sample_run(), 0));
  const int k = 2;
  const int top_n = 4;
  session.set_learner(0, drifting(k));
  session.set_top_n(top_n);
  for (std::int32_t item : {5, 11, 2}) ASSERT_TRUE(session.add_click(item));
  const Table table = click_history_table(session);
  ASSERT_EQ(table.rows.size(), static_cast<std::size_t>(3 * (k + 1) * top_n));
  const std::size_t click = column(table, "click"), clicked = column(table, "clicked_item"),
                    step = column(table, "step"), rank = column(table, "rank"),
                    item = column(table, "item"), previous = column(table, "previous_rank");
  // (click, step) -> item id -> rank, to check each previous_rank against the list before.
  std::map<std::pair<int, int>, std::map<std::string, int>> lists;
  for (const auto& row : table.rows) {
    ASSERT_EQ(row.size(), table.columns.size());
    const int c = static_cast<int>(*row[click].number);
    EXPECT_EQ(row[clicked].text,
              session.item_id(session.clicks()[static_cast<std::size_t>(c - 1)]));
    lists[{c, static_cast<int>(*row[step].number)}][row[item].text] =
        static_cast<int>(*row[rank].number);
  }
  int marked = 0;
  for (const auto& row : table.rows) {
    const int c = static_cast<int>(*row[click].number);
    const int s = static_cast<int>(*row[step].number);
    if (c == 1 && s == 0) {
      EXPECT_EQ(row[previous].text, "");  // nothing was shown before the first click
      continue;
    }
    const auto& before = s > 0 ? lists.at({c, s - 1}) : lists.at({c - 1, k});
    const auto found = before.find(row[item].text);
    if (found == before.end()) {
      EXPECT_EQ(row[previous].text, "");
    } else {
      ASSERT_TRUE(row[previous].number.has_value());
      EXPECT_EQ(static_cast<int>(*row[previous].number), found->second);
      ++marked;
    }
  }
  EXPECT_GT(marked, 0);

  // rank_before_click: at every step, the rank in the previous click's final list, so a click
  // that lifts a title shows it even when the last step left it where it was.
  const std::size_t before_click = column(table, "rank_before_click");
  int moved_by_click = 0;
  for (const auto& row : table.rows) {
    const int c = static_cast<int>(*row[click].number);
    if (c == 1) {
      EXPECT_EQ(row[before_click].text, "");  // nothing was shown before the first click
      continue;
    }
    const auto& shown = lists.at({c - 1, k});
    const auto found = shown.find(row[item].text);
    if (found == shown.end()) {
      EXPECT_EQ(row[before_click].text, "");
      continue;
    }
    ASSERT_TRUE(row[before_click].number.has_value());
    EXPECT_EQ(static_cast<int>(*row[before_click].number), found->second);
    if (*row[before_click].number != *row[rank].number) ++moved_by_click;
  }
  EXPECT_GT(moved_by_click, 0);
}

TEST(ClickHistoryTableTest, CsvAndJsonCarryNumbersAsNumbers) {
  SimulatorSession session;
  session.set_catalogue(load_run_catalogue(sample_run(), 0));
  session.set_learner(0, drifting(1));
  session.set_learner(1, drifting(2));
  ASSERT_TRUE(session.add_click(1));
  ASSERT_TRUE(session.add_click(7));
  const Table table = click_history_table(session);
  const std::string csv = write_csv(table);
  EXPECT_EQ(csv.find("'="), std::string::npos);
  EXPECT_EQ(csv.find("'-"), std::string::npos);
  const auto rows = nlohmann::json::parse(write_json(table));
  ASSERT_EQ(rows.size(), table.rows.size());
  for (const auto& row : rows) {
    EXPECT_TRUE(row["click"].is_number_integer());
    EXPECT_TRUE(row["step"].is_number_integer());
    EXPECT_TRUE(row["rank"].is_number_integer());
    EXPECT_TRUE(row["score"].is_number());
    EXPECT_TRUE(row["adapt_us"].is_number());
  }
}

TEST(ClickHistoryTableTest, NoClicksGiveColumnsOnly) {
  SimulatorSession session;
  session.set_catalogue(load_run_catalogue(sample_run(), 0));
  session.set_learner(0, drifting(1));
  const Table table = click_history_table(session);
  EXPECT_TRUE(table.rows.empty());
  EXPECT_FALSE(table.columns.empty());
}

// The export that runs on a job worker: one report per click of each side, fractions rising to
// 1, and a request to stop honoured at the next click.
TEST(ClickHistoryTableTest, ReportsEachClickAndStopsWhenAsked) {
  SimulatorSession session;
  session.set_catalogue(load_run_catalogue(sample_run(), 0));
  session.set_learner(0, drifting(1));
  session.set_learner(1, drifting(2));
  for (std::int32_t item : {3, 9, 4, 12}) ASSERT_TRUE(session.add_click(item));
  std::vector<double> fractions;
  JobControl watched([&](const Progress& p) {
    EXPECT_EQ(p.stage, Stage::kExport);
    fractions.push_back(p.fraction);
    return true;
  });
  const Table reported = click_history_table(session, watched);
  ASSERT_EQ(fractions.size(), 2u * session.clicks().size());
  EXPECT_TRUE(std::is_sorted(fractions.begin(), fractions.end()));
  EXPECT_DOUBLE_EQ(fractions.back(), 1.0);
  // Reporting changes nothing in what is exported (timings aside).
  const Table plain = click_history_table(session);
  ASSERT_EQ(reported.rows.size(), plain.rows.size());
  const std::size_t item = column(plain, "item"), score = column(plain, "score");
  for (std::size_t r = 0; r < plain.rows.size(); ++r) {
    EXPECT_EQ(reported.rows[r][item].text, plain.rows[r][item].text);
    EXPECT_EQ(reported.rows[r][score].number, plain.rows[r][score].number);
  }

  int reports = 0;
  JobControl stopping([&](const Progress&) { return ++reports < 3; });
  EXPECT_THROW((void)click_history_table(session, stopping), Cancelled);
  EXPECT_EQ(reports, 3);
}

}  // namespace
}  // namespace metacf
