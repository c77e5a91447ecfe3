#include "core/eval/serve_top_n.h"

#include "core/eval/ranking.h"

namespace metacf {

std::vector<ScoredItem> serve_top_n(const Learner& learner, const UserState& state, int n,
                                    std::span<const std::int32_t> excluded,
                                    Eigen::Ref<Eigen::VectorXf> scratch) {
  if (const DotProductItems* items = learner.dot_product_items();
      items != nullptr && !items->quantized().empty()) {
    return exact_top_n(*items, state.params, n, excluded);
  }
  learner.score(state, scratch);
  std::vector<ScoredItem> out;
  for (auto v : top_k(scratch, n, excluded)) out.push_back({v, scratch[v]});
  return out;
}

}  // namespace metacf
