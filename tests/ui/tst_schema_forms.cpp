// Forms generated from the configuration schemas: every settable field of every config struct
// has an editor with the table's range and default, and a learner registered with one line
// (the tests' own) gets a checkbox and a generated settings form.
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <limits>

#include "core/config/config_schema.h"
#include "core/experiment/experiment_config.h"
#include "core/learners/registry.h"
#include "tests/common/test_learner.h"
#include "tests/ui/studio_fixture.h"
#include "ui/forms/learner_settings_form.h"
#include "ui/forms/number_list.h"
#include "ui/forms/schema_form.h"
#include "ui/pages/experiment_page.h"
#include "ui/run_controller.h"
#include "ui/studio_context.h"

using metacf::FieldInfo;
using metacf::FieldKind;
using metacf::FieldRole;

namespace {

// The editor's bounds are the field's: equal for a closed bound, just inside an open one, the
// editor type's extreme for an unbounded side.
template <typename Spin, typename T>
void checkBounds(const Spin* spin, const FieldInfo& f, T lowest, T highest, double inside) {
  const auto& r = f.range;
  if (!r.has_lo()) {
    QCOMPARE(spin->minimum(), lowest);
  } else if (r.lo_open) {
    QVERIFY(spin->minimum() > r.lo && spin->minimum() <= r.lo + inside);
  } else {
    QCOMPARE(static_cast<double>(spin->minimum()), r.lo);
  }
  if (!r.has_hi()) {
    QCOMPARE(spin->maximum(), highest);
  } else if (r.hi_open) {
    QVERIFY(spin->maximum() < r.hi && spin->maximum() >= r.hi - inside);
  } else {
    QCOMPARE(static_cast<double>(spin->maximum()), r.hi);
  }
}

// `editor` edits `f` with its range and shows its default.
void checkEditor(const QWidget* editor, const FieldInfo& f) {
  const QByteArray what = QByteArray::fromStdString(f.key);
  QVERIFY2(editor, what.constData());
  switch (f.kind) {
    case FieldKind::kInt: {
      const auto* spin = qobject_cast<const QSpinBox*>(editor);
      QVERIFY2(spin, what.constData());
      checkBounds(spin, f, std::numeric_limits<int>::min(), std::numeric_limits<int>::max(), 1);
      QCOMPARE(spin->value(), f.default_value.get<int>());
      break;
    }
    case FieldKind::kDouble: {
      const auto* spin = qobject_cast<const QDoubleSpinBox*>(editor);
      QVERIFY2(spin, what.constData());
      checkBounds(spin, f, -std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
                  1e-9);
      QCOMPARE(spin->value(), f.default_value.get<double>());
      break;
    }
    case FieldKind::kBool: {
      const auto* check = qobject_cast<const QCheckBox*>(editor);
      QVERIFY2(check, what.constData());
      QCOMPARE(check->isChecked(), f.default_value.get<bool>());
      break;
    }
    case FieldKind::kText: {
      if (f.choices.empty()) {
        QVERIFY2(qobject_cast<const QLineEdit*>(editor)->text().toStdString() ==
                     f.default_value.get<std::string>(),
                 what.constData());
        break;
      }
      const auto* combo = qobject_cast<const QComboBox*>(editor);
      QVERIFY2(combo, what.constData());
      QCOMPARE(combo->count(), static_cast<int>(f.choices.size()));
      for (int i = 0; i < combo->count(); ++i) {
        QVERIFY2(combo->itemText(i).toStdString() == f.choices[static_cast<std::size_t>(i)],
                 what.constData());
      }
      QVERIFY2(combo->currentText().toStdString() == f.default_value.get<std::string>(),
               what.constData());
      break;
    }
    case FieldKind::kIntList: {
      const auto* edit = qobject_cast<const QLineEdit*>(editor);
      QVERIFY2(edit, what.constData());
      QString error;
      const auto values = metacf::ui::parse_number_list(
          edit->text(), 0, std::numeric_limits<std::int64_t>::max(), &error);
      QVERIFY2(values.has_value(), qPrintable(error));
      QVERIFY2(nlohmann::json(*values) == f.default_value, what.constData());
      break;
    }
    case FieldKind::kNameList: {
      const auto* edit = qobject_cast<const QLineEdit*>(editor);
      QVERIFY2(edit, what.constData());
      nlohmann::json names = nlohmann::json::array();
      for (const QString& n : edit->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        names.push_back(n.trimmed().toStdString());
      }
      QVERIFY2(names == f.default_value, what.constData());
      break;
    }
    case FieldKind::kJson: {
      const auto* edit = qobject_cast<const QPlainTextEdit*>(editor);
      QVERIFY2(edit, what.constData());
      const QString text = edit->toPlainText().trimmed();
      QVERIFY2((text.isEmpty() ? nlohmann::json::object()
                               : nlohmann::json::parse(text.toStdString())) == f.default_value,
               what.constData());
      break;
    }
    case FieldKind::kSection:
      QFAIL("sections have no editor of their own");
  }
}

}  // namespace

