// The Experiment page: presets fill the config, bad fields are reported beside the form,
// learner settings are stored only when changed, and runs started from the page complete or
// are cancelled and land in the store as such.
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QWheelEvent>
#include <algorithm>
#include <set>

#include "core/data/dataset_loader.h"
#include "core/data/dataset_stats.h"
#include "core/learners/ease/ease_learner.h"
#include "core/learners/registry.h"
#include "tests/ui/studio_fixture.h"
#include "ui/forms/learner_settings_form.h"
#include "ui/forms/number_list.h"
#include "ui/pages/experiment_page.h"
#include "ui/run_controller.h"
#include "ui/studio_context.h"

using metacf::ExperimentConfig;
using metacf::RunStatus;
using metacf::ui::ExperimentPage;
using metacf::ui::LearnerSettingsForm;
using metacf::ui::RunController;
using metacf::ui::StudioContext;

namespace {
bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

void loadSample(StudioContext& context) {
  const std::string path = METACF_SAMPLE_DIR "/ratings.csv";
  auto data = std::make_shared<metacf::Dataset>(metacf::load_dataset(path));
  metacf::DatasetStats stats = metacf::compute_stats(*data);
  metacf::DataSource source;
  source.path = path;
  source.format = data->format;
  source.stats = stats;
  context.setDataset(std::move(data), std::move(source), std::move(stats));
}

// A page over the sample with a store in `dir`.
struct Fixture {
  explicit Fixture(const QTemporaryDir& dir) {
    const QString error =
        metacf::ui::testing::use_store(context, dir.filePath(QStringLiteral("runs.sqlite")));
    if (!error.isEmpty()) qFatal("store: %s", qPrintable(error));
    loadSample(context);
  }
  StudioContext context;
  RunController runs{&context};
  ExperimentPage page{&context, &runs};
};
}  // namespace

