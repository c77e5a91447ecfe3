// The load options stated once: what a run records, what is refused, and that every field is a
// flag of `metacf run` and of the command line a run reproduces with.
#include "core/config/load_options_schema.h"

#include <gtest/gtest.h>

#include "core/experiment/run_request.h"
#include "tests/core/cli_process.h"

namespace metacf {
namespace {

TEST(LoadOptionsSchemaTest, TheRecordKeepsHowTheFileWasReadButNotTheFormat) {
  EXPECT_EQ(
      load_options_record(LoadOptions{}),
      nlohmann::json({{"column_order", "user-item"}, {"delimiter", "auto"}, {"lenient", false}}));
  LoadOptions o;
  o.format = DataFormat::kCsv;
  o.delimiter = Delimiter::kSemicolon;
  o.column_order = ColumnOrder::kItemUser;
  o.lenient = true;
  o.rating_threshold = 3.5;
  const nlohmann::json record = load_options_record(o);
  EXPECT_EQ(record, nlohmann::json({{"column_order", "item-user"},
                                    {"delimiter", "semicolon"},
                                    {"lenient", true},
                                    {"rating_threshold", 3.5}}));
  // And it reads back as the same options.
  const LoadOptions back = read_load_options(record);
  EXPECT_EQ(back.delimiter, o.delimiter);
  EXPECT_EQ(back.column_order, o.column_order);
  EXPECT_EQ(back.lenient, o.lenient);
  EXPECT_EQ(back.rating_threshold, o.rating_threshold);
}

std::string error_of(const nlohmann::json& j) {
  try {
    (void)read_load_options(j);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

TEST(LoadOptionsSchemaTest, BadOptionsAreRefusedByName) {
  EXPECT_NE(error_of({{"delimiter", "pipe"}}).find("pipe"), std::string::npos);
  EXPECT_NE(error_of({{"colum_order", "item-user"}}).find("unknown key 'colum_order'"),
            std::string::npos);
  EXPECT_NE(error_of({{"rating_threshold", 1e9}}).find("rating_threshold must be"),
            std::string::npos);
  EXPECT_EQ(error_of({{"rating_threshold", nullptr}}), "");
}

// Each field of the schema is a flag of `metacf run`, and a run that read its file with every
// option away from its default is reproduced by a command line that names each of them.
TEST(LoadOptionsSchemaTest, EveryFieldIsAFlagAndReachesTheCommandLine) {
  const auto help = testing::run_cli("run --help");
  ASSERT_EQ(help.exit_code, 0);
  LoadOptions o;
  o.delimiter = Delimiter::kSemicolon;
  o.column_order = ColumnOrder::kItemUser;
  o.lenient = true;
  o.rating_threshold = 2.0;
  DataSource source{"/d/r.txt", "csv", "", {}, load_options_record(o)};
  ExperimentConfig config;
  config.learners = {"pop"};
  const std::string line = RunRequest{source, config, {}}.command_line("c.json");
  for (const FieldInfo& f : load_options_schema().info().fields) {
    std::string flag = "--" + f.key;
    std::replace(flag.begin(), flag.end(), '_', '-');
    EXPECT_NE(help.output.find(flag), std::string::npos) << flag;
    EXPECT_NE(line.find(flag), std::string::npos) << flag << " in " << line;
  }
}

}  // namespace
}  // namespace metacf
