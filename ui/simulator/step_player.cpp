#include "ui/simulator/step_player.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

namespace metacf::ui {
namespace {
constexpr int kPlayIntervalMs = 400;
}

StepPlayer::StepPlayer(QWidget* parent) : QWidget(parent) {
  play_ = new QToolButton(this);
  play_->setToolTip(tr("Play the adaptation steps 0 … K (Ctrl+Space)"));
  play_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space));
  slider_ = new QSlider(Qt::Horizontal, this);
  slider_->setObjectName(QStringLiteral("stepSlider"));
  slider_->setRange(0, 0);
  slider_->setTickPosition(QSlider::TicksBelow);
  slider_->setTickInterval(1);
  slider_->setPageStep(1);
  slider_->setToolTip(
      tr("Step 0 is the learner's initial guess from the clicks; steps 1 … K "
         "are its local updates"));
  label_ = new QLabel(this);
  label_->setMinimumWidth(label_->fontMetrics().horizontalAdvance(tr("Step 20 of 20")));
  timer_ = new QTimer(this);
  timer_->setInterval(kPlayIntervalMs);
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(play_);
  row->addWidget(slider_, 1);
  row->addWidget(label_);
  connect(play_, &QToolButton::clicked, this, &StepPlayer::togglePlay);
  connect(timer_, &QTimer::timeout, this, &StepPlayer::tick);
  connect(slider_, &QSlider::valueChanged, this, &StepPlayer::update);
  update(0);
}

void StepPlayer::showLists(int last) {
  timer_->stop();
  {
    const QSignalBlocker block(slider_);
    slider_->setRange(0, last);
    slider_->setValue(last);
  }
  update(last);
}

void StepPlayer::setStep(int step) { slider_->setValue(step); }
int StepPlayer::step() const { return slider_->value(); }

void StepPlayer::stop() {
  timer_->stop();
  update(slider_->value());
}

void StepPlayer::togglePlay() {
  if (timer_->isActive()) {
    stop();
    return;
  }
  if (slider_->maximum() == 0) return;
  slider_->setValue(0);
  timer_->start();
  update(0);
}

void StepPlayer::tick() {
  if (slider_->value() >= slider_->maximum()) {
    stop();
    return;
  }
  slider_->setValue(slider_->value() + 1);
}

void StepPlayer::update(int step) {
  label_->setText(tr("Step %1 of %2").arg(step).arg(slider_->maximum()));
  const bool steps = slider_->maximum() > 0;
  slider_->setEnabled(steps);
  play_->setEnabled(steps);
  play_->setIcon(
      style()->standardIcon(timer_->isActive() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
  emit stepChanged(step);
}

}  // namespace metacf::ui
