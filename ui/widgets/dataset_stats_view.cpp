#include "ui/widgets/dataset_stats_view.h"

#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace metacf::ui {
namespace {

QLabel* valueLabel(QWidget* parent) {
  auto* label = new QLabel(QStringLiteral("–"), parent);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  return label;
}

QString count(std::int64_t n) { return QLocale().toString(static_cast<qlonglong>(n)); }

QString number(double x) { return QLocale().toString(x, 'f', x == static_cast<qint64>(x) ? 0 : 1); }

}  // namespace

DatasetStatsView::DatasetStatsView(QWidget* parent) : QWidget(parent) {
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  auto* form = new QFormLayout;
  form->setLabelAlignment(Qt::AlignRight);
  auto add = [&](const char* object_name, const QString& name, const QString& tip) {
    QLabel* value = valueLabel(this);
    value->setObjectName(QLatin1String(object_name));
    value->setToolTip(tip);
    form->addRow(name, value);
    return value;
  };
  format_ = add("format", tr("Format:"),
                tr("How the file was read: detected from its content or chosen"));
  users_ = add("users", tr("Users:"), tr("Distinct user ids with at least one record"));
  items_ = add("items", tr("Items:"), tr("Distinct item ids with at least one record"));
  records_ = add("records", tr("Records:"), tr("Distinct user-item pairs; each is one positive"));
  density_ = add("density", tr("Density:"), tr("Records / (users x items)"));
  duplicates_ = add("duplicates", tr("Duplicates merged:"),
                    tr("Repeated user-item pairs, counted once as a single positive"));
  skipped_ = add("skipped", tr("Skipped:"),
                 tr("Lines skipped in lenient mode plus records below the rating threshold"));
  titled_ = add("titled", tr("Items with a title:"), tr("Items that the titles file names"));
  outer->addLayout(form);

  auto* grid = new QGridLayout;
  grid->setHorizontalSpacing(16);
  const QStringList columns{tr("min"), tr("median"), tr("mean"), tr("max")};
  for (int c = 0; c < 4; ++c) {
    auto* head = new QLabel(QStringLiteral("<b>%1</b>").arg(columns[c]), this);
    head->setAlignment(Qt::AlignRight);
    grid->addWidget(head, 0, c + 1);
  }
  const QStringList rows{tr("Records per user"), tr("Records per item")};
  for (int r = 0; r < 2; ++r) {
    grid->addWidget(new QLabel(rows[r], this), r + 1, 0);
    for (int c = 0; c < 4; ++c) {
      spread_[r][c] = valueLabel(this);
      spread_[r][c]->setAlignment(Qt::AlignRight);
      grid->addWidget(spread_[r][c], r + 1, c + 1);
    }
  }
  grid->setColumnStretch(5, 1);
  outer->addSpacing(6);
  outer->addLayout(grid);
  outer->addStretch(1);
}

void DatasetStatsView::setStats(const DatasetStats& s) {
  format_->setText(QString::fromStdString(s.format));
  users_->setText(count(s.users));
  items_->setText(count(s.items));
  records_->setText(count(s.records));
  density_->setText(QStringLiteral("%1 %").arg(QLocale().toString(100.0 * s.density, 'f', 3)));
  duplicates_->setText(count(s.duplicates));
  skipped_->setText(
      s.below_threshold > 0
          ? tr("%1 (%2 below the threshold)").arg(count(s.skipped), count(s.below_threshold))
          : count(s.skipped));
  titled_->setText(count(s.titled_items));
  const CountSummary* spreads[2] = {&s.per_user, &s.per_item};
  for (int r = 0; r < 2; ++r) {
    spread_[r][0]->setText(count(spreads[r]->min));
    spread_[r][1]->setText(number(spreads[r]->median));
    spread_[r][2]->setText(QLocale().toString(spreads[r]->mean, 'f', 1));
    spread_[r][3]->setText(count(spreads[r]->max));
  }
}

void DatasetStatsView::clear() {
  for (QLabel* label : findChildren<QLabel*>()) {
    if (!label->objectName().isEmpty()) label->setText(QStringLiteral("–"));
  }
  for (auto& row : spread_) {
    for (QLabel* label : row) label->setText(QStringLiteral("–"));
  }
}

}  // namespace metacf::ui
