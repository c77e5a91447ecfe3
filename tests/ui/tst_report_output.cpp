// The headless `metacf-studio --report RUN --db STORE --out FILE` never clobbers a good file:
// a full device or the file-size limit is exit 1 with a message and the old report stays (it
// used to be truncated, or the studio died of SIGXFSZ leaving a partial PDF); a symbolic link
// stays a link; a store the CLI refuses as damaged is refused here too.
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <vector>

#include "core/experiment/experiment_config.h"
#include "core/store/experiment_store.h"
#include "tests/common/test_devices.h"

using namespace metacf;

namespace {

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

struct Result {
  int exit_code = -1;
  bool crashed = false;
  QByteArray errors;
};

// The studio as a script calls it; `limit` is a file-size limit in bytes (prlimit), 0 for none.
Result report(const QString& db, const QString& out, qint64 limit = 0) {
  QProcess studio;
  QStringList args{QStringLiteral("--report"), QStringLiteral("1"),
                   QStringLiteral("--db"),     db,
                   QStringLiteral("--out"),    out};
  if (limit > 0) {
    args.prepend(QStringLiteral(METACF_STUDIO_PATH));
    args.prepend(QStringLiteral("--fsize=%1").arg(limit));
    studio.start(QStringLiteral("prlimit"), args);
  } else {
    studio.start(QStringLiteral(METACF_STUDIO_PATH), args);
  }
  studio.waitForFinished(120000);
  // prlimit execs the studio, so its exit status is the studio's.
  return {studio.exitCode(), studio.exitStatus() == QProcess::CrashExit,
          studio.readAllStandardError()};
}

// One finished run with results and curves, and `padding` more runs to make the file large.
void makeStore(const std::string& path, int padding = 0) {
  auto store = ExperimentStore::open(path);
  for (int i = 0; i <= padding; ++i) {
    const auto run = store.begin_run(std::nullopt, std::nullopt, ExperimentConfig{});
    std::vector<CurvePoint> points;
    for (int e = 1; e <= 40; ++e)
      points.push_back({Stage::kPretrain, "", e, 1.0 / e, 0.1, 0.05, 1.0});
    store.add_curve_points(run, points);
    const std::vector<ResultRow> rows = {{"pop", 1, std::nullopt, 1, "full", "hr@10", 0.1, 10},
                                         {"pop", 1, std::nullopt, 1, "full", "ndcg@10", 0.05, 10}};
    store.add_results(run, rows);
    store.finish_run(run, RunStatus::kCompleted);
  }
}

}  // namespace

class TestReportOutput : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    db_ = dir_.filePath(QStringLiteral("s.sqlite"));
    makeStore(db_.toStdString());
  }

  // A name with the report's suffix that links to a full device (as root a copy of /dev/full in
  // the test's folder): written through, and its error reported (an HTML report used to be
  // "written" with exit 0).
  void aFullDeviceIsAnErrorNotASuccess() {
    const QString full =
        QString::fromStdString(metacf::testing::test_device(dir_.path().toStdString(), "full"));
    for (const QString& suffix : {QStringLiteral("html"), QStringLiteral("pdf")}) {
      const QString out = dir_.filePath(QStringLiteral("full.") + suffix);
      QVERIFY(QFile::link(full, out));
      const Result r = report(db_, out);
      QCOMPARE(r.exit_code, 1);
      QVERIFY2(r.errors.contains("cannot write: No space left on device"), r.errors);
      QVERIFY(QFileInfo(out).isSymLink());
      QVERIFY(!QFileInfo(full).isFile());
    }
  }

  void theFileSizeLimitKeepsTheOldReport() {
    for (const QString& suffix : {QStringLiteral("pdf"), QStringLiteral("html")}) {
      const QString out = dir_.filePath(QStringLiteral("limited.") + suffix);
      const Result good = report(db_, out);
      QVERIFY2(good.exit_code == 0, good.errors);
      const QByteArray before = readAll(out);
      QVERIFY(before.size() > 3000);
      const Result r = report(db_, out, 2048);
      QVERIFY2(!r.crashed, "killed by a signal (SIGXFSZ)");
      QCOMPARE(r.exit_code, 1);
      QVERIFY2(r.errors.contains("File too large"), r.errors);
      QCOMPARE(readAll(out), before);
      QCOMPARE(QDir(dir_.path())
                   .entryList(QDir::Hidden | QDir::Files)
                   .filter(QStringLiteral("limited.") + suffix)
                   .size(),
               1);  // no temporary file left
    }
  }

  void aLinkStaysALink() {
    const QString target = dir_.filePath(QStringLiteral("real.html"));
    const QString link = dir_.filePath(QStringLiteral("link.html"));
    QVERIFY(QFile::link(target, link));
    const Result r = report(db_, link);
    QVERIFY2(r.exit_code == 0, r.errors);
    QVERIFY(QFileInfo(link).isSymLink());
    QVERIFY(readAll(target).contains("<svg"));
  }

  void aDamagedStoreIsRefused() {
    const std::string damaged = dir_.filePath(QStringLiteral("damaged.sqlite")).toStdString();
    makeStore(damaged, 60);
    const auto size = QFileInfo(QString::fromStdString(damaged)).size();
    QVERIFY(size > 40 * 4096);
    {
      std::fstream f(damaged, std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(static_cast<std::streamoff>(size / 2 / 4096 * 4096));
      for (int i = 0; i < 8 * 4096; ++i) f.put(static_cast<char>((i * 131 + 7) & 0xff));
    }
    const QString out = dir_.filePath(QStringLiteral("damaged.html"));
    const Result r = report(QString::fromStdString(damaged), out);
    QCOMPARE(r.exit_code, 1);
    QVERIFY2(r.errors.contains("the store is damaged"), r.errors);
    QVERIFY(!QFileInfo::exists(out));
  }

 private:
  QTemporaryDir dir_;
  QString db_;
};

QTEST_MAIN(TestReportOutput)
#include "tst_report_output.moc"
