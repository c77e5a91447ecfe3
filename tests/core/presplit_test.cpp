#include "core/split/presplit.h"

#include <gtest/gtest.h>

#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

TEST(PresplitTest, FileOrderGivesSupportThenQuery) {
  testing::TempDir dir;
  dir.write("pretrain.rating", "0\t5\n0\t6\n1\t5\n");
  dir.write("train.rating", "2\t7\n2\t5\n2\t8\n3\t6\n3\t9\n");
  dir.write("test.rating", "4\t9\r\n4\t7\r\n4\t5\r\n4\t6\r\n");
  Dataset data;
  const Split split = load_presplit(dir.path(), data);
  EXPECT_EQ(data.num_users(), 5);
  EXPECT_EQ(data.num_items(), 5);  // the union of 5..9
  EXPECT_EQ(split.pretrain_users.size(), 2u);
  ASSERT_EQ(split.meta_train.size(), 2u);
  EXPECT_TRUE(split.reshuffle_meta_train);
  auto id = [&](std::int32_t v) { return data.item_ids[static_cast<std::size_t>(v)]; };
  // User 2: three records -> support 1 (first), query 2.
  ASSERT_EQ(split.meta_train[0].support.size(), 1u);
  EXPECT_EQ(id(split.meta_train[0].support[0]), "7");
  EXPECT_EQ(split.meta_train[0].query.size(), 2u);
  ASSERT_EQ(split.meta_test.size(), 1u);
  EXPECT_EQ(id(split.meta_test[0].support[0]), "9");
  EXPECT_EQ(id(split.meta_test[0].support[1]), "7");
  EXPECT_EQ(id(split.meta_test[0].query[0]), "5");
}

TEST(PresplitTest, AUserInTwoGroupsIsAnErrorNamingFileAndLine) {
  testing::TempDir dir;
  dir.write("pretrain.rating", "0\t5\n");
  dir.write("train.rating", "1\t5\n1\t6\n");
  dir.write("test.rating", "2\t5\n0\t6\n");
  Dataset data;
  try {
    load_presplit(dir.path(), data);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("test.rating:2"), std::string::npos) << message;
    EXPECT_NE(message.find("'0'"), std::string::npos) << message;
  }
}

TEST(PresplitTest, AMalformedLineNamesFileAndLine) {
  testing::TempDir dir;
  dir.write("pretrain.rating", "0\t5\n7\n");
  dir.write("train.rating", "1\t5\n");
  dir.write("test.rating", "2\t5\n");
  Dataset data;
  try {
    load_presplit(dir.path(), data);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("pretrain.rating:2"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace metacf
