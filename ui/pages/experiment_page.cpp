#include "ui/pages/experiment_page.h"

#include <QLabel>
#include <QVBoxLayout>

namespace metacf::ui {

ExperimentPage::ExperimentPage(StudioContext*, RunController*, QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(new QLabel(tr("ExperimentPage"), this));
}

}  // namespace metacf::ui
