#include "core/split/presplit.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

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
  EXPECT_TRUE(split.published_tasks);
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

std::string load_error(const testing::TempDir& dir) {
  Dataset data;
  try {
    load_presplit(dir.path(), data);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(PresplitTest, AGroupWithoutUsersIsAnErrorNamingItsFile) {
  testing::TempDir dir;
  dir.write("pretrain.rating", "0\t5\n0\t6\n");
  dir.write("train.rating", "\n \n");
  dir.write("test.rating", "2\t5\n2\t6\n");
  const std::string message = load_error(dir);
  EXPECT_NE(message.find("train.rating:2: no users in this group"), std::string::npos) << message;
}

TEST(PresplitTest, AGroupWithoutATaskIsAnErrorNamingItsFile) {
  testing::TempDir dir;
  dir.write("pretrain.rating", "0\t5\n0\t6\n");
  dir.write("train.rating", "1\t5\n3\t6\n");  // one record each: no support and query
  dir.write("test.rating", "2\t5\n2\t6\n");
  std::string message = load_error(dir);
  EXPECT_NE(message.find("train.rating: no meta-training task: none of its 2 users"),
            std::string::npos)
      << message;
  dir.write("train.rating", "1\t5\n1\t6\n");
  dir.write("test.rating", "2\t5\n");
  message = load_error(dir);
  EXPECT_NE(message.find("test.rating: no meta-test task"), std::string::npos) << message;
}

TEST(PresplitTest, AFifoIsRefusedWithoutBeingOpened) {
  testing::TempDir dir;
  dir.write("pretrain.rating", "0\t5\n0\t6\n");
  ASSERT_EQ(mkfifo(dir.file("train.rating").c_str(), 0600), 0);  // opening it would block
  dir.write("test.rating", "2\t5\n2\t6\n");
  const std::string message = load_error(dir);
  EXPECT_NE(message.find("train.rating: not a regular file (it is a FIFO"), std::string::npos)
      << message;
}

}  // namespace
}  // namespace metacf