class TestExperimentPage : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QVERIFY(metacf::ui::testing::isolate_settings(settings_dir_)); }

  void numberListsParseAndReject() {
    QString error;
    const auto ks = metacf::ui::parse_number_list(QStringLiteral("1, 3-5 2"), 0, 20, &error);
    QVERIFY(ks.has_value());
    QCOMPARE(*ks, (std::vector<std::int64_t>{1, 3, 4, 5, 2}));
    QVERIFY(!metacf::ui::parse_number_list(QStringLiteral("1,x"), 0, 20, &error));
    QVERIFY(error.contains(QStringLiteral("'x'")));
    QVERIFY(!metacf::ui::parse_number_list(QStringLiteral("21"), 0, 20, &error));
    QVERIFY(!metacf::ui::parse_number_list(QStringLiteral("5-3"), 0, 20, &error));
    QVERIFY(metacf::ui::parse_number_list(QString(), 0, 20, &error)->empty());
  }

  // The tuned preset is Table 2 with tune on for the learners that offer it (not MeLU); the
  // paper preset keeps the paper's alpha and beta.
  void tunedPresetTurnsTuneOnWhereItIsOffered() {
    QTemporaryDir dir;
    Fixture f(dir);
    f.page.applyPreset(QStringLiteral("Tuned α, β (Table 2)"));
    ExperimentConfig c = f.page.config();
    QCOMPARE(c.ks, std::vector<int>{5});
    QVERIFY(contains(c.learners, "metacf_g"));
    for (const char* name : {"metacf_g", "metacf_p_linear", "metacf_p_neural"}) {
      QVERIFY2(c.learner_configs.contains(name), name);
      QCOMPARE(c.learner_configs[name].value("tune", false), true);
    }
    QVERIFY(!c.learner_configs.contains("melu") || !c.learner_configs["melu"].value("tune", false));
    QCOMPARE(f.page.validationError(), QString());
    f.page.applyPreset(QStringLiteral("Paper (Table 2)"));
    c = f.page.config();
    for (const auto& [name, settings] : c.learner_configs.items()) {
      QVERIFY2(!settings.value("tune", false), name.c_str());
    }
  }

  void presetsFillTheConfig() {
    QTemporaryDir dir;
    Fixture f(dir);
    // The paper presets run the paper's learners; the MetaCF variants, ease, metacf_ease and
    // metacf_auto are chosen one by one.
    std::vector<std::string> known;
    for (const auto& name : metacf::learner_names()) {
      if (name.find('+') == std::string::npos && name != "metacf_auto" && name != "ease" &&
          name != "metacf_ease") {
        known.push_back(name);
      }
    }
    QVERIFY(known.size() < metacf::learner_names().size());

    f.page.applyPreset(QStringLiteral("Paper (Table 2)"));
    ExperimentConfig c = f.page.config();
    QCOMPARE(c.learners, known);
    QCOMPARE(c.ks, std::vector<int>{5});
    QVERIFY(c.support_sizes.empty());
    QCOMPARE(c.baseline, std::string("pop"));
    QCOMPARE(f.page.validationError(), QString());
    QCOMPARE(f.page.runLabel(), QStringLiteral("Paper (Table 2)"));

    f.page.applyPreset(QStringLiteral("K sweep (Table 3)"));
    c = f.page.config();
    QCOMPARE(c.ks, (std::vector<int>{1, 2, 3, 4, 5}));
    QCOMPARE(c.learners, known);

    f.page.applyPreset(QStringLiteral("Support size (Fig. 2)"));
    c = f.page.config();
    QCOMPARE(c.support_sizes, (std::vector<int>{1, 2, 3, 4, 5}));
    QCOMPARE(c.ks, std::vector<int>{5});

    f.page.applyPreset(QStringLiteral("Quick look"));
    c = f.page.config();
    QCOMPARE(c.pretrain.max_epochs, 15);
    QCOMPARE(c.ks, (std::vector<int>{1, 5}));
    QVERIFY(contains(c.learners, "pop"));
    QVERIFY(contains(c.learners, "itemknn"));
    for (const auto& name : c.learners) {
      QVERIFY2(name == "pop" || name == "itemknn" || name == "metacf_p_linear" || name == "bpr",
               name.c_str());
    }
    QCOMPARE(contains(c.learners, "metacf_p_linear"), contains(known, "metacf_p_linear"));
    if (contains(known, "metacf_p_linear")) {
      QCOMPARE(c.learner_configs["metacf_p_linear"]["meta_epochs"].get<int>(), 10);
    }
    QCOMPARE(f.page.validationError(), QString());

    // The JSON view shows exactly the config the page returns.
    const auto* json = f.page.findChild<QPlainTextEdit*>(QStringLiteral("configJson"));
    QVERIFY(json);
    QVERIFY(nlohmann::json::parse(json->toPlainText().toStdString()) == nlohmann::json(c));
  }

  // The MetaCF variants fold away; a configuration that uses one unfolds them.
  void variantsFoldAwayUntilUsed() {
    QTemporaryDir dir;
    Fixture f(dir);
    f.page.applyPreset(QStringLiteral("Paper (Table 2)"));
    auto* toggle = f.page.findChild<QToolButton*>(QStringLiteral("variantsToggle"));
    auto* variant = f.page.findChild<QCheckBox*>(QStringLiteral("learner_metacf_p_linear+bias"));
    auto* base = f.page.findChild<QCheckBox*>(QStringLiteral("learner_metacf_p_linear"));
    QVERIFY(toggle && variant && base);
    QVERIFY(!toggle->isChecked());
    QVERIFY(!variant->isVisibleTo(&f.page));
    QVERIFY(base->isVisibleTo(&f.page));

    ExperimentConfig c = f.page.config();
    c.learners.push_back("metacf_p_linear+bias");
    f.page.setConfig(c);
    QVERIFY(toggle->isChecked());
    QVERIFY(variant->isVisibleTo(&f.page));
    QVERIFY(variant->isChecked());
    QVERIFY(contains(f.page.config().learners, "metacf_p_linear+bias"));
  }

  // The label names a preset only while the form is that preset; a typed label is kept.
  void editingAPresetMarksItsLabel() {
    QTemporaryDir dir;
    Fixture f(dir);
    f.page.applyPreset(QStringLiteral("Paper (Table 2)"));
    auto* ks = f.page.findChild<QLineEdit*>(QStringLiteral("ks"));
    QVERIFY(ks);
    ks->setText(QStringLiteral("1,5"));
    QCOMPARE(f.page.runLabel(), QStringLiteral("Paper (Table 2) (edited)"));
    ks->setText(QStringLiteral("5"));
    QCOMPARE(f.page.runLabel(), QStringLiteral("Paper (Table 2)"));

    auto* label = f.page.findChild<QLineEdit*>(QStringLiteral("runLabel"));
    QVERIFY(label);
    label->setText(QStringLiteral("my K study"));
    ks->setText(QStringLiteral("1,2,3"));
    QCOMPARE(f.page.runLabel(), QStringLiteral("my K study"));
  }

  void invalidFieldsAreReportedBesideTheForm() {
    QTemporaryDir dir;
    Fixture f(dir);
    f.page.applyPreset(QStringLiteral("Quick look"));
    auto* problems = f.page.findChild<QLabel*>(QStringLiteral("problems"));
    QVERIFY(problems);
    QVERIFY(problems->text().isEmpty());

    auto* ks = f.page.findChild<QLineEdit*>(QStringLiteral("ks"));
    ks->setText(QStringLiteral("1, five"));
    QVERIFY2(problems->text().contains(QStringLiteral("K values")), qPrintable(problems->text()));
    QVERIFY(!f.page.start());
    QVERIFY(!f.runs.running());
    ks->setText(QStringLiteral("1"));
    QVERIFY(problems->text().isEmpty());

    auto* min = f.page.findChild<QSpinBox*>(QStringLiteral("minSelected"));
    auto* max = f.page.findChild<QSpinBox*>(QStringLiteral("maxSelected"));
    min->setValue(6);
    max->setValue(4);
    QVERIFY2(problems->text().contains(QStringLiteral("max_selected")),
             qPrintable(problems->text()));
    max->setValue(8);
    QVERIFY(problems->text().isEmpty());

    for (auto* check : f.page.findChildren<QCheckBox*>()) {
      if (check->objectName().startsWith(QStringLiteral("learner_"))) check->setChecked(false);
    }
    QVERIFY2(problems->text().contains(QStringLiteral("at least one learner")),
             qPrintable(problems->text()));
    QVERIFY(!f.page.start());
  }

  void learnerSettingsAreStoredOnlyWhenChanged() {
    LearnerSettingsForm form;
    form.setLearner("metacf_p_linear", nlohmann::json::object());
    QVERIFY(form.overrides().empty());
    auto* alpha = form.findChild<QDoubleSpinBox*>(QStringLiteral("alpha"));
    QVERIFY(alpha);
    QSignalSpy changed(&form, &LearnerSettingsForm::overridesChanged);
    alpha->setValue(0.5);
    QCOMPARE(changed.count(), 1);
    QVERIFY(form.overrides() == (nlohmann::json{{"alpha", 0.5}}));
    alpha->setValue(0.1);  // back to the default
    QVERIFY(form.overrides().empty());

    // Overrides given in are shown; a learner the form does not know takes raw JSON.
    form.setLearner("metacf_p_neural", {{"hidden", 128}});
    QCOMPARE(form.findChild<QSpinBox*>(QStringLiteral("hidden"))->value(), 128);
    QVERIFY(form.overrides() == (nlohmann::json{{"hidden", 128}}));
    form.setLearner("bpr", nlohmann::json::object());
    auto* select = form.findChild<QCheckBox*>(QStringLiteral("select_step_size"));
    QVERIFY(select && select->isChecked());
    select->setChecked(false);
    QVERIFY(form.overrides() == (nlohmann::json{{"select_step_size", false}}));
    // ease shows its lambda at the learner's own default; metacf_auto takes raw JSON, so its
    // fold count goes through as typed.
    form.setLearner("ease", nlohmann::json::object());
    auto* lambda = form.findChild<QDoubleSpinBox*>(QStringLiteral("lambda"));
    QVERIFY(lambda);
    QCOMPARE(lambda->value(), metacf::EaseConfig().lambda);
    QVERIFY(form.overrides().empty());
    form.setLearner("metacf_auto", {{"folds", 3}});
    QVERIFY(form.overrides() == (nlohmann::json{{"folds", 3}}));
    form.setLearner("some_future_learner", {{"lr", 0.01}});
    QVERIFY(form.overrides() == (nlohmann::json{{"lr", 0.01}}));
    // Raw JSON that is not an object is reported and leaves the last good settings.
    auto* json = form.findChild<QPlainTextEdit*>();
    QVERIFY(json);
    json->setPlainText(QStringLiteral("[\"lr\", 0.01"));
    QVERIFY2(form.error().contains(QStringLiteral("not a JSON object")), qPrintable(form.error()));
    QVERIFY(form.overrides() == (nlohmann::json{{"lr", 0.01}}));
    json->setPlainText(QStringLiteral("{\"lr\": 0.02}"));
    QVERIFY(form.error().isEmpty());
  }

  void quickLookRunsToCompletion() {
    QTemporaryDir dir;
    Fixture f(dir);
    f.page.applyPreset(QStringLiteral("Quick look"));
    QSignalSpy started(&f.page, &ExperimentPage::runStarted);
    QSignalSpy finished(&f.runs, &RunController::finished);
    QVERIFY2(f.page.start(), qPrintable(f.page.statusText()));
    QCOMPARE(started.count(), 1);
    QVERIFY(!f.page.start());  // one run at a time
    QVERIFY(finished.wait(120000));
    const qint64 run_id = finished.first().value(0).toLongLong();
    QCOMPARE(finished.first().value(1).value<RunStatus>(), RunStatus::kCompleted);

    auto store = metacf::ui::testing::open_store(f.context);
    const metacf::RunRecord run = store.run(run_id);
    QCOMPARE(run.status, RunStatus::kCompleted);
    QCOMPARE(QString::fromStdString(run.label), QStringLiteral("Quick look"));
    // One HR row per learner and K at least.
    const auto config = f.page.config();
    std::set<std::pair<std::string, int>> seen;
    for (const auto& row : store.results(run_id)) seen.insert({row.learner, row.k});
    QCOMPARE(seen.size(), config.learners.size() * config.ks.size());
    QVERIFY(f.page.statusText().contains(QStringLiteral("completed")));
  }

  void cancelMidRunStoresACancelledRun() {
    QTemporaryDir dir;
    Fixture f(dir);
    f.page.applyPreset(QStringLiteral("Paper (Table 2)"));
    // Long enough pretraining that the run is surely still going when cancelled.
    f.page.findChild<QSpinBox*>(QStringLiteral("maxEpochs"))->setValue(5000);
    f.page.findChild<QSpinBox*>(QStringLiteral("patience"))->setValue(5000);
    QSignalSpy progress(&f.runs, &RunController::progress);
    QSignalSpy finished(&f.runs, &RunController::finished);
    QVERIFY2(f.page.start(), qPrintable(f.page.statusText()));
    QVERIFY(progress.wait(60000));
    f.page.cancel();
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().value(1).value<RunStatus>(), RunStatus::kCancelled);
    auto store = metacf::ui::testing::open_store(f.context);
    QCOMPARE(store.run(finished.first().value(0).toLongLong()).status, RunStatus::kCancelled);

    // The page is ready for another run.
    f.page.applyPreset(QStringLiteral("Quick look"));
    QVERIFY(f.page.start());
    f.page.cancel();
    QVERIFY(finished.wait(60000));
  }

  void startExplainsWhatIsMissing() {
    StudioContext context;
    RunController runs(&context);
    ExperimentPage page(&context, &runs);
    page.applyPreset(QStringLiteral("Quick look"));
    QVERIFY(!page.start());
    QVERIFY2(page.statusText().contains(QStringLiteral("data set")), qPrintable(page.statusText()));
    loadSample(context);
    QVERIFY(!page.start());  // no store
    QVERIFY2(page.statusText().contains(QStringLiteral("store")), qPrintable(page.statusText()));
  }

  // The run's own admission, as `metacf run` asks it: with the data loaded, a budget the run
  // would exceed is a problem beside the form and Start stays off, before anything is stored.
  void aRunOverTheMemoryBudgetIsRefusedBeforeItStarts() {
    QTemporaryDir dir;
    Fixture f(dir);
    f.page.applyPreset(QStringLiteral("Quick look"));
    QCOMPARE(f.page.validationError(), QString());
    ExperimentConfig c = f.page.config();
    c.memory_budget_mib = 1;
    f.page.setConfig(c);
    QVERIFY2(f.page.validationError().contains(QStringLiteral("memory_budget_mib")),
             qPrintable(f.page.validationError()));
    QVERIFY(!f.page.start());
    QVERIFY(metacf::ui::testing::open_store(f.context).list_runs().empty());
  }

  void theLastConfigIsRemembered() {
    QTemporaryDir dir;
    {
      Fixture f(dir);
      f.page.applyPreset(QStringLiteral("K sweep (Table 3)"));
      f.page.findChild<QSpinBox*>(QStringLiteral("dim"))->setValue(48);
    }
    Fixture again(dir);
    QCOMPARE(again.page.config().pretrain.dim, 48);
    QCOMPARE(again.page.config().ks, (std::vector<int>{1, 2, 3, 4, 5}));
  }

  // A wheel turn over the form scrolls it: it never edits a setting the user did not click.
  void theWheelChangesOnlyAFocusedEditor() {
    QTemporaryDir dir;
    Fixture f(dir);
    f.page.resize(1024, 700);
    f.page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&f.page));
    auto* spin = f.page.findChild<QDoubleSpinBox*>(QStringLiteral("l2"));
    QVERIFY(spin);
    const double before = spin->value();
    auto turn = [spin] {
      const QPointF at(spin->width() / 2.0, spin->height() / 2.0);
      QWheelEvent wheel(at, spin->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                        Qt::NoModifier, Qt::NoScrollPhase, false);
      QApplication::sendEvent(spin, &wheel);
    };
    QVERIFY(!spin->hasFocus());
    turn();
    QCOMPARE(spin->value(), before);
    spin->setFocus();
    QTRY_VERIFY(spin->hasFocus());
    turn();
    QVERIFY(spin->value() < before);
  }

 private:
  QTemporaryDir settings_dir_;
};

QTEST_MAIN(TestExperimentPage)
#include "tst_experiment_page.moc"
