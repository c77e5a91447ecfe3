// The Data page's widgets: where the data comes from and how the load goes above, the first
// records, the statistics and the histograms below.
#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/forms/item_embeddings_picker.h"
#include "ui/forms/load_options_form.h"
#include "ui/pages/data_page.h"
#include "ui/pages/dataset_load_job.h"
#include "ui/widgets/count_histogram_view.h"
#include "ui/widgets/dataset_preview_model.h"
#include "ui/widgets/dataset_stats_view.h"

namespace metacf::ui {

void DataPage::buildPage() {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(12, 12, 12, 12);
  layout->setSpacing(8);
  layout->addWidget(buildSourceBox());
  layout->addWidget(buildRecordPanels(), 1);
}

// ---------------------------------------------------------------- where the data comes from

QGroupBox* DataPage::buildSourceBox() {
  auto* source_box = new QGroupBox(tr("Data set"), this);
  auto* source_layout = new QVBoxLayout(source_box);
  source_layout->addLayout(buildSourceRow(source_box));

  options_ = new LoadOptionsForm(source_box);
  options_->setOptions(LoadOptionsForm::remembered());
  source_layout->addWidget(options_);
  embeddings_ = new ItemEmbeddingsPicker(context_, source_box);
  source_layout->addWidget(embeddings_);

  source_layout->addLayout(buildProgressRow(source_box));
  addLoadMessages(source_box, source_layout);
  return source_box;
}

QHBoxLayout* DataPage::buildSourceRow(QGroupBox* source_box) {
  auto* buttons = new QHBoxLayout;
  open_ = new QPushButton(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("Open data set…"),
                          source_box);
  open_->setToolTip(
      tr("Open a ratings file: MovieLens u.data or ratings.dat, a ratings CSV or a "
         "RecBole .inter file (Ctrl+O)"));
  titles_button_ = new QPushButton(tr("Titles…"), source_box);
  titles_button_->setToolTip(
      tr("Add item titles from MovieLens u.item, movies.dat or movies.csv (optional)"));
  clear_titles_ = new QPushButton(tr("No titles"), source_box);
  clear_titles_->setToolTip(tr("Reload the data set without titles"));
  source_ = new QLabel(tr("No data set loaded"), source_box);
  source_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  source_->setWordWrap(true);
  buttons->addWidget(open_);
  buttons->addWidget(titles_button_);
  buttons->addWidget(clear_titles_);
  // A long path wraps inside the box rather than widening the window.
  source_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  read_as_ = new QLabel(source_box);
  read_as_->setToolTip(tr("The format the file was read as"));
  buttons->addSpacing(12);
  buttons->addWidget(source_, 1);
  buttons->addWidget(read_as_);
  return buttons;
}

QHBoxLayout* DataPage::buildProgressRow(QGroupBox* source_box) {
  auto* progress_row = new QHBoxLayout;
  progress_ = new QProgressBar(source_box);
  progress_->setRange(0, 1000);
  progress_->setTextVisible(true);
  progress_->setFormat(tr("Loading… %p%"));
  cancel_ = new QPushButton(style()->standardIcon(QStyle::SP_DialogCancelButton), tr("Cancel"),
                            source_box);
  cancel_->setToolTip(tr("Stop loading; the data set loaded before stays"));
  progress_row->addWidget(progress_, 1);
  progress_row->addWidget(cancel_);
  return progress_row;
}

void DataPage::addLoadMessages(QGroupBox* source_box, QVBoxLayout* source_layout) {
  message_ = new QLabel(source_box);
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  message_->setObjectName(QStringLiteral("loadMessage"));
  // Wraps to the page's width whatever the text; its height is bounded by the text's length.
  message_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  message_->hide();
  source_layout->addWidget(message_);
  warnings_ = new QPlainTextEdit(source_box);
  warnings_->setReadOnly(true);
  warnings_->setMaximumHeight(90);
  warnings_->setToolTip(tr("The first lines skipped in lenient mode and why"));
  warnings_->hide();
  source_layout->addWidget(warnings_);
}

// ---------------------------------------------------------------- what was loaded

// Preview and statistics side by side, histograms below.
QSplitter* DataPage::buildRecordPanels() {
  auto* vertical = new QSplitter(Qt::Vertical, this);
  vertical->setChildrenCollapsible(false);
  auto* top = new QSplitter(Qt::Horizontal, vertical);
  auto* preview_box = buildPreviewBox(top);
  auto* stats_box = buildStatsBox(top);
  top->addWidget(preview_box);
  top->addWidget(stats_box);
  top->setStretchFactor(0, 5);
  top->setStretchFactor(1, 3);

  auto* charts_box = buildChartsBox(vertical);
  vertical->addWidget(top);
  vertical->addWidget(charts_box);
  vertical->setStretchFactor(0, 1);
  vertical->setStretchFactor(1, 1);
  return vertical;
}

QGroupBox* DataPage::buildPreviewBox(QWidget* parent) {
  preview_box_ = new QGroupBox(tr("First %1 records").arg(kPreviewRows), parent);
  auto* preview_layout = new QVBoxLayout(preview_box_);
  preview_ = new DatasetPreviewModel(kPreviewRows, this);
  table_ = new QTableView(preview_box_);
  table_->setModel(preview_);
  table_->setAlternatingRowColors(true);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->setDefaultSectionSize(22);
  // Ids, ratings and timestamps are short: each is as wide as what it shows, and the title takes
  // the rest of the width (fixed widths left a 9.7k-item set's titles about 12 characters).
  for (int column : {DatasetPreviewModel::kUser, DatasetPreviewModel::kItem,
                     DatasetPreviewModel::kRating, DatasetPreviewModel::kTimestamp}) {
    table_->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
  }
  preview_layout->addWidget(table_);
  return preview_box_;
}

QGroupBox* DataPage::buildStatsBox(QWidget* parent) {
  auto* stats_box = new QGroupBox(tr("Statistics"), parent);
  auto* stats_layout = new QVBoxLayout(stats_box);
  stats_ = new DatasetStatsView(stats_box);
  // The statistics scroll on a small window rather than setting its height.
  auto* stats_area = new QScrollArea(stats_box);
  stats_area->setWidget(stats_);
  stats_area->setWidgetResizable(true);
  stats_area->setFrameShape(QFrame::NoFrame);
  stats_layout->addWidget(stats_area);
  return stats_box;
}

QGroupBox* DataPage::buildChartsBox(QWidget* parent) {
  auto* charts_box = new QGroupBox(tr("How records spread"), parent);
  auto* charts_layout = new QVBoxLayout(charts_box);
  auto* charts = new QHBoxLayout;
  per_user_ = new CountHistogramView(tr("Records per user"), tr("records"), charts_box);
  per_item_ = new CountHistogramView(tr("Records per item"), tr("records"), charts_box);
  // Two histograms side by side stay readable at this height; the splitter gives them more.
  per_user_->setMinimumHeight(150);
  per_item_->setMinimumHeight(150);
  charts->addWidget(per_user_);
  charts->addWidget(per_item_);
  log_scale_ = new QCheckBox(tr("Log scale"), charts_box);
  log_scale_->setToolTip(
      tr("Geometric bins and logarithmic axes: shows the long tail of heavy users and popular "
         "items"));
  charts_layout->addLayout(charts, 1);
  charts_layout->addWidget(log_scale_);
  return charts_box;
}

}  // namespace metacf::ui
