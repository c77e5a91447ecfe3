// The Experiment page refuses seeds, K values and support sizes listed twice: the field that
// holds the repeat is framed and says why, the problems beside the form name it, and Start
// does nothing. A configuration file with a repeated seed is refused naming the key. (The
// page used to drop the repeats silently, so "1, 1, 1" ran one seed.)
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "tests/ui/studio_fixture.h"
#include "ui/forms/number_list.h"
#include "ui/pages/experiment_page.h"
#include "ui/run_controller.h"
#include "ui/studio_context.h"

using metacf::ui::ExperimentPage;
using metacf::ui::RunController;
using metacf::ui::StudioContext;

namespace {

struct Fixture {
  explicit Fixture(const QTemporaryDir& dir) {
    const QString error = metacf::ui::testing::load_sample(context, dir);
    if (!error.isEmpty()) qFatal("sample: %s", qPrintable(error));
    page.setConfig(metacf::ui::testing::quick_config());
  }
  StudioContext context;
  RunController runs{&context};
  ExperimentPage page{&context, &runs};
};

}  // namespace

class TestExperimentDuplicates : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QVERIFY(metacf::ui::testing::isolate_settings(settings_dir_)); }

  void aValueListedTwiceIsAnError() {
    QString error;
    QVERIFY(!metacf::ui::parse_number_list(QStringLiteral("1, 1, 1"), 0, 100, &error));
    QCOMPARE(error, QStringLiteral("1 is listed more than once"));
    // Through overlapping ranges too.
    QVERIFY(!metacf::ui::parse_number_list(QStringLiteral("1-3, 2"), 0, 100, &error));
    QCOMPARE(error, QStringLiteral("2 is listed more than once"));
    const auto distinct = metacf::ui::parse_number_list(QStringLiteral("3, 1-2"), 0, 100, &error);
    QVERIFY(distinct.has_value());
    QCOMPARE(*distinct, (std::vector<std::int64_t>{3, 1, 2}));
  }

  void repeatsAreShownAtTheirFieldAndStartIsRefused_data() {
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("why");
    QTest::newRow("seeds") << "seeds"
                           << "Seeds"
                           << "1, 1, 1"
                           << "1 is listed more than once";
    QTest::newRow("K") << "ks"
                       << "K values"
                       << "5, 5"
                       << "5 is listed more than once";
    QTest::newRow("support") << "supportSizes"
                             << "Support sizes"
                             << "2, 2"
                             << "2 is listed more than once";
    QTest::newRow("ranges") << "seeds"
                            << "Seeds"
                            << "1-4, 3"
                            << "3 is listed more than once";
  }

  void repeatsAreShownAtTheirFieldAndStartIsRefused() {
    QFETCH(QString, field);
    QFETCH(QString, label);
    QFETCH(QString, text);
    QFETCH(QString, why);
    QTemporaryDir dir;
    Fixture f(dir);
    auto* problems = f.page.findChild<QLabel*>(QStringLiteral("problems"));
    auto* edit = f.page.findChild<QLineEdit*>(field);
    QVERIFY(problems && edit);
    QVERIFY2(problems->text().isEmpty(), qPrintable(problems->text()));
    const QString before = edit->text();

    edit->setText(text);
    QVERIFY2(problems->text().contains(label + QStringLiteral(": ") + why),
             qPrintable(problems->text()));
    QCOMPARE(edit->property("problem").toString(), why);
    QVERIFY2(edit->toolTip().startsWith(why), qPrintable(edit->toolTip()));
    QVERIFY(!f.page.start());
    QVERIFY(!f.runs.running());
    QVERIFY(f.page.statusText().contains(QStringLiteral("cannot start")));

    edit->setText(before);
    QVERIFY2(problems->text().isEmpty(), qPrintable(problems->text()));
    QCOMPARE(edit->property("problem").toString(), QString());
    QVERIFY(!edit->toolTip().contains(why));
  }

  void aFileWithARepeatedSeedIsRefusedNamingTheKey() {
    QTemporaryDir dir;
    Fixture f(dir);
    const QString path = dir.filePath(QStringLiteral("twice.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"learners": ["pop"], "seeds": [4, 4]})");
    file.close();
    const QString error = f.page.loadConfigFrom(path);
    QVERIFY2(error.contains(QStringLiteral("seeds lists 4 more than once")), qPrintable(error));
    QCOMPARE(f.page.config().seeds, (std::vector<std::uint64_t>{1, 2}));
  }

 private:
  QTemporaryDir settings_dir_;
};

QTEST_MAIN(TestExperimentDuplicates)
#include "tst_experiment_duplicates.moc"
