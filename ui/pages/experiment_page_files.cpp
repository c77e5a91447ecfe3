// The Experiment page's configuration as a file and as a `metacf run` command.
#include <QApplication>
#include <QClipboard>
#include <QCryptographicHash>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QToolButton>

#include "core/experiment/experiment_config_file.h"
#include "core/experiment/run_request.h"
#include "core/util/json_text.h"
#include "ui/pages/experiment_page.h"
#include "ui/studio_context.h"

namespace metacf::ui {

QWidget* ExperimentPage::buildConfigFileRow(QWidget* parent) {
  auto* box = new QGroupBox(tr("Configuration file"), parent);
  // Two rows: the run panel stays narrow on a small window.
  auto* row = new QGridLayout(box);
  auto* save = new QPushButton(tr("Save…"), box);
  save->setObjectName(QStringLiteral("saveConfig"));
  save->setToolTip(tr("Write this configuration as JSON, the file `metacf run --config` reads"));
  auto* load = new QPushButton(tr("Load…"), box);
  load->setObjectName(QStringLiteral("loadConfig"));
  load->setToolTip(tr("Fill the form from a configuration JSON file"));
  auto* copy = new QPushButton(tr("Copy as CLI command"), box);
  copy->setObjectName(QStringLiteral("copyCliCommand"));
  copy->setToolTip(
      tr("Put on the clipboard the `metacf run` command that runs this "
         "experiment on this data set (add --db to choose the store)"));
  row->addWidget(save, 0, 0);
  row->addWidget(load, 0, 1);
  row->addWidget(copy, 1, 0, 1, 2);
  // The form's history, beside the file it may have come from.
  for (QAction* action : {undo_, redo_}) {
    auto* button = new QToolButton(box);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    row->addWidget(button, 2, action == undo_ ? 0 : 1);
  }
  connect(save, &QPushButton::clicked, this, &ExperimentPage::promptSaveConfig);
  connect(load, &QPushButton::clicked, this, &ExperimentPage::promptLoadConfig);
  connect(copy, &QPushButton::clicked, this, &ExperimentPage::copyCliCommand);
  return box;
}

QString ExperimentPage::saveConfigTo(const QString& path) {
  try {
    const ExperimentConfig c = config();
    write_experiment_config_file(path.toStdString(), c);
    config_file_ = path;
    config_file_json_ = json_text(nlohmann::json(c));
    return {};
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
}

QString ExperimentPage::loadConfigFrom(const QString& path) {
  try {
    const ExperimentConfig c = read_experiment_config_file(path.toStdString());
    ++recording_paused_;
    setConfig(c);
    label_->setText(QString());
    --recording_paused_;
    config_file_ = path;
    config_file_json_ = json_text(nlohmann::json(config()));
    recordFormChange(tr("load of %1").arg(QFileInfo(path).fileName()), false);
    return {};
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
}

QString ExperimentPage::cliCommand(QString* why) {
  auto fail = [why](const QString& reason) {
    if (why) *why = reason;
    return QString();
  };
  if (!context_->dataset()) return fail(tr("Load a data set on the Data page first."));
  const QString problems = validationError();
  if (!problems.isEmpty()) return fail(tr("Fix the form first: %1").arg(problems));
  const ExperimentConfig c = config();
  const std::string json = json_text(nlohmann::json(c));
  QString path = config_file_;
  if (path.isEmpty() || json != config_file_json_) {
    // Named by content: the same form always gives the same file, and an old command keeps
    // working while the form changes.
    const QString folder =
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
            .filePath(QStringLiteral("configs"));
    if (!QDir().mkpath(folder)) return fail(tr("%1: cannot create the folder").arg(folder));
    const QByteArray hash =
        QCryptographicHash::hash(QByteArray::fromStdString(json), QCryptographicHash::Sha256)
            .toHex()
            .left(12);
    path =
        QDir(folder).filePath(QStringLiteral("experiment-%1.json").arg(QString::fromLatin1(hash)));
    try {
      write_experiment_config_file(path.toStdString(), c);
    } catch (const std::exception& e) {
      return fail(QString::fromUtf8(e.what()));
    }
  }
  const RunRequest request{context_->runSource(), c, runLabel().toStdString()};
  return QString::fromStdString(request.command_line(path.toStdString()));
}

void ExperimentPage::promptSaveConfig() {
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Save configuration"),
      config_file_.isEmpty() ? QStringLiteral("experiment.json") : config_file_,
      tr("Configuration (*.json)"));
  if (path.isEmpty()) return;
  const QString error = saveConfigTo(path);
  if (error.isEmpty()) {
    setStatus(tr("Configuration saved to %1").arg(path), false);
  } else {
    QMessageBox::warning(this, tr("Save configuration"), error);
  }
}

void ExperimentPage::promptLoadConfig() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Load configuration"), config_file_,
                                                    tr("Configuration (*.json);;All files (*)"));
  if (path.isEmpty()) return;
  const QString error = loadConfigFrom(path);
  if (error.isEmpty()) {
    setStatus(tr("Configuration loaded from %1").arg(path), false);
  } else {
    QMessageBox::warning(this, tr("Load configuration"), error);
  }
}

void ExperimentPage::copyCliCommand() {
  QString why;
  const QString command = cliCommand(&why);
  if (command.isEmpty()) {
    setStatus(why, true);
    return;
  }
  QApplication::clipboard()->setText(command);
  setStatus(tr("Copied: %1").arg(command), false);
}

}  // namespace metacf::ui
