#pragma once
// Conversions between our column-major parameter blocks and the row-major NamedTensor that the
// experiment store keeps, with shape checks that tell the user what the stored run lacks.
#include <Eigen/Core>
#include <algorithm>
#include <span>
#include <stdexcept>
#include <string>

#include "core/model/learner.h"

namespace metacf {

inline NamedTensor to_tensor(std::string name, const float* col_major, Eigen::Index rows,
                             Eigen::Index cols) {
  NamedTensor t;
  t.name = std::move(name);
  t.rows = rows;
  t.cols = cols;
  t.values.resize(static_cast<std::size_t>(rows * cols));
  Eigen::Map<Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
      t.values.data(), rows, cols) = Eigen::Map<const Eigen::MatrixXf>(col_major, rows, cols);
  return t;
}

inline const NamedTensor& find_tensor(const std::string& learner,
                                      std::span<const NamedTensor> tensors,
                                      const std::string& name) {
  const auto it = std::find_if(tensors.begin(), tensors.end(),
                               [&](const NamedTensor& t) { return t.name == name; });
  if (it == tensors.end()) {
    throw std::invalid_argument(learner + ": stored parameters lack the tensor \"" + name + "\"");
  }
  if (static_cast<std::int64_t>(it->values.size()) != it->rows * it->cols) {
    throw std::invalid_argument(learner + ": stored tensor \"" + name + "\" has " +
                                std::to_string(it->values.size()) + " values for shape " +
                                std::to_string(it->rows) + " x " + std::to_string(it->cols));
  }
  return *it;
}

// Copies tensor `name` (which must be rows x cols) into col_major.
inline void from_tensor(const std::string& learner, std::span<const NamedTensor> tensors,
                        const std::string& name, Eigen::Index rows, Eigen::Index cols,
                        float* col_major) {
  const NamedTensor& t = find_tensor(learner, tensors, name);
  if (t.rows != rows || t.cols != cols) {
    throw std::invalid_argument(learner + ": stored tensor \"" + name + "\" is " +
                                std::to_string(t.rows) + " x " + std::to_string(t.cols) +
                                ", expected " + std::to_string(rows) + " x " +
                                std::to_string(cols) + " for this item matrix");
  }
  Eigen::Map<Eigen::MatrixXf>(col_major, rows, cols) =
      Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
          t.values.data(), rows, cols);
}

}  // namespace metacf
