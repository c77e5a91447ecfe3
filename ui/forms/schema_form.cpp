#include "ui/forms/schema_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/util/json_limits.h"
#include "core/util/json_text.h"
#include "ui/forms/number_list.h"
#include "ui/forms/wheel_guard.h"

namespace metacf::ui {
namespace {

// Doubles in the shortest form (0.005, 1e-06, 20000000) rather than fixed decimals, so ranges
// from 1e-12 to 1e300 fit one editor and a typed value is kept as typed.
class NumberSpinBox : public QDoubleSpinBox {
 public:
  explicit NumberSpinBox(QWidget* parent) : QDoubleSpinBox(parent) { setDecimals(kDecimals); }
  static constexpr int kDecimals = 12;

  QString textFromValue(double value) const override { return QString::number(value, 'g', 12); }
  double valueFromText(const QString& text) const override { return text.toDouble(); }
  QValidator::State validate(QString& text, int& /*pos*/) const override {
    bool ok = false;
    const double v = text.toDouble(&ok);
    return ok && v >= minimum() && v <= maximum() ? QValidator::Acceptable
                                                  : QValidator::Intermediate;
  }
};

constexpr double kOpenStep = 1e-12;  // how far inside an open bound the editor stops

std::int64_t list_bound(double v, std::int64_t fallback) {
  if (!std::isfinite(v)) return fallback;
  return static_cast<std::int64_t>(v);
}

QString list_text(const nlohmann::json& value) {
  std::vector<std::int64_t> numbers;
  if (value.is_array()) {
    for (const auto& v : value) numbers.push_back(v.is_number() ? v.get<std::int64_t>() : 0);
  }
  return format_number_list(numbers);
}

QString names_text(const nlohmann::json& value) {
  QStringList names;
  if (value.is_array()) {
    for (const auto& v : value) {
      if (v.is_string()) names << QString::fromStdString(v.get<std::string>());
    }
  }
  return names.join(QStringLiteral(", "));
}

// A slot for each editor's own change signal: the form says it changed.
auto relay_changed(SchemaForm* form) {
  return [form] { emit form->changed(); };
}

}  // namespace

QString camel_case(const std::string& key) {
  QString out;
  bool upper = false;
  for (const char c : key) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? QChar(c).toUpper() : QChar(c);
    upper = false;
  }
  return out;
}

SchemaForm::SchemaForm(std::vector<FieldInfo> fields, Naming naming, QWidget* parent)
    : QWidget(parent) {
  form_ = new QFormLayout(this);
  form_->setContentsMargins(0, 0, 0, 0);
  form_->setLabelAlignment(Qt::AlignRight);
  for (FieldInfo& f : fields) {
    if (f.kind == FieldKind::kSection) continue;
    QWidget* editor = makeEditor(f);
    editor->setObjectName(naming == Naming::kKey ? QString::fromStdString(f.key)
                                                 : camel_case(f.key));
    editor->setToolTip(QString::fromStdString(f.doc));
    form_->addRow(QString::fromStdString(f.label) + QLatin1Char(':'), editor);
    editors_.push_back(editor);
    last_json_.push_back(f.default_value);
    fields_.push_back(std::move(f));
  }
  setValues(nlohmann::json::object());
}

QWidget* SchemaForm::makeEditor(const FieldInfo& f) {
  switch (f.kind) {
    case FieldKind::kInt:
      return makeIntEditor(f.range);
    case FieldKind::kDouble:
      return makeDoubleEditor(f);
    case FieldKind::kBool:
      return makeBoolEditor();
    case FieldKind::kText:
      return makeTextEditor(f);
    case FieldKind::kIntList:
    case FieldKind::kNameList:
      return makeListEditor(f);
    case FieldKind::kJson:
      return makeJsonEditor();
    case FieldKind::kSection:
      break;
  }
  return nullptr;
}

QWidget* SchemaForm::makeIntEditor(const FieldRange& r) {
  auto* spin = new QSpinBox(this);
  constexpr double kIntMin = std::numeric_limits<int>::min();
  constexpr double kIntMax = std::numeric_limits<int>::max();
  spin->setRange(static_cast<int>(std::max(kIntMin, r.lo + (r.lo_open ? 1 : 0))),
                 static_cast<int>(std::min(kIntMax, r.hi - (r.hi_open ? 1 : 0))));
  spin->setGroupSeparatorShown(spin->maximum() >= 100000);
  connect(spin, &QSpinBox::valueChanged, this, relay_changed(this));
  ignore_wheel_unless_focused(spin);
  return spin;
}

