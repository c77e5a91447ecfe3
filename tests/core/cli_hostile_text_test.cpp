// What the CLI repeats of a user's text (a run's label, a path, an item id), in tables and in
// error messages alike, is shown with bidi controls and bytes that are not UTF-8 escaped: a
// right-to-left override (U+202E) would make the text after it display reversed, and a stray
// byte is the terminal's guess.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/store/experiment_store.h"
#include "tests/core/cli_process.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

const std::string kSample = METACF_SAMPLE_DIR;
const std::string kOverride = "\xE2\x80\xAE";  // U+202E RIGHT-TO-LEFT OVERRIDE
const std::string kIsolate = "\xE2\x81\xA6";   // U+2066 LEFT-TO-RIGHT ISOLATE

std::string quote(const std::string& s) { return "'" + s + "'"; }

// Neither a bidi control nor a byte that is not UTF-8 reached the output.
void expect_no_raw_hostile_text(const std::string& output) {
  EXPECT_EQ(output.find(kOverride), std::string::npos) << output;
  EXPECT_EQ(output.find(kIsolate), std::string::npos) << output;
  EXPECT_EQ(output.find('\xFF'), std::string::npos) << output;
}

TEST(CliHostileTextTest, ALabelIsShownEscapedByRunsAndShow) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  {
    auto store = ExperimentStore::open(db);
    const auto run = store.begin_run(std::nullopt, std::nullopt,
                                     {{"learners", {"pop"}}, {"note", "cfg" + kIsolate + "x"}},
                                     "lab" + kOverride + "txt.exe\xFF");
    store.finish_run(run, RunStatus::kFailed, "failed on " + kOverride + "gpj.exe");
  }
  const auto runs = testing::run_cli("runs --db " + quote(db));
  ASSERT_EQ(runs.exit_code, 0) << runs.output;
  expect_no_raw_hostile_text(runs.output);
  EXPECT_NE(runs.output.find("lab\\u202Etxt.exe\\xFF"), std::string::npos) << runs.output;

  const auto show = testing::run_cli("show 1 --db " + quote(db));
  ASSERT_EQ(show.exit_code, 0) << show.output;
  expect_no_raw_hostile_text(show.output);
  EXPECT_NE(show.output.find("\"lab\\u202Etxt.exe\\xFF\""), std::string::npos) << show.output;
  EXPECT_NE(show.output.find("error: failed on \\u202Egpj.exe"), std::string::npos) << show.output;
  EXPECT_NE(show.output.find("cfg\\u2066x"), std::string::npos) << show.output;  // the JSON
  // The configuration reads as indented JSON, its line breaks kept rather than escaped.
  EXPECT_NE(show.output.find("configuration:\n{\n  \"learners\": [\n"), std::string::npos)
      << show.output;
  EXPECT_EQ(show.output.find("{\\n"), std::string::npos) << show.output;
}

TEST(CliHostileTextTest, APathIsShownEscapedInErrorMessages) {
  testing::TempDir dir;
  const std::string name = "r" + kOverride + "vsc.exe\xFF";
  // A file that is there but is no ratings file: the loader's error names it.
  const std::string garbage = dir.write(name, "just some words\n");
  const auto bad = testing::run_cli("info --data " + quote(garbage) + " 2>&1");
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  expect_no_raw_hostile_text(bad.output);
  EXPECT_NE(bad.output.find("r\\u202Evsc.exe\\xFF"), std::string::npos) << bad.output;

  // A file that is not there: the usage error names it.
  const auto missing = testing::run_cli("info --data " + quote(dir.file("no" + name)) + " 2>&1");
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  expect_no_raw_hostile_text(missing.output);
  EXPECT_NE(missing.output.find("nor\\u202Evsc.exe\\xFF"), std::string::npos) << missing.output;

  // A store path that cannot be a store.
  const auto store = testing::run_cli("runs --db " + quote(garbage) + " 2>&1");
  EXPECT_EQ(store.exit_code, 1) << store.output;
  expect_no_raw_hostile_text(store.output);
  EXPECT_NE(store.output.find("r\\u202Evsc.exe\\xFF"), std::string::npos) << store.output;
}

TEST(CliHostileTextTest, ALabelOrIdTypedOnTheCommandLineIsShownEscaped) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  const auto run = testing::run_cli(
      "run --data " + quote(kSample + "/ratings.csv") + " --learners pop --config " +
      quote(dir.write("q.json", R"({"pretrain": {"max_epochs": 1}})")) + " --label " +
      quote("mine" + kOverride + "\xFF") + " --db " + quote(db) + " 2>&1");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  expect_no_raw_hostile_text(run.output);
  const auto runs = testing::run_cli("runs --db " + quote(db));
  EXPECT_NE(runs.output.find("mine\\u202E\\xFF"), std::string::npos) << runs.output;

  const auto clicks =
      testing::run_cli("simulate 1 --learner pop --clicks " + quote("1" + kOverride + "\xFF") +
                       " --db " + quote(db) + " 2>&1");
  EXPECT_EQ(clicks.exit_code, 2) << clicks.output;
  expect_no_raw_hostile_text(clicks.output);
  EXPECT_NE(clicks.output.find("1\\u202E\\xFF"), std::string::npos) << clicks.output;

  const auto reference = testing::run_cli("show 1 --reference " + quote("x" + kOverride) +
                                          " --db " + quote(db) + " 2>&1");
  EXPECT_EQ(reference.exit_code, 2) << reference.output;
  expect_no_raw_hostile_text(reference.output);
  EXPECT_NE(reference.output.find("x\\u202E"), std::string::npos) << reference.output;
}

}  // namespace
}  // namespace metacf
