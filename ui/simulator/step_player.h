#pragma once
// The step control of the simulator: a slider over steps 0 … K, a label, and Play, which walks
// the steps one by one. After each new set of lists it stands on the final step (what the user
// sees); Play starts again from step 0.
#include <QWidget>

class QLabel;
class QSlider;
class QTimer;
class QToolButton;

namespace metacf::ui {

class StepPlayer : public QWidget {
  Q_OBJECT
 public:
  explicit StepPlayer(QWidget* parent = nullptr);

  // New lists with steps 0 … last: stops playing and shows the last step (emits stepChanged).
  void showLists(int last);
  void setStep(int step);
  [[nodiscard]] int step() const;
  void stop();

 signals:
  void stepChanged(int step);

 private:
  void togglePlay();
  void tick();
  void update(int step);

  QToolButton* play_;
  QSlider* slider_;
  QLabel* label_;
  QTimer* timer_;
};

}  // namespace metacf::ui
