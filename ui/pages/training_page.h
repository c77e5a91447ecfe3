#pragma once
#include <QWidget>

namespace metacf::ui {

class StudioContext;
class RunController;

// Placeholder until the page is built.
class TrainingPage : public QWidget {
  Q_OBJECT
 public:
  TrainingPage(StudioContext* context, RunController* runs, QWidget* parent = nullptr);
};

}  // namespace metacf::ui
