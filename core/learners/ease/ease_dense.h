#pragma once
// ease's exact solve: G = X^T X + lambda I in float, inverted in place through its Cholesky
// factor by OpenBLAS's multithreaded LAPACK (spotrf, spotri), so the n x n matrix is held once.
#include <Eigen/Core>
#include <cstdint>

#include "core/learners/training_records.h"
#include "core/util/job.h"

namespace metacf {

// B transposed (column s is row s of B = I - P diag(1/diag P), diag B = 0) for the users'
// records over `num_items` items. Throws std::runtime_error if LAPACK reports a failure.
// Checks `job` (when given) between users while counting and between the two LAPACK calls,
// which cannot be interrupted themselves (see bench/README.md for their measured length).
Eigen::MatrixXf dense_ease_weights(const UserItemRows& rows, std::int32_t num_items, double lambda,
                                   const JobControl* job = nullptr);

}  // namespace metacf
