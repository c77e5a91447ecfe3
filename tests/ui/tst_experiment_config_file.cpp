// The Experiment page's configuration as a file and as a command: a saved file loads back to
// the same form, a bad file is refused naming the file and the key, and the copied
// `metacf run` command, run by the real CLI, stores exactly the page's configuration.
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

#include "core/data/dataset_loader.h"
#include "core/data/dataset_stats.h"
#include "core/store/experiment_store.h"
#include "ui/pages/experiment_page.h"
#include "ui/run_controller.h"
#include "ui/studio_context.h"

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
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(settings_dir_.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings_dir_.path());
  }

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
