#include "ui/export/export_dialogs.h"

#include <QChartView>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QMessageBox>
#include <QSettings>
#include <QSpinBox>
#include <functional>

namespace metacf::ui {
namespace {

QSpinBox* spin(int min, int max, int value, const QString& suffix, const QString& tip,
               QWidget* parent) {
  auto* box = new QSpinBox(parent);
  box->setRange(min, max);
  box->setValue(value);
  box->setSuffix(suffix);
  box->setToolTip(tip);
  return box;
}

using Writer = std::function<QString(const QString&, ImageFormat, const ExportSize&)>;

QString prompt(QWidget* parent, std::optional<ImageFormat> preset, const Writer& write) {
  QSettings settings;
  const QString png = QObject::tr("PNG image (*.png)");
  const QString svg = QObject::tr("SVG drawing (*.svg)");
  const QString pdf = QObject::tr("PDF document (*.pdf)");
  QString filter = preset == ImageFormat::kSvg ? svg : preset == ImageFormat::kPdf ? pdf : png;
  const QString dir = settings.value(QStringLiteral("export/chartDir")).toString();
  QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export chart"), dir,
                                              QStringList{png, svg, pdf}.join(";;"), &filter);
  if (path.isEmpty()) return {};
  std::optional<ImageFormat> format = image_format_from_suffix(QFileInfo(path).suffix());
  if (!format) {
    format = filter == svg ? ImageFormat::kSvg : filter == pdf ? ImageFormat::kPdf
                                                                : ImageFormat::kPng;
    path += QLatin1Char('.') + image_format_suffix(*format);
  }
  ExportSizeDialog dialog(parent);
  if (dialog.exec() != QDialog::Accepted) return {};
  if (const QString error = write(path, *format, dialog.size()); !error.isEmpty()) {
    QMessageBox::warning(parent, QObject::tr("Export chart"), error);
    return {};
  }
  settings.setValue(QStringLiteral("export/chartDir"), QFileInfo(path).absolutePath());
  return path;
}

}  // namespace

ExportSizeDialog::ExportSizeDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Export size"));
  QSettings settings;
  width_ = spin(64, 10000, settings.value(QStringLiteral("export/width"), 1200).toInt(),
                tr(" px"), tr("Width of the image in pixels (PNG) or of the page at this DPI"),
                this);
  height_ = spin(64, 10000, settings.value(QStringLiteral("export/height"), 800).toInt(),
                 tr(" px"), tr("Height of the image in pixels (PNG) or of the page at this DPI"),
                 this);
  dpi_ = spin(48, 1200, settings.value(QStringLiteral("export/dpi"), 96).toInt(), tr(" dpi"),
              tr("Dots per inch: 96 draws text at screen size; 192 or 300 for print"), this);
  auto* form = new QFormLayout(this);
  form->addRow(tr("&Width:"), width_);
  form->addRow(tr("&Height:"), height_);
  form->addRow(tr("&Resolution:"), dpi_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    remember();
    accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);
}

ExportSize ExportSizeDialog::size() const {
  return {QSize(width_->value(), height_->value()), dpi_->value()};
}

void ExportSizeDialog::remember() const {
  QSettings settings;
  settings.setValue(QStringLiteral("export/width"), width_->value());
  settings.setValue(QStringLiteral("export/height"), height_->value());
  settings.setValue(QStringLiteral("export/dpi"), dpi_->value());
}

QString promptExportChart(QChartView* view, QWidget* parent, std::optional<ImageFormat> format) {
  return prompt(parent, format, [view](const QString& path, ImageFormat f, const ExportSize& s) {
    return exportChart(view, path, f, s);
  });
}

}  // namespace metacf::ui
