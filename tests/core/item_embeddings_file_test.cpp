#include "core/train/item_embeddings_file.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "tests/core/synthetic_dataset.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

std::string npy(const std::string& descr, bool fortran, int rows, int cols, const void* data,
                std::size_t bytes) {
  std::string header = "{'descr': '" + descr +
                       "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': (" +
                       std::to_string(rows) + ", " + std::to_string(cols) + "), }";
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string out("\x93NUMPY\x01\x00", 8);
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>(header.size() >> 8);
  out += header;
  out.append(static_cast<const char*>(data), bytes);
  return out;
}

TEST(ItemEmbeddingsFileTest, NpyRowsFollowIntegerItemIds) {
  testing::TempDir dir;
  // Data set items in first-seen order "2", "0": rows must be picked by id, not position.
  Dataset data = testing::dataset_from_rows({{0, 1}}, 2);
  data.item_ids = {"2", "0"};
  const float values[] = {0, 1, 10, 11, 20, 21};  // 3 x 2, C order
  const auto path = dir.write("q.npy", npy("<f4", false, 3, 2, values, sizeof values));
  const Eigen::MatrixXf Q = load_item_embeddings(path, data);
  ASSERT_EQ(Q.rows(), 3);  // item "1" exists only in the file and joins the catalogue
  EXPECT_EQ(data.item_ids[2], "1");
  EXPECT_FLOAT_EQ(Q(0, 0), 20);
  EXPECT_FLOAT_EQ(Q(1, 1), 1);
  EXPECT_FLOAT_EQ(Q(2, 0), 10);
}

TEST(ItemEmbeddingsFileTest, NpyFloat64AndFortranOrder) {
  testing::TempDir dir;
  Dataset data = testing::dataset_from_rows({{0, 1}}, 2);
  const double values[] = {1, 2, 3, 4};  // column-major 2 x 2: rows (1,3), (2,4)
  const auto path = dir.write("q.npy", npy("<f8", true, 2, 2, values, sizeof values));
  const Eigen::MatrixXf Q = load_item_embeddings(path, data);
  EXPECT_FLOAT_EQ(Q(0, 1), 3);
  EXPECT_FLOAT_EQ(Q(1, 0), 2);
}

TEST(ItemEmbeddingsFileTest, CsvWithHeaderAndStringIds) {
  testing::TempDir dir;
  Dataset data = testing::dataset_from_rows({{0, 1}}, 2);
  data.item_ids = {"B00X", "A01"};
  const auto path = dir.write("q.csv", "item,f0,f1\r\nA01,0.5,-1\r\nB00X,2,3e-1\r\n");
  const Eigen::MatrixXf Q = load_item_embeddings(path, data);
  EXPECT_FLOAT_EQ(Q(0, 1), 0.3f);
  EXPECT_FLOAT_EQ(Q(1, 0), 0.5f);
}

