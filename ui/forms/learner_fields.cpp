#include "ui/forms/learner_fields.h"

#include <QCoreApplication>
#include <cmath>

namespace metacf::ui {
namespace {
QString tr(const char* text) { return QCoreApplication::translate("LearnerFields", text); }

using Kind = LearnerField::Kind;

LearnerField alpha() {
  return {"alpha", tr("Local step α"),
          tr("Step size of the K local gradient steps on the support loss (summed over pairs). "
             "metacf_g needs a large one (0.1); metacf_p_* are nearly flat in it"),
          Kind::kDouble, 1e-6, 1000, 6, 0.1, {}};
}
LearnerField beta() {
  return {"beta", tr("Meta step β"), tr("Learning rate of the meta-parameters Φ"),
          Kind::kDouble, 1e-6, 1000, 6, 1e-3, {}};
}
LearnerField meta_epochs() {
  return {"meta_epochs", tr("Meta-epochs"),
          tr("Passes over the meta-training users (0 leaves Φ at its initialisation)"),
          Kind::kInt, 0, 100000, 0, 100, {}};
}
LearnerField batch_size() {
  return {"batch_size", tr("Meta-batch (users)"),
          tr("Users per meta-batch: Φ is updated from their summed meta-loss"), Kind::kInt, 1,
          100000, 0, 32, {}};
}
LearnerField negatives() {
  return {"negatives", tr("Negatives per positive"),
          tr("Items sampled from those the user never rated, per positive (paper: 3)"),
          Kind::kInt, 1, 100, 0, 3, {}};
}
LearnerField hidden() {
  return {"hidden", tr("Hidden width"),
          tr("Width of the hidden layer(s) of the neural initialiser or of MeLU's MLP"),
          Kind::kInt, 1, 4096, 0, 64, {}};
}
LearnerField optimizer() {
  return {"optimizer", tr("Optimizer"),
          tr("adam: scale-free, so β need not follow the loss's scale; sgd: plain steps"),
          Kind::kChoice, 0, 0, 0, "adam", {QStringLiteral("adam"), QStringLiteral("sgd")}};
}
LearnerField meta_gradient() {
  return {"meta_gradient", tr("Meta-gradient"),
          tr("first-order: the paper's approximation dL/dp0 ≈ dL/dpK. exact: back through the "
             "K steps with Hessian-vector products (cheap here because Q is frozen)"),
          Kind::kChoice, 0, 0, 0, "first-order",
          {QStringLiteral("first-order"), QStringLiteral("exact")}};
}
LearnerField init_std(double value) {
  return {"init_std", tr("Init std"),
          tr("Standard deviation of the Gaussian initialisation (Φ, or the random user "
             "embedding)"),
          Kind::kDouble, 0, 1, 4, value, {}};
}
}  // namespace

std::optional<std::vector<LearnerField>> learner_fields(const std::string& name) {
  // A MetaCF variant (metacf_p_linear+bias, ...) has its base learner's settings.
  const std::string learner = name.substr(0, name.find('+'));
  if (learner == "pop" || learner == "itemknn" || learner == "itemknn_q") {
    return std::vector<LearnerField>{};
  }
  if (learner == "ease") {
    return std::vector<LearnerField>{
        {"lambda", tr("L2 weight λ"),
         tr("Regularisation of EASE's item-item weights. Large values (10000) suit new users "
            "with a few clicks; catalogues above 8000 items are refused (dense solve)"),
         Kind::kDouble, 1e-3, 1e7, 3, 10000.0, {}}};
  }
  if (learner == "metacf_g" || learner == "metacf_p_linear") {
    return std::vector<LearnerField>{alpha(),     beta(),          meta_epochs(),
                                     batch_size(), negatives(),     optimizer(),
                                     meta_gradient(), init_std(0.01)};
  }
  if (learner == "metacf_p_neural") {
    return std::vector<LearnerField>{alpha(),     beta(),      meta_epochs(),
                                     batch_size(), negatives(), hidden(),
                                     optimizer(), meta_gradient(), init_std(0.01)};
  }
  if (learner == "melu") {  // first-order only
    return std::vector<LearnerField>{alpha(),     beta(),      meta_epochs(), batch_size(),
                                     negatives(), hidden(),    optimizer(),   init_std(0.01)};
  }
  if (learner == "bpr") {
    LearnerField step = alpha();
    step.key = "step_size";
    step.label = tr("Step size");
    step.tooltip = tr("Step of each BPR epoch on the support set (summed over pairs); best "
                      "chosen per K on the meta-training users");
    LearnerField negs = negatives();
    negs.tooltip = tr("Negatives per support positive, resampled every epoch");
    LearnerField select{"select_step_size", tr("Choose step per K"),
                        tr("Pick the step size for each K from a grid by HR on held-out "
                           "meta-training users (never on test users). Off: use the step above"),
                        Kind::kBool, 0, 0, 0, true, {}};
    return std::vector<LearnerField>{step, select, init_std(0.01), negs};
  }
  return std::nullopt;
}

nlohmann::json without_defaults(const std::vector<LearnerField>& fields,
                                const nlohmann::json& values) {
  nlohmann::json out = values.is_object() ? values : nlohmann::json::object();
  for (const LearnerField& f : fields) {
    auto it = out.find(f.key);
    if (it == out.end()) continue;
    bool same = *it == f.default_value;
    if (!same && it->is_number() && f.default_value.is_number()) {
      // Spin boxes round to their decimals: 0.1 typed is 0.1 stored, but be tolerant.
      same = std::abs(it->get<double>() - f.default_value.get<double>()) <
             0.5 * std::pow(10.0, -f.decimals - 2);
    }
    if (same) out.erase(it);
  }
  return out;
}

}  // namespace metacf::ui
