#pragma once
#include <QWidget>

namespace metacf::ui {

class StudioContext;
class RunController;

// Placeholder until the page is built.
class ResultsPage : public QWidget {
  Q_OBJECT
 public:
  ResultsPage(StudioContext* context, RunController* runs, QWidget* parent = nullptr);
};

}  // namespace metacf::ui
