#include "ui/forms/load_options_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QSignalBlocker>
#include <algorithm>
#include <utility>

namespace metacf::ui {
namespace {
// How the user last chose to read files: kept across Opens and sessions.
const char* const kFormatKey = "data/format";
const char* const kDelimiterKey = "data/delimiter";
const char* const kColumnOrderKey = "data/columnOrder";
}  // namespace

LoadOptionsForm::LoadOptionsForm(QWidget* parent) : QWidget(parent) {
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);

  format_ = new QComboBox(this);
  for (DataFormat f : {DataFormat::kAuto, DataFormat::kMl100k, DataFormat::kMl1m, DataFormat::kCsv,
                       DataFormat::kInter}) {
    format_->addItem(QString::fromStdString(format_name(f)), static_cast<int>(f));
  }
  format_->setToolTip(
      tr("auto: tell the format from the file's content. Or force one: ml100k (u.data, tabs), "
         "ml1m (ratings.dat, '::'), csv (commas, or semicolons when the file has them; optional "
         "header), inter (RecBole .inter)"));

  format_->setObjectName(QStringLiteral("formatCombo"));

  delimiter_ = new QComboBox(this);
  delimiter_->setObjectName(QStringLiteral("delimiterCombo"));
  const std::pair<Delimiter, QString> delimiters[] = {
      {Delimiter::kAuto, tr("auto")},        {Delimiter::kTab, tr("tab")},
      {Delimiter::kComma, tr("comma ,")},    {Delimiter::kSemicolon, tr("semicolon ;")},
      {Delimiter::kDoubleColon, tr("'::'")}, {Delimiter::kWhitespace, tr("whitespace")}};
  for (const auto& [delimiter, text] : delimiters) {
    delimiter_->addItem(text, static_cast<int>(delimiter));
  }
  delimiter_->setToolTip(
      tr("What separates the fields. auto: the format's own (tabs for ml100k, '::' for ml1m, "
         "commas for csv, or semicolons when the file has them). A named one replaces it; with "
         "format auto the file is read as csv "
         "(user, item, rating[, timestamp], optional header)"));

  column_order_ = new QComboBox(this);
  column_order_->setObjectName(QStringLiteral("columnOrderCombo"));
  column_order_->addItem(tr("user, item"), static_cast<int>(ColumnOrder::kUserItem));
  column_order_->addItem(tr("item, user"), static_cast<int>(ColumnOrder::kItemUser));
  column_order_->setToolTip(
      tr("Which of the first two CSV columns is the user. Amazon's 2014 ratings files are "
         "user,item; its 2018 files are item,user (the content cannot tell them apart)"));

  lenient_ = new QCheckBox(tr("Lenient"), this);
  lenient_->setToolTip(tr("Skip bad lines and count them instead of stopping at the first one"));

  use_threshold_ = new QCheckBox(tr("Rating threshold"), this);
  use_threshold_->setToolTip(
      tr("Keep only records rated at least this much. Off: every record is a positive, as in "
         "the paper"));
  threshold_ = new QDoubleSpinBox(this);
  threshold_->setRange(-1e6, 1e6);
  threshold_->setDecimals(1);
  threshold_->setValue(4.0);
  threshold_->setEnabled(false);
  threshold_->setToolTip(use_threshold_->toolTip());

  row->addWidget(new QLabel(tr("Format:"), this));
  row->addWidget(format_);
  row->addSpacing(8);
  row->addWidget(new QLabel(tr("Delimiter:"), this));
  row->addWidget(delimiter_);
  row->addSpacing(8);
  row->addWidget(new QLabel(tr("Columns:"), this));
  row->addWidget(column_order_);
  row->addSpacing(8);
  row->addWidget(lenient_);
  row->addSpacing(8);
  row->addWidget(use_threshold_);
  row->addWidget(threshold_);
  row->addStretch(1);

  auto notify = [this] { emit changed(); };
  connect(format_, &QComboBox::activated, this, notify);
  connect(delimiter_, &QComboBox::activated, this, notify);
  connect(column_order_, &QComboBox::activated, this, notify);
  connect(lenient_, &QCheckBox::toggled, this, notify);
  connect(use_threshold_, &QCheckBox::toggled, this, [this, notify](bool on) {
    threshold_->setEnabled(on);
    notify();
  });
  // Reload once the value is entered, not on every keystroke.
  connect(threshold_, &QDoubleSpinBox::editingFinished, this, [this, notify] {
    if (use_threshold_->isChecked()) notify();
  });
}

LoadOptions LoadOptionsForm::options() const {
  LoadOptions o;
  o.format = static_cast<DataFormat>(format_->currentData().toInt());
  o.delimiter = static_cast<Delimiter>(delimiter_->currentData().toInt());
  o.column_order = static_cast<ColumnOrder>(column_order_->currentData().toInt());
  o.lenient = lenient_->isChecked();
  if (use_threshold_->isChecked()) o.rating_threshold = threshold_->value();
  return o;
}

void LoadOptionsForm::setOptions(const LoadOptions& o) {
  const QSignalBlocker b1(format_), b2(column_order_), b3(lenient_), b4(use_threshold_),
      b5(threshold_), b6(delimiter_);
  format_->setCurrentIndex(format_->findData(static_cast<int>(o.format)));
  delimiter_->setCurrentIndex(delimiter_->findData(static_cast<int>(o.delimiter)));
  column_order_->setCurrentIndex(column_order_->findData(static_cast<int>(o.column_order)));
  lenient_->setChecked(o.lenient);
  use_threshold_->setChecked(o.rating_threshold.has_value());
  threshold_->setEnabled(o.rating_threshold.has_value());
  if (o.rating_threshold) threshold_->setValue(*o.rating_threshold);
}

LoadOptions LoadOptionsForm::remembered() {
  const QSettings settings;
  LoadOptions o;
  o.format = static_cast<DataFormat>(
      std::clamp(settings.value(kFormatKey, 0).toInt(), 0, static_cast<int>(DataFormat::kInter)));
  o.delimiter = static_cast<Delimiter>(std::clamp(settings.value(kDelimiterKey, 0).toInt(), 0,
                                                  static_cast<int>(Delimiter::kWhitespace)));
  o.column_order = settings.value(kColumnOrderKey, 0).toInt() == 1 ? ColumnOrder::kItemUser
                                                                   : ColumnOrder::kUserItem;
  return o;
}

void LoadOptionsForm::remember(const LoadOptions& o) {
  QSettings settings;
  settings.setValue(kFormatKey, static_cast<int>(o.format));
  settings.setValue(kDelimiterKey, static_cast<int>(o.delimiter));
  settings.setValue(kColumnOrderKey, static_cast<int>(o.column_order));
}

}  // namespace metacf::ui
