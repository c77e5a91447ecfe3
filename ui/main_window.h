#pragma once
// The frame: a sidebar of pages (data, experiment, training, results, simulator), menus and
// a status bar. Each page is its own class in its own file.
#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace metacf::ui {

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);

  // Adds a page to the sidebar; the window takes ownership.
  void addPage(const QString& title, QWidget* page);

 private:
  void buildMenus();

  QListWidget* sidebar_ = nullptr;
  QStackedWidget* pages_ = nullptr;
};

}  // namespace metacf::ui
