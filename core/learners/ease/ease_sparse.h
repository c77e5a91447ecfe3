#pragma once
// ease's approximate solve for catalogues whose dense inverse does not fit in memory, in the
// manner of SANSA (Spisak et al., RecSys 2023): A = X^T X + lambda I is kept sparse (the
// largest entries of each column), factored as S P A P^T S ~ L L^T by an incomplete Cholesky
// factorisation with a fill-reducing ordering P and scaling S (Eigen), and L^-1 is replaced
// by a sparse approximate inverse M with a prescribed number of entries per column. Then
// A^-1 ~ G^T G with G = M S P, and with x the user's support indicator,
//   score = x^T B = x - (G^T (G x)) / diag(G^T G),
// without ever forming an n x n matrix: memory and time grow with n times the entries kept.
#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <cstdint>
#include <span>
#include <vector>

#include "core/learners/training_records.h"

namespace metacf {

class SparseEase {
 public:
  // `entries_per_column` bounds both the kept entries of A and those of M per column.
  void fit(const UserItemRows& rows, std::int32_t num_items, double lambda,
           std::int64_t entries_per_column);
  // out[v] = sum over s in support, s != v, of B[s, v].
  void score(std::span<const std::int32_t> support, Eigen::Ref<Eigen::VectorXf> out) const;
  [[nodiscard]] std::int64_t num_items() const {
    return static_cast<std::int64_t>(column_of_.size());
  }
  [[nodiscard]] std::int64_t nonzeros() const { return inverse_by_column_.nonZeros(); }

 private:
  std::vector<std::int32_t> column_of_;  // item -> its column w of M (the ordering P)
  Eigen::VectorXf scale_;                // S, by column of M
  Eigen::VectorXf inverse_diagonal_;     // 1 / (s_w ||M e_w||^2) by column w: 1 / diag(A^-1)
  Eigen::SparseMatrix<float, Eigen::ColMajor, std::int32_t> inverse_by_column_;  // M
  Eigen::SparseMatrix<float, Eigen::RowMajor, std::int32_t> inverse_by_row_;     // M, by rows
};

}  // namespace metacf
