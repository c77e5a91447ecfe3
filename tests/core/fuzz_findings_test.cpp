// Inputs the fuzz targets in fuzz/ found crashing, kept as fixtures (tests/fixtures/fuzz_findings)
// so that each fix stays fixed: the loader now rejects each with a clear error.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "core/data/data_error.h"
#include "core/data/dataset_loader.h"
#include "core/data/text_encoding.h"
#include "core/experiment/experiment_config.h"
#include "core/learners/learner_factory.h"
#include "core/train/item_embeddings_file.h"
#include "tests/core/synthetic_dataset.h"

namespace metacf {
namespace {

const std::string kFindings = std::string(METACF_FIXTURES_DIR) + "/fuzz_findings";

// The message load_item_embeddings gives for a fixture, over a data set of items "0".."2".
std::string embeddings_error(const std::string& fixture) {
  Dataset data = testing::dataset_from_rows({{0, 1, 2}}, 3);
  try {
    load_item_embeddings(kFindings + "/" + fixture, data);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "no error";
}

// A float32 value with all bits set is a NaN; it used to be loaded into Q.
TEST(FuzzFindingsTest, NpyWithANaNValueIsRejected) {
  const std::string what = embeddings_error("nan_value.npy");
  EXPECT_NE(what.find("nan_value.npy: item '2' (row 3) has the value "), std::string::npos) << what;
  EXPECT_NE(what.find("nan; embeddings must be finite numbers"), std::string::npos) << what;
}

// The header claims 3 x 3333333333333332 floats in a 183-byte file; the loader used to allocate
// them (an ASan allocation-size-too-big) before noticing the file was short.
TEST(FuzzFindingsTest, NpyShapeLargerThanTheFileIsRejectedBeforeAllocating) {
  const std::string what = embeddings_error("huge_shape.npy");
  EXPECT_NE(what.find("huge_shape.npy: the file ends before its 3 x 3333333333333332 values"),
            std::string::npos)
      << what;
}

// text_encoding_fuzz stopped on its first seed, the Latin-1 u.item fixture: the excerpt that
// error messages quote kept the byte 0xE9 as it was, which is not UTF-8.
TEST(FuzzFindingsTest, ExcerptsOfLatin1TextAreUtf8) {
  std::ifstream in(std::string(METACF_FIXTURES_DIR) + "/u_small.item", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const std::string excerpt = printable_excerpt(text.str(), 4096);
  EXPECT_TRUE(is_valid_utf8(excerpt));
  EXPECT_NE(excerpt.find("Mis\\xE9rables"), std::string::npos) << excerpt;
  EXPECT_NE(excerpt.find("\\x0A"), std::string::npos);  // line ends are escaped too
  // Valid UTF-8 stays as it is, and a cut never splits a character.
  EXPECT_EQ(printable_excerpt("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_EQ(printable_excerpt("caf\xC3\xA9", 4), "caf...");
}

// The same bytes in a skipped ratings line made `metacf info --json --lenient` fail with
// "invalid UTF-8 byte" while writing the warnings (see data_cli_test).
TEST(FuzzFindingsTest, WarningsAndErrorsAboutLatin1LinesAreUtf8) {
  const std::string path = kFindings + "/latin1_bad_line.csv";
  LoadOptions lenient;
  lenient.lenient = true;
  const Dataset data = load_dataset(path, lenient);
  ASSERT_EQ(data.warnings.size(), 1u);
  EXPECT_TRUE(is_valid_utf8(data.warnings[0]));
  EXPECT_NE(data.warnings[0].find("caf\\xE9"), std::string::npos) << data.warnings[0];
  try {
    load_dataset(path);
    FAIL() << "expected DataError";
  } catch (const DataError& e) {
    EXPECT_TRUE(is_valid_utf8(e.what()));
    EXPECT_NE(std::string(e.what()).find("latin1_bad_line.csv:3: wrong number of fields"),
              std::string::npos)
        << e.what();
  }
}

// experiment_config_fuzz's input float_dim.json sets the pretraining dim to 8222224444222.1:
// nlohmann converted the float into an int, which UBSan reports as undefined ("outside the range
// of representable values of type 'int'"). float_k.json is the same by hand for a list field.
// An integer past the field's range was silently wrapped instead.
TEST(FuzzFindingsTest, ConfigNumbersMustBeWholeNumbersInTheFieldsRange) {
  auto message = [](const std::string& fixture) {
    std::ifstream in(kFindings + "/" + fixture);
    try {
      (void)nlohmann::json::parse(in).get<ExperimentConfig>();
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no std::invalid_argument");
  };
  EXPECT_EQ(message("float_dim.json"),
            "'dim' must be a whole number from -2147483648 to 2147483647 (got 8222224444222.1)");
  EXPECT_EQ(message("float_k.json"),
            "'ks' must be a whole number from -2147483648 to 2147483647 (got 1e+300)");
  for (const char* text : {R"({"seeds": [-1.5]})", R"({"seeds": [-1]})", R"({"top_n": 1e20})",
                           R"({"top_n": 4294967306})", R"({"pretrain": {"dim": 2.5}})",
                           R"({"split": {"min_selected": 3.0}})"}) {
    SCOPED_TRACE(text);
    EXPECT_THROW((void)nlohmann::json::parse(text).get<ExperimentConfig>(), std::invalid_argument);
  }
  EXPECT_THROW(make_learner("metacf_p_neural", {{"hidden", 1e30}}, 5, 1), std::invalid_argument);
  EXPECT_THROW(make_learner("bpr", {{"negatives", -0.5}}, 5, 1), std::invalid_argument);
  // Whole numbers across each type's range still read, and wrong types stay JSON type errors.
  const auto ok =
      nlohmann::json::parse(R"({"ks": [0, 20], "seeds": [18446744073709551615], "top_n": 7})")
          .get<ExperimentConfig>();
  EXPECT_EQ(ok.ks, (std::vector<int>{0, 20}));
  EXPECT_EQ(ok.seeds, (std::vector<std::uint64_t>{18446744073709551615u}));
  EXPECT_EQ(ok.top_n, 7);
  EXPECT_THROW((void)nlohmann::json::parse(R"({"ks": "five"})").get<ExperimentConfig>(),
               nlohmann::json::type_error);
  EXPECT_THROW((void)nlohmann::json::parse("[1, 2]").get<ExperimentConfig>(),
               nlohmann::json::type_error);
}

}  // namespace
}  // namespace metacf
