// A stored run is self-contained: `simulate` serves the run's own catalogue (ids, titles) after
// its data file was relabelled, moved or deleted, and for every way the file was read
// (--column-order item-user, --rating-threshold, --lenient, --item-embeddings). A run stored
// without its catalogue (an older build) still reads its file, and says so.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "core/store/sqlite_db.h"
#include "tests/core/cli_process.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

namespace fs = std::filesystem;

constexpr int kItems = 200;
constexpr int kUsers = 600;

// Ratings of users 1000.. on items 1..kItems; `item_offset` relabels every item id. Items from
// 181 on are rated 1 only, the rest 2..5. `item_first` writes item,user,rating.
std::string ratings_text(int item_offset, bool item_first = false) {
  std::ostringstream out;
  for (int u = 0; u < kUsers; ++u) {
    for (int j = 0; j < 12; ++j) {
      const int item = 1 + (u * 37 + j * j * 11 + j) % kItems;
      const int rating = item > 180 ? 1 : 2 + (u + j) % 4;
      const int user = 1000 + u;
      if (item_first)
        out << item + item_offset << ',' << user;
      else
        out << user << ',' << item + item_offset;
      out << ',' << rating << '\n';
    }
  }
  return out.str();
}

std::string titles_text(int item_offset, const std::string& word) {
  std::ostringstream out;
  out << "movieId,title,genres\n";
  for (int v = 1; v <= kItems; ++v) out << v + item_offset << ',' << word << ' ' << v << ",Drama\n";
  return out.str();
}

