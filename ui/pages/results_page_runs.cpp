// The results page's runs list: reading it from the store, selection, rename and delete.
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <algorithm>

#include "ui/models/report_table_model.h"
#include "ui/models/runs_table.h"
#include "ui/pages/results_page.h"
#include "ui/run_controller.h"
#include "ui/studio_context.h"

namespace metacf::ui {

void ResultsPage::refreshRuns() {
  const std::vector<qint64> selected = selectedRuns();
  std::vector<RunRecord> runs;
  if (!context_->storePath().isEmpty()) {
    try {
      runs = context_->openStore().list_runs();
    } catch (const std::exception& e) {
      status(tr("Could not read the runs: %1").arg(QString::fromUtf8(e.what())));
    }
  }
  run_ids_.clear();
  for (const auto& r : runs) run_ids_.push_back(r.id);
  runs_model_->setTable(runs_table(runs));
  runs_view_->resizeColumnsToContents();
  restoring_selection_ = true;
  for (std::size_t row = 0; row < run_ids_.size(); ++row) {
    if (std::find(selected.begin(), selected.end(), run_ids_[row]) != selected.end()) {
      runs_view_->selectionModel()->select(runs_model_->index(static_cast<int>(row), 0),
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
  }
  restoring_selection_ = false;
  updateButtons();
}

void ResultsPage::onSelectionChanged() {
  updateButtons();
  if (restoring_selection_) return;
  const auto ids = selectedRuns();
  if (ids.size() == 1 && ids.front() != shown_run_) openRun(ids.front());
}

std::vector<qint64> ResultsPage::selectedRuns() const {
  std::vector<qint64> ids;
  if (!runs_view_->selectionModel()) return ids;
  for (const QModelIndex& index : runs_view_->selectionModel()->selectedRows()) {
    if (static_cast<std::size_t>(index.row()) < run_ids_.size()) {
      ids.push_back(run_ids_[static_cast<std::size_t>(index.row())]);
    }
  }
  return ids;
}

void ResultsPage::updateButtons() {
  const std::size_t n = selectedRuns().size();
  open_->setEnabled(n == 1);
  compare_->setEnabled(n == 2);
  rename_->setEnabled(n == 1);
  delete_->setEnabled(n >= 1);
}

void ResultsPage::renameSelected() {
  const auto ids = selectedRuns();
  if (ids.size() != 1) return;
  try {
    auto store = context_->openStore();
    const RunRecord run = store.run(ids.front());
    bool ok = false;
    const QString label =
        QInputDialog::getText(this, tr("Rename run"), tr("Label for run #%1:").arg(run.id),
                              QLineEdit::Normal, QString::fromStdString(run.label), &ok);
    if (!ok) return;
    store.set_run_label(run.id, label.trimmed().toStdString());
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Rename run"), QString::fromUtf8(e.what()));
    return;
  }
  context_->notifyRunsChanged();
  if (shown_run_ == ids.front()) showRun(shown_run_);
}

void ResultsPage::deleteSelected() {
  auto ids = selectedRuns();
  if (ids.empty()) return;
  if (runs_->running()) {
    ids.erase(std::remove(ids.begin(), ids.end(), live_run_), ids.end());
    if (ids.empty()) {
      QMessageBox::information(this, tr("Delete runs"),
                               tr("The run in progress cannot be deleted; cancel it first."));
      return;
    }
  }
  QStringList names;
  for (qint64 id : ids) names << QStringLiteral("#%1").arg(id);
  const auto answer = QMessageBox::question(
      this, tr("Delete runs"),
      tr("Delete %1 with their curves, results and trained parameters? This cannot be undone.")
          .arg(names.join(QStringLiteral(", "))),
      QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
  if (answer != QMessageBox::Yes) return;
  try {
    auto store = context_->openStore();
    for (qint64 id : ids) store.delete_run(id);
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Delete runs"), QString::fromUtf8(e.what()));
  }
  if (std::find(ids.begin(), ids.end(), context_->currentRun()) != ids.end()) {
    context_->setCurrentRun(0);
  }
  context_->notifyRunsChanged();
  status(tr("Deleted %1").arg(names.join(QStringLiteral(", "))));
}

}  // namespace metacf::ui
