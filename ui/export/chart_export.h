#pragma once
// Writes a chart (or any widget) to PNG, SVG or PDF at a chosen size. Charts are laid out
// again at the requested size before they are drawn, so axis labels and legends keep their
// proportions instead of being scaled like a bitmap. Shared by every page that shows a chart.
#include <QSize>
#include <QString>
#include <optional>

class QChartView;
class QPainter;
class QRectF;
class QSizeF;
class QWidget;

namespace metacf::ui {

enum class ImageFormat { kPng, kSvg, kPdf };

// "png", "svg", "pdf" (any case, with or without a leading dot); none for anything else.
std::optional<ImageFormat> image_format_from_suffix(const QString& suffix);
QString image_format_suffix(ImageFormat format);

struct ExportSize {
  QSize pixels{1200, 800};  // the PNG's size; for SVG and PDF the page at `dpi`
  int dpi = 96;             // 96 draws text at screen size; 192 doubles the detail
  // The size the chart is laid out at, in points at 96 DPI.
  [[nodiscard]] QSizeF logical() const;
};

// Lays `view`'s chart out at `layout_size` (without the room a narrow view keeps above the
// title for its buttons), draws it into `target`, then gives it back its size on screen.
void renderChartAt(QChartView* view, QPainter& painter, const QRectF& target,
                   const QSizeF& layout_size);

// Returns an empty string on success, otherwise why the file could not be written.
QString exportChart(QChartView* view, const QString& path, ImageFormat format,
                    const ExportSize& size = {});
// Any widget, drawn as it is laid out now and scaled to fit the requested size.
QString exportWidget(QWidget* widget, const QString& path, ImageFormat format,
                     const ExportSize& size = {});

}  // namespace metacf::ui
