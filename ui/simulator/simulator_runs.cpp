#include "ui/simulator/simulator_runs.h"

#include <QFileInfo>
#include <QObject>

#include "core/store/experiment_store.h"
#include "ui/studio_context.h"

namespace metacf::ui {

QString simulatorStorePath(const StudioContext& context) {
  if (!context.storePath().isEmpty()) return context.storePath();
  try {
    return QString::fromStdString(default_store_path());
  } catch (const std::exception&) {
    return {};
  }
}

std::vector<ServableRun> servableRuns(ExperimentStore& store) {
  std::vector<ServableRun> out;
  for (const auto& run : store.list_runs()) {
    if (run.status != RunStatus::kCompleted && run.status != RunStatus::kCancelled) continue;
    if (stored_learners(store, run.id).empty()) continue;
    const auto data = run.config.value("data", nlohmann::json::object());
    const QString file = QFileInfo(QString::fromStdString(data.value("path", ""))).fileName();
    QString text = QStringLiteral("#%1  %2").arg(run.id).arg(file);
    if (!run.label.empty())
      text += QStringLiteral("  \"%1\"").arg(QString::fromStdString(run.label));
    if (run.status == RunStatus::kCancelled) text += QObject::tr("  (cancelled)");
    text += QStringLiteral("  %1").arg(QString::fromStdString(run.started_at).left(16));
    out.push_back({run.id, text, run.status == RunStatus::kCompleted});
  }
  return out;
}

}  // namespace metacf::ui
