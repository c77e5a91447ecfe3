// The Experiment page's configuration as a file and as a command: a saved file loads back to
// the same form, a bad file is refused naming the file and the key, and the copied
// `metacf run` command, run by the real CLI, stores exactly the page's configuration.
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

#include "core/data/dataset_loader.h"
#include "core/data/dataset_stats.h"
#include "core/store/experiment_store.h"
#include "tests/ui/studio_fixture.h"
#include "ui/pages/data_page.h"
#include "ui/pages/experiment_page.h"
#include "ui/run_controller.h"
#include "ui/studio_context.h"

using metacf::ui::DataPage;
using metacf::ui::ExperimentPage;
using metacf::ui::RunController;
using metacf::ui::StudioContext;

namespace {

// The sample with its titles, as the Data page would leave it.
struct Fixture {
  Fixture() {
    const std::string path = METACF_SAMPLE_DIR "/ratings.csv";
    auto data = std::make_shared<metacf::Dataset>(metacf::load_dataset(path));
    metacf::DatasetStats stats = metacf::compute_stats(*data);
    metacf::DataSource source;
    source.path = path;
    source.format = data->format;
    source.titles_path = METACF_SAMPLE_DIR "/items.csv";
    source.stats = stats;
    context.setDataset(std::move(data), std::move(source), std::move(stats));
  }
  StudioContext context;
  RunController runs{&context};
  ExperimentPage page{&context, &runs};
};

// Runs a copied `metacf run` command with the real CLI into `db`; empty when it succeeded,
// else what it printed.
QString runCopiedCommand(const QString& command, const QString& db) {
  QStringList words = QProcess::splitCommand(command);
  if (words.isEmpty() || words.takeFirst() != QStringLiteral("metacf")) return command;
  words << QStringLiteral("--db") << db;
  QProcess cli;
  cli.start(QStringLiteral(METACF_CLI_PATH), words);
  if (!cli.waitForFinished(240000)) return QStringLiteral("the CLI did not finish");
  if (cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0) return {};
  return QString::fromUtf8(cli.readAllStandardError());
}

nlohmann::json json_of(const ExperimentPage& page) { return nlohmann::json(page.config()); }

void writeFile(const QString& path, const QByteArray& text) {
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(text);
}

}  // namespace

