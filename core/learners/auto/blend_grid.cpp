#include "core/learners/auto/blend_grid.h"

#include <cmath>
#include <functional>

namespace metacf {

void standardise(Eigen::Ref<Eigen::VectorXf> scores) {
  if (scores.size() == 0) return;
  const double mean = scores.cast<double>().mean();
  const double variance = (scores.cast<double>().array() - mean).square().mean();
  if (!(variance > 1e-24)) {
    scores.setZero();
    return;
  }
  const auto inv_std = static_cast<float>(1.0 / std::sqrt(variance));
  scores.array() = (scores.array() - static_cast<float>(mean)) * inv_std;
}

std::vector<std::vector<double>> simplex_grid(int components, int steps) {
  std::vector<std::vector<double>> grid;
  if (components <= 0 || steps <= 0) return grid;
  std::vector<int> units(static_cast<std::size_t>(components), 0);
  std::function<void(int, int)> place = [&](int index, int left) {
    if (index == components - 1) {
      units[static_cast<std::size_t>(index)] = left;
      std::vector<double> weights;
      for (int u : units) weights.push_back(static_cast<double>(u) / steps);
      grid.push_back(std::move(weights));
      return;
    }
    for (int u = left; u >= 0; --u) {
      units[static_cast<std::size_t>(index)] = u;
      place(index + 1, left - u);
    }
  };
  place(0, steps);
  return grid;
}

}  // namespace metacf
