#pragma once
// ease's scores of a support as if one user's records had never been counted, from the solve
// that counted them: what ease would give her as a new user, without a solve per user. With
// G = X^T X + lambda I, P = G^-1 and x her records' indicator, removing her row of X gives
// G' = G - x x^T, so (Sherman-Morrison) P' = P + z z^T / c with z = P x and c = 1 - x^T z,
// and B'[s, v] = -P'[s, v] / P'[v, v]: O(items x her records) instead of a solve.
#include <Eigen/Core>
#include <cstdint>
#include <span>

namespace metacf {

// The part of the downdate that depends on her records only, shared by every support drawn
// from them: z, c and the diagonal of P' (in double: c can be small, and z enters squared).
struct EaseDowndate {
  Eigen::VectorXd z;
  double c = 1;
  Eigen::VectorXd diagonal;
};

// `inverse`: P with both triangles; `records`: her items counted in it (distinct).
EaseDowndate ease_downdate(const Eigen::MatrixXf& inverse, std::span<const std::int32_t> records);

// out[v] = sum over s in `support` of B'[s, v] for v outside the support; 0 on the support.
void ease_scores_without_user(const Eigen::MatrixXf& inverse, const EaseDowndate& downdate,
                              std::span<const std::int32_t> support,
                              Eigen::Ref<Eigen::VectorXf> out);

}  // namespace metacf
