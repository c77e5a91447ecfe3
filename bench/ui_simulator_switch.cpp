// How long the simulator takes to show a new learner's list once the run is open, as the
// studio's Simulator page does it (its controller, its cache, its warming of the seed's other
// learners): the run is loaded with its first learner, one item is clicked, the analyst looks
// at the list for THINK seconds, then each stored learner is chosen in turn and timed from the
// choice to its list. A 5 ms timer records the event loop's largest gap meanwhile.
//   ui_simulator_switch STORE RUN [THINK]   (under Xvfb, or QT_QPA_PLATFORM=offscreen)
#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

#include "core/simulate/new_user_simulation.h"
#include "core/store/experiment_store.h"
#include "ui/simulator/simulator_controller.h"

namespace {
double ms(const QElapsedTimer& clock) { return static_cast<double>(clock.nsecsElapsed()) / 1e6; }
}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  if (argc != 3 && argc != 4) {
    std::fprintf(stderr, "usage: ui_simulator_switch STORE RUN [THINK]\n");
    return 2;
  }
  const std::string store_path = argv[1];
  const std::int64_t run_id = std::stoll(argv[2]);
  const int think_ms = argc == 4 ? static_cast<int>(std::stod(argv[3]) * 1000) : 0;
  std::vector<metacf::StoredLearnerKey> keys;
  {
    auto store =
        metacf::ExperimentStore::open(store_path, metacf::ExperimentStore::Access::kReadOnly);
    keys = metacf::stored_learners(store, run_id);
  }
  if (keys.empty()) {
    std::fprintf(stderr, "run %lld has no learner to serve\n", static_cast<long long>(run_id));
    return 1;
  }

  metacf::ui::SimulatorController controller;
  QElapsedTimer clock;
  double last_tick = 0, max_gap = 0;
  QTimer ticker;
  QObject::connect(&ticker, &QTimer::timeout, [&] {
    max_gap = std::max(max_gap, ms(clock) - last_tick);
    last_tick = ms(clock);
  });
  std::size_t next = 0;  // the learner chosen next; 0 is the run's opening
  double chosen_at = 0, loaded_at = 0;
  bool was_cached = false;
  auto choose = [&] {
    was_cached = controller.cached(keys[next]);
    metacf::SimulatorLoadRequest request{store_path, run_id, {keys[next], std::nullopt}};
    chosen_at = ms(clock);
    controller.load(request);
  };
  QObject::connect(&controller, &metacf::ui::SimulatorController::loaded, [&] {
    loaded_at = ms(clock);
    if (controller.session().clicks().empty()) controller.session().add_click(0);
    controller.recompute();
  });
  QObject::connect(&controller, &metacf::ui::SimulatorController::listsChanged, [&] {
    const auto& key = keys[next];
    std::printf("%-28s K=%d seed %llu  %s %7.0f ms (loaded after %.0f ms)%s\n", key.name.c_str(),
                key.k, static_cast<unsigned long long>(key.seed),
                next == 0 ? "open run" : "switch  ", ms(clock) - chosen_at, loaded_at - chosen_at,
                was_cached ? ", was cached" : "");
    if (next == 0) {
      // As the page does once a run is open: the seed's other learners load meanwhile.
      std::vector<metacf::StoredLearnerKey> others;
      for (const auto& k : keys) {
        if (k.seed == key.seed && !controller.cached(k)) others.push_back(k);
      }
      controller.warm(store_path, run_id, others);
    }
    if (++next == keys.size()) {
      QTimer::singleShot(50, &app, &QApplication::quit);
    } else {
      QTimer::singleShot(next == 1 ? think_ms : 0, choose);
    }
  });
  auto fail = [&](const char* what, const QString& message) {
    std::fprintf(stderr, "%s failed: %s\n", what, qPrintable(message));
    app.exit(1);
  };
  QObject::connect(&controller, &metacf::ui::SimulatorController::loadError,
                   [&](const QString& message) { fail("load", message); });
  QObject::connect(&controller, &metacf::ui::SimulatorController::computeError,
                   [&](const QString& message) { fail("compute", message); });
  clock.start();
  ticker.start(5);
  choose();
  const int status = app.exec();
  std::printf("largest event-loop gap: %.1f ms\n", max_gap);
  return status;
}
