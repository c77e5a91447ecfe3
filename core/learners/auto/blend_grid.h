#pragma once
// The pieces of metacf_auto's blend: per-user standardised scores and the weight grid.
#include <Eigen/Core>
#include <vector>

namespace metacf {

// z-scores one user's scores over the catalogue, so components on different scales (counts,
// co-occurrence sums, sigmoids) can be added. A constant vector becomes all zeros.
void standardise(Eigen::Ref<Eigen::VectorXf> scores);

// Every weight vector over `components` with entries in multiples of 1 / steps summing to 1,
// the single components (vertices) included. Order is deterministic.
std::vector<std::vector<double>> simplex_grid(int components, int steps);

}  // namespace metacf
