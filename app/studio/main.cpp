// metacf-studio: the desktop explorer.
#include <QApplication>

#include "ui/main_window.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("MetaCF"));
  QApplication::setApplicationName(QStringLiteral("metacf-studio"));
  metacf::ui::MainWindow window;
  window.resize(1400, 900);
  window.show();
  return QApplication::exec();
}