class TestExperimentConfigFile : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QVERIFY(metacf::ui::testing::isolate_settings(settings_dir_)); }

  void aSavedConfigurationLoadsBack() {
    QTemporaryDir dir;
    Fixture f;
    f.page.applyPreset(QStringLiteral("K sweep (Table 3)"));
    const nlohmann::json saved = json_of(f.page);
    const QString path = dir.filePath(QStringLiteral("sweep.json"));
    QCOMPARE(f.page.saveConfigTo(path), QString());
    f.page.applyPreset(QStringLiteral("Quick look"));
    QVERIFY(json_of(f.page) != saved);
    QCOMPARE(f.page.loadConfigFrom(path), QString());
    QCOMPARE(json_of(f.page).dump(), saved.dump());
  }

  void aBadFileIsRefusedNamingTheFileAndTheKey() {
    QTemporaryDir dir;
    Fixture f;
    f.page.applyPreset(QStringLiteral("Quick look"));
    const nlohmann::json before = json_of(f.page);
    const QString unknown = dir.filePath(QStringLiteral("unknown.json"));
    writeFile(unknown, R"({"ks": [2], "no_such_key": 3})");
    QString error = f.page.loadConfigFrom(unknown);
    QVERIFY2(error.contains(unknown) && error.contains(QStringLiteral("no_such_key")),
             qPrintable(error));
    const QString range = dir.filePath(QStringLiteral("range.json"));
    writeFile(range, R"({"top_n": 0})");
    error = f.page.loadConfigFrom(range);
    QVERIFY2(error.contains(range) && error.contains(QStringLiteral("top_n")), qPrintable(error));
    QVERIFY(!f.page.loadConfigFrom(dir.filePath(QStringLiteral("missing.json"))).isEmpty());
    QCOMPARE(json_of(f.page).dump(), before.dump());  // a refused file changes nothing
    QVERIFY(!f.page.saveConfigTo(dir.filePath(QStringLiteral("no/such/folder/x.json"))).isEmpty());
  }

  void theCopiedCommandStoresTheSameConfiguration() {
    QTemporaryDir dir;
    Fixture f;
    f.page.applyPreset(QStringLiteral("Quick look"));
    QString why;
    const QString command = f.page.cliCommand(&why);
    QVERIFY2(!command.isEmpty(), qPrintable(why));
    QVERIFY(command.startsWith(QStringLiteral("metacf run ")));
    QVERIFY(command.contains(QStringLiteral("--titles")));
    QStringList words = QProcess::splitCommand(command);
    QCOMPARE(words.takeFirst(), QStringLiteral("metacf"));
    const QString db = dir.filePath(QStringLiteral("cli.sqlite"));
    words << QStringLiteral("--db") << db;
    QProcess cli;
    cli.start(QStringLiteral(METACF_CLI_PATH), words);
    QVERIFY(cli.waitForFinished(240000));
    QVERIFY2(cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0,
             cli.readAllStandardError().constData());

    auto store = metacf::ExperimentStore::open(db.toStdString());
    const auto runs = store.list_runs();
    QCOMPARE(runs.size(), std::size_t{1});
    nlohmann::json stored = runs.front().config;
    QCOMPARE(QString::fromStdString(stored.at("data").at("titles").get<std::string>()),
             QStringLiteral(METACF_SAMPLE_DIR "/items.csv"));
    stored.erase("data");
    QCOMPARE(QString::fromStdString(stored.dump()), QString::fromStdString(json_of(f.page).dump()));
  }

  // A file only the Data page's load options can read (semicolons, item before user, a bad
  // line, low ratings to drop): the copied command must read it the same way, so the CLI's run
  // stores the same configuration, data included, and the same numbers as the studio's.
  void theCopiedCommandReadsTheFileAsTheStudioDid() {
    QTemporaryDir dir;
    QByteArray text;
    for (int u = 0; u < 80; ++u) {
      for (int i = 0; i < 14; ++i) {
        const int item = (u * 7 + i * 3) % 50;
        text += "m" + QByteArray::number(item) + ";u" + QByteArray::number(u) + ";" +
                QByteArray::number(1 + (u + i) % 5) + "\n";
      }
    }
    text += "not a record\n";
    const QString path = dir.filePath(QStringLiteral("ratings.txt"));
    writeFile(path, text);

    StudioContext context;
    RunController runs{&context};
    DataPage data_page{&context};
    ExperimentPage page{&context, &runs};
    metacf::LoadOptions options;
    options.column_order = metacf::ColumnOrder::kItemUser;
    options.delimiter = metacf::Delimiter::kSemicolon;
    options.lenient = true;
    options.rating_threshold = 3.0;
    QSignalSpy loaded(&data_page, &DataPage::loadFinished);
    data_page.openDataset(path, {}, options);
    QVERIFY(loaded.wait(60000));
    QVERIFY2(loaded.first().at(0).toBool(), qPrintable(loaded.first().at(1).toString()));
    QVERIFY(context.dataset());
    QCOMPARE(context.dataset()->num_users(), 80);

    page.applyPreset(QStringLiteral("Quick look"));
    QString why;
    const QString command = page.cliCommand(&why);
    QVERIFY2(!command.isEmpty(), qPrintable(why));
    const QString cli_db = dir.filePath(QStringLiteral("cli.sqlite"));
    const QString failure = runCopiedCommand(command, cli_db);
    QVERIFY2(failure.isEmpty(), qPrintable(command + QStringLiteral("\n") + failure));

    metacf::ui::testing::use_store(context, dir.filePath(QStringLiteral("studio.sqlite")));
    QSignalSpy done(&runs, &RunController::finished);
    QVERIFY(runs.start(page.config()));
    QVERIFY(done.wait(240000));
    QCOMPARE(done.first().at(1).value<metacf::RunStatus>(), metacf::RunStatus::kCompleted);
    auto studio = metacf::ui::testing::open_store(context);
    auto cli = metacf::ExperimentStore::open(cli_db.toStdString());
    QCOMPARE(cli.list_runs().size(), std::size_t{1});
    const auto studio_run = studio.list_runs().front();
    const auto cli_run = cli.list_runs().front();
    QCOMPARE(QString::fromStdString(cli_run.config.dump()),
             QString::fromStdString(studio_run.config.dump()));
    const auto studio_results = studio.results(studio_run.id);
    const auto cli_results = cli.results(cli_run.id);
    QVERIFY(!cli_results.empty());
    QCOMPARE(cli_results.size(), studio_results.size());
    for (std::size_t i = 0; i < cli_results.size(); ++i) {
      QCOMPARE(cli_results[i].learner, studio_results[i].learner);
      QCOMPARE(cli_results[i].value, studio_results[i].value);
    }
  }

  void noDataSetNoCommand() {
    StudioContext context;
    RunController runs{&context};
    ExperimentPage page{&context, &runs};
    QString why;
    QVERIFY(page.cliCommand(&why).isEmpty());
    QVERIFY(!why.isEmpty());
  }

 private:
  QTemporaryDir settings_dir_;
};

QTEST_MAIN(TestExperimentConfigFile)
#include "tst_experiment_config_file.moc"
