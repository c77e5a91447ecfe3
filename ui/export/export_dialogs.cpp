#include "ui/export/export_dialogs.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>

namespace metacf::ui {
namespace {

const QString kDirKey = QStringLiteral("export/lastDir");

QSpinBox* spin(int min, int max, int value, const QString& suffix, const QString& tip,
               QWidget* parent) {
  auto* box = new QSpinBox(parent);
  box->setRange(min, max);
  box->setValue(value);
  box->setSuffix(suffix);
  box->setToolTip(tip);
  return box;
}

// "Validation (meta-training users held out)" -> "validation_meta-training_users_held_out".
QString fileNameOf(const QString& title) {
  QString name = title.toLower();
  name.replace(QRegularExpression(QStringLiteral("[^a-z0-9@=.-]+")), QStringLiteral("_"));
  name.remove(QRegularExpression(QStringLiteral("^_+|_+$")));
  return name.isEmpty() ? QStringLiteral("chart") : name;
}

}  // namespace

QString lastExportDir() {
  const QString dir = QSettings().value(kDirKey).toString();
  if (!dir.isEmpty() && QFileInfo(dir).isDir()) return dir;
  return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

void rememberExportDir(const QString& written_file) {
  QSettings().setValue(kDirKey, QFileInfo(written_file).absolutePath());
}

ExportDialog::ExportDialog(const QString& base_name, std::optional<ImageFormat> preset,
                           QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(tr("Export chart"));
  QSettings settings;
  format_ = new QComboBox(this);
  format_->addItem(tr("PNG image"), static_cast<int>(ImageFormat::kPng));
  format_->addItem(tr("SVG drawing"), static_cast<int>(ImageFormat::kSvg));
  format_->addItem(tr("PDF document"), static_cast<int>(ImageFormat::kPdf));
  const int remembered = settings.value(QStringLiteral("export/format"), 0).toInt();
  format_->setCurrentIndex(preset ? static_cast<int>(*preset) : std::clamp(remembered, 0, 2));
  path_ = new QLineEdit(this);
  path_->setMinimumWidth(360);
  path_->setToolTip(tr("The file to write; its suffix follows the format"));
  auto* browse = new QPushButton(tr("&Browse…"), this);
  connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
  auto* file_row = new QHBoxLayout;
  file_row->addWidget(path_, 1);
  file_row->addWidget(browse);
  width_ = spin(64, 10000, settings.value(QStringLiteral("export/width"), 1200).toInt(), tr(" px"),
                tr("Width of the image in pixels (PNG) or of the page at this DPI"), this);
  height_ = spin(64, 10000, settings.value(QStringLiteral("export/height"), 800).toInt(), tr(" px"),
                 tr("Height of the image in pixels (PNG) or of the page at this DPI"), this);
  dpi_ = spin(48, 1200, settings.value(QStringLiteral("export/dpi"), 96).toInt(), tr(" dpi"),
              tr("Dots per inch: 96 draws text at screen size; 192 or 300 for print"), this);
  auto* form = new QFormLayout(this);
  form->addRow(tr("File:"), file_row);
  form->addRow(tr("F&ormat:"), format_);
  form->addRow(tr("&Width:"), width_);
  form->addRow(tr("&Height:"), height_);
  form->addRow(tr("&Resolution:"), dpi_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("&Export"));
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    followName();
    remember();
    accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);
  setPath(QDir(lastExportDir()).filePath(fileNameOf(base_name)));
  connect(format_, &QComboBox::currentIndexChanged, this, &ExportDialog::followSuffix);
  connect(path_, &QLineEdit::editingFinished, this, &ExportDialog::followName);
}

void ExportDialog::followName() {
  // A name typed with a known suffix chooses the format: figure.svg is written as SVG whatever
  // the combo box said (followSuffix then keeps the name as it is).
  if (const auto f = image_format_from_suffix(QFileInfo(path_->text()).suffix());
      f && *f != format()) {
    format_->setCurrentIndex(format_->findData(static_cast<int>(*f)));
  }
}

void ExportDialog::setPath(const QString& path) {
  path_->setText(path);
  followSuffix();
}

void ExportDialog::followSuffix() {
  // The suffix always matches the format, so what is written is what the name says.
  const QFileInfo info(path_->text());
  QString stem = path_->text();
  if (image_format_from_suffix(info.suffix())) stem.chop(info.suffix().size() + 1);
  path_->setText(stem + QLatin1Char('.') + image_format_suffix(format()));
}

void ExportDialog::browse() {
  const QString chosen = QFileDialog::getSaveFileName(
      this, tr("Export chart"), path(),
      tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
  if (chosen.isEmpty()) return;
  if (const auto f = image_format_from_suffix(QFileInfo(chosen).suffix())) {
    format_->setCurrentIndex(static_cast<int>(*f));
  }
  setPath(chosen);
}

QString ExportDialog::path() const { return path_->text(); }

ImageFormat ExportDialog::format() const {
  return static_cast<ImageFormat>(format_->currentData().toInt());
}

ExportSize ExportDialog::size() const {
  return {QSize(width_->value(), height_->value()), dpi_->value()};
}

void ExportDialog::remember() const {
  QSettings settings;
  settings.setValue(QStringLiteral("export/width"), width_->value());
  settings.setValue(QStringLiteral("export/height"), height_->value());
  settings.setValue(QStringLiteral("export/dpi"), dpi_->value());
  settings.setValue(QStringLiteral("export/format"), format_->currentIndex());
}

QString promptExportChart(QChartView* view, QWidget* parent, std::optional<ImageFormat> format) {
  const QString title = view && view->chart() ? view->chart()->title() : QString();
  ExportDialog dialog(title, format, parent);
  if (dialog.exec() != QDialog::Accepted) return {};
  const QString path = dialog.path();
  if (const QString error = exportChart(view, path, dialog.format(), dialog.size());
      !error.isEmpty()) {
    QMessageBox::warning(parent, QObject::tr("Export chart"), error);
    return {};
  }
  rememberExportDir(path);
  return path;
}

}  // namespace metacf::ui