QWidget* SchemaForm::makeDoubleEditor(const FieldInfo& f) {
  const FieldRange& r = f.range;
  auto* spin = new NumberSpinBox(this);
  constexpr double kMax = std::numeric_limits<double>::max();
  spin->setRange(r.has_lo() ? r.lo + (r.lo_open ? kOpenStep : 0) : -kMax,
                 r.has_hi() ? r.hi - (r.hi_open ? kOpenStep : 0) : kMax);
  const double d = f.default_value.is_number() ? std::abs(f.default_value.get<double>()) : 0;
  spin->setSingleStep(d > 0 ? d / 10 : 0.1);
  connect(spin, &QDoubleSpinBox::valueChanged, this, relay_changed(this));
  ignore_wheel_unless_focused(spin);
  return spin;
}

QWidget* SchemaForm::makeBoolEditor() {
  auto* check = new QCheckBox(this);
  connect(check, &QCheckBox::toggled, this, relay_changed(this));
  return check;
}

QWidget* SchemaForm::makeTextEditor(const FieldInfo& f) {
  if (!f.choices.empty()) {
    auto* combo = new QComboBox(this);
    for (const auto& c : f.choices) combo->addItem(QString::fromStdString(c));
    connect(combo, &QComboBox::currentIndexChanged, this, relay_changed(this));
    ignore_wheel_unless_focused(combo);
    return combo;
  }
  auto* edit = new QLineEdit(this);
  connect(edit, &QLineEdit::textChanged, this, relay_changed(this));
  return edit;
}

QWidget* SchemaForm::makeListEditor(const FieldInfo& f) {
  auto* edit = new QLineEdit(this);
  edit->setPlaceholderText(f.kind == FieldKind::kIntList ? tr("e.g. 1, 2-4")
                                                         : tr("names, comma-separated"));
  if (f.kind == FieldKind::kIntList) {
    // Marked first, so that whoever hears `changed` finds the editor's problem shown.
    const std::size_t index = editors_.size();
    connect(edit, &QLineEdit::textChanged, this, [this, index] { markProblem(index); });
  }
  connect(edit, &QLineEdit::textChanged, this, relay_changed(this));
  return edit;
}

QWidget* SchemaForm::makeJsonEditor() {
  auto* edit = new QPlainTextEdit(this);
  edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  edit->setMaximumHeight(90);
  connect(edit, &QPlainTextEdit::textChanged, this, relay_changed(this));
  return edit;
}

QWidget* SchemaForm::editor(const std::string& key) const {
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].key == key) return editors_[i];
  }
  return nullptr;
}

void SchemaForm::setValues(const nlohmann::json& values) {
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    const auto& key = fields_[i].key;
    const bool given = values.is_object() && values.contains(key);
    {
      const QSignalBlocker block(editors_[i]);
      show(i, given ? values.at(key) : fields_[i].default_value);
    }
    markProblem(i);
  }
}

QString SchemaForm::listProblem(std::size_t i) const {
  const FieldInfo& f = fields_[i];
  auto* edit = qobject_cast<QLineEdit*>(editors_[i]);
  if (edit == nullptr || f.kind != FieldKind::kIntList) return {};
  QString error;
  if (parse_number_list(edit->text(), list_bound(f.range.lo, 0),
                        list_bound(f.range.hi, std::numeric_limits<std::int64_t>::max()), &error,
                        f.distinct)) {
    return {};
  }
  return error;
}

// A list that cannot be read is framed in red, and its tooltip says why, where it is typed.
void SchemaForm::markProblem(std::size_t i) {
  if (fields_[i].kind != FieldKind::kIntList) return;
  QWidget* e = editors_[i];
  const QString problem = listProblem(i);
  if (e->property("problem").toString() == problem) return;
  e->setProperty("problem", problem);
  const QString doc = QString::fromStdString(fields_[i].doc);
  e->setToolTip(problem.isEmpty() ? doc : problem + QLatin1Char('\n') + doc);
  e->setStyleSheet(problem.isEmpty() ? QString()
                                     : QStringLiteral("QLineEdit { border: 1px solid #b00020; }"));
}

