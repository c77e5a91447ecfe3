// Every table `metacf export` writes for scripts reads back with a CSV and a JSON parser as the
// same tidy table: one row per learner, K, support size and seed group, numbers as numbers
// (K as 1, not 1.0), an empty CSV cell exactly where JSON has null, no "—" or leading
// apostrophe among the numbers, and ci_low <= estimate <= ci_high beside every paired
// difference and every mean with an interval. Two real runs on the bundled sample: the first
// with two K, two support sizes and three learners, the second without a support-size sweep
// and without one of the learners, so the comparison has rows only one run holds.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/core/cli_process.h"
#include "tests/core/temp_dir.h"
#include "tests/csv_reader.h"

namespace metacf {
namespace {

const std::string kSample = METACF_SAMPLE_DIR;
const std::vector<std::string> kLearners = {"pop", "itemknn", "itemknn_q"};
constexpr std::size_t kKs = 2, kSupportSizes = 2, kSeeds = 2;

struct Tidy {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // CSV cells, header excluded
  nlohmann::json json;                         // the same table from --format json

  [[nodiscard]] std::size_t column(const std::string& name) const {
    const auto it = std::find(header.begin(), header.end(), name);
    EXPECT_NE(it, header.end()) << "no column " << name;
    return static_cast<std::size_t>(it - header.begin());
  }
  [[nodiscard]] bool has(const std::string& name) const {
    return std::find(header.begin(), header.end(), name) != header.end();
  }
  [[nodiscard]] const std::string& cell(std::size_t row, const std::string& name) const {
    return rows[row][column(name)];
  }
};

class ExportRoundTripTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<testing::TempDir>("ExportRoundTripTest");
    db_ = dir_->file("s.sqlite");
    const std::string config = dir_->write("quick.json", R"({"pretrain": {"max_epochs": 1}})");
    const std::string common = "run --data '" + kSample + "/ratings.csv' --seeds 1,2 --k 1,5 " +
                               "--config '" + config + "' --db '" + db_ + "' >/dev/null 2>&1";
    run1_ = testing::run_cli(common + " --learners pop,itemknn,itemknn_q --support-sizes 2,5");
    run2_ = testing::run_cli(common + " --learners pop,itemknn");
  }
  static void TearDownTestSuite() { dir_.reset(); }

  void SetUp() override {
    ASSERT_EQ(run1_.exit_code, 0);
    ASSERT_EQ(run2_.exit_code, 0);
  }

  // `metacf export ARGS` as CSV and as JSON, each parsed.
  static Tidy read_both(const std::string& args) {
    Tidy t;
    const auto csv = testing::run_cli("export " + args + " --format csv --db '" + db_ + "'");
    const auto json = testing::run_cli("export " + args + " --format json --db '" + db_ + "'");
    EXPECT_EQ(csv.exit_code, 0) << csv.output;
    EXPECT_EQ(json.exit_code, 0) << json.output;
    std::string problem;
    auto rows = testing::read_csv(csv.output, &problem);
    EXPECT_EQ(problem, "") << args;
    if (rows.empty()) return t;
    t.header = rows.front();
    t.rows.assign(rows.begin() + 1, rows.end());
    t.json = nlohmann::json::parse(json.output);
    return t;
  }

  static std::unique_ptr<testing::TempDir> dir_;
  static std::string db_;
  static testing::CliRun run1_, run2_;
};

std::unique_ptr<testing::TempDir> ExportRoundTripTest::dir_;
std::string ExportRoundTripTest::db_;
testing::CliRun ExportRoundTripTest::run1_, ExportRoundTripTest::run2_;

bool is_integer_column(const std::string& name) {
  static const std::set<std::string> names = {"k",
                                              "support_size",
                                              "seeds",
                                              "users",
                                              "pairs",
                                              "run_a",
                                              "run_b",
                                              "seed",
                                              "epoch",
                                              "position",
                                              "all_candidates_users"};
  return names.count(name) > 0;
}

bool is_text_column(const std::string& name) {
  static const std::set<std::string> names = {"learner", "reference", "stage", "user_id",
                                              "interval_note"};
  return names.count(name) > 0;
}

