#pragma once
// The two learner choices of the simulator (the learner simulated, the one compared with it):
// each combo entry carries its stored key, and pre-selection follows the core policy.
#include <QString>
#include <array>
#include <optional>
#include <vector>

#include "core/simulate/new_user_simulation.h"

class QComboBox;

namespace metacf::ui {

// Fills both combos with `keys` (the compare combo starts with "(none)") and pre-selects with
// preselect_simulator_learners(); `remembered` is the user's last compared learner. K and seed
// are shown only when they tell entries apart (a K sweep, several seeds). Emits no signals.
void fillLearnerCombos(const std::array<QComboBox*, 2>& combos,
                       const std::vector<StoredLearnerKey>& keys, const QString& remembered);

// The key of the current entry; none for "(none)" or an empty combo.
std::optional<StoredLearnerKey> learnerKeyOf(const QComboBox* combo);

// Selects the first entry of learner `name`; false when there is none.
bool selectLearnerNamed(QComboBox* combo, const QString& name);

}  // namespace metacf::ui