void SchemaForm::show(std::size_t i, const nlohmann::json& value) {
  const FieldInfo& f = fields_[i];
  const nlohmann::json& v = value.is_null() ? f.default_value : value;
  QWidget* e = editors_[i];
  if (auto* spin = qobject_cast<QSpinBox*>(e)) {
    spin->setValue(v.is_number() ? static_cast<int>(v.get<double>()) : 0);
  } else if (auto* dspin = qobject_cast<QDoubleSpinBox*>(e)) {
    dspin->setValue(v.is_number() ? v.get<double>() : 0.0);
  } else if (auto* check = qobject_cast<QCheckBox*>(e)) {
    check->setChecked(v.is_boolean() && v.get<bool>());
  } else if (auto* combo = qobject_cast<QComboBox*>(e)) {
    const int index =
        combo->findText(QString::fromStdString(v.is_string() ? v.get<std::string>() : ""));
    combo->setCurrentIndex(std::max(0, index));
  } else if (auto* edit = qobject_cast<QLineEdit*>(e)) {
    if (f.kind == FieldKind::kIntList) {
      edit->setText(list_text(v));
    } else if (f.kind == FieldKind::kNameList) {
      edit->setText(names_text(v));
    } else {
      edit->setText(QString::fromStdString(v.is_string() ? v.get<std::string>() : ""));
    }
  } else if (auto* text = qobject_cast<QPlainTextEdit*>(e)) {
    last_json_[i] = v;
    text->setPlainText(v.empty() ? QString() : QString::fromStdString(json_text(v, 2)));
  }
}

nlohmann::json SchemaForm::valueOf(std::size_t i) const {
  const FieldInfo& f = fields_[i];
  QWidget* e = editors_[i];
  if (auto* spin = qobject_cast<QSpinBox*>(e)) return spin->value();
  if (auto* dspin = qobject_cast<QDoubleSpinBox*>(e)) return dspin->value();
  if (auto* check = qobject_cast<QCheckBox*>(e)) return check->isChecked();
  if (auto* combo = qobject_cast<QComboBox*>(e)) return combo->currentText().toStdString();
  if (auto* edit = qobject_cast<QLineEdit*>(e)) {
    if (f.kind == FieldKind::kIntList) {
      QString ignored;
      const auto numbers = parse_number_list(
          edit->text(), list_bound(f.range.lo, 0),
          list_bound(f.range.hi, std::numeric_limits<std::int64_t>::max()), &ignored, f.distinct);
      nlohmann::json out = nlohmann::json::array();
      if (numbers) {
        for (auto n : *numbers) out.push_back(n);
      }
      return out;
    }
    if (f.kind == FieldKind::kNameList) {
      nlohmann::json out = nlohmann::json::array();
      for (const QString& name : edit->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!name.trimmed().isEmpty()) out.push_back(name.trimmed().toStdString());
      }
      return out;
    }
    return edit->text().toStdString();
  }
  if (auto* text = qobject_cast<QPlainTextEdit*>(e)) {
    const std::string typed = text->toPlainText().trimmed().toStdString();
    if (typed.empty()) return nlohmann::json::object();
    const auto parsed = parse_bounded_json_or_discarded(typed);
    return parsed.is_object() ? parsed : last_json_[i];
  }
  return nullptr;
}

nlohmann::json SchemaForm::values() const {
  nlohmann::json out = nlohmann::json::object();
  for (std::size_t i = 0; i < fields_.size(); ++i) out[fields_[i].key] = valueOf(i);
  return out;
}

nlohmann::json SchemaForm::changedValues() const { return without_defaults(fields_, values()); }

QStringList SchemaForm::problems() const {
  QStringList out;
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    const FieldInfo& f = fields_[i];
    const QString label = QString::fromStdString(f.label);
    if (f.kind == FieldKind::kIntList) {
      if (const QString error = listProblem(i); !error.isEmpty()) {
        out << tr("%1: %2").arg(label, error);
      }
    } else if (auto* text = qobject_cast<QPlainTextEdit*>(editors_[i])) {
      const std::string typed = text->toPlainText().trimmed().toStdString();
      if (!typed.empty() && !parse_bounded_json_or_discarded(typed).is_object()) {
        out << tr("%1: not a JSON object").arg(label);
      }
    }
  }
  return out;
}

nlohmann::json without_defaults(const std::vector<FieldInfo>& fields,
                                const nlohmann::json& values) {
  nlohmann::json out = values.is_object() ? values : nlohmann::json::object();
  for (const FieldInfo& f : fields) {
    auto it = out.find(f.key);
    if (it == out.end()) continue;
    bool same = *it == f.default_value;
    if (!same && it->is_number() && f.default_value.is_number()) {
      // Editors round to their precision: 0.1 typed is 0.1 stored, but be tolerant.
      const double a = it->get<double>(), b = f.default_value.get<double>();
      same = std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
    }
    if (same) out.erase(it);
  }
  return out;
}

}  // namespace metacf::ui
