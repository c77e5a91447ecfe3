// metacf-studio: the desktop explorer.
//   metacf-studio [FILE] [--titles FILE] [--store FILE] [--screenshot PNG]
//   metacf-studio --report RUN --db FILE --out report.html|report.pdf   (no window, no display)
// Without FILE it opens the bundled sample so a first look shows something at once.
#include <QApplication>
#include <QBuffer>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QPixmap>
#include <QTimer>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "core/store/experiment_store.h"
#include "core/util/version.h"
#include "ui/export/output_file.h"
#include "ui/main_window.h"
#include "ui/pages/data_page.h"
#include "ui/report/run_report.h"

namespace {

struct StudioOptions {
  QCommandLineOption titles{QStringLiteral("titles"),
                            QStringLiteral("Item titles (u.item, movies.dat, movies.csv)"),
                            QStringLiteral("FILE")};
  QCommandLineOption store{QStringLiteral("store"),
                           QStringLiteral("Experiment store (default: the user's data folder)"),
                           QStringLiteral("FILE")};
  QCommandLineOption screenshot{
      QStringLiteral("screenshot"),
      QStringLiteral("Open, wait until the data set has loaded, save a picture of the window to "
                     "PNG and quit (exit 1 when the data set does not load); for scripts and CI, "
                     "with QT_QPA_PLATFORM=offscreen where there is no display"),
      QStringLiteral("PNG")};
  QCommandLineOption report{
      QStringLiteral("report"),
      QStringLiteral("Write the experiment report of stored run RUN to --out (.html with inline "
                     "SVG charts, or .pdf) and quit, without a window or a display"),
      QStringLiteral("RUN")};
  QCommandLineOption db{QStringLiteral("db"),
                        QStringLiteral("Experiment store --report reads (default: --store, else "
                                       "the user's data folder)"),
                        QStringLiteral("FILE")};
  QCommandLineOption out{QStringLiteral("out"),
                         QStringLiteral("The report file --report writes (.html or .pdf)"),
                         QStringLiteral("FILE")};
};

void describe(QCommandLineParser& parser, const StudioOptions& options) {
  parser.setApplicationDescription(
      QStringLiteral("Explore meta-learned ID embeddings for new users (MetaCF)."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("file"),
                               QStringLiteral("Ratings file to open (default: the bundled sample)"),
                               QStringLiteral("[FILE]"));
  parser.addOption(options.titles);
  parser.addOption(options.store);
  parser.addOption(options.screenshot);
  parser.addOption(options.report);
  parser.addOption(options.db);
  parser.addOption(options.out);
}

// --report draws charts with Qt but opens no window: the offscreen platform serves, so it runs
// in scripts and CI without a display. Decided before QApplication, which picks the platform.
void useOffscreenForReport(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const QString arg = QString::fromLocal8Bit(argv[i]);
    if ((arg == QLatin1String("--report") || arg.startsWith(QLatin1String("--report="))) &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
      qputenv("QT_QPA_PLATFORM", "offscreen");
      return;
    }
  }
}

// The headless report: exit 0 when written, 1 when the run or the file fails, 2 for usage.
int writeReportAndQuit(const QCommandLineParser& parser, const StudioOptions& options) {
  bool ok = false;
  const qint64 run = parser.value(options.report).toLongLong(&ok);
  const QString out = parser.value(options.out);
  if (!ok || run <= 0 || out.isEmpty()) {
    std::fputs("metacf-studio: --report needs a run id and --out FILE (.html or .pdf)\n", stderr);
    return 2;
  }
  QString db = parser.value(options.db);
  if (db.isEmpty()) db = parser.value(options.store);
  try {
    auto store = metacf::ExperimentStore::open(
        db.isEmpty() ? metacf::default_store_path() : db.toStdString(),
        metacf::ExperimentStore::Access::kReadOnly);
    store.require_intact();  // as the CLI's readers: a damaged store is refused, not rendered
    const QString error = metacf::ui::writeRunReport(store, run, out);
    if (!error.isEmpty()) {
      std::fprintf(stderr, "metacf-studio: %s\n", qPrintable(error));
      return 1;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "metacf-studio: %s\n", e.what());
    return 1;
  }
  std::printf("metacf-studio: report written to %s\n", qPrintable(out));
  return 0;
}

// --help, --version and a bad option are answered before QApplication exists, because
// QApplication needs a display and these need none.
void answerWithoutDisplay(int argc, char** argv) {
  QStringList args;
  for (int i = 0; i < argc; ++i) args << QString::fromLocal8Bit(argv[i]);
  QCommandLineParser parser;
  const StudioOptions options;
  describe(parser, options);
  if (!parser.parse(args)) {
    // Qt's own options (-platform, -style, ...) are unknown until QApplication takes them out,
    // so an unknown option is reported here only where no display could be opened anyway.
    const bool no_display = qEnvironmentVariableIsEmpty("DISPLAY") &&
                            qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
                            qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
    if (!no_display) return;
    std::fprintf(stderr, "metacf-studio: %s\nTry 'metacf-studio --help'.\n",
                 qPrintable(parser.errorText()));
    std::exit(2);
  }
  if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all"))) {
    // Without an application object Qt names the program "<executable_name>".
    std::fputs(qPrintable(parser.helpText().replace(QStringLiteral("<executable_name>"),
                                                    QStringLiteral("metacf-studio"))),
               stdout);
    std::exit(0);
  }
  if (parser.isSet(QStringLiteral("version"))) {
    std::printf("metacf-studio %s\n", metacf::kVersion);
    std::exit(0);
  }
}

