// The Experiment page at 1024x700, the smallest window the studio is laid out for: no visible
// widget reaches outside the window or its parent, the form needs no horizontal scrolling
// (every learner and every preset, "Quick look" included, is seen whole), and a learner name
// cut short always has a tooltip giving it whole. At 1600x1000 the form still fits.
#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "core/experiment/learner_registry.h"
#include "ui/main_window.h"
#include "ui/pages/data_page.h"
#include "ui/pages/experiment_page.h"

using namespace metacf;
using namespace metacf::ui;

namespace {
const QString kSampleDir = QStringLiteral(METACF_SAMPLE_DIR);

// A scroll area's content may lie outside it (scrolled away): the area itself is what must fit.
bool insideScrolledContent(const QWidget* w, const QWidget* top) {
  for (const QWidget* p = w->parentWidget(); p && p != top; p = p->parentWidget()) {
    if (auto* area = qobject_cast<const QAbstractScrollArea*>(p->parentWidget())) {
      if (area->viewport() == p) return true;
    }
  }
  return false;
}

QString describe(const QWidget* w) {
  QString text;
  if (auto* label = qobject_cast<const QLabel*>(w)) text = label->text().left(40);
  if (auto* button = qobject_cast<const QAbstractButton*>(w)) text = button->text();
  return QStringLiteral("%1 '%2' \"%3\"")
      .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName(), text);
}

QStringList widgetsOutside(const QWidget* page, const QWidget* window) {
  QStringList out;
  const QRect window_rect = window->rect();
  for (const QWidget* w : page->findChildren<QWidget*>()) {
    if (!w->isVisible() || w->isWindow() || insideScrolledContent(w, window)) continue;
    const QRect in_window(w->mapTo(window, QPoint(0, 0)), w->size());
    if (!window_rect.contains(in_window) || !w->parentWidget()->rect().contains(w->geometry())) {
      out << QStringLiteral("%1 at %2,%3 %4x%5")
                 .arg(describe(w))
                 .arg(in_window.x())
                 .arg(in_window.y())
                 .arg(in_window.width())
                 .arg(in_window.height());
    }
  }
  return out;
}

// Every learner name shown by a label, a button or a combo box: cut short only with a tooltip
// naming it whole.
QStringList elidedLearnersWithoutTooltip(const QWidget* page) {
  QStringList out;
  const auto names = known_learners();
  auto names_learner = [&](const QString& text) {
    for (const auto& name : names) {
      if (text.contains(QString::fromStdString(name))) return true;
    }
    return false;
  };
  for (const QWidget* w : page->findChildren<QWidget*>()) {
    if (!w->isVisible()) continue;
    QString text;
    int needed = 0;
    if (auto* label = qobject_cast<const QLabel*>(w)) {
      if (label->wordWrap()) continue;
      text = label->text();
      needed = label->fontMetrics().horizontalAdvance(text) + label->margin() * 2;
      needed += label->width() - label->contentsRect().width();
    } else if (auto* button = qobject_cast<const QAbstractButton*>(w)) {
      text = button->text();
      needed = button->sizeHint().width();
    } else if (auto* combo = qobject_cast<const QComboBox*>(w)) {
      text = combo->currentText();
      needed = combo->minimumSizeHint().width();
      if (combo->sizeAdjustPolicy() != QComboBox::AdjustToContents) {
        needed = combo->fontMetrics().horizontalAdvance(text);
      }
    }
    if (text.isEmpty() || !names_learner(text) || w->width() >= needed) continue;
    if (!w->toolTip().contains(text)) out << describe(w);
  }
  return out;
}

// Buttons and labels of the form that lie (partly) outside what its scroll area shows across.
QStringList cutAcross(const QScrollArea* area) {
  QStringList out;
  const QWidget* viewport = area->viewport();
  for (const QWidget* w : area->widget()->findChildren<QWidget*>()) {
    if (!w->isVisible()) continue;
    if (!qobject_cast<const QAbstractButton*>(w) && !qobject_cast<const QLabel*>(w)) continue;
    const QRect r(w->mapTo(viewport, QPoint(0, 0)), w->size());
    if (r.left() < 0 || r.right() > viewport->width() - 1) out << describe(w);
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
      const QStringList outside = widgetsOutside(page, &window);
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
      const QStringList elided = elidedLearnersWithoutTooltip(page);
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
