// The Data page loads through its worker, shows what it loaded, keeps the old data set when a
// file is bad, and reports lenient skips.
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "core/data/dataset_loader.h"
#include "tests/ui/studio_fixture.h"
#include "ui/pages/data_page.h"
#include "ui/studio_context.h"
#include "ui/widgets/dataset_preview_model.h"

using metacf::DataFormat;
using metacf::LoadOptions;
using metacf::ui::DataPage;
using metacf::ui::DatasetPreviewModel;
using metacf::ui::StudioContext;

namespace {
const QString kSampleDir = QStringLiteral(METACF_SAMPLE_DIR);
QString sample(const char* name) { return QDir(kSampleDir).filePath(QLatin1String(name)); }

QString writeFile(const QTemporaryDir& dir, const char* name, const QByteArray& bytes) {
  const QString path = dir.filePath(QLatin1String(name));
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return {};
  file.write(bytes);
  return path;
}

// Loads through the page and returns loadFinished's arguments.
QList<QVariant> loadAndWait(DataPage& page, const QString& path, const QString& titles = {},
                            const LoadOptions& options = {}) {
  QSignalSpy finished(&page, &DataPage::loadFinished);
  page.openDataset(path, titles, options);
  if (!finished.wait(60000)) return {};
  return finished.takeFirst();
}

QString labelText(const QWidget& page, const char* name) {
  const auto* label = page.findChild<QLabel*>(QLatin1String(name));
  return label ? label->text() : QString();
}
}  // namespace

