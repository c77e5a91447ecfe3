// The studio at 1024x700, the smallest window it is laid out for: after a stored run, every page
// (but the Experiment page, laid out on its own) fits, with no visible widget reaching outside
// the window or its parent, no learner name cut short without a tooltip that gives it whole, and
// no chart text shortened or hidden under a corner button.
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include "tests/ui/layout_checks.h"
#include "tests/ui/studio_fixture.h"
#include "ui/charts/curve_chart.h"
#include "ui/main_window.h"
#include "ui/pages/data_page.h"
#include "ui/pages/experiment_page.h"
#include "ui/pages/results_page.h"
#include "ui/pages/simulator_page.h"
#include "ui/pages/training_page.h"
#include "ui/run_controller.h"
#include "ui/studio_context.h"

using namespace metacf;
using namespace metacf::ui;

namespace {
const QString kSampleDir = QStringLiteral(METACF_SAMPLE_DIR);
const QStringList kLearners = {QStringLiteral("pop"), QStringLiteral("itemknn"),
                               QStringLiteral("metacf_p_linear"),
                               QStringLiteral("metacf_p_neural")};
}  // namespace

class TestSmallWindow : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir_.filePath("settings"));
    qputenv("XDG_DATA_HOME", dir_.filePath("data").toUtf8());
  }

  void everyPageFitsAt1024x700() {
    MainWindow window;
    window.setInteractive(false);
    QSignalSpy loaded(window.dataPage(), &DataPage::loadFinished);
    window.startUp({}, {}, kSampleDir, dir_.filePath("store.sqlite"));
    QVERIFY(loaded.wait(60000));
    QVERIFY(loaded.first().value(0).toBool());
    QVERIFY(metacf::ui::testing::settle_store_reads());  // the store opens off the UI thread

    ExperimentConfig config = testing::quick_config();
    config.learners.clear();
    for (const QString& learner : kLearners) config.learners.push_back(learner.toStdString());
    // ease and metacf_ease note what they chose per seed and K: twenty notes, which once
    // stacked above the tables and pushed them and the status bar off a 700-pixel screen.
    config.learners.push_back("ease");
    config.learners.push_back("metacf_ease");
    config.ks = {1, 2, 3, 4, 5};
    // Two seeds: the pretraining chart's legend then narrows it enough that Qt's extra decimal
    // ("0.150") was cut to "0.1...".
    config.seeds = {1, 2};
    config.learner_configs = {{"metacf_p_linear", {{"meta_epochs", 3}}},
                              {"metacf_p_neural", {{"meta_epochs", 3}}}};
    QSignalSpy finished(window.runs(), &RunController::finished);
    QVERIFY(window.runs()->start(config, QStringLiteral("a label long enough to be cut short "
                                                        "somewhere on a small window")));
    QVERIFY(finished.wait(180000));
    QVERIFY(metacf::ui::testing::settle_store_reads());
    QCoreApplication::processEvents();
    // Shown as a stored run, as after a restart: its curves come from the store.
    window.trainingPage()->showStoredRun(window.context()->currentRun());
    QVERIFY(metacf::ui::testing::settle_store_reads());

    // Laid out first at 1600x1000 with the simulator showing two learners' paths, then shrunk,
    // as a user does: splitters keep their shares and every minimum must still be met.
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    SimulatorPage* simulator = window.simulatorPage();
    window.showPage(simulator);
    // The simulator loads its learners in the background.
    QTRY_VERIFY_WITH_TIMEOUT(simulator->isReady(), 60000);
    QVERIFY(simulator->selectLearner(0, QStringLiteral("metacf_p_neural")));
    QVERIFY(simulator->selectLearner(1, QStringLiteral("metacf_p_linear")));
    QTRY_VERIFY_WITH_TIMEOUT(simulator->isReady(), 60000);
    simulator->addClick(0);
    QTRY_VERIFY_WITH_TIMEOUT(simulator->isReady(), 60000);
    QTest::qWait(50);
    window.resize(1024, 700);
    QTRY_COMPARE(window.size(), QSize(1024, 700));

    // The learners' notes have their tab.
    auto* notes = window.resultsPage()->findChild<QTabWidget*>();
    auto* choices = window.resultsPage()->findChild<QWidget*>(QStringLiteral("runChoices"));
    QVERIFY(notes && choices && notes->isTabVisible(notes->indexOf(choices)));
    QVERIFY(choices->findChild<QWidget*>() != nullptr);
    const QList<QWidget*> pages = {window.dataPage(), window.trainingPage(), window.resultsPage(),
                                   window.simulatorPage()};
    for (QWidget* page : pages) {
      window.showPage(page);
      QTest::qWait(50);
      QCOMPARE(window.size(), QSize(1024, 700));
      const QStringList outside = testing::widgetsOutside(page, &window);
      QVERIFY2(outside.isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(
                                      QString::fromLatin1(page->metaObject()->className()),
                                      outside.join(QStringLiteral("; ")))));
      QStringList elided = testing::elidedLearnersWithoutTooltip(page);
      // A chart's legend may cut the names of its lines; its tooltip names them all.
      for (const CurveChart* chart : page->findChildren<CurveChart*>()) {
        for (const QString& line : chart->seriesNames()) {
          if (!chart->toolTip().contains(line)) elided << chart->chart()->title() + ": " + line;
        }
      }
      QVERIFY2(elided.isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(
                                     QString::fromLatin1(page->metaObject()->className()),
                                     elided.join(QStringLiteral("; ")))));
      const QStringList charts = testing::chartLayoutProblems(page);
      QVERIFY2(charts.isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(
                                     QString::fromLatin1(page->metaObject()->className()),
                                     charts.join(QStringLiteral("; ")))));
    }
    // The main window's own frame: the status bar's labels stay inside it too.
    const QStringList frame = testing::widgetsOutside(window.statusBar(), &window);
    QVERIFY2(frame.isEmpty(), qPrintable(frame.join(QStringLiteral("; "))));
  }

 private:
  QTemporaryDir dir_;
};

QTEST_MAIN(TestSmallWindow)
#include "tst_small_window.moc"
