// The simulator page's widgets: the run bar, the catalogue and clicks column, the lists with
// their step player, and the embedding chart. Behaviour is in simulator_page.cpp.
#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include "core/simulate/simulator_options.h"
#include "ui/export/export_dialogs.h"
#include "ui/pages/simulator_page.h"
#include "ui/simulator/catalogue_panel.h"
#include "ui/simulator/clicks_panel.h"
#include "ui/simulator/embedding_chart.h"
#include "ui/simulator/learner_combos.h"
#include "ui/simulator/lists_export.h"
#include "ui/simulator/simulator_controller.h"
#include "ui/simulator/step_list_panel.h"
#include "ui/simulator/step_player.h"

namespace metacf::ui {

// ---------------------------------------------------------------- layout

void SimulatorPage::buildUi() {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(10, 10, 10, 10);
  layout->addWidget(buildRunBar());

  auto* right = new QSplitter(Qt::Vertical, this);
  right->addWidget(buildListsArea());
  auto* chart_box = new QWidget(right);
  auto* chart_layout = new QVBoxLayout(chart_box);
  chart_layout->setContentsMargins(0, 0, 0, 0);
  chart_ = new EmbeddingChart(chart_box);
  chart_note_ = new QLabel(chart_box);
  chart_note_->setWordWrap(true);
  chart_note_->hide();
  auto* save_chart = new QPushButton(style()->standardIcon(QStyle::SP_DialogSaveButton),
                                     tr("Save chart…"), chart_box);
  save_chart->setToolTip(tr("Save the embedding chart as PNG, SVG or PDF"));
  connect(save_chart, &QPushButton::clicked, this, [this] {
    const QString path = promptExportChart(chart_, this);
    if (!path.isEmpty()) showStatus(tr("Saved %1").arg(path));
  });
  auto* chart_row = new QHBoxLayout;
  chart_row->addWidget(chart_note_, 1);
  chart_row->addWidget(save_chart, 0, Qt::AlignRight | Qt::AlignTop);
  chart_layout->addWidget(chart_, 1);
  chart_layout->addLayout(chart_row);
  right->addWidget(chart_box);
  right->setStretchFactor(0, 3);
  right->setStretchFactor(1, 2);

  auto* main = new QSplitter(Qt::Horizontal, this);
  main->addWidget(buildLeftColumn());
  main->addWidget(right);
  main->setStretchFactor(0, 2);
  main->setStretchFactor(1, 3);
  main->setSizes({520, 800});
  layout->addWidget(main, 1);
  updateEnabled();
}

QWidget* SimulatorPage::buildRunBar() {
  auto* box = new QGroupBox(tr("Trained run"), this);
  // Two rows: the run, then the learners, so that learner names have room on a small window.
  auto* rows = new QVBoxLayout(box);
  auto* row = new QHBoxLayout;
  auto* learner_row = new QHBoxLayout;
  rows->addLayout(row);
  rows->addLayout(learner_row);
  run_combo_ = new QComboBox(box);
  run_combo_->setObjectName(QStringLiteral("runCombo"));
  run_combo_->setMinimumContentsLength(20);
  run_combo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  run_combo_->setToolTip(
      tr("A completed or cancelled run of the experiment store whose trained "
         "learners were stored. Nothing is retrained."));
  for (int side = 0; side < kSides; ++side) {
    auto* combo = new QComboBox(box);
    combo->setObjectName(side == 0 ? QStringLiteral("learnerCombo")
                                   : QStringLiteral("compareCombo"));
    // Room for "metacf_p_neural (K=5, seed 1)"; a longer name is cut, its tooltip has it whole.
    combo->setMinimumContentsLength(30);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    const QString purpose = side == 0 ? tr("The learner the new user is simulated with (left "
                                           "list and the embedding chart)")
                                      : tr("A second learner adapting on the same clicks (right "
                                           "list), to see the gap between them");
    combo->setToolTip(purpose);
    connect(combo, &QComboBox::currentTextChanged, combo, [combo, purpose](const QString& text) {
      combo->setToolTip(text.isEmpty() ? purpose : text + QStringLiteral("\n\n") + purpose);
    });
    sides_[static_cast<std::size_t>(side)].combo = combo;
    connect(combo, &QComboBox::currentIndexChanged, this, [this, side] {
      if (side == 1) {
        const auto key = learnerKeyOf(sides_[1].combo);
        QSettings().setValue(kCompareKey, key ? QString::fromStdString(key->name) : QString());
      }
      requestLoad();
    });
  }
  top_n_ = new QSpinBox(box);
  const FieldInfo& top = *simulator_options_schema().info().find("top");
  top_n_->setRange(static_cast<int>(top.range.lo), static_cast<int>(top.range.hi));
  top_n_->setValue(QSettings().value(kTopNKey, top.default_value.get<int>()).toInt());
  controller_->session().set_top_n(top_n_->value());
  top_n_->setToolTip(QString::fromStdString(top.doc));
  connect(top_n_, &QSpinBox::valueChanged, this, [this](int n) {
    QSettings().setValue(kTopNKey, n);
    controller_->session().set_top_n(n);
    sessionChanged();
  });
  load_state_ = new QLabel(box);
  load_state_->setTextFormat(Qt::PlainText);

  load_state_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  row->addWidget(new QLabel(tr("Run:"), box));
  row->addWidget(run_combo_, 3);
  row->addSpacing(12);
  row->addWidget(new QLabel(tr("Top N:"), box));
  row->addWidget(top_n_);
  row->addSpacing(12);
  row->addWidget(load_state_, 2);
  learner_row->addWidget(new QLabel(tr("Learner:"), box));
  learner_row->addWidget(sides_[0].combo, 1);
  learner_row->addSpacing(12);
  learner_row->addWidget(new QLabel(tr("Compare with:"), box));
  learner_row->addWidget(sides_[1].combo, 1);
  connect(run_combo_, &QComboBox::currentIndexChanged, this, &SimulatorPage::onRunChosen);
  return box;
}

QWidget* SimulatorPage::buildLeftColumn() {
  auto* column = new QWidget(this);
  auto* layout = new QVBoxLayout(column);
  layout->setContentsMargins(0, 0, 0, 0);
  catalogue_panel_ = new CataloguePanel(column);
  connect(catalogue_panel_, &CataloguePanel::addRequested, this, &SimulatorPage::addClick);
  clicks_panel_ = new ClicksPanel(column);
  connect(clicks_panel_, &ClicksPanel::clicksEdited, this,
          [this](const std::vector<std::int32_t>& clicks) { setClicks(clicks); });
  connect(clicks_panel_, &ClicksPanel::resetRequested, this, &SimulatorPage::resetUser);

  auto* replay_box = new QGroupBox(tr("Replay a test user"), column);
  auto* replay_layout = new QVBoxLayout(replay_box);
  replay_layout->setContentsMargins(6, 6, 6, 6);
  auto* row = new QHBoxLayout;
  test_users_ = new QComboBox(replay_box);
  test_users_->setObjectName(QStringLiteral("testUserCombo"));
  test_users_->setToolTip(
      tr("A meta-test user of the run's split: never trained on. Her "
         "support set becomes the clicks; her query items are marked as hits "
         "in the lists."));
  replay_ =
      new QPushButton(style()->standardIcon(QStyle::SP_MediaSeekForward), tr("Replay"), replay_box);
  replay_->setToolTip(tr("Click her support items in order and mark her query items"));
  connect(replay_, &QPushButton::clicked, this,
          [this] { replayTestUser(test_users_->currentIndex()); });
  row->addWidget(test_users_, 1);
  row->addWidget(replay_);
  test_note_ = new QLabel(replay_box);
  test_note_->setWordWrap(true);
  replay_layout->addLayout(row);
  replay_layout->addWidget(test_note_);

  layout->addWidget(catalogue_panel_, 3);
  layout->addWidget(clicks_panel_, 1);
  layout->addWidget(replay_box);
  return column;
}

QWidget* SimulatorPage::buildListsArea() {
  auto* area = new QWidget(this);
  auto* layout = new QVBoxLayout(area);
  layout->setContentsMargins(0, 0, 0, 0);
  player_ = new StepPlayer(area);
  connect(player_, &StepPlayer::stepChanged, this, &SimulatorPage::showStep);
  layout->addWidget(player_);

  lists_view_ = new QWidget(area);
  auto* lists = new QHBoxLayout(lists_view_);
  lists->setContentsMargins(0, 0, 0, 0);
  for (int side = 0; side < kSides; ++side) {
    auto& s = sides_[static_cast<std::size_t>(side)];
    s.panel = new StepListPanel(side == 0 ? tr("Learner") : tr("Compared with"), lists_view_);
    s.panel->view()->setObjectName(side == 0 ? QStringLiteral("mainList")
                                             : QStringLiteral("compareList"));
    lists->addWidget(s.panel, 1);
  }
  layout->addWidget(lists_view_, 1);

  auto* bottom = new QHBoxLayout;
  timing_ = new QLabel(area);
  timing_->setTextFormat(Qt::PlainText);
  timing_->setWordWrap(true);
  // Long timings wrap rather than widen the lists and squeeze the catalogue.
  timing_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  timing_->setToolTip(
      tr("Time the engine took: each adaptation step, the ranking of every item "
         "for each list, and the whole update (all K steps and K + 1 rankings)"));
  auto* export_lists = new QPushButton(style()->standardIcon(QStyle::SP_DialogSaveButton),
                                       tr("Export lists…"), area);
  export_lists->setToolTip(
      tr("Every click's lists at every step as CSV or JSON (one row per click, step "
         "and rank), or the lists at this step as Markdown or LaTeX"));
  connect(export_lists, &QPushButton::clicked, this, [this] {
    if (!currentUpdate(0)) {
      showStatus(tr("Nothing to export yet: click an item first"));
      return;
    }
    showStatus(promptExportListsTable(this, listsTable(), [this](const QString& path, TableFormat) {
      exportEveryStep(path);
      return tr("Exporting every step to %1…").arg(path);
    }));
  });
  auto* save_lists = new QPushButton(tr("Save view…"), area);
  save_lists->setToolTip(tr("The two lists as they look, as PNG, SVG or PDF"));
  connect(save_lists, &QPushButton::clicked, this,
          [this] { showStatus(promptSaveView(this, lists_view_, tr("lists"))); });
  bottom->addWidget(timing_, 1);
  buildExportControls(area, bottom);
  bottom->addWidget(export_lists);
  bottom->addWidget(save_lists);
  layout->addLayout(bottom);
  return area;
}

}  // namespace metacf::ui
