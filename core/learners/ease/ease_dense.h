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

// P = (X^T X + lambda I)^-1, both triangles filled: what B is made from, and what a learner
// needs to remove one user's records from the solve exactly (Sherman-Morrison).
Eigen::MatrixXf dense_ease_inverse(const UserItemRows& rows, std::int32_t num_items, double lambda,
                                   const JobControl* job = nullptr);

// B transposed from P, in place: column s becomes -P.col(s) / diag(P), with a zero diagonal.
void ease_weights_from_inverse(Eigen::MatrixXf& inverse);

}  // namespace metacf
