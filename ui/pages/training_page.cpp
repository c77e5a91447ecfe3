#include "ui/pages/training_page.h"

#include <QLabel>
#include <QVBoxLayout>

namespace metacf::ui {

TrainingPage::TrainingPage(StudioContext*, RunController*, QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(new QLabel(tr("TrainingPage"), this));
}

}  // namespace metacf::ui
