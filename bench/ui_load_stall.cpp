// Loads a ratings file through the studio's Data page, as File > Open does, and measures how
// long the event loop went without turning: a 5 ms timer records the largest gap between its
// ticks. Prints the time to the preview, to the loaded data set, and the stalls.
//   ui_load_stall FILE      (under Xvfb, or QT_QPA_PLATFORM=offscreen)
#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

#include "ui/pages/data_page.h"
#include "ui/studio_context.h"
#include "ui/widgets/dataset_preview_model.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  if (argc != 2) {
    std::fprintf(stderr, "usage: ui_load_stall FILE\n");
    return 2;
  }
  metacf::ui::StudioContext context;
  metacf::ui::DataPage page(&context);
  page.setInteractive(false);
  page.resize(1400, 900);
  page.show();

  QElapsedTimer clock;
  std::vector<double> gaps_ms;
  double last_tick = 0, preview_ms = -1;
  QTimer ticker;
  QObject::connect(&ticker, &QTimer::timeout, [&] {
    const double now = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    gaps_ms.push_back(now - last_tick);
    last_tick = now;
  });
  QObject::connect(page.previewModel(), &QAbstractItemModel::modelReset, [&] {
    if (preview_ms < 0 && page.previewModel()->rowCount() > 0) {
      preview_ms = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    }
  });
  bool ok = false;
  QString error;
  QObject::connect(&page, &metacf::ui::DataPage::loadFinished, [&](bool success, const QString& e) {
    ok = success;
    error = e;
    // A few more ticks, so the stall of showing the result is counted too.
    QTimer::singleShot(200, &app, &QApplication::quit);
  });
  clock.start();
  ticker.start(5);
  page.openDataset(QString::fromLocal8Bit(argv[1]));
  double loaded_ms = 0;
  QObject::connect(&page, &metacf::ui::DataPage::loadFinished,
                   [&] { loaded_ms = static_cast<double>(clock.nsecsElapsed()) / 1e6; });
  app.exec();
  if (!ok) {
    std::fprintf(stderr, "load failed: %s\n", qPrintable(error));
    return 1;
  }
  std::sort(gaps_ms.begin(), gaps_ms.end());
  const auto at = [&](double q) {
    return gaps_ms.empty() ? 0.0 : gaps_ms[static_cast<std::size_t>(q * (gaps_ms.size() - 1))];
  };
  std::printf("records %lld, preview after %.0f ms, loaded after %.0f ms\n",
              static_cast<long long>(context.dataset()->num_records()), preview_ms, loaded_ms);
  std::printf("event-loop gaps (5 ms timer, %zu ticks): median %.1f ms, p99 %.1f ms, max %.1f ms\n",
              gaps_ms.size(), at(0.5), at(0.99), gaps_ms.empty() ? 0.0 : gaps_ms.back());
  return 0;
}
