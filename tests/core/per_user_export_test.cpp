// `metacf export --what per-user` names each row's user by the data set's own id (as loaded)
// beside her position in the task order, with the row's seed, so that it joins with an
// analyst's tables. It used to give the position alone (0..249), the same numbers for every
// seed's different users.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/data/dataset_loader.h"
#include "core/experiment/experiment_config.h"
#include "core/experiment/experiment_runner.h"
#include "core/split/split.h"
#include "tests/core/cli_process.h"
#include "tests/core/temp_dir.h"
#include "tests/csv_reader.h"

namespace metacf {
namespace {

const std::string kSample = METACF_SAMPLE_DIR;

// The ids of the meta-test users of a seed, in task order, as the run draws them; with a
// support size, the users that have enough records for it.
std::vector<std::string> expected_ids(const Dataset& data, std::uint64_t seed,
                                      std::optional<int> support) {
  SplitConfig config = ExperimentConfig{}.split;
  config.seed = seed;
  std::vector<Task> tasks = make_split(data, config).meta_test;
  if (support) {
    std::int64_t skipped = 0;
    tasks = tasks_with_support_size(data, tasks, *support, seed, skipped);
  }
  std::vector<std::string> ids;
  for (const Task& t : tasks) ids.push_back(data.user_ids[static_cast<std::size_t>(t.user)]);
  return ids;
}

TEST(PerUserExportTest, RowsCarryTheDataSetsUserIdsAndSeeds) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  const std::string config = dir.write("quick.json", R"({"pretrain": {"max_epochs": 1}})");
  const auto run = testing::run_cli("run --data '" + kSample +
                                    "/ratings.csv' --learners pop,itemknn --seeds 1,2 "
                                    "--support-sizes 2 --config '" +
                                    config + "' --db '" + db + "' >/dev/null 2>&1");
  ASSERT_EQ(run.exit_code, 0);

  const auto csv = testing::run_cli("export 1 --what per-user --format csv --db '" + db + "'");
  ASSERT_EQ(csv.exit_code, 0) << csv.output;
  const auto rows = testing::read_csv(csv.output);
  ASSERT_GT(rows.size(), 1u);
  ASSERT_EQ(rows[0], (std::vector<std::string>{"learner", "k", "support_size", "seed", "user_id",
                                               "position", "hr10", "ndcg10"}));

  // Per learner, seed and support size: the ids in position order.
  std::map<std::string, std::vector<std::string>> ids;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    auto& list = ids[row[0] + "/" + row[3] + "/" + row[2]];
    EXPECT_EQ(row[5], std::to_string(list.size())) << "positions count from 0 in order";
    list.push_back(row[4]);
  }
  const Dataset data = load_dataset(kSample + "/ratings.csv");
  for (const std::string learner : {"pop", "itemknn"}) {
    for (const std::uint64_t seed : {1u, 2u}) {
      SCOPED_TRACE(learner + " seed " + std::to_string(seed));
      const std::string key = learner + "/" + std::to_string(seed) + "/";
      const auto natural = expected_ids(data, seed, std::nullopt);
      EXPECT_GT(natural.size(), 100u);
      EXPECT_EQ(ids[key], natural);
      EXPECT_EQ(ids[key + "2"], expected_ids(data, seed, 2));
    }
  }
  // Each seed draws its own meta-test users.
  EXPECT_NE(ids["pop/1/"], ids["pop/2/"]);

  // JSON writes the ids as the strings they are.
  const auto json = testing::run_cli("export 1 --what per-user --format json --db '" + db + "'");
  ASSERT_EQ(json.exit_code, 0) << json.output;
  const auto first = nlohmann::json::parse(json.output).at(0);
  EXPECT_TRUE(first.at("user_id").is_string()) << first.dump();
  EXPECT_EQ(first.at("user_id").get<std::string>(), ids["pop/1/"].front());
  EXPECT_EQ(first.at("seed").get<int>(), 1);
}

}  // namespace
}  // namespace metacf