class TestSchemaForms : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(metacf::ui::testing::isolate_settings(settings_dir_));
    metacf::testing::register_test_learner();  // the one registration line
  }

  // Every field of the experiment, its split and its pretraining is on the page with the
  // schema's range and default; those the experiment sets (the seeds of split and pretraining,
  // replaced by each of its seeds) are the only ones without an editor.
  void everyExperimentFieldHasAnEditorWithTheSchemasRangeAndDefault() {
    metacf::ui::StudioContext context;
    metacf::ui::RunController runs(&context);
    metacf::ui::ExperimentPage page(&context, &runs);
    page.setConfig(metacf::ExperimentConfig());
    const auto* experiment = &metacf::experiment_config_schema().info();
    const std::vector<std::pair<const char*, const metacf::SchemaInfo*>> groups{
        {"splitGroup", &metacf::split_config_schema().info()},
        {"pretrainGroup", &metacf::pretrain_config_schema().info()},
        {"evaluationGroup", experiment}};
    int checked = 0;
    for (const auto& [group_name, schema] : groups) {
      const auto* group = page.findChild<QGroupBox*>(QLatin1String(group_name));
      QVERIFY2(group, group_name);
      for (const FieldInfo& f : schema->fields) {
        if (f.kind == FieldKind::kSection) continue;
        if (f.role != FieldRole::kSetting) {
          QVERIFY2(f.key == "seed", f.key.c_str());
          continue;
        }
        // The page lays these out itself: checkboxes, the reference among the chosen, and
        // each learner's settings form (checked below).
        if (f.key == "learners" || f.key == "baseline" || f.key == "learner_configs") continue;
        checkEditor(group->findChild<QWidget*>(metacf::ui::camel_case(f.key)), f);
        ++checked;
      }
    }
    QCOMPARE(checked,
             5 + 9 + 11);  // split, pretraining, the experiment's own (with its memory budget)
    // The four that could not be set before.
    for (const char* name : {"initStd", "maxValidationUsers"}) {
      QVERIFY(page.findChild<QGroupBox*>(QStringLiteral("pretrainGroup"))
                  ->findChild<QWidget*>(QLatin1String(name)));
    }
    for (const char* name : {"maxValidationUsers", "maxValidationScores"}) {
      QVERIFY(page.findChild<QGroupBox*>(QStringLiteral("evaluationGroup"))
                  ->findChild<QWidget*>(QLatin1String(name)));
    }
  }

  // Every learner's every setting has an editor with its range and default; the fields without
  // one are those the experiment or the name sets, or that the learner does not read.
  void everyLearnerSettingHasAnEditorWithTheSchemasRangeAndDefault() {
    metacf::ui::LearnerSettingsForm form;
    for (const std::string& name : metacf::learner_names()) {
      const auto learner = metacf::describe_learner(name);
      form.setLearner(name, nlohmann::json::object());
      // A generated form, never the raw JSON editor of a learner the registry does not know.
      QVERIFY2(form.findChild<QPlainTextEdit*>(QStringLiteral("rawJson"))->isHidden(),
               name.c_str());
      QVERIFY(learner.settings);
      for (const FieldInfo& f : learner.settings->fields) {
        const bool unread =
            std::find(learner.unread_settings.begin(), learner.unread_settings.end(), f.key) !=
            learner.unread_settings.end();
        auto* editor = form.findChild<QWidget*>(QString::fromStdString(f.key));
        if (f.role != FieldRole::kSetting || unread) {
          QVERIFY2(!editor, (name + " " + f.key).c_str());
          continue;
        }
        checkEditor(editor, f);
      }
      QVERIFY2(form.overrides().empty(), (name + ": " + form.overrides().dump()).c_str());
    }
  }

  void aRegisteredLearnerGetsACheckboxAndAGeneratedForm() {
    metacf::ui::StudioContext context;
    metacf::ui::RunController runs(&context);
    metacf::ui::ExperimentPage page(&context, &runs);
    QVERIFY(page.findChild<QCheckBox*>(QStringLiteral("learner_test_weighted")));

    metacf::ui::LearnerSettingsForm form;
    form.setLearner("test_weighted", {{"window", 7}});
    QVERIFY(form.findChild<QPlainTextEdit*>(QStringLiteral("rawJson"))->isHidden());
    form.setLearner("not_registered", nlohmann::json::object());
    QVERIFY(!form.findChild<QPlainTextEdit*>(QStringLiteral("rawJson"))->isHidden());
    form.setLearner("test_weighted", {{"window", 7}});
    auto* weight = form.findChild<QDoubleSpinBox*>(QStringLiteral("weight"));
    QVERIFY(weight);
    QCOMPARE(weight->maximum(), 2.0);
    QCOMPARE(weight->value(), 0.5);
    QCOMPARE(form.findChild<QSpinBox*>(QStringLiteral("window"))->value(), 7);
    QCOMPARE(form.findChild<QComboBox*>(QStringLiteral("mode"))->count(), 2);
    weight->setValue(1.25);
    QVERIFY(form.overrides() == (nlohmann::json{{"weight", 1.25}, {"window", 7}}));
  }

 private:
  QTemporaryDir settings_dir_;
};

QTEST_MAIN(TestSchemaForms)
#include "tst_schema_forms.moc"
