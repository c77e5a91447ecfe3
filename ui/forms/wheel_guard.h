#pragma once
// Editors inside a scrolled form take the mouse wheel only once they have focus: otherwise a
// wheel turn meant to scroll the form would silently change the value under the pointer.
class QWidget;

namespace metacf::ui {

// Makes `editor` take focus by click or Tab only (not by wheel) and pass wheel events to its
// parent (the scroll area) while it is not focused.
void ignore_wheel_unless_focused(QWidget* editor);

}  // namespace metacf::ui