// The window as a PNG, written whole by writeOutputFile.
QString saveScreenshot(QWidget& window, const QString& path) {
  QBuffer buffer;
  buffer.open(QIODevice::WriteOnly);
  if (!window.grab().save(&buffer, "PNG")) return QStringLiteral("cannot encode %1").arg(path);
  return metacf::ui::writeOutputFile(path, buffer.data());
}

// An installed studio finds the sample beside its binary (bin/../share/metacf-studio); a build
// that was never installed reads the source tree it was built from.
QString bundledSampleDir() {
  const QDir binary_dir(QCoreApplication::applicationDirPath());
  const QString installed =
      QDir::cleanPath(binary_dir.filePath(QStringLiteral(METACF_BIN_TO_DATA "/sample_data")));
  if (QFileInfo::exists(QDir(installed).filePath(QStringLiteral("ratings.csv")))) return installed;
  return QStringLiteral(METACF_SOURCE_SAMPLE_DIR);
}

}  // namespace

int main(int argc, char** argv) {
  // A write past the file-size limit fails with EFBIG, reported, instead of killing the studio
  // (SIGXFSZ) in the middle of a file.
  std::signal(SIGXFSZ, SIG_IGN);
  answerWithoutDisplay(argc, argv);
  useOffscreenForReport(argc, argv);

  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("MetaCF"));
  QApplication::setApplicationName(QStringLiteral("metacf-studio"));
  QApplication::setApplicationVersion(QString::fromLatin1(metacf::kVersion));
  // Desktop shells match the window to metacf-studio.desktop by this name.
  QGuiApplication::setDesktopFileName(QStringLiteral("metacf-studio"));

  QCommandLineParser parser;
  const StudioOptions options;
  describe(parser, options);
  parser.process(app);
  const QStringList files = parser.positionalArguments();
  if (parser.isSet(options.report)) return writeReportAndQuit(parser, options);

  metacf::ui::MainWindow window;
  const QString screenshot = parser.value(options.screenshot);
  if (!screenshot.isEmpty()) {
    window.setInteractive(false);
    auto loading = std::make_shared<QString>();
    QObject::connect(window.dataPage(), &metacf::ui::DataPage::loadStarted, &window,
                     [loading](const QString& path) { *loading = path; });
    QObject::connect(window.dataPage(), &metacf::ui::DataPage::loadFinished, &window,
                     [&window, screenshot, loading](bool ok, const QString& error) {
                       // Scripts read which file was opened, so an installed studio can be shown to
                       // read its own sample rather than the source tree's.
                       if (ok) {
                         std::printf("metacf-studio: loaded %s\n", qPrintable(*loading));
                       } else {
                         std::fprintf(stderr, "metacf-studio: %s\n", qPrintable(error));
                       }
                       const QString problem = saveScreenshot(window, screenshot);
                       const bool saved = problem.isEmpty();
                       if (saved) {
                         std::printf("metacf-studio: window saved to %s\n", qPrintable(screenshot));
                       } else {
                         std::fprintf(stderr, "metacf-studio: %s\n", qPrintable(problem));
                       }
                       std::fflush(stdout);
                       QApplication::exit(ok && saved ? 0 : 1);
                     });
    // Nothing to load (no sample beside the binary, say) must not leave a script waiting.
    QTimer::singleShot(120'000, &window, [] {
      std::fputs("metacf-studio: no data set loaded within 120 s\n", stderr);
      QApplication::exit(1);
    });
  }
  window.show();
  // After the event loop starts, so a dialog about the store appears over a visible window.
  QTimer::singleShot(0, &window, [&] {
    window.startUp(files.value(0), parser.value(options.titles), bundledSampleDir(),
                   parser.value(options.store));
  });
  return QApplication::exec();
}