class CliSimulateCatalogueTest : public ::testing::Test {
 protected:
  std::string db() const { return dir_.file("s.sqlite"); }
  std::string quick() const {
    return dir_.write("quick.json", R"({"pretrain": {"max_epochs": 2, "patience": 1}})");
  }
  void run(const std::string& args) {
    const auto r = testing::run_cli("run " + args + " --learners pop --config '" + quick() +
                                    "' --db '" + db() + "' 2>&1");
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  // The lists, ids and titles of `simulate` without its timings (which differ run to run).
  testing::CliRun simulate(const std::string& clicks, int run = 1) {
    auto r =
        testing::run_cli("simulate " + std::to_string(run) + " --learner pop --top 15 --clicks " +
                         clicks + " --json --db '" + db() + "' 2>/dev/null");
    if (r.exit_code != 0) return r;
    auto j = nlohmann::json::parse(r.output);
    for (auto& update : j["updates"]) {
      update.erase("total_us");
      for (auto& step : update["steps"]) {
        step.erase("adapt_us");
        step.erase("rank_us");
      }
    }
    r.output = j.dump();
    return r;
  }
  static std::set<std::string> listed_items(const std::string& json) {
    std::set<std::string> out;
    const auto parsed = nlohmann::json::parse(json);  // kept alive for the loop
    for (const auto& update : parsed["updates"]) {
      for (const auto& step : update["steps"]) {
        for (const auto& item : step["items"]) out.insert(item["item"].get<std::string>());
      }
    }
    return out;
  }
  static std::set<std::string> listed_titles(const std::string& json) {
    std::set<std::string> out;
    const auto parsed = nlohmann::json::parse(json);  // kept alive for the loop
    for (const auto& update : parsed["updates"]) {
      for (const auto& step : update["steps"]) {
        for (const auto& item : step["items"]) out.insert(item["title"].get<std::string>());
      }
    }
    return out;
  }

  testing::TempDir dir_;
};

TEST_F(CliSimulateCatalogueTest, ARelabelledFileDoesNotChangeTheServedCatalogue) {
  const std::string ratings = dir_.write("r.csv", ratings_text(0));
  const std::string titles = dir_.write("m.csv", titles_text(0, "Film"));
  run("--data '" + ratings + "' --titles '" + titles + "'");
  const auto before = simulate("5,17");
  ASSERT_EQ(before.exit_code, 0) << before.output;
  ASSERT_FALSE(listed_titles(before.output).empty()) << before.output;
  for (const auto& t : listed_titles(before.output)) EXPECT_EQ(t.rfind("Film ", 0), 0u) << t;

  // Same number of items, every id and title different: the old check (the item count) passed
  // and served the new labels.
  dir_.write("r.csv", ratings_text(5000));
  dir_.write("m.csv", titles_text(5000, "Other"));
  const auto after = simulate("5,17");
  ASSERT_EQ(after.exit_code, 0) << after.output;
  EXPECT_EQ(after.output, before.output);

  fs::rename(ratings, dir_.file("moved.csv"));
  fs::remove(titles);
  EXPECT_EQ(simulate("5,17").output, before.output);
}

TEST_F(CliSimulateCatalogueTest, ItemUserColumnOrderIsServedWithItsOwnCatalogue) {
  const std::string ratings = dir_.write("r.csv", ratings_text(0, /*item_first=*/true));
  run("--data '" + ratings + "' --column-order item-user");
  const auto before = simulate("5,17");
  ASSERT_EQ(before.exit_code, 0) << before.output;  // "5" is an item, not a user
  for (const auto& id : listed_items(before.output)) {
    EXPECT_LE(std::stoi(id), kItems) << "user id " << id << " served as an item";
  }
  fs::remove(ratings);
  EXPECT_EQ(simulate("5,17").output, before.output);
}

TEST_F(CliSimulateCatalogueTest, ARatingThresholdRunIsServedWithTheItemsItKept) {
  const std::string ratings = dir_.write("r.csv", ratings_text(0));
  run("--data '" + ratings + "' --rating-threshold 2");
  // Refused before ("the file changed since"): read without the threshold it has more items.
  const auto before = simulate("5,17");
  ASSERT_EQ(before.exit_code, 0) << before.output;
  for (const auto& id : listed_items(before.output)) EXPECT_LE(std::stoi(id), 180) << id;
  EXPECT_EQ(simulate("190").exit_code, 2);  // only rated 1: not in the run's catalogue
  fs::remove(ratings);
  EXPECT_EQ(simulate("5,17").output, before.output);
}

TEST_F(CliSimulateCatalogueTest, ALenientRunIsServedWithoutItsFile) {
  const std::string ratings = dir_.write("r.csv", ratings_text(0) + "not,a,rating,line\n1000,x\n");
  run("--data '" + ratings + "' --lenient");
  const auto before = simulate("5,17");
  ASSERT_EQ(before.exit_code, 0) << before.output;
  fs::rename(ratings, dir_.file("elsewhere.csv"));
  EXPECT_EQ(simulate("5,17").output, before.output);
}

TEST_F(CliSimulateCatalogueTest, AnItemEmbeddingsRunIsServedWithoutItsFiles) {
  const std::string ratings = dir_.write("r.csv", ratings_text(0));
  std::ostringstream q;
  for (int v = 1; v <= kItems; ++v)
    q << v << ',' << 0.01 * (v % 7) << ',' << -0.02 * (v % 5) << '\n';
  const std::string embeddings = dir_.write("q.csv", q.str());
  run("--data '" + ratings + "' --item-embeddings '" + embeddings + "'");
  const auto before = simulate("5,17");
  ASSERT_EQ(before.exit_code, 0) << before.output;
  fs::remove(ratings);
  fs::remove(embeddings);
  EXPECT_EQ(simulate("5,17").output, before.output);
}

TEST_F(CliSimulateCatalogueTest, ARunStoredWithoutItsCatalogueReadsItsFileAndSaysSo) {
  const std::string ratings = dir_.write("r.csv", ratings_text(0));
  run("--data '" + ratings + "'");
  const auto stored = simulate("5,17");
  ASSERT_EQ(stored.exit_code, 0) << stored.output;
  {  // what a store written by an older build holds: the data set without its contents
    SqliteDb writer(db(), SqliteDb::Mode::kReadWriteCreate);
    writer.exec("DELETE FROM dataset_contents");
  }
  const auto from_file = simulate("5,17");
  ASSERT_EQ(from_file.exit_code, 0);
  EXPECT_EQ(from_file.output, stored.output);
  const auto note =
      testing::run_cli("simulate 1 --learner pop --clicks 5 --db '" + db() + "' 2>&1 >/dev/null");
  EXPECT_NE(note.output.find("note: catalogue read again from " + ratings), std::string::npos)
      << note.output;
  fs::remove(ratings);
  const auto gone =
      testing::run_cli("simulate 1 --learner pop --clicks 5 --db '" + db() + "' 2>&1 >/dev/null");
  EXPECT_EQ(gone.exit_code, 1);
  EXPECT_NE(gone.output.find("is no longer there"), std::string::npos) << gone.output;
}

TEST_F(CliSimulateCatalogueTest, IdenticalLoadsShareOneStoredDataSet) {
  const std::string ratings = dir_.write("r.csv", ratings_text(0));
  run("--data '" + ratings + "'");
  run("--data '" + ratings + "'");
  run("--data '" + ratings + "' --rating-threshold 2");  // another load: another data set
  SqliteDb reader(db(), SqliteDb::Mode::kReadOnly);
  EXPECT_EQ(reader.integer("SELECT count(*) FROM dataset_contents"), 2);
  EXPECT_EQ(reader.integer("SELECT count(DISTINCT dataset_id) FROM runs"), 2);
}

}  // namespace
}  // namespace metacf
