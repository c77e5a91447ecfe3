#include "ui/forms/wheel_guard.h"

#include <QEvent>
#include <QObject>
#include <QWidget>

namespace metacf::ui {
namespace {

class WheelGuard : public QObject {
 public:
  using QObject::QObject;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override {
    auto* widget = qobject_cast<QWidget*>(watched);
    if (event->type() == QEvent::Wheel && widget && !widget->hasFocus()) {
      // Not accepted: QApplication hands the event on to the parent, which scrolls.
      event->ignore();
      return true;
    }
    return QObject::eventFilter(watched, event);
  }
};

}  // namespace

void ignore_wheel_unless_focused(QWidget* editor) {
  editor->setFocusPolicy(Qt::StrongFocus);
  // One guard per editor, owned by it, so it goes when the editor does.
  editor->installEventFilter(new WheelGuard(editor));
}

}  // namespace metacf::ui
