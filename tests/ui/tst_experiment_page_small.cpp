// The Experiment page at 1024x700, the smallest window the studio is laid out for: no visible
// widget reaches outside the window or its parent, the form needs no horizontal scrolling
// (every learner and every preset, "Quick look" included, is seen whole), and a learner name
// cut short always has a tooltip giving it whole. At 1600x1000 the form still fits.
#include <QAbstractButton>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "tests/ui/layout_checks.h"
#include "ui/main_window.h"
#include "ui/pages/data_page.h"
#include "ui/pages/experiment_page.h"

using namespace metacf;
using namespace metacf::ui;

namespace {
const QString kSampleDir = QStringLiteral(METACF_SAMPLE_DIR);

// Buttons and labels of the form that lie (partly) outside what its scroll area shows across.
QStringList cutAcross(const QScrollArea* area) {
  QStringList out;
  const QWidget* viewport = area->viewport();
  for (const QWidget* w : area->widget()->findChildren<QWidget*>()) {
    if (!w->isVisible()) continue;
    if (!qobject_cast<const QAbstractButton*>(w) && !qobject_cast<const QLabel*>(w)) continue;
    const QRect r(w->mapTo(viewport, QPoint(0, 0)), w->size());
    if (r.left() < 0 || r.right() > viewport->width() - 1) out << testing::describe(w);
  }
  return out;
}
}  // namespace

class TestExperimentPageSmall : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir_.filePath("settings"));
    qputenv("XDG_DATA_HOME", dir_.filePath("data").toUtf8());
  }

  void fitsAt_data() {
    QTest::addColumn<QSize>("size");
    QTest::newRow("1024x700") << QSize(1024, 700);
    QTest::newRow("1600x1000") << QSize(1600, 1000);
  }

  void fitsAt() {
    QFETCH(QSize, size);
    MainWindow window;
    window.setInteractive(false);
    QSignalSpy loaded(window.dataPage(), &DataPage::loadFinished);
    window.startUp({}, {}, kSampleDir, dir_.filePath("store.sqlite"));
    QVERIFY(loaded.wait(60000));
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ExperimentPage* page = window.experimentPage();
    window.showPage(page);
    // Every preset in turn: the widest learner lists and settings forms.
    const QStringList presets = {QStringLiteral("Paper (Table 2)"), QStringLiteral("Quick look")};
    for (const QString& preset : presets) {
      page->applyPreset(preset);
      QTest::qWait(50);
      QCOMPARE(window.size(), size);
      const QStringList outside = testing::widgetsOutside(page, &window);
      QVERIFY2(outside.isEmpty(), qPrintable(preset + ": " + outside.join(QStringLiteral("; "))));
      for (const QScrollArea* area : page->findChildren<QScrollArea*>()) {
        if (!area->isVisible() || !area->widget()) continue;
        QVERIFY2(area->horizontalScrollBar()->maximum() == 0,
                 qPrintable(QStringLiteral("%1: the form scrolls across by %2 px")
                                .arg(preset)
                                .arg(area->horizontalScrollBar()->maximum())));
        const QStringList cut = cutAcross(area);
        QVERIFY2(cut.isEmpty(), qPrintable(preset + ": " + cut.join(QStringLiteral("; "))));
      }
      const QStringList elided = testing::elidedLearnersWithoutTooltip(page);
      QVERIFY2(elided.isEmpty(), qPrintable(preset + ": " + elided.join(QStringLiteral("; "))));
    }
    // "Quick look" is seen whole.
    bool found = false;
    for (const QPushButton* button : page->findChildren<QPushButton*>()) {
      if (button->text() != QStringLiteral("Quick look")) continue;
      found = true;
      QVERIFY(button->isVisible());
      QVERIFY(button->width() >= button->sizeHint().width());
    }
    QVERIFY(found);
  }

 private:
  QTemporaryDir dir_;
};

QTEST_MAIN(TestExperimentPageSmall)
#include "tst_experiment_page_small.moc"
