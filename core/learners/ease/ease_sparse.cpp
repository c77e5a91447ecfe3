#include "core/learners/ease/ease_sparse.h"

#include <Eigen/IterativeLinearSolvers>
#include <Eigen/OrderingMethods>
#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>
#include <stdexcept>
#include <tuple>

namespace metacf {
namespace {

using SparseD = Eigen::SparseMatrix<double, Eigen::ColMajor, int>;

struct Entry {
  int row;
  double value;
};

// Larger values first, ties by row: a strict order, so the kept set never depends on sorting.
bool larger(const Entry& a, const Entry& b) {
  return a.value != b.value ? a.value > b.value : a.row < b.row;
}

// The lower triangle of A = X^T X + lambda I keeping, of each column's off-diagonal counts,
// the `keep` largest relative to their diagonals, |A_ij| / sqrt(A_ii A_jj) (raw counts would
// favour popular items everywhere); an entry stays when either of its columns keeps it, so A
// stays symmetric.
SparseD sparsified_gram(const UserItemRows& rows, int n, double lambda, std::int64_t keep) {
  std::vector<Eigen::Triplet<double, int>> cells;
  cells.reserve(rows.items.size());
  for (std::int64_t u = 0; u < rows.rows(); ++u) {
    for (auto at = rows.offsets[static_cast<std::size_t>(u)];
         at < rows.offsets[static_cast<std::size_t>(u) + 1]; ++at) {
      cells.emplace_back(static_cast<int>(u), rows.items[static_cast<std::size_t>(at)], 1.0);
    }
  }
  SparseD x(static_cast<int>(rows.rows()), n);
  x.setFromTriplets(cells.begin(), cells.end());
  const SparseD gram = (x.transpose() * x).pruned();

  const Eigen::VectorXd diagonal = gram.diagonal().array() + lambda;
  std::vector<std::tuple<int, int, double>> lower;  // (column, row, value), row > column
  std::vector<Entry> column;
  for (int j = 0; j < n; ++j) {
    column.clear();
    for (SparseD::InnerIterator it(gram, j); it; ++it) {
      if (it.row() != j)
        column.push_back({static_cast<int>(it.row()), it.value() / std::sqrt(diagonal[it.row()])});
    }
    if (static_cast<std::int64_t>(column.size()) > keep) {
      std::nth_element(column.begin(), column.begin() + keep, column.end(), larger);
      column.resize(static_cast<std::size_t>(keep));
    }
    for (const auto& e : column) {
      lower.emplace_back(std::min(e.row, j), std::max(e.row, j), gram.coeff(e.row, j));
    }
  }
  std::sort(lower.begin(), lower.end());
  lower.erase(std::unique(lower.begin(), lower.end()), lower.end());

  std::vector<Eigen::Triplet<double, int>> kept;
  kept.reserve(lower.size() + static_cast<std::size_t>(n));
  for (const auto& [col, row, value] : lower) kept.emplace_back(row, col, value);
  for (int j = 0; j < n; ++j) kept.emplace_back(j, j, diagonal[j]);
  SparseD a(n, n);
  a.setFromTriplets(kept.begin(), kept.end());
  return a;
}

// Column j of L^-1 by forward substitution from e_j, visiting rows in increasing order and
// dropping entries below kDropTolerance of the diagonal's (they would spread fill for nothing),
// then keeping the `keep` largest in magnitude. L: lower triangular, column-major, the
// diagonal first in each column (Eigen's IncompleteCholesky keeps it there), the rest in any
// order.
constexpr double kDropTolerance = 1e-4;

struct InverseColumn {
  std::vector<int> rows;
  std::vector<double> values;
};

class ApproximateInverter {
 public:
  explicit ApproximateInverter(const SparseD& l)
      : l_(l),
        pending_(static_cast<std::size_t>(l.cols()), 0.0),
        queued_(static_cast<std::size_t>(l.cols()), 0) {}

  InverseColumn column(int j, std::int64_t keep) {
    const int* outer = l_.outerIndexPtr();
    const int* inner = l_.innerIndexPtr();
    const double* values = l_.valuePtr();
    std::vector<Entry> found;
    std::priority_queue<int, std::vector<int>, std::greater<>> order;
    pending_[static_cast<std::size_t>(j)] = 1.0;
    queued_[static_cast<std::size_t>(j)] = 1;
    order.push(j);
    double threshold = 0;
    while (!order.empty()) {
      const int i = order.top();
      order.pop();
      const auto slot = static_cast<std::size_t>(i);
      queued_[slot] = 0;
      const double z = pending_[slot] / values[outer[i]];
      pending_[slot] = 0.0;
      if (i == j)
        threshold = kDropTolerance * std::abs(z);
      else if (std::abs(z) < threshold)
        continue;
      found.push_back({i, z});
      for (int at = outer[i] + 1; at < outer[i + 1]; ++at) {
        const auto r = static_cast<std::size_t>(inner[at]);
        pending_[r] -= values[at] * z;
        if (!queued_[r]) {
          queued_[r] = 1;
          order.push(inner[at]);
        }
      }
    }
    if (static_cast<std::int64_t>(found.size()) > keep) {
      std::nth_element(found.begin(), found.begin() + keep, found.end(),
                       [](const Entry& a, const Entry& b) {
                         const double x = std::abs(a.value), y = std::abs(b.value);
                         return x != y ? x > y : a.row < b.row;
                       });
      found.resize(static_cast<std::size_t>(keep));
    }
    std::sort(found.begin(), found.end(),
              [](const Entry& a, const Entry& b) { return a.row < b.row; });
    InverseColumn out;
    for (const auto& e : found) {
      out.rows.push_back(e.row);
      out.values.push_back(e.value);
    }
    return out;
  }

