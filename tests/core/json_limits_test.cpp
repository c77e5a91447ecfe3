// The nesting bound on JSON from outside: brackets in strings do not count, the limit itself is
// accepted and one level more is not, and a bounded file read refuses a larger file.
#include "core/util/json_limits.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

std::string nested(int levels) {
  return std::string(static_cast<std::size_t>(levels), '[') +
         std::string(static_cast<std::size_t>(levels), ']');
}

TEST(JsonLimitsTest, NestingUpToTheLimitParses) {
  EXPECT_NO_THROW(parse_bounded_json(nested(kMaxJsonDepth)));
  EXPECT_THROW(parse_bounded_json(nested(kMaxJsonDepth + 1)), std::invalid_argument);
  EXPECT_TRUE(parse_bounded_json_or_discarded(nested(100000)).is_discarded());
  EXPECT_TRUE(parse_bounded_json_or_discarded("{").is_discarded());
  EXPECT_EQ(parse_bounded_json_or_discarded(R"({"a": 1})")["a"], 1);
}

TEST(JsonLimitsTest, BracketsInStringsDoNotCount) {
  const std::string text = R"({"a": ")" + std::string(1000, '[') + R"(\"[[", "b": [1]})";
  const auto j = parse_bounded_json(text, 2);
  EXPECT_EQ(j["b"][0], 1);
  EXPECT_THROW(require_json_depth(R"({"a": "\\", "b": [[1]]})", 2), std::invalid_argument);
}

TEST(JsonLimitsTest, ABoundedReadRefusesALargerFile) {
  testing::TempDir dir;
  const std::string path = dir.write("c.json", std::string(100, ' '));
  EXPECT_EQ(read_bounded_text_file(path, 100).size(), 100u);
  EXPECT_THROW(read_bounded_text_file(path, 99), std::runtime_error);
  EXPECT_THROW(read_bounded_text_file(dir.path(), 99), std::runtime_error);
}

}  // namespace
}  // namespace metacf