// The CSV and JSON hold the same cells: empty exactly where null, numbers typed by column.
void expect_same_tidy_table(const Tidy& t) {
  ASSERT_TRUE(t.json.is_array());
  ASSERT_EQ(t.json.size(), t.rows.size());
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& object = t.json[r];
    ASSERT_EQ(object.size(), t.header.size()) << "row " << r;
    for (std::size_t c = 0; c < t.header.size(); ++c) {
      const std::string& name = t.header[c];
      const std::string& text = t.rows[r][c];
      const auto& value = object.at(name);
      SCOPED_TRACE("row " + std::to_string(r) + ", column " + name + ": '" + text + "'");
      if (text.empty()) {
        EXPECT_TRUE(value.is_null());
        continue;
      }
      EXPECT_FALSE(value.is_null());
      EXPECT_NE(text.front(), '\'');
      EXPECT_EQ(text.find("—"), std::string::npos);
      if (is_text_column(name)) {
        EXPECT_TRUE(value.is_string());
        EXPECT_EQ(value.get<std::string>(), text);
      } else if (name == "significant") {
        ASSERT_TRUE(value.is_boolean());
        EXPECT_EQ(text, value.get<bool>() ? "true" : "false");
      } else if (is_integer_column(name)) {
        ASSERT_TRUE(value.is_number_integer());
        EXPECT_EQ(text, std::to_string(value.get<std::int64_t>()));
      } else {
        ASSERT_TRUE(value.is_number());
        EXPECT_NEAR(std::stod(text), value.get<double>(), 5e-7);  // CSV has 6 decimals
      }
    }
  }
}

// Where `low` holds a value, `point` and `high` do too, and low <= point <= high; returns how
// many rows have the interval.
std::size_t expect_intervals(const Tidy& t, const std::string& point, const std::string& low,
                             const std::string& high) {
  std::size_t with = 0;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& o = t.json[r];
    EXPECT_EQ(o.at(low).is_null(), o.at(high).is_null()) << "row " << r;
    if (o.at(low).is_null()) continue;
    ++with;
    EXPECT_TRUE(o.at(point).is_number()) << point << " row " << r;
    if (!o.at(point).is_number()) continue;
    EXPECT_LE(o.at(low).get<double>(), o.at(point).get<double>()) << point << " row " << r;
    EXPECT_LE(o.at(point).get<double>(), o.at(high).get<double>()) << point << " row " << r;
  }
  return with;
}

// Every learner but the reference has its paired difference in every row: the run kept
// per-user values, so an interval is shown for each.
void expect_paired_rows(const Tidy& t, std::size_t rows) {
  ASSERT_EQ(t.rows.size(), rows);
  std::size_t non_reference = 0;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    EXPECT_EQ(t.cell(r, "reference"), "pop");
    const bool reference = t.cell(r, "learner") == "pop";
    non_reference += !reference;
    EXPECT_EQ(t.cell(r, "ci_low").empty(), reference) << "row " << r;
    EXPECT_EQ(t.cell(r, "seeds"), std::to_string(kSeeds));
  }
  EXPECT_EQ(expect_intervals(t, "delta_hr10", "ci_low", "ci_high"), non_reference);
}

// (learner, K[, support size]) of each row, each once.
std::set<std::string> keys(const Tidy& t, bool with_support) {
  std::set<std::string> out;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const std::string key = t.cell(r, "learner") + "/" + t.cell(r, "k") + "/" +
                            (with_support ? t.cell(r, "support_size") : std::string());
    EXPECT_TRUE(out.insert(key).second) << key << " twice";
  }
  return out;
}

TEST_F(ExportRoundTripTest, Table2HasEveryLearnerAtEveryK) {
  const Tidy t = read_both("1 --what table2");
  expect_same_tidy_table(t);
  expect_paired_rows(t, kLearners.size() * kKs);
  EXPECT_EQ(keys(t, false).size(), kLearners.size() * kKs);
  for (std::size_t r = 0; r < t.rows.size(); ++r) EXPECT_EQ(t.cell(r, "support_size"), "");
}

TEST_F(ExportRoundTripTest, Table3HasEachMeanAndPairedDifferenceWithIntervals) {
  const Tidy t = read_both("1 --what table3");
  expect_same_tidy_table(t);
  expect_paired_rows(t, kLearners.size() * kKs);
  EXPECT_EQ(keys(t, false).size(), kLearners.size() * kKs);
  EXPECT_EQ(expect_intervals(t, "hr10_mean", "hr10_ci_low", "hr10_ci_high"), t.rows.size());
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    EXPECT_EQ(t.cell(r, "pairs").empty(), t.cell(r, "learner") == "pop");
  }
}

TEST_F(ExportRoundTripTest, Fig2HasEveryLearnerAtEveryKAndSupportSize) {
  const Tidy t = read_both("1 --what fig2");
  expect_same_tidy_table(t);
  expect_paired_rows(t, kLearners.size() * kKs * kSupportSizes);
  EXPECT_EQ(keys(t, true).size(), t.rows.size());
  EXPECT_EQ(expect_intervals(t, "hr10_mean", "hr10_ci_low", "hr10_ci_high"), t.rows.size());
  std::set<std::string> sizes;
  for (std::size_t r = 0; r < t.rows.size(); ++r) sizes.insert(t.cell(r, "support_size"));
  EXPECT_EQ(sizes, (std::set<std::string>{"2", "5"}));

  // A run without support sizes has no Fig. 2, and says so rather than writing an empty file.
  const auto none = testing::run_cli("export 2 --what fig2 --db '" + db_ + "' 2>&1");
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.output.find("--support-sizes"), std::string::npos) << none.output;
}