 private:
  const SparseD& l_;
  std::vector<double> pending_;  // per row, zero between columns
  std::vector<char> queued_;
};

}  // namespace

void SparseEase::fit(const UserItemRows& rows, std::int32_t num_items, double lambda,
                     std::int64_t entries_per_column) {
  const int n = num_items;
  column_of_.resize(static_cast<std::size_t>(n));
  scale_.setOnes(n);
  inverse_diagonal_.setZero(n);
  inverse_by_column_.resize(n, n);
  inverse_by_row_.resize(n, n);
  if (n == 0) return;
  const std::int64_t keep = std::max<std::int64_t>(1, entries_per_column);

  const SparseD a = sparsified_gram(rows, n, lambda, keep);
  // Dropped entries can leave the kept matrix indefinite for a small lambda; the factorisation
  // then shifts the diagonal, doubling the shift up to ten times. A second attempt starts at a
  // larger shift (a coarser but still useful approximation).
  Eigen::IncompleteCholesky<double, Eigen::Lower, Eigen::AMDOrdering<int>> factor;
  factor.compute(a);
  if (factor.info() != Eigen::Success) {
    factor.setInitialShift(0.1);
    factor.compute(a);
  }
  if (factor.info() != Eigen::Success) {
    throw std::runtime_error("ease: the incomplete Cholesky factor of X^T X + lambda I failed");
  }
  const SparseD& l = factor.matrixL();
  const auto& permutation = factor.permutationP();
  for (int v = 0; v < n; ++v) {
    column_of_[static_cast<std::size_t>(v)] =
        permutation.rows() == n ? permutation.indices()(v) : v;
  }
  scale_ = factor.scalingS().cast<float>();

  // Columns are independent: computed in parallel, each written to its own slot, so the result
  // does not depend on the number of threads.
  std::vector<InverseColumn> columns(static_cast<std::size_t>(n));
#pragma omp parallel
  {
    ApproximateInverter inverter(l);
#pragma omp for schedule(dynamic, 64)
    for (int j = 0; j < n; ++j)
      columns[static_cast<std::size_t>(j)] = inverter.column(j, keep + 1);  // + diagonal
  }
  std::vector<Eigen::Triplet<float, std::int32_t>> cells;
  for (int j = 0; j < n; ++j) {
    const auto& c = columns[static_cast<std::size_t>(j)];
    double norm2 = 0;
    for (std::size_t e = 0; e < c.rows.size(); ++e) {
      cells.emplace_back(c.rows[e], j, static_cast<float>(c.values[e]));
      norm2 += c.values[e] * c.values[e];
    }
    inverse_diagonal_[j] = static_cast<float>(1.0 / (static_cast<double>(scale_[j]) * norm2));
    columns[static_cast<std::size_t>(j)] = {};
  }
  inverse_by_column_.setFromTriplets(cells.begin(), cells.end());
  inverse_by_row_ = inverse_by_column_;
}

void SparseEase::score(std::span<const std::int32_t> support,
                       Eigen::Ref<Eigen::VectorXf> out) const {
  const auto n = static_cast<Eigen::Index>(column_of_.size());
  // y = G x over the factor's rows, then t = M^T y: only the rows y touches are visited.
  Eigen::VectorXf y = Eigen::VectorXf::Zero(n);
  std::vector<std::int32_t> touched;
  for (const auto v : support) {
    const int w = column_of_[static_cast<std::size_t>(v)];
    for (decltype(inverse_by_column_)::InnerIterator it(inverse_by_column_, w); it; ++it) {
      if (y[it.row()] == 0.0f) touched.push_back(static_cast<std::int32_t>(it.row()));
      y[it.row()] += scale_[w] * it.value();
    }
  }
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  Eigen::VectorXf t = Eigen::VectorXf::Zero(n);
  for (const auto i : touched) {
    for (decltype(inverse_by_row_)::InnerIterator it(inverse_by_row_, i); it; ++it)
      t[it.col()] += y[i] * it.value();
  }
  for (Eigen::Index v = 0; v < n; ++v) {
    const int w = column_of_[static_cast<std::size_t>(v)];
    out[v] = -t[w] * inverse_diagonal_[w];
  }
  for (const auto v : support) out[v] += 1.0f;
}

}  // namespace metacf
