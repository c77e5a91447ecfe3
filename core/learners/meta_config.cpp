#include "core/learners/meta_config.h"

#include "core/config/config_schema.h"

namespace metacf {

const ConfigSchema<MetaConfig>& meta_config_schema() {
  using C = MetaConfig;
  static const ConfigSchema<C> schema(
      "learner config", RangeMessages::kInterval,
      {field("steps", &C::steps, between(0, 20), "Local steps K",
             "Local steps K on the support set, in meta-training and at adaptation (paper 5)")
           .set_by(FieldRole::kFromExperiment),
       field("alpha", &C::alpha, above_up_to(0, 1000), "Local step α",
             "Step size of the K local gradient steps on the support loss (summed over pairs); "
             "metacf_g needs a large one (0.1), metacf_p_* are nearly flat in it"),
       field("beta", &C::beta, above_up_to(0, 1000), "Meta step β",
             "Learning rate of the meta-parameters Φ"),
       field("beta_schedule", &C::beta_schedule, "β schedule",
             "linear: β falls to 0 over the meta-training, so the Φ kept is not one noisy "
             "iterate; constant: β throughout")
           .one_of({"linear", "constant"}),
       field("tune", &C::tune, "Tune α and β",
             "Choose α from 0.01, 0.03, 0.1, 0.3 (a quarter of the meta-epochs each), then β "
             "from 3e-4, 1e-3, 3e-3 (all the meta-epochs), by validation HR on held-out "
             "meta-training users (never test users); off: α and β as given"),
       field("meta_epochs", &C::meta_epochs, between(0, 100000), "Meta-epochs",
             "Passes over the meta-training users (0 leaves Φ at its initialisation)"),
       field("batch_size", &C::batch_size, between(1, 100000), "Meta-batch (users)",
             "Users per meta-batch: Φ is updated from their summed meta-loss"),
       field("negatives", &C::negatives, between(1, 100), "Negatives per positive",
             "Items sampled from those the user never rated, per positive (paper 3)"),
       field("hidden", &C::hidden, between(1, 4096), "Hidden width",
             "Width of the hidden layer(s) of the neural initialiser or of MeLU's MLP"),
       field("optimizer", &C::optimizer, "Optimizer",
             "adam: scale-free, so β need not follow the loss's scale; sgd: plain steps")
           .one_of({"adam", "sgd"}),
       field("meta_gradient", &C::meta_gradient, "Meta-gradient",
             "first-order: the paper's dL/dp0 ≈ dL/dpK; exact: back through the K steps with "
             "Hessian-vector products (cheap because Q is frozen)")
           .one_of({"first-order", "exact"}),
       field("init_std", &C::init_std, between(0, 1), "Init std",
             "Standard deviation of the Gaussian initialisation (Φ, or MeLU's user embedding)"),
       field("seed", &C::seed, at_least(0), "Seed", "Seed of Φ's initialisation and sampling")
           .set_by(FieldRole::kFromExperiment),
       field("item_bias", &C::item_bias, "Item bias (+bias)",
             "Score p.q_v + b_v with a meta-learned bias started at log popularity")
           .set_by(FieldRole::kFromName),
       field("meta_sgd", &C::meta_sgd, "Meta-SGD (+msgd)",
             "A meta-learned local step per dimension, started at alpha")
           .set_by(FieldRole::kFromName),
       field("cooccurrence", &C::cooccurrence, "Co-occurrence (+cooc)",
             "The initialiser also pools the support items' co-occurrence rows")
           .set_by(FieldRole::kFromName)});
  return schema;
}

void MetaConfig::validate() const { meta_config_schema().validate(*this); }

void to_json(nlohmann::json& j, const MetaConfig& c) { j = meta_config_schema().write(c); }

void from_json(const nlohmann::json& j, MetaConfig& c) {
  meta_config_schema().read(j, c, UnknownKeys::kReject);
}

}  // namespace metacf
