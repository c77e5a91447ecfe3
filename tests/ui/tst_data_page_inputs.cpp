// The Data page with inputs a new user meets: titles that do not fit the data set warn, a bad
// titles file is named as such, a binary file's error stays short enough to wrap, a semicolon
// file loads with the delimiter chosen, the preview shows every column the file has, and the
// way of reading files stays across Opens.
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "tests/ui/studio_fixture.h"
#include "ui/forms/load_options_form.h"
#include "ui/pages/data_page.h"
#include "ui/studio_context.h"
#include "ui/widgets/dataset_preview_model.h"

using metacf::DataFormat;
using metacf::Delimiter;
using metacf::LoadOptions;
using metacf::ui::DataPage;
using metacf::ui::DatasetPreviewModel;
using metacf::ui::StudioContext;

namespace {
QString writeFile(const QTemporaryDir& dir, const char* name, const QByteArray& bytes) {
  const QString path = dir.filePath(QLatin1String(name));
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return {};
  file.write(bytes);
  return path;
}

QList<QVariant> loadAndWait(DataPage& page, const QString& path, const QString& titles = {},
                            const LoadOptions& options = {}) {
  QSignalSpy finished(&page, &DataPage::loadFinished);
  page.openDataset(path, titles, options);
  if (!finished.wait(60000)) return {};
  return finished.takeFirst();
}

// Ten items "1".."10", each rated by two users.
QByteArray tenItems() {
  QByteArray text;
  for (int item = 1; item <= 10; ++item) {
    text += QByteArray::number(item % 3) + ',' + QByteArray::number(item) + ",4\n";
    text += "u" + QByteArray::number(item % 4) + ',' + QByteArray::number(item) + ",3\n";
  }
  return text;
}

// A movies.csv giving titles to `ids`.
QByteArray titlesFor(const QList<int>& ids) {
  QByteArray text = "movieId,title,genres\n";
  for (int id : ids)
    text += QByteArray::number(id) + ",Film " + QByteArray::number(id) + ",Drama\n";
  return text;
}

}  // namespace

class TestDataPageInputs : public QObject {
  Q_OBJECT
 private slots:
  void init() {
    QVERIFY(metacf::ui::testing::isolate_settings(settings_dir_));
    QSettings().clear();
  }

