// The studio window: opens with the sample loaded and five pages, switches pages by shortcut,
// keeps running without a usable store, and sorts dropped files into data and titles.
#include <QAction>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "ui/main_window.h"
#include "ui/pages/data_page.h"
#include "ui/pages/experiment_page.h"
#include "ui/pages/simulator_page.h"
#include "ui/pages/training_page.h"
#include "ui/studio_context.h"

using metacf::ui::DataPage;
using metacf::ui::MainWindow;

namespace {
const QString kSampleDir = QStringLiteral(METACF_SAMPLE_DIR);

bool waitForLoad(MainWindow& window) {
  QSignalSpy finished(window.dataPage(), &DataPage::loadFinished);
  if (!window.dataPage()->loading()) return false;
  return finished.wait(60000) && finished.first().value(0).toBool();
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
    QVERIFY(window.openStore(good));
    QCOMPARE(window.context()->storePath(), good);
    QVERIFY(window.openStore(garbage));
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

 private:
  QTemporaryDir dir_;
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
