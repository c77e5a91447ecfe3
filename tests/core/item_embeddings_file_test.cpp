#include "core/train/item_embeddings_file.h"

#include <cstring>

#include <gtest/gtest.h>

#include "tests/core/synthetic_dataset.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

std::string npy(const std::string& descr, bool fortran, int rows, int cols, const void* data,
                std::size_t bytes) {
  std::string header = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") +
                       ", 'shape': (" + std::to_string(rows) + ", " + std::to_string(cols) + "), }";
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
  EXPECT_NE(message("g.csv", "0,1\n1,inf\n").find("item '1' (row 2) has the value inf"), std::string::npos);
  EXPECT_NE(message("h.csv", "0,nan\n1,1\n").find("must be finite"), std::string::npos);
  const float v[] = {1, 2};
  EXPECT_NE(message("e.npy", npy("<f4", false, 2, 2, v, sizeof v)).find("ends before"), std::string::npos);
  EXPECT_NE(message("f.npy", npy("<i8", false, 1, 2, v, sizeof v)).find("float32 or float64"), std::string::npos);
}

}  // namespace
}  // namespace metacf
