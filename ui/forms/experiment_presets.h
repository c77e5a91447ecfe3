#pragma once
// Ready-made experiments matching the paper's tables and a quick first look. They name
// learners, so only those the registry knows are used: new learners join automatically.
#include <QString>
#include <QStringList>
#include <string>
#include <vector>

#include "core/experiment/experiment_config.h"

namespace metacf::ui {

// "Paper (Table 2)", "K sweep (Table 3)", "Support size (Fig. 2)", "Quick look",
// "Tuned α, β (Table 2)".
QStringList preset_names();
// The preset's configuration over the `known` learners; throws std::invalid_argument for an
// unknown preset name.
ExperimentConfig make_preset(const QString& name, const std::vector<std::string>& known);

}  // namespace metacf::ui
