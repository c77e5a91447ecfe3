#include <nlohmann/json.hpp>
#include <string>

#include "core/config/config_schema.h"
#include "core/train/pretrain.h"

namespace metacf {

const ConfigSchema<PretrainConfig>& pretrain_config_schema() {
  using C = PretrainConfig;
  static const ConfigSchema<C> schema(
      "pretraining", RangeMessages::kSentence,
      {field("dim", &C::dim, between(1, 1024), "Dimension D",
             "Embedding dimension D of users and items (paper 32)"),
       field("lr", &C::lr, above_up_to(0, 1000), "Learning rate",
             "Adam step of the factorisation; lazy Adam: only the rows a batch touches move"),
       field("l2", &C::l2, between(0, 1e6), "L2",
             "L2 weight on the embedding rows each pair touches"),
       field("batch_size", &C::batch_size, between(1, 1000000), "Batch size",
             "Positives per batch"),
       field("negatives", &C::negatives, between(1, 1000), "Negatives",
             "k negatives sampled per positive from the user's unrated items (paper 3)"),
       field("max_epochs", &C::max_epochs, between(1, 100000), "Max epochs",
             "Upper bound on pretraining epochs; early stopping usually ends sooner"),
       field("patience", &C::patience, between(1, 100000), "Patience",
             "Epochs without a better validation HR@10 before stopping"),
       field("init_std", &C::init_std, above_up_to(0, 1), "Init std",
             "Standard deviation of the N(0, init_std) initial embeddings"),
       field("seed", &C::seed, at_least(0), "Seed", "Seed of the initialisation and sampling")
           .set_by(FieldRole::kFromExperiment),
       field("max_validation_users", &C::max_validation_users, between(1, 10000000),
             "Validation users",
             "Pretraining users (in split order) who hold out one record for early stopping")});
  return schema;
}

void PretrainConfig::validate() const { pretrain_config_schema().validate(*this); }

void to_json(nlohmann::json& j, const PretrainConfig& c) { j = pretrain_config_schema().write(c); }

void from_json(const nlohmann::json& j, PretrainConfig& c) {
  pretrain_config_schema().read(j, c, UnknownKeys::kReject);
}

}  // namespace metacf
