#include "ui/simulator/step_list_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/simulator/ranked_list_model.h"

namespace metacf::ui {

StepListPanel::StepListPanel(const QString& title, QWidget* parent) : QGroupBox(title, parent) {
  model_ = new RankedListModel(this);
  view_ = new QTableView(this);
  view_->setModel(model_);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view_->verticalHeader()->hide();
  view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 6);
  view_->setAlternatingRowColors(true);
  view_->setWordWrap(false);
  auto* header = view_->horizontalHeader();
  header->setSectionResizeMode(QHeaderView::ResizeToContents);
  header->setSectionResizeMode(RankedListModel::kTitle, QHeaderView::Stretch);

  note_ = new QLabel(this);
  note_->setTextFormat(Qt::PlainText);
  QFont small = note_->font();
  small.setPointSizeF(small.pointSizeF() * 0.9);
  note_->setFont(small);
  // The timing line is cut at the panel's edge rather than widening the lists; see its tooltip.
  note_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  hits_ = new QLabel(this);
  hits_->setToolTip(
      tr("The replayed test user's query items in this list, of all her query "
         "items"));
  hits_->setStyleSheet(QStringLiteral("QLabel { color: #2e8b3d; font-weight: bold; }"));
  hits_->hide();

  auto* top = new QHBoxLayout;
  top->addWidget(note_, 1);
  top->addWidget(hits_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addLayout(top);
  layout->addWidget(view_, 1);
}

void StepListPanel::setHits(int hits, int query_size) {
  hits_->setVisible(query_size > 0);
  hits_->setText(tr("hits: %1/%2").arg(hits).arg(query_size));
}

void StepListPanel::setNote(const QString& text) {
  note_->setText(text);
  note_->setToolTip(text);
}

QString StepListPanel::hitsText() const { return hits_->isHidden() ? QString() : hits_->text(); }

}  // namespace metacf::ui
