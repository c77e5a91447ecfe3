#include "ui/pages/results_page.h"

#include <QLabel>
#include <QVBoxLayout>

namespace metacf::ui {

ResultsPage::ResultsPage(StudioContext*, RunController*, QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(new QLabel(tr("ResultsPage"), this));
}

}  // namespace metacf::ui