TEST(ItemEmbeddingsFileTest, ErrorsNameTheFileAndReason) {
  testing::TempDir dir;
  Dataset data = testing::dataset_from_rows({{0, 1}}, 2);
  auto message = [&](const std::string& name, const std::string& content) {
    try {
      Dataset copy = data;
      load_item_embeddings(dir.write(name, content), copy);
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("a.csv", "0,1,2\n1,1\n").find("line 2: expected 2 values"), std::string::npos);
  EXPECT_NE(message("b.csv", "0,1\n1,x\n").find("not a number"), std::string::npos);
  EXPECT_NE(message("c.csv", "0,1\n").find("item '1'"), std::string::npos);
  EXPECT_NE(message("d.npy", "garbage").find("bad magic"), std::string::npos);
  // from_chars reads "nan" and "inf" as numbers; Q must stay finite all the same.
  EXPECT_NE(message("g.csv", "0,1\n1,inf\n").find("item '1' (row 2) has the value inf"),
            std::string::npos);
  EXPECT_NE(message("h.csv", "0,nan\n1,1\n").find("must be finite"), std::string::npos);
  const float v[] = {1, 2};
  EXPECT_NE(message("e.npy", npy("<f4", false, 2, 2, v, sizeof v)).find("ends before"),
            std::string::npos);
  EXPECT_NE(message("f.npy", npy("<i8", false, 1, 2, v, sizeof v)).find("float32 or float64"),
            std::string::npos);
}

// Spark ALS itemFactors as written by .write.json(dir): rows aligned by id across part files,
// bookkeeping files ignored, an id only in the file added to the catalogue.
TEST(ItemEmbeddingsFileTest, SparkItemFactorsFolderIsReadById) {
  Dataset data = testing::dataset_from_rows({{0, 1}, {2}}, 3);
  const Eigen::MatrixXf q =
      load_item_embeddings(std::string(METACF_FIXTURES_DIR) + "/spark_item_factors", data);
  ASSERT_EQ(q.rows(), 4);
  ASSERT_EQ(q.cols(), 3);
  EXPECT_EQ(q(0, 1), -1.0f);
  EXPECT_EQ(q(1, 2), 0.125f);
  EXPECT_EQ(q(2, 0), 1.5f);
  EXPECT_EQ(data.item_ids[3], "17");
  EXPECT_EQ(q(3, 2), 1.0f);
}

TEST(ItemEmbeddingsFileTest, StrictFilesRejectOtherRanksAndDuplicateIds) {
  testing::TempDir dir;
  Dataset data = testing::dataset_from_rows({{0, 1}}, 3);
  auto message = [&](const std::string& path) {
    try {
      Dataset copy = data;
      load_item_embeddings(path, copy);
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  // A (2, 1, 2) array read as (2, 1) would silently drop half its values.
  const float v[] = {1, 2, 3, 4};
  std::string three_d = npy("<f4", false, 2, 1, v, 0);
  three_d.replace(three_d.find("(2, 1)"), 6, "(2, 1, 2)");
  three_d.append(reinterpret_cast<const char*>(v), sizeof v);
  const std::string cube = dir.write("cube.npy", three_d);
  EXPECT_EQ(message(cube), cube + ": expected a two-dimensional array (N, D), got shape (2, 1, 2)");
  std::string flat = npy("<f4", false, 4, 1, v, sizeof v);
  flat.replace(flat.find("(4, 1)"), 6, "(4,)");
  const std::string vector = dir.write("vector.npy", flat);
  EXPECT_NE(
      message(vector).find(vector + ": expected a two-dimensional array (N, D), got shape (4,)"),
      std::string::npos);

  const std::string csv = dir.write("twice.csv", "item,a\n0,1\n1,2\n2,3\n1,4\n");
  EXPECT_EQ(message(csv), csv + ":5: item '1' has a row here and another at " + csv +
                              ":3; each item needs exactly one row");
  const std::string spark = std::string(METACF_FIXTURES_DIR) + "/spark_item_factors_duplicate";
  EXPECT_EQ(message(spark), spark +
                                "/part-00001-c000.json:2: item '1' has a row here and another at " +
                                spark + "/part-00000-c000.json:2; each item needs exactly one row");
}

TEST(ItemEmbeddingsFileTest, SparkErrorsNameTheFileAndLine) {
  testing::TempDir dir;
  Dataset data = testing::dataset_from_rows({{0, 1}}, 2);
  auto message = [&](const std::string& name, const std::string& content) {
    const std::string folder = dir.path() + "/" + name;
    std::filesystem::create_directories(folder);
    std::ofstream(folder + "/part-00000.json") << content;
    try {
      Dataset copy = data;
      load_item_embeddings(folder, copy);
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string good = "{\"id\":0,\"features\":[1,2]}\n";
  EXPECT_NE(message("a", good + "{\"id\":1,\"features\":[1]}\n")
                .find("a/part-00000.json:2: expected 2 features, got 1"),
            std::string::npos);
  EXPECT_NE(message("b", good + "not json\n").find("b/part-00000.json:2: expected a JSON object"),
            std::string::npos);
  EXPECT_NE(message("c", good + "{\"features\":[1,2]}\n")
                .find("c/part-00000.json:2: the object has no \"id\""),
            std::string::npos);
  EXPECT_NE(message("d", good + "{\"id\":1.5,\"features\":[1,2]}\n")
                .find("d/part-00000.json:2: the \"id\" is neither"),
            std::string::npos);
  EXPECT_NE(message("e", good + "{\"id\":1,\"features\":[1,\"NaN\"]}\n")
                .find("e/part-00000.json:2: a feature of item '1' is not a number"),
            std::string::npos);
  EXPECT_NE(message("f", good).find("item '1' of the data set has no embedding row"),
            std::string::npos);
  EXPECT_NE(message("g", "").find("g: no item factors in the folder"), std::string::npos);
  EXPECT_NE(message("h", good + "{\"id\":1,\"features\":[1,1e300]}\n")
                .find("h/part-00000.json:2: item '1' (row 2) has the value inf"),
            std::string::npos);
  std::ofstream(dir.path() + "/g/part-00001.json.gz") << "x";
  EXPECT_NE(message("g", "").find("part-00001.json.gz: not a part-*.json file"), std::string::npos);
}

}  // namespace
}  // namespace metacf
