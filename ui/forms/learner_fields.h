#pragma once
// The hyperparameters the form offers for each learner, with their defaults and ranges as the
// learners' own config structs define them. Only values that differ from a default are written
// into ExperimentConfig::learner_configs, so a run's stored config says what was changed.
// `dim` comes from Q and `steps` from K, so neither is here.
#include <QString>
#include <QStringList>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace metacf::ui {

struct LearnerField {
  enum class Kind { kInt, kDouble, kChoice, kBool };
  std::string key;  // the JSON key the learner reads
  QString label;
  QString tooltip;
  Kind kind = Kind::kDouble;
  double min = 0;
  double max = 0;
  int decimals = 0;
  nlohmann::json default_value;
  QStringList choices;  // kChoice only
};

// The fields of a learner; an empty list for learners without settings (pop, itemknn, ...);
// nothing for a learner this form does not know (the page then offers raw JSON).
std::optional<std::vector<LearnerField>> learner_fields(const std::string& learner);

// `values` without the keys whose value equals the field's default.
nlohmann::json without_defaults(const std::vector<LearnerField>& fields,
                                const nlohmann::json& values);

}  // namespace metacf::ui
