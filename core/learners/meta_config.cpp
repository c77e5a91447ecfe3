#include "core/learners/meta_config.h"

#include <sstream>
#include <stdexcept>

#include "core/util/json_value.h"

namespace metacf {
namespace {

template <typename T>
void check_range(const char* field, T value, T lo, T hi, bool lo_open = false) {
  const bool ok = (lo_open ? value > lo : value >= lo) && value <= hi;
  if (!ok) {
    std::ostringstream msg;
    msg << "learner config: " << field << " = " << value << " is out of range; expected "
        << (lo_open ? "(" : "[") << lo << ", " << hi << "]";
    throw std::invalid_argument(msg.str());
  }
}

}  // namespace

void MetaConfig::validate() const {
  check_range("steps", steps, 0, 20);
  check_range("alpha", alpha, 0.0, 1000.0, true);
  check_range("beta", beta, 0.0, 1000.0, true);
  check_range("meta_epochs", meta_epochs, 0, 100000);
  check_range("batch_size", batch_size, 1, 100000);
  check_range("negatives", negatives, 1, 100);
  check_range("hidden", hidden, 1, 4096);
  check_range("init_std", init_std, 0.0, 1.0);
  if (optimizer != "adam" && optimizer != "sgd") {
    throw std::invalid_argument("learner config: optimizer = \"" + optimizer +
                                "\" is unknown; expected \"adam\" or \"sgd\"");
  }
  if (meta_gradient != "first-order" && meta_gradient != "exact") {
    throw std::invalid_argument("learner config: meta_gradient = \"" + meta_gradient +
                                "\" is unknown; expected \"first-order\" or \"exact\"");
  }
}

void to_json(nlohmann::json& j, const MetaConfig& c) {
  j = {{"steps", c.steps},
       {"alpha", c.alpha},
       {"beta", c.beta},
       {"meta_epochs", c.meta_epochs},
       {"batch_size", c.batch_size},
       {"negatives", c.negatives},
       {"hidden", c.hidden},
       {"optimizer", c.optimizer},
       {"meta_gradient", c.meta_gradient},
       {"init_std", c.init_std},
       {"seed", c.seed},
       {"item_bias", c.item_bias},
       {"meta_sgd", c.meta_sgd},
       {"cooccurrence", c.cooccurrence}};
}

void from_json(const nlohmann::json& j, MetaConfig& c) {
  const MetaConfig d;
  c.steps = json_value(j, "steps", d.steps);
  c.alpha = json_value(j, "alpha", d.alpha);
  c.beta = json_value(j, "beta", d.beta);
  c.meta_epochs = json_value(j, "meta_epochs", d.meta_epochs);
  c.batch_size = json_value(j, "batch_size", d.batch_size);
  c.negatives = json_value(j, "negatives", d.negatives);
  c.hidden = json_value(j, "hidden", d.hidden);
  c.optimizer = json_value(j, "optimizer", d.optimizer);
  c.meta_gradient = json_value(j, "meta_gradient", d.meta_gradient);
  c.init_std = json_value(j, "init_std", d.init_std);
  c.seed = json_value(j, "seed", d.seed);
  c.item_bias = json_value(j, "item_bias", d.item_bias);
  c.meta_sgd = json_value(j, "meta_sgd", d.meta_sgd);
  c.cooccurrence = json_value(j, "cooccurrence", d.cooccurrence);
}

}  // namespace metacf
