// The studio window: opens with the sample loaded and five pages, switches pages by shortcut,
// keeps running without a usable store, and sorts dropped files into data and titles.
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "tests/ui/studio_fixture.h"
#include "ui/main_window.h"
#include "ui/pages/data_page.h"
#include "ui/pages/experiment_page.h"
#include "ui/pages/simulator_page.h"
#include "ui/pages/training_page.h"
#include "ui/run_controller.h"
#include "ui/studio_context.h"

using metacf::ui::DataPage;
using metacf::ui::MainWindow;
using metacf::ui::RunController;

namespace {
// Answers the next modal question box with `answer`; `asked` tells whether one came.
void answerNextQuestion(QMessageBox::StandardButton answer, bool& asked) {
  asked = false;
  QTimer::singleShot(0, [answer, &asked] {
    auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
    asked = box != nullptr;
    if (box) box->button(answer)->click();
  });
}
}  // namespace

namespace {
const QString kSampleDir = QStringLiteral(METACF_SAMPLE_DIR);

bool waitForLoad(MainWindow& window) {
  QSignalSpy finished(window.dataPage(), &DataPage::loadFinished);
  if (!window.dataPage()->loading()) return false;
  // The store opens off the UI thread too: the window is ready when both have answered.
  return finished.wait(60000) && finished.first().value(0).toBool() &&
         metacf::ui::testing::settle_store_reads();
}
}  // namespace

