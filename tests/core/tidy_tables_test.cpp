// The tidy exports (one value per column) read back as numbers, and the intervals beside
// compared numbers agree with the per-user values they come from.
#include "core/report/tidy_tables.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/experiment/summary.h"
#include "core/report/interval_tables.h"
#include "core/report/run_export.h"
#include "core/report/sweep_tables.h"
#include "core/util/rng.h"
#include "tests/csv_reader.h"

namespace metacf {
namespace {

// Two seeds of three learners at K = 1 and 2, 40 users each, with per-user values from a fixed
// seed; "better" beats "pop" by about 0.2 in HR.
std::vector<ResultRecord> records() {
  std::vector<ResultRecord> out;
  Rng rng(7);
  for (std::uint64_t seed : {1u, 2u}) {
    for (int k : {1, 2}) {
      for (const std::string learner : {"pop", "=cmd|calc", "better"}) {
        ResultRecord r;
        r.learner = learner;
        r.k = k;
        r.seed = seed;
        r.users = 40;
        const double shift = learner == "better" ? 0.2 : 0.0;
        for (int u = 0; u < 40; ++u) {
          const double hr = std::clamp(0.3 + shift + 0.3 * (rng.uniform() - 0.5), 0.0, 1.0);
          r.per_user.push_back({hr, hr * 0.6});
          r.hr += hr / 40;
          r.ndcg += hr * 0.6 / 40;
        }
        out.push_back(r);
      }
    }
  }
  return out;
}

RunTables run_tables() {
  RunTables t;
  t.records = records();
  t.top_n = 10;
  t.reference = "pop";
  return t;
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
  const auto it = std::find(header.begin(), header.end(), name);
  EXPECT_NE(it, header.end()) << name;
  return static_cast<std::size_t>(it - header.begin());
}

TEST(TidyTablesTest, CsvHasOneNumberPerColumnAndNeutralisesTextOnly) {
  std::string problem;
  const auto rows = testing::read_csv(
      export_text(ExportWhat::kResults, TableFormat::kCsv, run_tables()), &problem);
  ASSERT_EQ(problem, "");
  ASSERT_EQ(rows.size(), 1u + 6u);
  const auto& header = rows[0];
  for (const std::string name :
       {"learner", "k", "support_size", "seeds", "users", "hr10_mean", "hr10_std", "ndcg10_mean",
        "ndcg10_std", "delta_hr10", "ci_low", "ci_high", "significant", "reference"}) {
    column(header, name);
  }
  int significant = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    EXPECT_EQ(row[column(header, "seeds")], "2");
    EXPECT_EQ(row[column(header, "users")], "40");
    EXPECT_NO_THROW((void)std::stod(row[column(header, "hr10_mean")]));
    EXPECT_EQ(row[column(header, "reference")], "pop");
    if (row[0] == "pop") {
      EXPECT_EQ(row[column(header, "delta_hr10")], "");
      continue;
    }
    // A learner name that a spreadsheet would run as a formula is text and gets a quote.
    if (row[0].find("cmd") != std::string::npos) {
      EXPECT_EQ(row[0], "'=cmd|calc");
    }
    const double low = std::stod(row[column(header, "ci_low")]);
    const double mean = std::stod(row[column(header, "delta_hr10")]);
    const double high = std::stod(row[column(header, "ci_high")]);
    EXPECT_LE(low, mean);
    EXPECT_LE(mean, high);
    const std::string flag = row[column(header, "significant")];
    EXPECT_EQ(flag, (low > 0 || high < 0) ? "true" : "false");
    significant += flag == "true";
  }
  EXPECT_GE(significant, 2);  // "better" at both K
}

TEST(TidyTablesTest, JsonTypesCountsAsIntegersAndFlagsAsBooleans) {
  const auto json =
      nlohmann::json::parse(export_text(ExportWhat::kResults, TableFormat::kJson, run_tables()));
  ASSERT_EQ(json.size(), 6u);
  for (const auto& row : json) {
    EXPECT_TRUE(row["k"].is_number_integer());
    EXPECT_TRUE(row["seeds"].is_number_integer());
    EXPECT_TRUE(row["users"].is_number_integer());
    EXPECT_TRUE(row["hr10_mean"].is_number_float());
    if (row["learner"] == "pop") continue;
    EXPECT_TRUE(row["significant"].is_boolean());
    EXPECT_LE(row["ci_low"].get<double>(), row["delta_hr10"].get<double>());
  }
}

TEST(TidyTablesTest, PerUserRowsAverageToEachResult) {
  const RunTables t = run_tables();
  const Table table = per_user_table(t.records, 10);
  ASSERT_EQ(table.rows.size(), t.records.size() * 40);
  const std::size_t hr = column(table.columns, "hr10");
  for (std::size_t i = 0; i < t.records.size(); ++i) {
    double sum = 0;
    for (std::size_t u = 0; u < 40; ++u) sum += *table.rows[i * 40 + u][hr].number;
    EXPECT_NEAR(sum / 40, t.records[i].hr, 1e-9);
  }
  // Markdown keeps the formatted table for people.
  EXPECT_NE(export_text(ExportWhat::kResults, TableFormat::kMarkdown, t).find("95% CI"),
            std::string::npos);
}

TEST(TidyTablesTest, PerUserRowsNameTheDataSetsUserAndTheSeed) {
  std::vector<ResultRecord> recs = records();
  recs.resize(2);
  recs[0].user_ids.clear();
  for (int u = 0; u < 40; ++u) recs[0].user_ids.push_back("A" + std::to_string(100 - u));
  recs[1].seed = 9;  // stored before ids were kept: known by position only
  const Table table = per_user_table(recs, 10);
  const std::size_t id = column(table.columns, "user_id");
  const std::size_t position = column(table.columns, "position");
  const std::size_t seed = column(table.columns, "seed");
  ASSERT_EQ(table.rows.size(), 80u);
  EXPECT_EQ(table.rows[0][id].text, "A100");
  EXPECT_EQ(table.rows[39][id].text, "A61");
  EXPECT_EQ(*table.rows[39][position].number, 39);
  EXPECT_EQ(table.rows[39][seed].text, "1");
  EXPECT_EQ(table.rows[40][id].text, "");
  EXPECT_EQ(*table.rows[40][position].number, 0);
  EXPECT_EQ(table.rows[40][seed].text, "9");
  // JSON keeps an id a string, even one that reads as a number.
  recs[0].user_ids[0] = "007";
  const auto json = nlohmann::json::parse(write_json(per_user_table(recs, 10)));
  EXPECT_EQ(json[0]["user_id"], "007");
}

TEST(IntervalTablesTest, SweepIntervalsAreThePairedDifferencesOfSummarise) {
  const auto recs = records();
  const Table table = k_sweep_interval_table(recs, 10, "pop");
  ASSERT_EQ(table.columns.size(), 3u);  // learner + two K
  const auto rows = summarise(recs, "pop");
  for (const auto& row : rows) {
    if (row.learner != "better") continue;
    const std::size_t col = row.k == 1 ? 1 : 2;
    const Cell& cell = table.rows[2][col];
    ASSERT_TRUE(cell.number);
    EXPECT_NEAR(*cell.number, row.hr_vs_baseline->mean, 1e-12);
    EXPECT_EQ(cell.text, interval_text(row.hr_vs_baseline->mean, row.hr_vs_baseline->low,
                                       row.hr_vs_baseline->high));
  }
  EXPECT_EQ(table.rows[0][1].text, "(reference)");
}

TEST(IntervalTablesTest, RunsPairOnlyOnTheSameDataAndSplit) {
  RunRecord a, b;
  a.dataset_id = 1;
  b.dataset_id = 1;
  a.config["split"] = {{"seed", 1}};
  b.config["split"] = {{"seed", 1}};
  EXPECT_EQ(pairing_problem(a, b), "");
  b.config["split"] = {{"seed", 2}};
  EXPECT_NE(pairing_problem(a, b).find("split"), std::string::npos);
  b.dataset_id = 2;
  EXPECT_NE(pairing_problem(a, b).find("different data sets"), std::string::npos);

  // B is A with every per-user HR raised by 0.1: the paired difference is exactly 0.1 with a
  // zero-width interval; unpaired, the table says so instead of giving one.
  const auto run_a = records();
  auto run_b = run_a;
  for (auto& r : run_b) {
    for (auto& m : r.per_user) m.hr += 0.1;
    r.hr += 0.1;
  }
  const auto d = paired_between_runs(run_a, run_b, "better", 1);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->pairs, 80);
  EXPECT_NEAR(d->hr_mean, 0.1, 1e-12);
  EXPECT_NEAR(d->hr_high - d->hr_low, 0.0, 1e-9);
  const Table paired = run_comparison_table(run_a, run_b, "A", "B", 10);
  EXPECT_NE(paired.rows[0][5].text.find("[+0.1000, +0.1000] *"), std::string::npos);
  const Table unpaired = run_comparison_table(run_a, run_b, "A", "B", 10, "different data");
  EXPECT_EQ(unpaired.rows[0][5].text, "not paired");
  EXPECT_NE(unpaired.caption.find("different data"), std::string::npos);
}