  void titlesCoveringFewItemsWarn() {
    QTemporaryDir dir;
    StudioContext context;
    DataPage page(&context);
    page.setInteractive(false);
    const QString data = writeFile(dir, "ratings.csv", tenItems());

    // Every item titled: no warning.
    const QString all = writeFile(dir, "all.csv", titlesFor({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
    QVERIFY(loadAndWait(page, data, all).value(0).toBool());
    QVERIFY2(page.titlesWarning().isEmpty(), qPrintable(page.titlesWarning()));

    // Eight of ten (80%): under 90%, a warning that says how many.
    const QString most = writeFile(dir, "most.csv", titlesFor({1, 2, 3, 4, 5, 6, 7, 8}));
    QVERIFY(loadAndWait(page, data, most).value(0).toBool());
    QVERIFY2(page.titlesWarning().contains(QStringLiteral("8 of the 10 items")),
             qPrintable(page.titlesWarning()));
    QVERIFY(page.messageText().contains(page.titlesWarning()));

    // Ten of ten, but among 40 ids of another catalogue: few ids match.
    QList<int> other;
    for (int id = 1; id <= 40; ++id) other << (id <= 10 ? id : 1000 + id);
    const QString foreign = writeFile(dir, "foreign.csv", titlesFor(other));
    QVERIFY(loadAndWait(page, data, foreign).value(0).toBool());
    QVERIFY2(page.titlesWarning().contains(QStringLiteral("another data set")),
             qPrintable(page.titlesWarning()));
  }

  void aBadTitlesFileIsNamedWithItsLine() {
    QTemporaryDir dir;
    StudioContext context;
    DataPage page(&context);
    page.setInteractive(false);
    const QString data = writeFile(dir, "ratings.csv", tenItems());
    const QString titles =
        writeFile(dir, "bad_titles.csv", "movieId,title,genres\n1,Film 1,Drama\n2,\"unclosed\n");
    const auto result = loadAndWait(page, data, titles);
    QVERIFY(!result.value(0).toBool());
    const QString error = result.value(1).toString();
    QVERIFY2(error.contains(QStringLiteral("bad_titles.csv:3")), qPrintable(error));
    QVERIFY2(page.messageText().startsWith(QStringLiteral("Could not load the titles file "
                                                          "bad_titles.csv")),
             qPrintable(page.messageText()));
    QVERIFY2(!page.messageText().contains(QStringLiteral("load ratings.csv")),
             qPrintable(page.messageText()));
  }

  void aBinaryFileErrorIsShortAndDoesNotWidenThePage() {
    QTemporaryDir dir;
    StudioContext context;
    DataPage page(&context);
    page.setInteractive(false);
    page.resize(800, 600);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const int width_before = page.minimumSizeHint().width();
    QByteArray bytes;
    for (int i = 0; i < 400; ++i) bytes += static_cast<char>((i * 37) % 256);
    const QString binary = writeFile(dir, "binary.dat", bytes);
    const auto result = loadAndWait(page, binary);
    QVERIFY(!result.value(0).toBool());
    const QString shown = page.messageText();
    QVERIFY2(shown.contains(QStringLiteral("binary.dat")), qPrintable(shown));
    // No word a label cannot wrap: every run without spaces is short.
    static const QRegularExpression kWord(QStringLiteral("\\S+"));
    auto words = kWord.globalMatch(shown);
    while (words.hasNext()) {
      const QString word = words.next().captured();
      QVERIFY2(word.size() <= 48, qPrintable(word));
    }
    QVERIFY(shown.size() < 400);
    QCoreApplication::processEvents();
    QVERIFY2(page.minimumSizeHint().width() <= width_before,
             qPrintable(
                 QStringLiteral("%1 > %2").arg(page.minimumSizeHint().width()).arg(width_before)));
  }

  void aSemicolonFileLoadsDetectedOrWithTheDelimiterChosen() {
    QTemporaryDir dir;
    StudioContext context;
    DataPage page(&context);
    page.setInteractive(false);
    const QString path =
        writeFile(dir, "export.csv", "user;item;rating;time\na;x;5;100\na;y;3;200\nb;x;4;300\n");
    // Auto detects the semicolons (a spreadsheet's CSV where the comma is the decimal mark).
    const auto detected = loadAndWait(page, path);
    QVERIFY2(detected.value(0).toBool(), qPrintable(detected.value(1).toString()));
    QCOMPARE(context.dataset()->num_records(), std::int64_t{3});

    LoadOptions semicolon;
    semicolon.delimiter = Delimiter::kSemicolon;
    const auto result = loadAndWait(page, path, {}, semicolon);
    QVERIFY2(result.value(0).toBool(), qPrintable(result.value(1).toString()));
    QCOMPARE(context.dataset()->num_users(), 2);
    QCOMPARE(context.dataset()->num_items(), 2);
    QCOMPARE(context.dataset()->num_records(), std::int64_t{3});

    // The preview has every column of the file, in file order.
    DatasetPreviewModel* preview = page.previewModel();
    QCOMPARE(preview->rowCount(), 3);
    QCOMPARE(
        preview->data(preview->index(1, DatasetPreviewModel::kItem), Qt::DisplayRole).toString(),
        QStringLiteral("y"));
    QCOMPARE(
        preview->data(preview->index(1, DatasetPreviewModel::kRating), Qt::DisplayRole).toDouble(),
        3.0);
    QCOMPARE(preview->data(preview->index(2, DatasetPreviewModel::kTimestamp), Qt::DisplayRole)
                 .toString(),
             QStringLiteral("300"));
    auto* table = page.findChild<QTableView*>();
    QVERIFY(table);
    QVERIFY(!table->isColumnHidden(DatasetPreviewModel::kRating));
    QVERIFY(!table->isColumnHidden(DatasetPreviewModel::kTimestamp));
    QVERIFY(table->isColumnHidden(DatasetPreviewModel::kTitle));  // no titles loaded
  }

  // A file auto cannot read fails; choosing the delimiter that fixes it must read that file
  // again, not the data set still shown (#23: it re-read the previous file).
  void aDelimiterChosenAfterAFailedLoadRereadsTheFailedFile() {
    QTemporaryDir dir;
    StudioContext context;
    DataPage page(&context);
    page.setInteractive(false);
    const QString good = writeFile(dir, "good.csv", "a,x,5\na,y,3\nb,x,4\n");
    const QString spaced = writeFile(dir, "spaced.txt", "u1 x 5\nu2 y 3\nu3 x 4\nu4 z 2\n");
    QVERIFY(loadAndWait(page, good).value(0).toBool());
    QCOMPARE(context.dataset()->num_users(), 2);
    QVERIFY(!loadAndWait(page, spaced).value(0).toBool());  // auto cannot tell spaces
    QCOMPARE(context.dataset()->num_users(), 2);            // the good one stays shown

    auto* delimiter = page.findChild<QComboBox*>(QStringLiteral("delimiterCombo"));
    QVERIFY(delimiter);
    QSignalSpy finished(&page, &DataPage::loadFinished);
    delimiter->setCurrentIndex(delimiter->findData(QStringLiteral("whitespace")));
    emit delimiter->activated(delimiter->currentIndex());
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.last().value(0).toBool(), qPrintable(finished.last().value(1).toString()));
    QCOMPARE(context.dataset()->num_users(), 4);
    QCOMPARE(QString::fromStdString(context.dataset()->source_path), spaced);
  }

  void theChosenFormatSurvivesTheNextOpen() {
    QTemporaryDir dir;
    const QString first = writeFile(dir, "first.txt", "a;x;5\na;y;3\nb;x;4\n");
    const QString second = writeFile(dir, "second.txt", "c;x;5\nd;y;3\n");
    {
      StudioContext context;
      DataPage page(&context);
      page.setInteractive(false);
      auto* format = page.findChild<QComboBox*>(QStringLiteral("formatCombo"));
      auto* delimiter = page.findChild<QComboBox*>(QStringLiteral("delimiterCombo"));
      QVERIFY(format && delimiter);
      // As the user picks them (activated is what a click emits).
      format->setCurrentIndex(format->findData(QStringLiteral("csv")));
      emit format->activated(format->currentIndex());
      delimiter->setCurrentIndex(delimiter->findData(QStringLiteral("semicolon")));
      emit delimiter->activated(delimiter->currentIndex());

      QSignalSpy finished(&page, &DataPage::loadFinished);
      page.openChosenDataset(first);
      QVERIFY(finished.wait(60000));
      QVERIFY2(finished.last().value(0).toBool(), qPrintable(finished.last().value(1).toString()));
      page.openChosenDataset(second);
      QVERIFY(finished.wait(60000));
      QVERIFY2(finished.last().value(0).toBool(), qPrintable(finished.last().value(1).toString()));
      QCOMPARE(page.dataPath(), second);
      QCOMPARE(page.loadOptions().format, DataFormat::kCsv);
      QCOMPARE(page.loadOptions().delimiter, Delimiter::kSemicolon);
    }
    // And the next session's page starts with them.
    StudioContext context;
    DataPage page(&context);
    QCOMPARE(page.loadOptions().format, DataFormat::kCsv);
    QCOMPARE(page.loadOptions().delimiter, Delimiter::kSemicolon);
  }

 private:
  QTemporaryDir settings_dir_;
};

QTEST_MAIN(TestDataPageInputs)
#include "tst_data_page_inputs.moc"
