// The simulator page's export of every list of every click and step: it replays the whole
// history, so it runs on the controller's job worker while a progress bar and a Cancel button
// stand in the page's bottom row.
#include <QFileInfo>
#include <QHBoxLayout>
#include <QProgressBar>
#include <QPushButton>
#include <algorithm>

#include "ui/pages/simulator_page.h"
#include "ui/simulator/simulator_controller.h"

namespace metacf::ui {
namespace {
constexpr int kProgressSteps = 1000;
}  // namespace

void SimulatorPage::buildExportControls(QWidget* parent, QHBoxLayout* row) {
  export_progress_ = new QProgressBar(parent);
  export_progress_->setObjectName(QStringLiteral("exportProgress"));
  export_progress_->setRange(0, kProgressSteps);
  export_progress_->setFormat(tr("Exporting %p%"));
  export_progress_->setToolTip(tr("Every list of every click and step is being written"));
  export_progress_->setMaximumWidth(180);
  export_progress_->hide();
  export_cancel_ = new QPushButton(tr("Cancel export"), parent);
  export_cancel_->setObjectName(QStringLiteral("cancelExport"));
  export_cancel_->setToolTip(tr("Stop the export; the file is left as it was"));
  export_cancel_->hide();
  connect(export_cancel_, &QPushButton::clicked, this, &SimulatorPage::cancelExport);
  row->addWidget(export_progress_);
  row->addWidget(export_cancel_);

  connect(controller_, &SimulatorController::historyExportProgress, this, [this](double f) {
    export_progress_->setValue(static_cast<int>(std::clamp(f, 0.0, 1.0) * kProgressSteps));
  });
  connect(controller_, &SimulatorController::historyExported, this,
          [this] { exportEnded(QString()); });
  connect(controller_, &SimulatorController::historyExportFailed, this,
          &SimulatorPage::exportEnded);
  connect(controller_, &SimulatorController::historyExportCancelled, this,
          [this] { exportEnded(tr("cancelled")); });
}

bool SimulatorPage::exportEveryStep(const QString& path) {
  if (!currentUpdate(0)) {
    showStatus(tr("Nothing to export yet: click an item first"));
    return false;
  }
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix != QLatin1String("csv") && suffix != QLatin1String("json")) {
    showStatus(tr("%1: every step is exported as .csv or .json").arg(path));
    return false;
  }
  const TableFormat format =
      suffix == QLatin1String("csv") ? TableFormat::kCsv : TableFormat::kJson;
  if (!controller_->startHistoryExport(path, format)) {
    showStatus(tr("An export is already going: wait for it or cancel it"));
    return false;
  }
  export_path_ = path;
  export_progress_->setValue(0);
  export_progress_->show();
  export_cancel_->setEnabled(true);
  export_cancel_->show();
  return true;
}

void SimulatorPage::cancelExport() {
  controller_->cancelHistoryExport();
  export_cancel_->setEnabled(false);
}

bool SimulatorPage::exporting() const { return controller_->exportingHistory(); }

void SimulatorPage::exportEnded(const QString& error) {
  export_progress_->hide();
  export_cancel_->hide();
  if (error.isEmpty()) {
    showStatus(tr("Every step saved to %1").arg(export_path_));
  } else {
    showStatus(tr("Export of every step to %1 stopped: %2").arg(export_path_, error));
  }
  emit everyStepExported(export_path_, error);
}

}  // namespace metacf::ui