class TestMainWindow : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir_.filePath("settings"));
    // default_store_path() follows XDG_DATA_HOME: keep the store inside the test's folder.
    qputenv("XDG_DATA_HOME", dir_.filePath("data").toUtf8());
  }

  // A window stored at 1400x900 on a larger screen (and the first window's default size) opens
  // inside a smaller screen's free area, as far as its minimum allows.
  void theWindowOpensInsideTheScreen() {
    {
      MainWindow first;
      first.resize(1400, 900);
      first.move(300, 200);
      first.close();  // stores its geometry
    }
    for (int opening = 0; opening < 2; ++opening) {
      if (opening == 1) QSettings().remove(QStringLiteral("window/geometry"));
      MainWindow window;
      const QRect available = window.screen()->availableGeometry();
      QVERIFY2(available.width() < 1400 && available.height() < 900,
               "the test needs a screen smaller than the stored window");
      const QSize least = window.minimumSizeHint();
      QVERIFY2(
          window.width() <= std::max(available.width(), least.width()),
          qPrintable(QStringLiteral("width %1 on %2").arg(window.width()).arg(available.width())));
      QVERIFY2(window.height() <= std::max(available.height(), least.height()),
               qPrintable(
                   QStringLiteral("height %1 on %2").arg(window.height()).arg(available.height())));
      if (window.width() <= available.width())
        QVERIFY(window.x() + window.width() <= available.right() + 1);
      if (window.height() <= available.height())
        QVERIFY(window.y() + window.height() <= available.bottom() + 1);
    }
  }

  void opensWithTheSampleAndFivePages() {
    MainWindow window;
    window.setInteractive(false);
    window.startUp({}, {}, kSampleDir);
    QVERIFY(waitForLoad(window));
    QCOMPARE(window.pageCount(), 5);
    const auto data = window.context()->dataset();
    QVERIFY(data);
    QVERIFY(data->num_records() > 0);
    QVERIFY(data->has_titles());
    QCOMPARE(window.dataPage()->dataPath(), QDir(kSampleDir).filePath("ratings.csv"));
    QVERIFY2(window.context()->storePath().startsWith(dir_.filePath("data")),
             qPrintable(window.context()->storePath()));
    QCOMPARE(window.recentFiles().value(0),
             QFileInfo(QDir(kSampleDir).filePath("ratings.csv")).absoluteFilePath());
  }

  void shortcutsSwitchPages() {
    MainWindow window;
    window.setInteractive(false);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.dataPage()));
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.experimentPage()));
    QTest::keyClick(&window, Qt::Key_5, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.simulatorPage()));
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.trainingPage()));
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.dataPage()));
  }

  void aCommandLineFileOpensInsteadOfTheSample() {
    QTemporaryDir files;
    const QString path = files.filePath("mine.csv");
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write("u1,i1,5\nu1,i2,4\nu2,i1,3\n");
    out.close();
    MainWindow window;
    window.setInteractive(false);
    window.startUp(path, {}, kSampleDir);
    QVERIFY(waitForLoad(window));
    QCOMPARE(window.context()->dataset()->num_records(), std::int64_t{3});
  }

  void anUnusableStoreLeavesTheProgramRunning() {
    QTemporaryDir files;
    const QString garbage = files.filePath("not_a_store.sqlite");
    QFile out(garbage);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QByteArray(4096, 'x'));
    out.close();

    MainWindow window;
    window.setInteractive(false);
    window.startUp({}, {}, kSampleDir, garbage);
    QVERIFY(waitForLoad(window));
    QVERIFY(window.context()->storePath().isEmpty());
    // Start explains that a store is needed instead of running.
    QVERIFY(!window.experimentPage()->start());
    QVERIFY2(window.experimentPage()->statusText().contains(QStringLiteral("store")),
             qPrintable(window.experimentPage()->statusText()));

    // A good store can be chosen afterwards; a bad one then keeps the good one.
    const QString good = files.filePath("good.sqlite");
    window.openStore(good);
    QVERIFY(metacf::ui::testing::settle_store_reads());
    QCOMPARE(window.context()->storePath(), good);
    window.openStore(garbage);
    QVERIFY(metacf::ui::testing::settle_store_reads());
    QCOMPARE(window.context()->storePath(), good);
  }

  void droppedTitlesFilesAreLoadedAsTitles() {
    QVERIFY(MainWindow::looksLikeTitlesFile("/x/u.item"));
    QVERIFY(MainWindow::looksLikeTitlesFile("/x/movies.dat"));
    QVERIFY(MainWindow::looksLikeTitlesFile("/x/Movies.csv"));
    QVERIFY(MainWindow::looksLikeTitlesFile("/x/items.csv"));
    QVERIFY(!MainWindow::looksLikeTitlesFile("/x/ratings.csv"));
    QVERIFY(!MainWindow::looksLikeTitlesFile("/x/u.data"));

    MainWindow window;
    window.setInteractive(false);
    // Titles first: the order of a drop must not matter.
    window.openFiles(
        {QDir(kSampleDir).filePath("items.csv"), QDir(kSampleDir).filePath("ratings.csv")});
    QVERIFY(waitForLoad(window));
    QCOMPARE(window.dataPage()->dataPath(), QDir(kSampleDir).filePath("ratings.csv"));
    QCOMPARE(window.dataPage()->titlesPath(), QDir(kSampleDir).filePath("items.csv"));
    QVERIFY(window.context()->dataset()->has_titles());
  }

  // Esc closes popups and dialogs as well: on its own it must never cost a running experiment.
  void escapeNeverCancelsARunWithoutAsking() {
    MainWindow window;
    window.startUp({}, {}, kSampleDir);
    QVERIFY(waitForLoad(window));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto* page = window.experimentPage();
    // Long enough pretraining that the run is surely still going throughout.
    page->findChild<QSpinBox*>(QStringLiteral("maxEpochs"))->setValue(5000);
    page->findChild<QSpinBox*>(QStringLiteral("patience"))->setValue(5000);
    QSignalSpy progress(window.runs(), &RunController::progress);
    QSignalSpy finished(window.runs(), &RunController::finished);
    QVERIFY2(page->start(), qPrintable(page->statusText()));
    QVERIFY(progress.wait(60000));

    // Esc on the window asks; No keeps the run going.
    bool asked = false;
    answerNextQuestion(QMessageBox::No, asked);
    QTest::keyClick(&window, Qt::Key_Escape);
    QVERIFY(asked);
    QVERIFY(!finished.wait(300));
    QVERIFY(metacf::ui::testing::settle_store_reads());

    // Esc in an open combo box's popup closes the popup and nothing else.
    auto* combo = page->findChild<QComboBox*>();
    QVERIFY(combo);
    combo->showPopup();
    QTRY_VERIFY(QApplication::activePopupWidget() != nullptr);
    answerNextQuestion(QMessageBox::Yes, asked);
    QTest::keyClick(QApplication::activePopupWidget(), Qt::Key_Escape);
    QTRY_VERIFY(QApplication::activePopupWidget() == nullptr);
    QVERIFY(!asked);
    QVERIFY(!finished.wait(300));
    QVERIFY(metacf::ui::testing::settle_store_reads());

    // Run > Cancel asks too, and Yes cancels; the run is stored as cancelled.
    answerNextQuestion(QMessageBox::Yes, asked);
    window.cancelRunAfterAsking();
    QVERIFY(asked);
    QVERIFY(finished.wait(60000));
    QVERIFY(metacf::ui::testing::settle_store_reads());
    QCOMPARE(finished.first().value(1).value<metacf::RunStatus>(), metacf::RunStatus::kCancelled);
  }

 private:
  QTemporaryDir dir_;
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
