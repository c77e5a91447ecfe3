// metacf-studio: the desktop explorer.
//   metacf-studio [FILE] [--titles FILE] [--store FILE]
// Without FILE it opens the bundled sample so a first look shows something at once.
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include "core/util/version.h"
#include "ui/main_window.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("MetaCF"));
  QApplication::setApplicationName(QStringLiteral("metacf-studio"));
  QApplication::setApplicationVersion(QString::fromLatin1(metacf::kVersion));

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("Explore meta-learned ID embeddings for new users (MetaCF)."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("file"),
                               QStringLiteral("Ratings file to open (default: the bundled sample)"),
                               QStringLiteral("[FILE]"));
  const QCommandLineOption titles(QStringLiteral("titles"),
                                  QStringLiteral("Item titles (u.item, movies.dat, movies.csv)"),
                                  QStringLiteral("FILE"));
  const QCommandLineOption store(QStringLiteral("store"),
                                 QStringLiteral("Experiment store (default: the user's data folder)"),
                                 QStringLiteral("FILE"));
  parser.addOption(titles);
  parser.addOption(store);
  parser.process(app);
  const QStringList files = parser.positionalArguments();

  metacf::ui::MainWindow window;
  window.show();
  // After the event loop starts, so a dialog about the store appears over a visible window.
  QTimer::singleShot(0, &window, [&] {
    window.startUp(files.value(0), parser.value(titles), QStringLiteral(METACF_SAMPLE_DIR),
                   parser.value(store));
  });
  return QApplication::exec();
}
