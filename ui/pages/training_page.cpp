#include "ui/pages/training_page.h"

#include <QDateTime>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMainWindow>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/charts/curve_chart.h"
#include "ui/charts/training_charts.h"
#include "ui/pages/run_log_store.h"
#include "ui/run_controller.h"
#include "ui/studio_context.h"
#include "ui/worker/store_reader.h"

namespace metacf::ui {
namespace {

QString duration_text(double seconds) {
  // Quick runs and baselines take under a second; "0 s" would read as not measured.
  if (seconds < 10) return QObject::tr("%1 s").arg(std::max(seconds, 0.0), 0, 'f', 1);
  const auto s = static_cast<qint64>(seconds + 0.5);
  if (s < 60) return QObject::tr("%1 s").arg(s);
  if (s < 3600) return QObject::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
  return QObject::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QString stage_text(const Progress& p) {
  const QString learner = QString::fromStdString(p.learner);
  QString text;
  switch (p.stage) {
    case Stage::kPretrain:
      text = QObject::tr("Pretraining");
      break;
    case Stage::kTune:
      text = QObject::tr("Choosing step sizes for %1").arg(learner);
      break;
    case Stage::kMetaTrain:
      text = QObject::tr("Meta-training %1").arg(learner);
      break;
    case Stage::kFit:
      text = QObject::tr("Fitting %1").arg(learner);
      break;
    case Stage::kEvaluate:
      text = QObject::tr("Evaluated %1").arg(learner);
      break;
    default:
      text = QString::fromStdString(stage_name(p.stage));
      if (!p.learner.empty()) text += QLatin1Char(' ') + learner;
  }
  if (p.k > 0 && !p.learner.empty()) text += QObject::tr(" K=%1").arg(p.k);
  text += QObject::tr(" · seed %1").arg(p.seed);
  if (p.epochs > 0) text += QObject::tr(" · epoch %1/%2").arg(p.epoch).arg(p.epochs);
  // A fit's own word on where it is: ease's solver, metacf_auto's fold and candidate.
  if (p.stage == Stage::kFit && !p.message.empty()) {
    text += QStringLiteral(" · ") + QString::fromStdString(p.message);
  }
  return text;
}

struct RunShape {
  bool several_ks = false;
  bool several_seeds = false;
  int top_n = 10;
};

RunShape shape_of(const ExperimentConfig& c) {
  return {c.ks.size() > 1, c.seeds.size() > 1, c.top_n};
}

RunShape shape_of(const nlohmann::json& config) {
  RunShape shape;
  if (!config.is_object()) return shape;
  if (config.contains("ks") && config["ks"].is_array()) shape.several_ks = config["ks"].size() > 1;
  if (config.contains("seeds") && config["seeds"].is_array()) {
    shape.several_seeds = config["seeds"].size() > 1;
  }
  if (config.contains("top_n") && config["top_n"].is_number_integer()) {
    shape.top_n = config["top_n"].get<int>();
  }
  return shape;
}

}  // namespace

TrainingPage::TrainingPage(StudioContext* context, RunController* runs, QWidget* parent)
    : QWidget(parent), context_(context), runs_(runs), stored_reader_(new StoreReader(this)) {
  buildTitle();
  QGroupBox* progress_box = buildProgressBox();
  QSplitter* splitter = buildChartsAndLog();

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(12, 12, 12, 12);
  layout->addWidget(title_);
  layout->addWidget(progress_box);
  layout->addWidget(splitter, 1);

  connectRun();
}

void TrainingPage::connectRun() {
  clock_ = new QTimer(this);
  clock_->setInterval(1000);
  connect(clock_, &QTimer::timeout, this, &TrainingPage::showClock);
  connect(runs_, &RunController::started, this, &TrainingPage::onStarted);
  connect(runs_, &RunController::progress, this, &TrainingPage::onProgress);
  connect(runs_, &RunController::curvePoints, charts_, &TrainingCharts::addPoints);
  connect(runs_, &RunController::curvePoints, this, &TrainingPage::nameLinesInTooltips);
  connect(runs_, &RunController::resultReady, this, &TrainingPage::onResult);
  connect(runs_, &RunController::finished, this, &TrainingPage::onFinished);
  connect(context_, &StudioContext::currentRunChanged, this, &TrainingPage::showStoredRun);
}

void TrainingPage::onStarted(qint64 run_id) {
  live_run_ = run_id;
  const RunShape shape = shape_of(runs_->config());
  top_n_ = shape.top_n;
  charts_->reset(shape.several_ks, shape.several_seeds, shape.top_n);
  elapsed_.start();
  step_elapsed_.start();
  last_progress_.reset();
  clock_->start();
  last_step_ = {};
  progress_->setValue(0);
  eta_->clear();
  setOutcome({}, {});
  cancel_->setEnabled(true);
  title_->setText(tr("Run #%1 (live)").arg(run_id));
  logged_run_ = run_id;
  run_logs_[run_id].clear();
  log_->clear();
  appendLog(tr("Run #%1 started").arg(run_id));
  showStatus(tr("Run #%1 started").arg(run_id));
}

void TrainingPage::onProgress(const Progress& p) {
  progress_->setValue(static_cast<int>(std::clamp(p.overall, 0.0, 1.0) * kProgressSteps));
  if (std::make_tuple(p.stage, p.learner, p.k, p.seed) != last_step_) step_elapsed_.start();
  last_progress_ = p;
  showClock();
  auto step = std::make_tuple(p.stage, p.learner, p.k, p.seed);
  if (step != last_step_ && p.stage != Stage::kEvaluate) {
    last_step_ = step;
    QString line = p.stage == Stage::kPretrain
                       ? tr("seed %1: pretraining").arg(p.seed)
                       : tr("seed %1: %2 %3")
                             .arg(p.seed)
                             .arg(QString::fromStdString(stage_name(p.stage)),
                                  QString::fromStdString(p.learner));
    if (p.k > 0 && !p.learner.empty()) line += tr(" K=%1").arg(p.k);
    appendLog(line);
  }
  // metacf_auto's last phase says what it chose and why, as `metacf run` prints it.
  if (p.epoch_done && p.message.starts_with("chose ")) {
    appendLog(tr("%1 (seed %2, K=%3): %4")
                  .arg(QString::fromStdString(p.learner))
                  .arg(p.seed)
                  .arg(p.k)
                  .arg(QString::fromStdString(p.message)));
  }
}

void TrainingPage::showClock() {
  const double seconds = elapsed_.isValid() ? elapsed_.elapsed() / 1000.0 : 0;
  if (!last_progress_) {
    eta_->setText(tr("elapsed %1").arg(duration_text(seconds)));
    return;
  }
  const Progress& p = *last_progress_;
  QString stage = stage_text(p);
  const double in_step = step_elapsed_.isValid() ? step_elapsed_.elapsed() / 1000.0 : 0;
  if (in_step >= 3) stage += tr(" · %1 in this step").arg(duration_text(in_step));
  stage_->setText(stage);
  stage_->setToolTip(stage);  // the learner's name in full where the line is cut
  // Too early an estimate jumps about; wait for some evidence. Between reports the estimate
  // grows with the clock, as it should while the share done stands still.
  if (p.overall > 0.02 && seconds > 2) {
    eta_->setText(
        tr("elapsed %1 · about %2 left")
            .arg(duration_text(seconds), duration_text(seconds * (1 - p.overall) / p.overall)));
  } else {
    eta_->setText(tr("elapsed %1").arg(duration_text(seconds)));
  }
}

void TrainingPage::onResult(const ResultRecord& r) {
  QString line = tr("seed %1: %2 K=%3").arg(r.seed).arg(QString::fromStdString(r.learner)).arg(r.k);
  if (r.support_size) line += tr(" |S|=%1").arg(*r.support_size);
  line += tr(": HR@%1 %2, NDCG@%1 %3 over %4 users (fit %5)")
              .arg(top_n_)
              .arg(r.hr, 0, 'f', 4)
              .arg(r.ndcg, 0, 'f', 4)
              .arg(r.users)
              .arg(duration_text(r.fit_seconds));
  appendLog(line);
}

void TrainingPage::onFinished(qint64 run_id, RunStatus status, const QString& error) {
  charts_->flush();
  clock_->stop();
  cancel_->setEnabled(false);
  const QString took = elapsed_.isValid() ? duration_text(elapsed_.elapsed() / 1000.0) : QString();
  QString message;
  switch (status) {
    case RunStatus::kCompleted:
      progress_->setValue(kProgressSteps);
      stage_->setText(tr("Done"));
      message = tr("Run #%1 completed in %2").arg(run_id).arg(took);
      setOutcome(message, QStringLiteral("#2e7d32"));
      break;
    case RunStatus::kCancelled:
      stage_->setText(tr("Cancelled"));
      message = tr("Run #%1 cancelled after %2: the curves and results so far are stored")
                    .arg(run_id)
                    .arg(took);
      setOutcome(message, QStringLiteral("#b26a00"));
      break;
    default:
      stage_->setText(tr("Failed"));
      message = tr("Run #%1 failed: %2").arg(run_id).arg(error);
      setOutcome(message, QStringLiteral("#c62828"));
      break;
  }
  title_->setText(tr("Run #%1 (%2)").arg(run_id).arg(QString::fromUtf8(to_string(status).data())));
  eta_->setText(tr("took %1").arg(took));
  appendLog(message);
  showStatus(message);
  if (run_id > 0) log_store_->store(context_->storePath(), run_id, run_logs_[run_id]);
}

void TrainingPage::showStoredRun(qint64 run_id) {
  if (runs_->running() || run_id <= 0) return;
  if (run_id == live_run_ && !charts_->pretrainChart()->seriesNames().isEmpty()) return;
  stored_reader_->read<StoredRun>(
      context_->storePath(),
      [run_id](ExperimentStore& store) {
        return StoredRun{store.run(run_id), store.curves(run_id), store.run_log(run_id),
                         store.results(run_id)};
      },
      [this, run_id](StoredRun stored) {
        // A run may have started while the store was read: its live curves come first.
        if (!runs_->running()) showStored(run_id, stored);
      },
      [this, run_id](const QString& error) {
        title_->setText(tr("Could not read run #%1: %2").arg(run_id).arg(error));
      });
}

void TrainingPage::showStored(qint64 run_id, const StoredRun& stored) {
  const RunRecord& run = stored.run;
  const RunShape shape = shape_of(run.config);
  top_n_ = shape.top_n;
  charts_->reset(shape.several_ks, shape.several_seeds, shape.top_n);
  charts_->addPoints(stored.curves);
  charts_->flush();
  nameLinesInTooltips();
  live_run_ = 0;
  const QString status = QString::fromUtf8(to_string(run.status).data());
  title_->setText(run.label.empty() ? tr("Stored run #%1 (%2)").arg(run_id).arg(status)
                                    : tr("Stored run #%1 “%2” (%3)")
                                          .arg(run_id)
                                          .arg(QString::fromStdString(run.label), status));
  progress_->setValue(run.status == RunStatus::kCompleted ? kProgressSteps : 0);
  stage_->setText(tr("Stored curves"));
  if (const auto own = run_logs_.find(run_id); own != run_logs_.end()) {
    log_->setPlainText(own->second.join(QLatin1Char('\n')));
  } else {
    showStoredLog(run, stored.log, stored.results);
  }
  eta_->clear();
  setOutcome({}, {});
}

void TrainingPage::nameLinesInTooltips() {
  for (CurveChart* chart :
       {charts_->pretrainChart(), charts_->metaLossChart(), charts_->validationChart()}) {
    const auto own = chart_tips_.try_emplace(chart, chart->toolTip()).first->second;
    const QStringList names = chart->seriesNames();
    chart->setToolTip(
        names.isEmpty() ? own : own + tr("\n\nLines: %1").arg(names.join(QStringLiteral(", "))));
  }
}

void TrainingPage::appendLog(const QString& line) {
  const QString stamped = QStringLiteral("[%1] %2").arg(
      QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")), line);
  log_->appendPlainText(stamped);
  QStringList& lines = run_logs_[logged_run_];
  lines << stamped;
  if (lines.size() > kLogLines) lines.removeFirst();
}

void TrainingPage::showStoredLog(const RunRecord& run, const std::vector<std::string>& stored_lines,
                                 const std::vector<ResultRow>& results) {
  QStringList lines;
  if (!stored_lines.empty()) {
    lines << tr("Run #%1 ran before this window opened. Its log, as stored with it:").arg(run.id);
    for (const std::string& line : stored_lines) lines << QString::fromStdString(line);
    log_->setPlainText(lines.join(QLatin1Char('\n')));
    return;
  }
  lines << tr("Run #%1 ran before this window opened: no log stored for this run (it ran in an "
              "older build or from the command line). What the store holds for it:")
               .arg(run.id);
  lines << tr("started %1, %2%3")
               .arg(QString::fromStdString(run.started_at),
                    QString::fromUtf8(to_string(run.status).data()),
                    run.finished_at.empty()
                        ? QString()
                        : tr(" at %1").arg(QString::fromStdString(run.finished_at)));
  if (!run.error.empty()) lines << tr("error: %1").arg(QString::fromStdString(run.error));
  for (const ResultRow& r : results) {
    QString line =
        tr("seed %1: %2 K=%3").arg(r.seed).arg(QString::fromStdString(r.learner)).arg(r.k);
    if (r.support_size) line += tr(" |S|=%1").arg(*r.support_size);
    line += tr(": %1 %2 over %3 users")
                .arg(QString::fromStdString(r.metric))
                .arg(r.value, 0, 'f', 4)
                .arg(r.users);
    lines << line;
  }
  if (results.empty()) lines << tr("(no results stored)");
  log_->setPlainText(lines.join(QLatin1Char('\n')));
}

void TrainingPage::showStatus(const QString& message) {
  if (auto* main = qobject_cast<QMainWindow*>(window())) {
    main->statusBar()->showMessage(message, 10000);
  }
}

void TrainingPage::setOutcome(const QString& text, const QString& color) {
  outcome_->setText(text);
  outcome_->setStyleSheet(
      color.isEmpty() ? QString() : QStringLiteral("color: %1; font-weight: bold;").arg(color));
  outcome_->setVisible(!text.isEmpty());
}

}  // namespace metacf::ui
