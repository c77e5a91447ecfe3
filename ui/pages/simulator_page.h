#pragma once
#include <QWidget>

namespace metacf::ui {

class StudioContext;
class RunController;

// Placeholder until the page is built.
class SimulatorPage : public QWidget {
  Q_OBJECT
 public:
  SimulatorPage(StudioContext* context, QWidget* parent = nullptr);
};

}  // namespace metacf::ui
