// What the Data page shows of a load besides the data set: the preview's columns, and a load
// that failed, beside the options and, when interactive, in a dialog, naming the file that was
// bad (the ratings or the titles file) and its line, with raw bytes shortened so the message
// wraps inside the window.
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QTableView>

#include "ui/pages/data_page.h"
#include "ui/pages/data_page_messages.h"
#include "ui/pages/dataset_load_job.h"
#include "ui/studio_context.h"
#include "ui/widgets/dataset_preview_model.h"

namespace metacf::ui {

QString DataPage::messageText() const {
  return message_->isHidden() ? QString() : message_->text();
}

void DataPage::showPreview(std::vector<PreviewRecord> records,
                           const std::shared_ptr<const Dataset>& dataset) {
  if (records.empty()) {
    preview_->setDataset(dataset);
  } else {
    preview_->setRecords(std::move(records));
  }
  for (auto column : {DatasetPreviewModel::kRating, DatasetPreviewModel::kTimestamp,
                      DatasetPreviewModel::kTitle}) {
    table_->setColumnHidden(column, !preview_->hasColumn(column));
  }
}

void DataPage::reportFailure(const QString& failure, const DatasetLoadOutcome* outcome) {
  last_error_ = shortenLongWords(failure.isEmpty() ? tr("the file could not be read") : failure);
  const bool located = outcome != nullptr && outcome->error_line >= 0;
  // The error names its own file: the titles file when the titles were bad.
  const QString bad_file =
      located && !outcome->error_file.isEmpty() ? outcome->error_file : current_.path;
  const bool titles_bad = !current_.titles.isEmpty() && bad_file == current_.titles;
  message_->setText(
      titles_bad ? tr("Could not load the titles file %1: %2")
                       .arg(QFileInfo(bad_file).fileName(), last_error_)
                 : tr("Could not load %1: %2").arg(QFileInfo(bad_file).fileName(), last_error_));
  message_->setToolTip(QFileInfo(bad_file).absoluteFilePath());
  message_->setStyleSheet(QStringLiteral("color: #b00020;"));
  message_->show();
  if (interactive_) {
    const QString what = titles_bad ? tr("The titles file could not be loaded.")
                                    : tr("The file could not be loaded.");
    QMessageBox box(
        QMessageBox::Warning,
        titles_bad ? tr("Could not load the titles") : tr("Could not load the data set"),
        context_->dataset() ? what + tr(" The data set loaded before is kept.") : what,
        QMessageBox::Ok, this);
    if (located) {
      // The message is "file:line: reason (got ..., expected ...)"; the file and line get rows
      // of their own, so show the rest as the reason.
      QString reason = failure;
      const QString prefix =
          outcome->error_line > 0
              ? QStringLiteral("%1:%2: ").arg(outcome->error_file).arg(outcome->error_line)
              : outcome->error_file + QStringLiteral(": ");
      if (reason.startsWith(prefix)) reason = reason.mid(prefix.size());
      box.setInformativeText(tr("%1: %2\nLine: %3\nReason: %4")
                                 .arg(titles_bad ? tr("Titles file") : tr("File"),
                                      shortenLongWords(bad_file),
                                      outcome->error_line > 0 ? QString::number(outcome->error_line)
                                                              : tr("(the whole file)"),
                                      shortenLongWords(reason)));
    } else {
      box.setInformativeText(last_error_);
    }
    box.exec();
  }
  emit loadFinished(false, last_error_);
}

}  // namespace metacf::ui
