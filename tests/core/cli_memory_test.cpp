// `metacf run` refuses a run whose estimated peak memory exceeds its budget, naming the
// estimate and the field to change; the estimate bounds the measured peak.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "core/data/dataset_loader.h"
#include "core/experiment/experiment_config.h"
#include "core/experiment/memory_estimate.h"
#include "core/store/experiment_store.h"
#include "tests/core/cli_process.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

const std::string kSample = METACF_SAMPLE_DIR;

TEST(CliMemoryTest, RunOverTheBudgetIsRefusedNamingTheFieldBeforeAnyRunIsStored) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  (void)ExperimentStore::open(db);
  const std::string run = "run --data '" + kSample + "/ratings.csv' --db '" + db + "' ";
  const std::string big_batch =
      dir.write("batch.json", R"({"pretrain": {"negatives": 1000, "batch_size": 1000000}})");
  struct Case {
    std::string args;
    std::string message;
  };
  const Case cases[] = {
      {run + "--memory-budget 1", "exceeds the budget of 1 MiB"},
      {run + "--config '" + dir.write("budget.json", R"({"memory_budget_mib": 1})") + "'",
       "exceeds the budget of 1 MiB"},
      // Every pretraining record x 1,001 pairs of 12 B in one batch.
      {run + "--memory-budget 100 --config '" + big_batch + "'",
       "the largest stage is pretraining"},
      {run + "--memory-budget 100 --config '" + big_batch + "'",
       "lower pretrain.negatives or pretrain.batch_size"},
      // pop: MeLU's Gram blocks would be what tasks of 100,000 records are refused for.
      {run + "--memory-budget 4096 --protocol sampled --learners pop --config '" +
           dir.write("sampled.json",
                     R"({"sampled_candidates": 100000, "split": {"max_selected": 100000}})") +
           "'",
       "lower sampled_candidates"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.args);
    const auto r = testing::run_cli(c.args + " 2>&1 >/dev/null");
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find(c.message), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("estimated peak memory"), std::string::npos) << r.output;
  }
  EXPECT_TRUE(ExperimentStore::open(db).list_runs().empty());
}

// Peak resident memory of a `metacf run` on `data` in MiB, measured as the largest child of this
// process (the shell in between is far smaller), against the estimate for the same run.
struct Measured {
  double rss_mib = 0;
  double estimate_mib = 0;
};

Measured measure(const std::string& data, const std::string& extra) {
  testing::TempDir dir;
  const std::string config_text =
      R"({"pretrain": {"max_epochs": 3}, "learners": ["pop", "itemknn", "ease"]})";
  const std::string config_file = dir.write("c.json", config_text);
  const auto r =
      testing::run_cli("run --data '" + data + "' " + extra + " --db '" + dir.file("s.sqlite") +
                       "' --config '" + config_file + "' 2>&1 >/dev/null");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  ExperimentConfig config = nlohmann::json::parse(config_text).get<ExperimentConfig>();
  const Dataset d = load_dataset(data);
  const MemoryEstimate e = estimate_memory(config, data_shape(d));
  Measured m;
  m.rss_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB on Linux
  m.estimate_mib = e.peak_bytes() / (1024.0 * 1024.0);
  std::printf("%s: measured peak RSS %.1f MiB, estimate %.1f MiB\n", data.c_str(), m.rss_mib,
              m.estimate_mib);
  return m;
}

// The estimate is an upper bound of the measured peak and within a factor of 8 of it (the
// process's fixed share dominates small runs); see README.md for the measured numbers.
TEST(CliMemoryTest, EstimateBoundsTheMeasuredPeakOnTheSampleAndMovieLens) {
#ifdef __SANITIZE_ADDRESS__
  // AddressSanitizer's shadow memory and quarantine are most of such a process's RSS.
  GTEST_SKIP() << "peak memory is not the program's own under AddressSanitizer";
#endif
  const Measured sample = measure(kSample + "/ratings.csv", "");
  EXPECT_GE(sample.estimate_mib, sample.rss_mib);
  EXPECT_LE(sample.estimate_mib, 8 * sample.rss_mib);
  const std::string ml100k = std::string(METACF_SHARED_DATASETS_DIR) + "/ml-100k/u.data";
  if (!std::filesystem::exists(ml100k)) GTEST_SKIP() << "no " << ml100k;
  const Measured movielens = measure(ml100k, "");
  EXPECT_GE(movielens.estimate_mib, movielens.rss_mib);
  EXPECT_LE(movielens.estimate_mib, 8 * movielens.rss_mib);
}

}  // namespace
}  // namespace metacf
