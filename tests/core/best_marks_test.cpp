// The one tie rule of every results table: ties share the mark, the runner-up is the best
// value strictly below the best, values compare as shown.
#include "core/report/best_marks.h"

#include <gtest/gtest.h>

namespace metacf {
namespace {

Table column_of(const std::vector<std::optional<double>>& values) {
  Table t;
  t.columns = {"learner", "HR@10"};
  for (std::size_t i = 0; i < values.size(); ++i) {
    Cell c = values[i] ? Cell::of(*values[i], 4) : Cell("—");
    t.rows.push_back({Cell("l" + std::to_string(i)), c});
  }
  return t;
}

std::vector<Emphasis> marks(const Table& t) {
  std::vector<Emphasis> out;
  for (const auto& row : t.rows) out.push_back(row[1].emphasis);
  return out;
}

constexpr auto B = Emphasis::kBold;
constexpr auto U = Emphasis::kUnderline;
constexpr auto N = Emphasis::kNone;

TEST(BestMarksTest, TiesShareTheMarkAndTheRunnerUpIsStrictlyBelow) {
  Table t = column_of({0.25, 0.3125, 0.1, 0.3125, 0.25});
  mark_best(t, 1);
  EXPECT_EQ(marks(t), (std::vector<Emphasis>{U, B, N, B, U}));
}

TEST(BestMarksTest, ValuesThatReadTheSameAreTied) {
  // 0.31251 and 0.31249 both print as 0.3125.
  Table t = column_of({0.31251, 0.31249, 0.3});
  mark_best(t, 1);
  EXPECT_EQ(marks(t), (std::vector<Emphasis>{B, B, U}));
}

TEST(BestMarksTest, AllEqualIsAllBoldAndNoRunnerUp) {
  Table t = column_of({0.5, 0.5, 0.5});
  mark_best(t, 1);
  EXPECT_EQ(marks(t), (std::vector<Emphasis>{B, B, B}));
}

TEST(BestMarksTest, CellsWithoutNumbersAndLoneValuesGetNoMark) {
  Table t = column_of({std::nullopt, 0.2, std::nullopt});
  mark_best(t, 1);
  EXPECT_EQ(marks(t), (std::vector<Emphasis>{N, N, N}));
  Table u = column_of({std::nullopt, 0.2, 0.1});
  mark_best(u, 1);
  EXPECT_EQ(marks(u), (std::vector<Emphasis>{N, B, U}));
}

TEST(BestMarksTest, OnlyTheGivenRowsTakePart) {
  Table t = column_of({0.9, 0.2, 0.1, 0.2});
  const std::vector<std::size_t> rows{1, 2, 3};
  mark_best(t, 1, rows);
  EXPECT_EQ(marks(t), (std::vector<Emphasis>{N, B, U, B}));
}

}  // namespace
}  // namespace metacf
