// The Experiment page's undo history: a preset clicked over a hand-made selection, a loaded
// file and edits are each taken back by Ctrl+Z (and redone), the keystrokes of one number are
// one step, and the label follows the configuration back.
#include <QAction>
#include <QCheckBox>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <algorithm>

#include "core/experiment/experiment_config_file.h"
#include "tests/ui/studio_fixture.h"
#include "ui/pages/experiment_page.h"
#include "ui/run_controller.h"
#include "ui/studio_context.h"

using metacf::ui::ExperimentPage;
using metacf::ui::RunController;
using metacf::ui::StudioContext;

namespace {
bool has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

struct Fixture {
  StudioContext context;
  RunController runs{&context};
  ExperimentPage page{&context, &runs};
};
}  // namespace

class TestExperimentHistory : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QVERIFY(metacf::ui::testing::isolate_settings(settings_dir_)); }

  // The case an analyst hit: learners picked by hand, then a preset clicked by mistake.
  void aPresetOverACustomSelectionIsUndone() {
    Fixture f;
    f.page.applyPreset(QStringLiteral("Quick look"));
    auto* ease = f.page.findChild<QCheckBox*>(QStringLiteral("learner_ease"));
    QVERIFY(ease);
    ease->setChecked(!ease->isChecked());
    auto* label = f.page.findChild<QLineEdit*>(QStringLiteral("runLabel"));
    label->setText(QStringLiteral("my selection"));
    const std::vector<std::string> mine = f.page.config().learners;
    QVERIFY(f.page.undoAction()->isEnabled());

    f.page.applyPreset(QStringLiteral("Paper (Table 2)"));
    QVERIFY(f.page.config().learners != mine);
    QCOMPARE(f.page.runLabel(), QStringLiteral("Paper (Table 2)"));
    QVERIFY(f.page.undoAction()->toolTip().contains(QStringLiteral("Paper (Table 2)")));

    f.page.undoAction()->trigger();
    QCOMPARE(f.page.config().learners, mine);
    QCOMPARE(f.page.runLabel(), QStringLiteral("my selection"));
    QVERIFY(f.page.redoAction()->isEnabled());

    f.page.redoAction()->trigger();
    QCOMPARE(f.page.runLabel(), QStringLiteral("Paper (Table 2)"));
    QVERIFY(f.page.config().learners != mine);
  }

  // Undo goes back one change at a time to where the page opened, and no further.
  void editsAreUndoneInTurn() {
    Fixture f;
    f.page.history()->clear();
    const auto start = f.page.config();
    auto* dim = f.page.findChild<QSpinBox*>(QStringLiteral("dim"));
    auto* ks = f.page.findChild<QLineEdit*>(QStringLiteral("ks"));
    QVERIFY(dim && ks);
    dim->setValue(start.pretrain.dim + 8);
    QTest::qWait(1100);  // beyond the window that makes keystrokes one step
    ks->setText(QStringLiteral("1,3"));
    QCOMPARE(f.page.history()->count(), 2);

    f.page.undoAction()->trigger();
    QCOMPARE(f.page.config().ks, start.ks);
    QCOMPARE(f.page.config().pretrain.dim, start.pretrain.dim + 8);
    f.page.undoAction()->trigger();
    QCOMPARE(f.page.config().pretrain.dim, start.pretrain.dim);
    QVERIFY(!f.page.undoAction()->isEnabled());
    // Undoing is not itself a change to undo.
    QCOMPARE(f.page.history()->count(), 2);
  }

  // Typing "128" into a field changes it three times in a moment: one step back restores it.
  void keystrokesOfOneNumberAreOneStep() {
    Fixture f;
    f.page.history()->clear();
    auto* dim = f.page.findChild<QSpinBox*>(QStringLiteral("dim"));
    const int before = dim->value();
    for (int v : {1, 12, 128}) dim->setValue(v);
    QCOMPARE(f.page.history()->count(), 1);
    f.page.undoAction()->trigger();
    QCOMPARE(dim->value(), before);
  }

  void aLoadedFileIsUndone() {
    Fixture f;
    QTemporaryDir dir;
    f.page.applyPreset(QStringLiteral("Quick look"));
    const auto mine = f.page.config();
    auto other = mine;
    other.ks = {2, 4};
    other.learners = {"pop", "ease"};
    const QString path = dir.filePath(QStringLiteral("other.json"));
    metacf::write_experiment_config_file(path.toStdString(), other);
    QCOMPARE(f.page.loadConfigFrom(path), QString());
    QCOMPARE(f.page.config().ks, other.ks);
    QVERIFY(f.page.undoAction()->toolTip().contains(QStringLiteral("other.json")));
    f.page.undoAction()->trigger();
    QCOMPARE(f.page.config().ks, mine.ks);
    QVERIFY(has(f.page.config().learners, mine.learners.front()));
    QCOMPARE(f.page.runLabel(), QStringLiteral("Quick look"));
  }

 private:
  QTemporaryDir settings_dir_;
};

QTEST_MAIN(TestExperimentHistory)
#include "tst_experiment_history.moc"
