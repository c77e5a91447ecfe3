#pragma once
// Hyperparameters of the meta-trained learners (metacf_g, metacf_p_linear, metacf_p_neural,
// melu). The embedding dimension D is not here: it is taken from the frozen item matrix Q.
//
// Defaults are for MovieLens 100K with D = 32 and follow a reference implementation of the
// protocol (DESIGN.md section 1): with ~470 meta-training users, batch 32 gives ~15 Phi updates
// per epoch, so 100 epochs at Adam 1e-3 is ~1,500 updates, enough for Phi to settle without
// over-fitting the few hundred tasks.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace metacf {

struct MetaConfig {
  // Ranges and one-line docs: meta_config_schema() in meta_config.cpp.
  // Local steps K on the support set, in meta-training and at adaptation.
  // The paper reports K = 5; MetaCF_P is nearly flat in K.
  int steps = 5;
  // Local step size on the support loss SUMMED over pairs. Range (0, 1000].
  // 0.1 moves p by about one item embedding per step on ~3 positives + 9 negatives; metacf_g
  // needs a step this large (at the paper's 2e-3 it is no better than popularity).
  double alpha = 0.1;
  // Meta learning rate for Phi. Range (0, 1000].
  double beta = 1e-3;
  // "linear" (default): beta falls linearly to 0 over the meta-training's updates, so that the
  // Phi a run keeps is not one noisy Adam iterate (at a constant beta, validation HR@10 moves by
  // +-0.01 from one meta-epoch to the next on the authors' MovieLens-1M split); "constant".
  std::string beta_schedule = "linear";
  // Choose alpha and beta from a grid by validation HR on held-out meta-training users before
  // the real meta-training (step_size_search.h); off by default so that the paper's settings
  // stay what a run uses. MeLU does not take it.
  bool tune = false;
  // Passes over the meta-training tasks. Range 0..100000 (0 leaves Phi at its initialisation).
  int meta_epochs = 100;
  // Users per meta-batch; Phi is updated from their summed meta-loss. Range 1..100000.
  int batch_size = 32;
  // Negatives sampled per positive, for support and query alike (paper: 3). Range 1..100.
  int negatives = 3;
  // Hidden width of the metacf_p_neural initialiser and of both MeLU hidden layers. 1..4096.
  int hidden = 64;
  // "adam" (default; scale-free, so beta need not follow the summed loss's scale) or "sgd".
  std::string optimizer = "adam";
  // "first-order" (the paper: dL/dp0 ~= dL/dpK) or "exact" (back through the K steps with
  // Hessian-vector products; cheap because Q is frozen). MeLU supports "first-order" only.
  std::string meta_gradient = "first-order";
  // Standard deviation of the Gaussian initialisation of Phi (and of MeLU's random user
  // embedding). Range [0, 1].
  double init_std = 0.01;
  std::uint64_t seed = 1;
  // Variants of the MetaCF learners, chosen by the name suffixes +bias, +msgd and +cooc (the
  // factory sets them from the name). item_bias: score p . q_v + b_v, b meta-learned from a start
  // at the training users' log-popularity. meta_sgd: a per-dimension local step alpha in R^D,
  // meta-trained with Phi from the configured alpha. cooccurrence: the personalised initialisers
  // also pool the support items' rows of R = normalise(C) Q, C the training users' item-item
  // co-occurrence counts.
  bool item_bias = false;
  bool meta_sgd = false;
  bool cooccurrence = false;

  [[nodiscard]] bool exact() const { return meta_gradient == "exact"; }
  // Throws std::invalid_argument naming the field and its range.
  void validate() const;
};

void to_json(nlohmann::json& j, const MetaConfig& c);
// Missing fields take their defaults and unknown keys are errors; the result is not validated
// (call validate()).
void from_json(const nlohmann::json& j, MetaConfig& c);
template <class C>
class ConfigSchema;
// Its fields: keys, ranges, defaults and docs (meta_config.cpp), in messages "learner config".
const ConfigSchema<MetaConfig>& meta_config_schema();

}  // namespace metacf
