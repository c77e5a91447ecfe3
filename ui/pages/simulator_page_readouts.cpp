// The Simulator page's read-outs: what its tests and its exports read of the session shown.
#include <QSpinBox>

#include "ui/pages/simulator_page.h"
#include "ui/simulator/ranked_list_model.h"
#include "ui/simulator/simulator_controller.h"
#include "ui/simulator/step_list_panel.h"
#include "ui/simulator/step_player.h"

namespace metacf::ui {

void SimulatorPage::setStep(int step) { player_->setStep(step); }
int SimulatorPage::step() const { return player_->step(); }
void SimulatorPage::setTopN(int n) { top_n_->setValue(n); }
int SimulatorPage::topN() const { return top_n_->value(); }

const std::vector<std::int32_t>& SimulatorPage::clicks() const {
  return controller_->session().clicks();
}
const std::vector<std::int32_t>& SimulatorPage::queryItems() const {
  return controller_->session().query();
}
int SimulatorPage::testUserCount() const { return controller_->session().test_user_count(); }
const SimulatorSession& SimulatorPage::session() const { return controller_->session(); }
std::shared_ptr<const RunCatalogue> SimulatorPage::catalogue() const {
  return controller_->session().catalogue();
}
const ClickUpdate* SimulatorPage::currentUpdate(int side) const {
  return controller_->session().update(side);
}
const StoredLearner* SimulatorPage::learner(int side) const {
  return controller_->session().learner(side);
}

const RankedListModel* SimulatorPage::listModel(int side) const {
  return sides_.at(static_cast<std::size_t>(side)).panel->model();
}

QString SimulatorPage::hitsText(int side) const {
  return sides_.at(static_cast<std::size_t>(side)).panel->hitsText();
}

Table SimulatorPage::listsTable() const {
  return controller_->session().lists_table(run_id_, step());
}

}  // namespace metacf::ui