// B is A plus a third seed that A lacks: the means differ by that seed alone, while the paired
// difference over the seeds both have is exactly 0. Both are written, and the caption says why
// they disagree.
TEST(IntervalTablesTest, ComparisonOfRunsWithDifferentSeedsKeepsBothDifferences) {
  const auto run_a = records();
  auto run_b = run_a;
  for (const auto& r : run_a) {
    if (r.seed != 2) continue;
    ResultRecord extra = r;
    extra.seed = 3;
    extra.hr += 0.3;
    run_b.push_back(extra);
  }
  const Table people = run_comparison_table(run_a, run_b, "A", "B", 10);
  EXPECT_NE(people.caption.find("A: 1, 2; B: 1, 2, 3"), std::string::npos) << people.caption;
  EXPECT_NE(people.caption.find("seeds both have (1, 2)"), std::string::npos);
  EXPECT_EQ(run_comparison_table(run_a, run_a, "A", "B", 10).caption.find("seeds both have"),
            std::string::npos);

  const Table tidy = tidy_comparison_table(run_a, run_b, 1, 2, 10, "");
  ASSERT_EQ(tidy.rows.size(), 6u);  // three learners at two K
  const auto at = [&](const std::string& name) {
    return *tidy.rows[0][column(tidy.columns, name)].number;
  };
  // The first row is pop at K = 1: seeds 1 and 2 in A, and seed 2 again (+0.3) in B.
  double h1 = 0, h2 = 0;
  for (const auto& r : run_a) {
    if (r.learner == "pop" && r.k == 1) (r.seed == 1 ? h1 : h2) = r.hr;
  }
  EXPECT_NEAR(at("delta_hr10"), (h1 + h2 + h2 + 0.3) / 3 - (h1 + h2) / 2, 1e-12);
  EXPECT_EQ(at("paired_delta_hr10"), 0.0);
  EXPECT_EQ(at("ci_low"), 0.0);
  EXPECT_EQ(at("ci_high"), 0.0);
  EXPECT_EQ(at("pairs"), 80);
}

TEST(IntervalTablesTest, HrIntervalContainsTheMean) {
  const auto i = hr_interval(records(), "better", 1, std::nullopt);
  ASSERT_TRUE(i && i->low && i->high);
  EXPECT_LT(*i->low, i->mean);
  EXPECT_GT(*i->high, i->mean);
  EXPECT_FALSE(hr_interval(records(), "nobody", 1, std::nullopt));
}

}  // namespace
}  // namespace metacf
