#pragma once
#include <QWidget>

namespace metacf::ui {

class StudioContext;
class RunController;

// Placeholder until the page is built.
class DataPage : public QWidget {
  Q_OBJECT
 public:
  DataPage(StudioContext* context, QWidget* parent = nullptr);
};

}  // namespace metacf::ui
