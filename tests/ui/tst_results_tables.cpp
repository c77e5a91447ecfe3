// One table module for the CLI and the studio: a stored run with deliberate ties, built
// through the core tables exactly as `metacf show` / `export` build them and through the
// Results page's models, must give the same cells, numbers and marks, ties included.
#include <QFont>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "core/experiment/stored_results.h"
#include "core/report/results_tables.h"
#include "core/report/sweep_tables.h"
#include "core/store/experiment_store.h"
#include "tests/ui/studio_fixture.h"
#include "ui/models/report_table_model.h"
#include "ui/pages/results_page.h"
#include "ui/run_controller.h"
#include "ui/studio_context.h"

using namespace metacf;
using namespace metacf::ui;

namespace {

constexpr int kUsers = 4;

// One learner's per-user HR at one seed; NDCG is half of it. The mean is their average.
struct Planned {
  std::string learner;
  int k;
  std::optional<int> support;
  std::uint64_t seed;
  std::vector<double> hr;  // kUsers values
};

std::vector<ResultRow> rows_of(const Planned& p) {
  double mean = 0;
  for (double v : p.hr) mean += v / kUsers;
  std::vector<double> ndcg;
  for (double v : p.hr) ndcg.push_back(v / 2);
  ResultRow hr{p.learner, p.k, p.support, p.seed, "full", "hr@10", mean, kUsers, {}};
  hr.extra = {{"per_user", p.hr}, {"serve_us_median", 3.5}};
  ResultRow nd{p.learner, p.k, p.support, p.seed, "full", "ndcg@10", mean / 2, kUsers, {}};
  nd.extra = {{"per_user", ndcg}, {"serve_us_median", 3.5}};
  return {hr, nd};
}

Emphasis emphasis_of(const ReportTableModel* model, int row, int column) {
  const QVariant font = model->data(model->index(row, column), Qt::FontRole);
  if (!font.isValid()) return Emphasis::kNone;
  if (font.value<QFont>().bold()) return Emphasis::kBold;
  return font.value<QFont>().underline() ? Emphasis::kUnderline : Emphasis::kNone;
}

// Cell by cell: header, text, number behind it and mark.
void compare(const Table& expected, const ReportTableModel* shown) {
  QCOMPARE(shown->columnCount(), static_cast<int>(expected.columns.size()));
  QCOMPARE(shown->rowCount(), static_cast<int>(expected.rows.size()));
  for (int c = 0; c < shown->columnCount(); ++c) {
    QCOMPARE(shown->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString(),
             QString::fromStdString(expected.columns[static_cast<std::size_t>(c)]));
  }
  for (int r = 0; r < shown->rowCount(); ++r) {
    for (int c = 0; c < shown->columnCount(); ++c) {
      const Cell& cell = expected.rows[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
      const QModelIndex index = shown->index(r, c);
      QCOMPARE(index.data(Qt::DisplayRole).toString(), QString::fromStdString(cell.text));
      QCOMPARE(index.data(Qt::UserRole).isValid(), cell.number.has_value());
      if (cell.number) QCOMPARE(index.data(Qt::UserRole).toDouble(), *cell.number);
      QCOMPARE(static_cast<int>(emphasis_of(shown, r, c)), static_cast<int>(cell.emphasis));
    }
  }
}

}  // namespace

class TestResultsTables : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void cliAndStudioShowTheSameCellsAndMarks() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("experiments.sqlite"));
    std::int64_t run = 0;
    {
      auto store = ExperimentStore::open(path.toStdString());
      run = store.begin_run(std::nullopt, std::nullopt, {{"top_n", 10}, {"baseline", "pop"}});
      // itemknn and bpr tie for the best HR at K = 2 (same per-user values, both seeds);
      // metacf_g is the runner-up strictly below them; at K = 1 pop and metacf_g tie.
      const std::vector<Planned> plan{
          {"pop", 2, std::nullopt, 1, {0, 0, 1, 0}},
          {"pop", 2, std::nullopt, 2, {0, 1, 0, 0}},
          {"itemknn", 2, std::nullopt, 1, {1, 0, 1, 0}},
          {"itemknn", 2, std::nullopt, 2, {1, 1, 0, 0}},
          {"bpr", 2, std::nullopt, 1, {0, 1, 1, 0}},
          {"bpr", 2, std::nullopt, 2, {1, 0, 1, 0}},
          {"metacf_g", 2, std::nullopt, 1, {0, 1, 0, 0}},
          {"metacf_g", 2, std::nullopt, 2, {1, 1, 0, 0}},
          {"pop", 1, std::nullopt, 1, {1, 0, 0, 0}},
          {"itemknn", 1, std::nullopt, 1, {0, 0, 0, 0}},
          {"bpr", 1, std::nullopt, 1, {0, 0, 0, 0}},
          {"metacf_g", 1, std::nullopt, 1, {0, 0, 1, 0}},
          {"pop", 2, 1, 1, {0, 0, 0, 1}},
          {"bpr", 2, 1, 1, {0, 0, 0, 1}},
          {"metacf_g", 2, 1, 1, {1, 1, 0, 0}},
          {"metacf_g", 2, 3, 1, {1, 1, 1, 0}},
          {"pop", 2, 3, 1, {1, 0, 0, 0}},
      };
      for (const auto& p : plan) store.add_results(run, rows_of(p));
      store.finish_run(run, RunStatus::kCompleted);
    }

    StudioContext context;
    QCOMPARE(metacf::ui::testing::use_store(context, path), QString());
    RunController runs(&context);
    ResultsPage page(&context, &runs);
    page.openRun(run);
    QVERIFY(metacf::ui::testing::settle_store_reads());

    // What `metacf show` / `export` print, and the same records the page reads.
    auto store = ExperimentStore::open(path.toStdString(), ExperimentStore::Access::kReadOnly);
    const Table cli = results_table(summarise_stored(store.results(run), "pop"), 10, "pop");
    Table at_k2 = cli;
    at_k2.rows.clear();
    for (const auto& row : cli.rows) {
      if (row[1].text == "2" && row[2].text == "natural") at_k2.rows.push_back(row);
    }
    QCOMPARE(static_cast<int>(at_k2.rows.size()), 4);
    compare(at_k2, page.table2Model());  // the page opens at the run's largest K, 2

    // The deliberate tie: both best rows bold, the runner-up underlined, pop unmarked.
    const std::map<std::string, Emphasis> expected{{"itemknn", Emphasis::kBold},
                                                   {"bpr", Emphasis::kBold},
                                                   {"metacf_g", Emphasis::kUnderline},
                                                   {"pop", Emphasis::kNone}};
    for (const auto& row : at_k2.rows) {
      QCOMPARE(static_cast<int>(row[5].emphasis), static_cast<int>(expected.at(row[0].text)));
    }

    const auto records = records_from_rows(store.results(run)).records;
    compare(k_sweep_table(records, 10), page.table3Model());
    compare(support_size_table(records, 2, 10), page.supportModel());
    // K = 1: pop and metacf_g tie for the best HR; nothing is strictly below them but zeros.
    const Table sweep = k_sweep_table(records, 10);
    QCOMPARE(sweep.columns[1], std::string("HR@10 K=1"));
    int bold = 0;
    for (const auto& row : sweep.rows) bold += row[1].emphasis == Emphasis::kBold ? 1 : 0;
    QCOMPARE(bold, 2);
  }
};

QTEST_MAIN(TestResultsTables)
#include "tst_results_tables.moc"
