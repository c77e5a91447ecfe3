#pragma once
// How to read a ratings file: format (auto or forced), delimiter (auto or named), CSV column
// order, lenient mode and an optional rating threshold. Emits changed() when the user edits any of
// them.
#include <QWidget>

#include "core/data/load_options.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;

namespace metacf::ui {

class LoadOptionsForm : public QWidget {
  Q_OBJECT
 public:
  explicit LoadOptionsForm(QWidget* parent = nullptr);

  [[nodiscard]] LoadOptions options() const;
  // Shows `options` without emitting changed().
  void setOptions(const LoadOptions& options);

  // The format, delimiter and column order the user chose last (QSettings), so that they stay
  // across Opens and sessions; the rest of the options start at their defaults.
  [[nodiscard]] static LoadOptions remembered();
  static void remember(const LoadOptions& options);

 signals:
  void changed();

 private:
  QComboBox* choiceCombo(const char* key, const char* object_name);

  QComboBox* format_ = nullptr;
  QComboBox* delimiter_ = nullptr;
  QComboBox* column_order_ = nullptr;
  QCheckBox* lenient_ = nullptr;
  QCheckBox* use_threshold_ = nullptr;
  QDoubleSpinBox* threshold_ = nullptr;
};

}  // namespace metacf::ui