TEST_F(ExportRoundTripTest, ResultsArePerTable2AndFig2RowsTogether) {
  const Tidy t = read_both("1");  // --what results, the default, as before
  expect_same_tidy_table(t);
  expect_paired_rows(t, kLearners.size() * kKs * (1 + kSupportSizes));
}

TEST_F(ExportRoundTripTest, PerUserAndCurvesReadBackTyped) {
  const Tidy users = read_both("1 --what per-user");
  expect_same_tidy_table(users);
  // One group of users per learner, K, support (own or fixed) and seed.
  std::set<std::string> groups;
  for (std::size_t r = 0; r < users.rows.size(); ++r) {
    groups.insert(users.cell(r, "learner") + "/" + users.cell(r, "k") + "/" +
                  users.cell(r, "support_size") + "/" + users.cell(r, "seed"));
  }
  EXPECT_EQ(groups.size(), kLearners.size() * kKs * (1 + kSupportSizes) * kSeeds);

  const Tidy curves = read_both("1 --what curves");
  EXPECT_GT(curves.rows.size(), 0u);
  expect_same_tidy_table(curves);
}

TEST_F(ExportRoundTripTest, ComparisonPairsSharedRowsAndSaysWhyOthersHaveNoInterval) {
  const Tidy t = read_both("1 --compare 2");
  expect_same_tidy_table(t);
  ASSERT_EQ(t.rows.size(), kLearners.size() * kKs);
  EXPECT_EQ(keys(t, false).size(), t.rows.size());
  std::size_t only_in_one = 0;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    EXPECT_EQ(t.cell(r, "run_a"), "1");
    EXPECT_EQ(t.cell(r, "run_b"), "2");
    if (t.cell(r, "learner") == "itemknn_q") {
      ++only_in_one;
      EXPECT_EQ(t.cell(r, "hr10_b"), "");
      EXPECT_EQ(t.cell(r, "ci_low"), "");
      EXPECT_EQ(t.cell(r, "interval_note"), "only in run 1");
    } else {
      EXPECT_EQ(t.cell(r, "interval_note"), "");
      EXPECT_NE(t.cell(r, "pairs"), "");
    }
  }
  EXPECT_EQ(only_in_one, kKs);
  const std::size_t paired = t.rows.size() - only_in_one;
  EXPECT_EQ(expect_intervals(t, "paired_delta_hr10", "ci_low", "ci_high"), paired);
  EXPECT_EQ(expect_intervals(t, "paired_delta_ndcg10", "paired_delta_ndcg10_ci_low",
                             "paired_delta_ndcg10_ci_high"),
            paired);

  // A comparison is of two runs: a table or a reference learner does not apply to it.
  EXPECT_EQ(testing::run_cli("export 1 --compare 2 --what table2 --db '" + db_ + "' 2>/dev/null")
                .exit_code,
            2);
}

TEST_F(ExportRoundTripTest, PeopleFormatsHoldEveryKAndBothTablesOfATab) {
  const auto md = testing::run_cli("export 1 --what table2 --format md --db '" + db_ + "'");
  ASSERT_EQ(md.exit_code, 0);
  std::size_t pop_rows = 0;
  for (std::size_t at = md.output.find("\n| pop |"); at != std::string::npos;
       at = md.output.find("\n| pop |", at + 1)) {
    ++pop_rows;
  }
  EXPECT_EQ(pop_rows, kKs);
  const auto table3 = testing::run_cli("export 1 --what table3 --format tex --db '" + db_ + "'");
  ASSERT_EQ(table3.exit_code, 0);
  EXPECT_NE(table3.output.find("Run 1: Table 3: HR and NDCG"), std::string::npos);
  EXPECT_NE(table3.output.find("Run 1: Table 3 (paired)"), std::string::npos);
  // Fig. 2 at each K: the means and the paired differences.
  const auto fig2 = testing::run_cli("export 1 --what fig2 --format md --db '" + db_ + "'");
  ASSERT_EQ(fig2.exit_code, 0);
  EXPECT_NE(fig2.output.find("(K = 1)"), std::string::npos);
  EXPECT_NE(fig2.output.find("(K = 5)"), std::string::npos);
}

}  // namespace
}  // namespace metacf
