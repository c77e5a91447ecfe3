#pragma once
// The walk the small-window tests make over a page: no visible widget reaching outside the
// window or its parent, and no learner name cut short without a tooltip that gives it whole.
// Shared by tst_small_window (every page) and tst_experiment_page_small (the Experiment page).
// Charts get a walk of their own: no text of theirs cut short, no title under a corner button,
// no legend outside where the view shows it.
#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QLabel>
#include <QStringList>
#include <QStyle>
#include <QStyleOptionComboBox>
#include <QToolButton>
#include <QWidget>
#include <algorithm>

#include "core/learners/registry.h"
#include "ui/charts/chart_legend.h"

namespace metacf::ui::testing {

// A scroll area's content may lie outside it (scrolled away): the area itself is what must fit.
inline bool insideScrolledContent(const QWidget* w, const QWidget* top) {
  for (const QWidget* p = w->parentWidget(); p && p != top; p = p->parentWidget()) {
    if (auto* area = qobject_cast<const QAbstractScrollArea*>(p->parentWidget())) {
      if (area->viewport() == p) return true;
    }
  }
  return false;
}

inline QString describe(const QWidget* w) {
  QString text;
  if (auto* label = qobject_cast<const QLabel*>(w)) text = label->text().left(40);
  if (auto* combo = qobject_cast<const QComboBox*>(w)) text = combo->currentText();
  if (auto* button = qobject_cast<const QAbstractButton*>(w)) text = button->text();
  return QStringLiteral("%1 '%2' \"%3\"")
      .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName(), text);
}

// Widgets of `page` that reach outside the window or outside their parent.
inline QStringList widgetsOutside(const QWidget* page, const QWidget* window) {
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

// The width a combo box needs to show `text` whole, frame and arrow included; with
// AdjustToContents, at least what it asks for to show its widest entry.
inline int comboWidthFor(const QComboBox* combo, const QString& text) {
  QStyleOptionComboBox option;
  option.initFrom(combo);
  option.editable = combo->isEditable();
  option.frame = combo->hasFrame();
  const QSize text_size(combo->fontMetrics().horizontalAdvance(text),
                        combo->fontMetrics().height());
  int needed =
      combo->style()->sizeFromContents(QStyle::CT_ComboBox, &option, text_size, combo).width();
  if (combo->sizeAdjustPolicy() == QComboBox::AdjustToContents) {
    needed = std::max(needed, combo->minimumSizeHint().width());
  }
  return needed;
}

// Labels, buttons and combo boxes showing a registered learner's name that are narrower than
// their text, without a tooltip giving that text whole.
inline QStringList elidedLearnersWithoutTooltip(const QWidget* page) {
  QStringList out;
  const auto names = learner_names();
  auto names_learner = [&](const QString& text) {
    return std::any_of(names.begin(), names.end(), [&](const std::string& name) {
      return text.contains(QString::fromStdString(name));
    });
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
      needed = comboWidthFor(combo, text);
    }
    if (text.isEmpty() || !names_learner(text) || w->width() >= needed) continue;
    if (!w->toolTip().contains(text)) out << describe(w);
  }
  return out;
}

// Text that Qt Charts drew shortened (titles and axis titles are elided with "..." when short of
// room), chart titles lying under one of the view's visible corner buttons, and legends cut off.
inline QStringList chartLayoutProblems(const QWidget* page) {
  QStringList out;
  for (const QChartView* view : page->findChildren<QChartView*>()) {
    if (!view->isVisible() || !view->scene()) continue;
    const QString title = view->chart()->title();
    for (const QGraphicsItem* item : view->scene()->items()) {
      const auto* text = dynamic_cast<const QGraphicsTextItem*>(item);
      if (!text || !text->isVisible()) continue;
      const QString shown = text->toPlainText();
      if (shown.contains(QStringLiteral("...")) || shown.contains(QChar(0x2026))) {
        out << QStringLiteral("'%1': text shortened to \"%2\"").arg(title, shown);
      }
      if (title.isEmpty() || shown != title) continue;
      const QRect on_view = view->mapFromScene(text->sceneBoundingRect()).boundingRect();
      for (const QToolButton* button : view->findChildren<QToolButton*>()) {
        if (button->isVisible() && button->geometry().intersects(on_view)) {
          out << QStringLiteral("'%1': title under the \"%2\" button").arg(title, button->text());
        }
      }
    }
    // A legend drawn wholly where the view shows it, not cut off by the view or its parents.
    // The view's own rectangle, cut by each parent's up to a scroll area's viewport (what a
    // scroll area hides can be scrolled to).
    QRect shown_area = view->rect();
    for (const QWidget* p = view->parentWidget(); p; p = p->parentWidget()) {
      const auto* area = qobject_cast<const QAbstractScrollArea*>(p->parentWidget());
      if (area && area->viewport() == p) break;
      shown_area &= QRect(view->mapFrom(p, QPoint(0, 0)), p->size());
      if (p->isWindow()) break;
    }
    for (const QGraphicsItem* item : view->chart()->childItems()) {
      const auto* legend = qobject_cast<const ChartLegend*>(item->toGraphicsObject());
      if (!legend || !legend->isVisible() || legend->entries().isEmpty()) continue;
      const QRect on_view = view->mapFromScene(legend->sceneBoundingRect()).boundingRect();
      if (!shown_area.contains(on_view.adjusted(1, 1, -1, -1))) {
        out << QStringLiteral("'%1': legend at %2,%3 %4x%5 outside the shown %6,%7 %8x%9")
                   .arg(title)
                   .arg(on_view.x())
                   .arg(on_view.y())
                   .arg(on_view.width())
                   .arg(on_view.height())
                   .arg(shown_area.x())
                   .arg(shown_area.y())
                   .arg(shown_area.width())
                   .arg(shown_area.height());
      }
    }
  }
  return out;
}

}  // namespace metacf::ui::testing
