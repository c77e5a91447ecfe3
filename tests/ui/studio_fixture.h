#pragma once
// Shared by the UI tests that run experiments: the bundled sample data set loaded into a
// StudioContext whose store lives in a temporary folder, and a config that runs in seconds.
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "core/data/dataset_loader.h"
#include "core/data/dataset_stats.h"
#include "core/data/titles_loader.h"
#include "core/experiment/experiment_config.h"
#include "ui/studio_context.h"
#include "ui/worker/store_reader.h"

namespace metacf::ui::testing {

// Standard paths in test mode and QSettings in `dir`: a test never reads or writes the user's
// own settings. False when `dir` could not be made.
inline bool isolate_settings(const QTemporaryDir& dir) {
  QStandardPaths::setTestModeEnabled(true);
  if (!dir.isValid()) return false;
  QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
  return true;
}

inline ExperimentConfig quick_config() {
  ExperimentConfig c;
  c.learners = {"pop", "itemknn", "itemknn_q"};
  c.ks = {5};
  c.seeds = {1, 2};
  c.pretrain.dim = 8;
  c.pretrain.max_epochs = 5;
  c.pretrain.patience = 5;
  c.pretrain.lr = 2e-2;
  c.baseline = "pop";
  return c;
}

// Pages read the store off the UI thread: waits until every answer has been handed over.
inline bool settle_store_reads(int timeout_ms = 30000) {
  return QTest::qWaitFor([] { return StoreReader::pendingEverywhere() == 0; }, timeout_ms);
}

// Makes `path` the context's store and waits for the answer; "" or why not.
inline QString use_store(StudioContext& context, const QString& path) {
  QString why;
  bool answered = false;
  const auto opened =
      QObject::connect(&context, &StudioContext::storeChanged, [&] { answered = true; });
  const auto refused = QObject::connect(&context, &StudioContext::storeRefused,
                                        [&](const QString&, const QString& reason) {
                                          why = reason;
                                          answered = true;
                                        });
  context.requestStore(path);
  (void)QTest::qWaitFor([&] { return answered; }, 30000);  // no answer: said below
  QObject::disconnect(opened);
  QObject::disconnect(refused);
  (void)settle_store_reads();
  return answered ? why : QStringLiteral("the store did not answer");
}

// A connection to the context's store, for a test to look at what a page or run wrote.
inline ExperimentStore open_store(const StudioContext& context) {
  return ExperimentStore::open(context.storePath().toStdString());
}

// Loads sample_data into `context` and points its store into `dir`. Returns "" or the reason.
inline QString load_sample(StudioContext& context, const QTemporaryDir& dir) {
  const std::string sample = METACF_SAMPLE_DIR;
  try {
    auto data = std::make_shared<Dataset>(load_dataset(sample + "/ratings.csv"));
    load_titles(*data, sample + "/items.csv");
    DatasetStats stats = compute_stats(*data);
    DataSource source{sample + "/ratings.csv", data->format, {}};
    context.setDataset(std::move(data), std::move(source), std::move(stats));
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
  return use_store(context, QDir(dir.path()).filePath(QStringLiteral("store.sqlite")));
}

}  // namespace metacf::ui::testing
