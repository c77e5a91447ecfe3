// Switching the simulator's learner: the run's catalogue and seed view are read once and kept,
// the seed's other learners are loaded meanwhile so a choice answers from the cache, a choice
// made while a load runs is the one loaded next (it once read a freed request and failed with
// "Cannot load: " and garbage), and a choice of the learner being warmed waits for it.
#include <QCoreApplication>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "core/data/dataset_loader.h"
#include "core/data/dataset_stats.h"
#include "core/experiment/run_request.h"
#include "core/simulate/new_user_simulation.h"
#include "ui/simulator/simulator_controller.h"

using namespace metacf;
using metacf::ui::SimulatorController;

class TestSimulatorLearnerSwitch : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    store_path_ = dir_.filePath(QStringLiteral("experiments.sqlite")).toStdString();
    const std::string ratings = METACF_SAMPLE_DIR "/ratings.csv";
    Dataset data = load_dataset(ratings);
    ExperimentConfig config;
    config.learners = {"pop", "ease", "bpr", "metacf_p_linear"};
    config.ks = {2};
    config.pretrain.max_epochs = 3;
    config.learner_configs = {{"metacf_p_linear", {{"meta_epochs", 3}}}};
    auto store = ExperimentStore::open(store_path_);
    JobControl job;
    const DataSource source{ratings, data.format, "", compute_stats(data)};
    const StoredRun run =
        RunRequest{source, config, {}}.execute(store, ExperimentInputs{data}, job);
    QCOMPARE(static_cast<int>(run.status), static_cast<int>(RunStatus::kCompleted));
    run_ = run.run_id;
    keys_ = stored_learners(store, run_);
    QVERIFY(keys_.size() >= 4);
  }

  void aChoiceMadeWhileLoadingIsLoadedNext() {
    SimulatorController controller;
    QSignalSpy loaded(&controller, &SimulatorController::loaded);
    QSignalSpy failed(&controller, &SimulatorController::loadError);
    controller.load(request(key("pop")));
    controller.load(request(key("ease")));  // waits for the first load, then wins
    controller.load(request(key("bpr")));   // and is overtaken in turn
    // The worker stops running a moment before its end reaches this thread: wait for the end.
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() || !failed.isEmpty(), 30000);
    QTest::qWait(50);  // a second load, were there one, would have ended by now
    QVERIFY(!controller.loading());
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(0).toString()));
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(controller.session().learner(0)->name, std::string("bpr"));
  }

  void aWarmedLearnerIsServedFromTheCacheWithTheSameCatalogue() {
    SimulatorController controller;
    QSignalSpy loaded(&controller, &SimulatorController::loaded);
    controller.load(request(key("pop")));
    QVERIFY(loaded.wait(30000));
    const auto catalogue = controller.session().catalogue();
    const auto seed_view = controller.session().seed_view();
    controller.warm(store_path_, run_, keys_);
    for (const auto& k : keys_) QTRY_VERIFY_WITH_TIMEOUT(controller.cached(k), 30000);
    QVERIFY(!controller.warming());

    controller.load(request(key("ease")));
    QVERIFY(loaded.wait(30000));
    QCOMPARE(controller.session().learner(0)->name, std::string("ease"));
    // The run's shared parts were not read again.
    QCOMPARE(controller.session().catalogue().get(), catalogue.get());
    QCOMPARE(controller.session().seed_view().get(), seed_view.get());
  }

  void choosingTheLearnerBeingWarmedWaitsForIt() {
    SimulatorController controller;
    QSignalSpy loaded(&controller, &SimulatorController::loaded);
    QSignalSpy failed(&controller, &SimulatorController::loadError);
    controller.load(request(key("pop")));
    QVERIFY(loaded.wait(30000));
    controller.warm(store_path_, run_, {key("ease")});
    QVERIFY(controller.warming());
    controller.load(request(key("ease")));
    QVERIFY(controller.loading());
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 2, 30000);
    QVERIFY(failed.isEmpty());
    QCOMPARE(controller.session().learner(0)->name, std::string("ease"));
    QVERIFY(controller.cached(key("ease")));
  }

 private:
  [[nodiscard]] StoredLearnerKey key(const std::string& name) const {
    for (const auto& k : keys_) {
      if (k.name == name) return k;
    }
    qFatal("no stored learner %s", name.c_str());
  }
  [[nodiscard]] SimulatorLoadRequest request(const StoredLearnerKey& first) const {
    return {store_path_, run_, {first, std::nullopt}};
  }

  QTemporaryDir dir_;
  std::string store_path_;
  std::int64_t run_ = 0;
  std::vector<StoredLearnerKey> keys_;
};

QTEST_MAIN(TestSimulatorLearnerSwitch)
#include "tst_simulator_learner_switch.moc"
