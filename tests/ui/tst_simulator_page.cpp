// The simulator page on a small run trained here: it loads the stored learners, shows the same
// lists as the engine behind `metacf simulate`, never lists a clicked item, replays a test user
// with her query items marked, and updates when a click is removed.
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

#include "core/data/dataset_loader.h"
#include "core/data/dataset_stats.h"
#include "core/data/titles_loader.h"
#include "core/experiment/run_request.h"
#include "core/learners/learner_factory.h"
#include "core/report/table.h"
#include "core/simulate/new_user_simulation.h"
#include "core/simulate/simulator_options.h"
#include "tests/ui/studio_fixture.h"
#include "ui/pages/simulator_page.h"
#include "ui/simulator/catalogue_panel.h"
#include "ui/simulator/embedding_chart.h"
#include "ui/simulator/ranked_list_model.h"
#include "ui/simulator/view_export.h"
#include "ui/studio_context.h"

using namespace metacf;
using metacf::ui::SimulatorPage;
using metacf::ui::StudioContext;

namespace {

constexpr int kSteps = 2;

// The engine's lists for `clicks` clicked in order, exactly as `metacf simulate` computes them.
std::vector<ClickUpdate> engine_replay(const QString& store_path, std::int64_t run,
                                       const std::string& learner,
                                       const std::vector<std::int32_t>& clicks, int top_n) {
  auto store = ExperimentStore::open(store_path.toStdString(), ExperimentStore::Access::kReadOnly);
  // The path `metacf simulate` takes.
  StoredLearner served = load_stored_learner(store, run, learner);
  const NewUserSimulation simulation(*served.learner, served.k,
                                     static_cast<std::int32_t>(served.Q->rows()), served.seed);
  return simulation.replay(clicks, top_n);
}

bool same_lists(const ClickUpdate& a, const ClickUpdate& b, QString& why) {
  if (a.clicks != b.clicks) return why = QStringLiteral("clicks differ"), false;
  if (a.steps.size() != b.steps.size()) return why = QStringLiteral("step counts differ"), false;
  for (std::size_t s = 0; s < a.steps.size(); ++s) {
    const auto& x = a.steps[s].items;
    const auto& y = b.steps[s].items;
    if (x.size() != y.size()) return why = QStringLiteral("step %1: lengths differ").arg(s), false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (x[i].item != y[i].item || x[i].score != y[i].score || x[i].rank != y[i].rank ||
          x[i].previous_rank != y[i].previous_rank) {
        why = QStringLiteral("step %1 rank %2: item %3 vs %4")
                  .arg(s)
                  .arg(i + 1)
                  .arg(x[i].item)
                  .arg(y[i].item);
        return false;
      }
    }
  }
  return true;
}

}  // namespace