class TestDataPage : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QVERIFY(metacf::ui::testing::isolate_settings(settings_dir_)); }

  void loadsTheSampleWithTitles() {
    StudioContext context;
    DataPage page(&context);
    page.setInteractive(false);
    const auto result = loadAndWait(page, sample("ratings.csv"), sample("items.csv"));
    QCOMPARE(result.size(), 2);
    QVERIFY2(result[0].toBool(), qPrintable(result[1].toString()));

    // The same file read directly by the core, as the reference.
    const metacf::Dataset expected = metacf::load_dataset(sample("ratings.csv").toStdString());
    const auto data = context.dataset();
    QVERIFY(data);
    QCOMPARE(data->num_users(), expected.num_users());
    QCOMPARE(data->num_items(), expected.num_items());
    QCOMPARE(data->num_records(), expected.num_records());
    QCOMPARE(context.stats().users, expected.num_users());
    QCOMPARE(context.stats().records, expected.num_records());
    QVERIFY(data->has_titles());
    QCOMPARE(QString::fromStdString(context.dataSource().format), QStringLiteral("csv"));

    // What the page shows.
    const QLocale locale;
    QCOMPARE(labelText(page, "users"), locale.toString(expected.num_users()));
    QCOMPARE(labelText(page, "items"), locale.toString(expected.num_items()));
    QCOMPARE(labelText(page, "records"),
             locale.toString(static_cast<qlonglong>(expected.num_records())));

    DatasetPreviewModel* preview = page.previewModel();
    QCOMPARE(preview->rowCount(),
             static_cast<int>(std::min<std::int64_t>(200, expected.num_records())));
    QCOMPARE(preview->columnCount(), 5);  // user, item, rating, timestamp, title
    // Row 0 is the first record of the first user in file order.
    QCOMPARE(
        preview->data(preview->index(0, DatasetPreviewModel::kUser), Qt::DisplayRole).toString(),
        QString::fromStdString(expected.user_ids[0]));
    QCOMPARE(
        preview->data(preview->index(0, DatasetPreviewModel::kItem), Qt::DisplayRole).toString(),
        QString::fromStdString(
            expected.item_ids[static_cast<std::size_t>(expected.user_items[0])]));
    QVERIFY(!preview->data(preview->index(0, DatasetPreviewModel::kTitle), Qt::DisplayRole)
                 .toString()
                 .isEmpty());
    // The row after the first user's last record belongs to the second user.
    const int first_user_records = static_cast<int>(expected.user_offsets[1]);
    if (first_user_records < preview->rowCount()) {
      QCOMPARE(preview
                   ->data(preview->index(first_user_records, DatasetPreviewModel::kUser),
                          Qt::DisplayRole)
                   .toString(),
               QString::fromStdString(expected.user_ids[1]));
    }
  }

  void aBadFileKeepsTheOldDataSet() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    StudioContext context;
    DataPage page(&context);
    page.setInteractive(false);
    QVERIFY(loadAndWait(page, sample("ratings.csv")).value(0).toBool());
    const auto before = context.dataset();
    QSignalSpy changed(&context, &StudioContext::datasetChanged);

    const QString garbage = writeFile(
        dir, "garbage.csv", QByteArray("\x00\x01\x02\xff\xfe", 5) + QByteArray(200, '\x07'));
    const auto result = loadAndWait(page, garbage);
    QCOMPARE(result.size(), 2);
    QVERIFY(!result[0].toBool());
    QVERIFY2(result[1].toString().contains(QStringLiteral("garbage.csv")),
             qPrintable(result[1].toString()));
    QCOMPARE(context.dataset(), before);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(page.dataPath(), sample("ratings.csv"));

    // A text file with a bad record names its line.
    const QString bad_line = writeFile(dir, "bad.csv", "1,10,5\n1,11,4\n2,10,high\n");
    const auto located = loadAndWait(page, bad_line);
    QVERIFY(!located.value(0).toBool());
    QVERIFY2(located.value(1).toString().contains(QStringLiteral(":3")),
             qPrintable(located.value(1).toString()));
    QCOMPARE(context.dataset(), before);
  }

  // A large file: the head's preview shows while the rest streams in, the event loop keeps
  // turning meanwhile, and a failure late in the file brings back the data set still loaded.
  void thePreviewAppearsWhileALargeFileLoads() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    constexpr int kLines = 400000;
    std::string text;
    text.reserve(kLines * 16);
    for (int i = 0; i < kLines; ++i) {
      // 5,000 users of 80 distinct items each: no duplicates to merge.
      text += "u" + std::to_string(i / 80) + ",i" + std::to_string((i % 80) * 37 + (i / 80) % 37) +
              ",1\n";
    }
    const QByteArray bytes = QByteArray::fromStdString(text);
    const QString good = writeFile(dir, "large.csv", bytes);
    // Other user names, so the preview tells which file it shows.
    const QString bad =
        writeFile(dir, "large_bad_end.csv", QByteArray(bytes).replace('u', 'w') + "w1,i2,many\n");

    StudioContext context;
    DataPage page(&context);
    page.setInteractive(false);
    DatasetPreviewModel* preview = page.previewModel();
    int rows_while_loading = 0;
    QString first_user_while_loading;
    connect(preview, &QAbstractItemModel::modelReset, this, [&] {
      if (!page.loading() || preview->rowCount() == 0) return;
      rows_while_loading = preview->rowCount();
      first_user_while_loading =
          preview->data(preview->index(0, DatasetPreviewModel::kUser), Qt::DisplayRole).toString();
    });
    int ticks_while_loading = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this,
            [&] { ticks_while_loading += page.loading() ? 1 : 0; });
    ticker.start(5);

    QVERIFY(loadAndWait(page, good).value(0).toBool());
    QCOMPARE(rows_while_loading, 200);
    QCOMPARE(first_user_while_loading, QStringLiteral("u0"));
    QVERIFY2(ticks_while_loading > 0, "the window froze while the file loaded");
    QCOMPARE(context.dataset()->num_records(), std::int64_t{kLines});

    // The bad last line fails the load after the head was previewed; the preview returns to the
    // data set still loaded.
    const auto before = context.dataset();
    rows_while_loading = 0;
    const auto failed = loadAndWait(page, bad);
    QVERIFY(!failed.value(0).toBool());
    QVERIFY2(failed.value(1).toString().contains(QStringLiteral(":%1").arg(kLines + 1)),
             qPrintable(failed.value(1).toString()));
    QCOMPARE(rows_while_loading, 200);
    QCOMPARE(first_user_while_loading, QStringLiteral("w0"));
    QCOMPARE(context.dataset(), before);
    QCOMPARE(preview->rowCount(), 200);
    QCOMPARE(
        preview->data(preview->index(0, DatasetPreviewModel::kUser), Qt::DisplayRole).toString(),
        QString::fromStdString(before->user_ids[0]));
  }

  void lenientModeSkipsAndReportsOneBadLine() {
    QTemporaryDir dir;
    StudioContext context;
    DataPage page(&context);
    page.setInteractive(false);
    const QString path =
        writeFile(dir, "one_bad.csv", "1,10,5\n1,11,4\n2,10,3\nnot a rating line\n2,12,1\n");

    QVERIFY(!loadAndWait(page, path).value(0).toBool());  // strict: an error

    LoadOptions lenient;
    lenient.lenient = true;
    const auto result = loadAndWait(page, path, {}, lenient);
    QVERIFY2(result.value(0).toBool(), qPrintable(result.value(1).toString()));
    QCOMPARE(context.dataset()->skipped, std::int64_t{1});
    QCOMPARE(context.dataset()->num_records(), std::int64_t{4});
    QCOMPARE(labelText(page, "skipped"), QStringLiteral("1"));
    QVERIFY2(page.warningsText().contains(QStringLiteral(":4")), qPrintable(page.warningsText()));
    QVERIFY(page.loadOptions().lenient);
  }

  void aForcedFormatIsUsed() {
    StudioContext context;
    DataPage page(&context);
    page.setInteractive(false);
    LoadOptions as_ml1m;
    as_ml1m.format = DataFormat::kMl1m;
    // The sample is a CSV: read as '::'-separated it has no valid line.
    QVERIFY(!loadAndWait(page, sample("ratings.csv"), {}, as_ml1m).value(0).toBool());
    QVERIFY(!context.dataset());
    QCOMPARE(page.loadOptions().format, DataFormat::kMl1m);
  }

  void aSecondOpenReplacesTheFirst() {
    QTemporaryDir dir;
    StudioContext context;
    DataPage page(&context);
    page.setInteractive(false);
    const QString small = writeFile(dir, "small.csv", "a,x,1\nb,y,1\nb,x,1\n");
    QSignalSpy finished(&page, &DataPage::loadFinished);
    page.openDataset(sample("ratings.csv"));
    page.openDataset(small);
    QVERIFY(finished.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(!page.loading(), 60000);
    QCOMPARE(finished.count(), 1);
    QVERIFY(finished.first().value(0).toBool());
    QCOMPARE(page.dataPath(), small);
    QCOMPARE(context.dataset()->num_records(), std::int64_t{3});
  }

 private:
  QTemporaryDir settings_dir_;
};

QTEST_MAIN(TestDataPage)
#include "tst_data_page.moc"
