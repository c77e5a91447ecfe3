// The real MovieLens 100K, when the shared copy is present (its licence keeps it out of the repo).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/data/data_format.h"
#include "core/data/dataset_loader.h"
#include "core/data/id_index.h"
#include "core/data/text_encoding.h"
#include "core/data/titles_loader.h"

namespace metacf {
namespace {

const std::string kMl100k = std::string(METACF_SHARED_DATASETS_DIR) + "/ml-100k";

TEST(DataMl100k, LoadsWithTitles) {
  if (!std::filesystem::exists(kMl100k + "/u.data")) GTEST_SKIP() << "no " << kMl100k;
  EXPECT_EQ(detect_format(kMl100k + "/u.data"), DataFormat::kMl100k);
  Dataset data = load_dataset(kMl100k + "/u.data");
  EXPECT_EQ(data.format, "ml100k");
  EXPECT_EQ(data.num_users(), 943);
  EXPECT_EQ(data.num_items(), 1682);
  EXPECT_EQ(data.num_records(), 100000);
  EXPECT_EQ(data.duplicates, 0);
  for (std::int32_t u = 0; u < data.num_users(); ++u) EXPECT_GE(data.items_of(u).size(), 20u);

  if (!std::filesystem::exists(kMl100k + "/u.item")) GTEST_SKIP() << "no u.item";
  const auto report = load_titles(data, kMl100k + "/u.item");
  EXPECT_EQ(report.format, TitlesFormat::kUItem);
  EXPECT_EQ(report.matched, 1682);
  EXPECT_EQ(report.items_without_title, 0);
  const IdIndex items(data.item_ids);
  // Item 543 is Latin-1 "Mis\xE9rables, Les (1995)" in the file.
  EXPECT_EQ(data.item_titles[static_cast<std::size_t>(*items.find("543"))],
            "Mis\xC3\xA9rables, Les (1995)");
  EXPECT_EQ(data.item_titles[static_cast<std::size_t>(*items.find("1"))], "Toy Story (1995)");
  EXPECT_EQ(data.item_genres[static_cast<std::size_t>(*items.find("1"))],
            "Animation|Children's|Comedy");
  for (const auto& title : data.item_titles) EXPECT_TRUE(is_valid_utf8(title)) << title;
}

}  // namespace
}  // namespace metacf