class TestSimulatorPage : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MetaCF"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_simulator_page"));
    QSettings().clear();
    QVERIFY(dir_.isValid());
    store_path_ = dir_.filePath(QStringLiteral("experiments.sqlite"));
    const std::string ratings = METACF_SAMPLE_DIR "/ratings.csv";
    const std::string titles = METACF_SAMPLE_DIR "/items.csv";
    Dataset data = load_dataset(ratings);
    (void)load_titles(data, titles);
    num_items_ = data.num_items();

    ExperimentConfig config;
    config.learners = {"pop", "bpr", "metacf_p_linear"};
    config.ks = {kSteps};
    config.pretrain.max_epochs = 5;
    config.learner_configs = {{"metacf_p_linear", {{"meta_epochs", 5}}}};
    config.validate_every = 5;
    auto store = ExperimentStore::open(store_path_.toStdString());
    JobControl job;
    const DataSource source{ratings, data.format, titles, compute_stats(data)};
    const StoredRun run =
        RunRequest{source, config, {}}.execute(store, ExperimentInputs{data}, job);
    QCOMPARE(static_cast<int>(run.status), static_cast<int>(RunStatus::kCompleted));
    run_ = run.run_id;

    context_ = new StudioContext(this);
    QCOMPARE(metacf::ui::testing::use_store(*context_, store_path_), QString());
    context_->setCurrentRun(run_);
  }

  void loadsTheStoredLearners() {
    SimulatorPage page(context_, nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
    QCOMPARE(page.run(), run_);
    // The paper's learner first, BPR beside it.
    QCOMPARE(QString::fromStdString(page.learner(0)->name), QStringLiteral("metacf_p_linear"));
    QCOMPARE(QString::fromStdString(page.learner(1)->name), QStringLiteral("bpr"));
    QCOMPARE(page.learner(0)->k, kSteps);
    QCOMPARE(page.catalogue()->data.num_items(), num_items_);
    QVERIFY(page.catalogue()->data.has_titles());
    QVERIFY(page.currentUpdate(0) == nullptr);  // nothing clicked yet
  }

  // The list lengths are the core's, as `metacf simulate --top` takes them (the studio used to
  // stop at 100 where the CLI went to 1,000).
  void offersTheListLengthsTheCliTakes() {
    SimulatorPage page(context_, nullptr);
    const int before = page.topN();
    const int longest =
        static_cast<int>(metacf::simulator_options_schema().info().find("top")->range.hi);
    page.setTopN(longest);
    QCOMPARE(page.topN(), longest);
    page.setTopN(longest + 1);
    QCOMPARE(page.topN(), longest);
    page.setTopN(before);
  }

  void threeClicksMatchTheEngineAndNeverListAClick() {
    SimulatorPage page(context_, nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
    QSignalSpy updated(&page, &SimulatorPage::listsUpdated);
    const std::vector<std::int32_t> clicks{5, 17, 300};
    const auto main = engine_replay(store_path_, run_, "metacf_p_linear", clicks, page.topN());
    const auto other = engine_replay(store_path_, run_, "bpr", clicks, page.topN());
    for (std::size_t n = 0; n < clicks.size(); ++n) {
      QElapsedTimer wall;
      wall.start();
      page.addClick(clicks[n]);
      const double ms = static_cast<double>(wall.nsecsElapsed()) / 1e6;
      qInfo("click %zu: the UI thread was busy for %.2f ms", n + 1, ms);
      QVERIFY2(ms < 50, qPrintable(QString::number(ms)));
      // The lists are computed on the worker and arrive once it is done.
      QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
      QCOMPARE(updated.count(), static_cast<int>(n) + 1);
      for (int side = 0; side < 2; ++side) {
        const ClickUpdate* u = page.currentUpdate(side);
        QVERIFY(u);
        QCOMPARE(static_cast<int>(u->steps.size()), kSteps + 1);
        for (const auto& step : u->steps) {
          QCOMPARE(static_cast<int>(step.items.size()), page.topN());
          for (const auto& item : step.items) {
            QVERIFY2(std::find(clicks.begin(), clicks.begin() + static_cast<long>(n) + 1,
                               item.item) == clicks.begin() + static_cast<long>(n) + 1,
                     "a clicked item is listed");
          }
        }
        QString why;
        QVERIFY2(same_lists(*u, (side == 0 ? main : other)[n], why), qPrintable(why));
      }
    }
    // The table shows the final step, and the step slider shows the others.
    QCOMPARE(page.step(), kSteps);
    const auto* model = page.listModel(0);
    QCOMPARE(model->rowCount(), page.topN());
    QCOMPARE(model->data(model->index(0, 0), ui::RankedListModel::kItemRole).toInt(),
             main.back().steps.back().items.front().item);
    page.setStep(0);
    QCOMPARE(model->data(model->index(0, 0), ui::RankedListModel::kItemRole).toInt(),
             main.back().steps.front().items.front().item);
    // MetaCF adapts a D-vector: the chart draws p0 .. pK.
    QCOMPARE(page.embeddingChart()->trajectoryPoints(), kSteps + 1);
    QVERIFY(page.embeddingChart()->trajectoryNote().isEmpty());

    const Table table = page.listsTable();
    QCOMPARE(static_cast<int>(table.rows.size()), 2 * page.topN());
    QVERIFY(write_table(table, TableFormat::kCsv).find("metacf_p_linear") != std::string::npos);
  }

  void aClickIsComputedOffTheUiThread() {
    SimulatorPage page(context_, nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
    page.addClick(5);
    // Nothing was computed during the click: the lists arrive later, from the worker.
    QVERIFY(page.currentUpdate(0) == nullptr);
    QVERIFY(!page.isReady());
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
    QVERIFY(page.currentUpdate(0));
    const SessionResult* result = page.session().last_result();
    QVERIFY(result);
    QVERIFY(result->computed_on != std::thread::id());
    QVERIFY(result->computed_on != std::this_thread::get_id());
  }

  void aClickDuringAComputationMakesItsResultStale() {
    SimulatorPage page(context_, nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
    // Every list the page ever shows must belong to the clicks it had when it showed them.
    std::vector<std::vector<std::int32_t>> shown;
    connect(&page, &SimulatorPage::listsUpdated, &page, [&] {
      if (const ClickUpdate* u = page.currentUpdate(0)) shown.push_back(u->clicks);
    });
    page.addClick(5);
    page.addClick(17);  // arrives while the lists of {5} are being computed
    page.addClick(300);
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
    const std::vector<std::int32_t> clicks{5, 17, 300};
    QCOMPARE(page.currentUpdate(0)->clicks, clicks);
    QCOMPARE(shown, std::vector<std::vector<std::int32_t>>{clicks});
    // No list was shown before this one, so its step 0 has nothing to move against.
    auto store =
        ExperimentStore::open(store_path_.toStdString(), ExperimentStore::Access::kReadOnly);
    StoredLearner served = load_stored_learner(store, run_, "metacf_p_linear");
    const NewUserSimulation simulation(*served.learner, served.k, num_items_, served.seed);
    QString why;
    QVERIFY2(same_lists(*page.currentUpdate(0), simulation.update(clicks, page.topN()), why),
             qPrintable(why));
  }

  void removingAClickUpdatesTheLists() {
    SimulatorPage page(context_, nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
    page.setClicks({5, 17, 300});
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
    const ClickUpdate three = *page.currentUpdate(0);
    QSignalSpy updated(&page, &SimulatorPage::listsUpdated);
    page.removeClickAt(1);
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
    QCOMPARE(updated.count(), 1);
    QCOMPARE(page.clicks(), (std::vector<std::int32_t>{5, 300}));
    const ClickUpdate* two = page.currentUpdate(0);
    QVERIFY(two);
    QCOMPARE(two->clicks, (std::vector<std::int32_t>{5, 300}));
    // The same as the engine given the list shown before as the "before" list.
    auto store =
        ExperimentStore::open(store_path_.toStdString(), ExperimentStore::Access::kReadOnly);
    StoredLearner served = load_stored_learner(store, run_, "metacf_p_linear");
    const NewUserSimulation simulation(*served.learner, served.k, num_items_, served.seed);
    const std::vector<std::int32_t> kept{5, 300};
    const ClickUpdate expected = simulation.update(kept, page.topN(), &three.steps.back().items);
    QString why;
    QVERIFY2(same_lists(*two, expected, why), qPrintable(why));
    // 17 may now be recommended; and the lists are not those of three clicks.
    bool changed = false;
    for (std::size_t i = 0; i < two->steps.back().items.size(); ++i) {
      changed = changed || two->steps.back().items[i].item != three.steps.back().items[i].item;
    }
    QVERIFY(changed);
    page.resetUser();
    QVERIFY(page.currentUpdate(0) == nullptr);
    QCOMPARE(page.listModel(0)->rowCount(), 0);
  }

  void replayingATestUserMarksHerQueryItems() {
    SimulatorPage page(context_, nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
    QVERIFY(page.testUserCount() > 0);
    // The split as the store has it, read independently of the page.
    auto store =
        ExperimentStore::open(store_path_.toStdString(), ExperimentStore::Access::kReadOnly);
    const RunRecord run = store.run(run_);
    SplitConfig split_config = run.config.at("split").get<SplitConfig>();
    split_config.seed = page.learner(0)->seed;
    const Split split = store.load_split(*store.find_split(*run.dataset_id, split_config));
    QCOMPARE(page.testUserCount(), static_cast<int>(split.meta_test.size()));

    int users_with_hits = 0;
    for (int u = 0; u < std::min(page.testUserCount(), 40); ++u) {
      page.replayTestUser(u);
      QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
      const Task& task = split.meta_test[static_cast<std::size_t>(u)];
      QCOMPARE(page.clicks(), task.support);
      QCOMPARE(page.queryItems(), task.query);
      for (int side = 0; side < 2; ++side) {
        const auto& final_list = page.currentUpdate(side)->steps.back().items;
        int hits = 0;
        for (const auto& item : final_list) {
          hits += std::count(task.query.begin(), task.query.end(), item.item) > 0 ? 1 : 0;
        }
        QCOMPARE(page.listModel(side)->hits(), hits);
        QCOMPARE(page.hitsText(side),
                 QStringLiteral("hits: %1/%2").arg(hits).arg(task.query.size()));
        const auto* model = page.listModel(side);
        for (int row = 0; row < model->rowCount(); ++row) {
          const bool is_hit = std::count(task.query.begin(), task.query.end(),
                                         final_list[static_cast<std::size_t>(row)].item) > 0;
          QCOMPARE(model->data(model->index(row, 1), Qt::BackgroundRole).isValid(), is_hit);
        }
        if (side == 0 && hits > 0) ++users_with_hits;
      }
    }
    QVERIFY2(users_with_hits > 0, "no replayed user had a query item in her list");
    page.resetUser();
    QVERIFY(page.queryItems().empty());
    QVERIFY(page.hitsText(0).isEmpty());
  }

  void catalogueSearchAndDoubleClickAddAClick() {
    SimulatorPage page(context_, nullptr);
    page.resize(1400, 900);
    page.show();
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
    auto* panel = page.findChild<ui::CataloguePanel*>();
    QVERIFY(panel);
    QCOMPARE(panel->proxy()->rowCount(), num_items_);
    // Most popular first.
    const auto pop = [&](int row) {
      return panel->proxy()->index(row, 3).data(Qt::DisplayRole).toLongLong();
    };
    QVERIFY(pop(0) >= pop(1) && pop(1) >= pop(num_items_ - 1));
    const QString title = page.listModel(0)->title(42);
    QTest::keyClicks(panel->search(), title);
    QVERIFY(panel->proxy()->rowCount() >= 1);
    QVERIFY(panel->proxy()->rowCount() < num_items_);
    QVERIFY(panel->proxy()->index(0, 0).data().toString().contains(title));

    const QModelIndex first = panel->proxy()->index(0, 0);
    const std::int32_t item = first.data(Qt::UserRole).toInt();
    auto* view = panel->view();
    const QPoint at = view->visualRect(first).center();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
    QTRY_COMPARE(page.clicks(), (std::vector<std::int32_t>{item}));
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
    QVERIFY(page.currentUpdate(0));

    // A learner that does not adapt has no embedding path, and the chart says so.
    QVERIFY(page.selectLearner(0, QStringLiteral("pop")));
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady() && page.learner(0)->name == "pop", 20000);
    QCOMPARE(page.clicks(), (std::vector<std::int32_t>{item}));
    QVERIFY(page.currentUpdate(0));
    QVERIFY(!page.embeddingChart()->trajectoryNote().isEmpty());
    QCOMPARE(page.embeddingChart()->trajectoryPoints(), 0);

    // The chart saves as PNG, SVG and PDF, each a file of its own kind.
    const QList<QPair<QString, QByteArray>> kinds{{QStringLiteral("png"), QByteArray("\x89PNG")},
                                                  {QStringLiteral("svg"), QByteArray("<?xml")},
                                                  {QStringLiteral("pdf"), QByteArray("%PDF")}};
    for (const auto& [suffix, magic] : kinds) {
      const QString path = dir_.filePath(QStringLiteral("chart.") + suffix);
      QCOMPARE(ui::saveWidgetView(page.embeddingChart(), path), QString());
      QFile file(path);
      QVERIFY(file.open(QIODevice::ReadOnly));
      QVERIFY2(file.read(magic.size()) == magic, qPrintable(suffix));
      QVERIFY(file.size() > 1000);
    }
    QVERIFY(!ui::saveWidgetView(page.embeddingChart(), dir_.filePath(QStringLiteral("chart.bmp")))
                 .isEmpty());
  }

  // Last: it adds a newer run, cancelled after its first learner was stored. With no run
  // open elsewhere, the page starts on the newest completed run, not on the partial one.
  void startsOnTheNewestCompletedRun() {
    ExperimentConfig config;
    config.learners = {"pop", "bpr"};
    config.ks = {kSteps};
    config.pretrain.max_epochs = 2;
    const std::string ratings = METACF_SAMPLE_DIR "/ratings.csv";
    const Dataset data = load_dataset(ratings);
    std::atomic<bool> cancel{false};
    JobControl job(
        [&](const metacf::Progress& p) {
          if (p.stage == metacf::Stage::kEvaluate) cancel = true;  // after pop is stored
          return true;
        },
        &cancel);
    auto store = ExperimentStore::open(store_path_.toStdString());
    const StoredRun cancelled =
        RunRequest{DataSource{ratings, data.format, "", {}}, config, {}}.execute(
            store, ExperimentInputs{data}, job);
    QCOMPARE(static_cast<int>(cancelled.status), static_cast<int>(RunStatus::kCancelled));
    QVERIFY(cancelled.run_id > run_);

    StudioContext fresh;
    QCOMPARE(metacf::ui::testing::use_store(fresh, store_path_), QString());
    SimulatorPage page(&fresh, nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
    QCOMPARE(page.run(), run_);
  }

 private:
  QTemporaryDir dir_;
  QString store_path_;
  std::int64_t run_ = 0;
  int num_items_ = 0;
  StudioContext* context_ = nullptr;
};

QTEST_MAIN(TestSimulatorPage)
#include "tst_simulator_page.moc"
