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
#include "ui/worker/store_reader.h"

namespace metacf::ui {

void ResultsPage::refreshRuns() {
  if (context_->storePath().isEmpty()) {
    list_reader_->forget();
    showRuns({});
    return;
  }
  list_reader_->read<std::vector<RunRecord>>(
      context_->storePath(), [](ExperimentStore& store) { return store.list_runs(); },
      [this](std::vector<RunRecord> runs) { showRuns(std::move(runs)); },
      [this](const QString& error) {
        status(tr("Could not read the runs: %1").arg(error));
        showRuns({});
      });
}

void ResultsPage::showRuns(std::vector<RunRecord> runs) {
  const std::vector<qint64> selected = selectedRuns();
  listed_runs_ = std::move(runs);
  run_ids_.clear();
  for (const auto& r : listed_runs_) run_ids_.push_back(r.id);
  runs_model_->setTable(runs_table(listed_runs_));
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
  const qint64 id = ids.front();
  const auto listed = std::find_if(listed_runs_.begin(), listed_runs_.end(),
                                   [id](const RunRecord& r) { return r.id == id; });
  if (listed == listed_runs_.end()) return;
  bool ok = false;
  const QString label =
      QInputDialog::getText(this, tr("Rename run"), tr("Label for run #%1:").arg(id),
                            QLineEdit::Normal, QString::fromStdString(listed->label), &ok);
  if (!ok) return;
  write_reader_->read<bool>(
      context_->storePath(),
      [id, label = label.trimmed().toStdString()](ExperimentStore& store) {
        store.set_run_label(id, label);
        return true;
      },
      [this, id](bool) {
        context_->notifyRunsChanged();
        if (shown_run_ == id) showRun(shown_run_);
      },
      [this](const QString& error) { QMessageBox::warning(this, tr("Rename run"), error); });
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
  const QString what = names.join(QStringLiteral(", "));
  write_reader_->read<bool>(
      context_->storePath(),
      [ids](ExperimentStore& store) {
        for (qint64 id : ids) store.delete_run(id);
        return true;
      },
      [this, ids, what](bool) {
        if (std::find(ids.begin(), ids.end(), context_->currentRun()) != ids.end()) {
          context_->setCurrentRun(0);
        }
        context_->notifyRunsChanged();
        status(tr("Deleted %1").arg(what));
      },
      [this](const QString& error) {
        QMessageBox::warning(this, tr("Delete runs"), error);
        context_->notifyRunsChanged();  // some may have gone before the error
      });
}

}  // namespace metacf::ui
