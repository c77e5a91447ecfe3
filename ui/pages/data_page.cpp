#include "ui/pages/data_page.h"

#include <QLabel>
#include <QVBoxLayout>

namespace metacf::ui {

DataPage::DataPage(StudioContext*, QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(new QLabel(tr("DataPage"), this));
}

}  // namespace metacf::ui
