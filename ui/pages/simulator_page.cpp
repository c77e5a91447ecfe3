#include "ui/pages/simulator_page.h"

#include <QLabel>
#include <QVBoxLayout>

namespace metacf::ui {

SimulatorPage::SimulatorPage(StudioContext*, QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(new QLabel(tr("SimulatorPage"), this));
}

}  // namespace metacf::ui
