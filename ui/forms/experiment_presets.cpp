#include "ui/forms/experiment_presets.h"

#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "core/learners/registry.h"

namespace metacf::ui {
namespace {
const QString kPaper = QStringLiteral("Paper (Table 2)");
const QString kKSweep = QStringLiteral("K sweep (Table 3)");
const QString kSupport = QStringLiteral("Support size (Fig. 2)");
const QString kQuick = QStringLiteral("Quick look");
const QString kTuned = QStringLiteral("Tuned α, β (Table 2)");

// The learners whose settings offer `tune` (the MetaCF learners; MeLU does not take it).
bool tunes_step_sizes(const std::string& name) {
  const auto learner = find_learner(name);
  if (!learner) return false;
  const auto offered = learner->offered_settings();
  return std::any_of(offered.begin(), offered.end(),
                     [](const FieldInfo& f) { return f.key == "tune"; });
}

bool is_meta_learner(const std::string& name) {
  const auto learner = find_learner(name);
  return learner && learner->capabilities.meta_trains;
}

// Learners beyond the paper (the MetaCF variants, ease, metacf_auto) are chosen one by one.
bool beyond_the_paper(const std::string& name) {
  const auto learner = find_learner(name);
  return !learner || learner->origin != LearnerOrigin::kPaper;
}
}  // namespace

QStringList preset_names() { return {kPaper, kKSweep, kSupport, kQuick, kTuned}; }

ExperimentConfig make_preset(const QString& name, const std::vector<std::string>& known) {
  ExperimentConfig c;
  std::copy_if(known.begin(), known.end(), std::back_inserter(c.learners),
               [](const std::string& n) { return !beyond_the_paper(n); });
  const std::string reference = default_reference_learner();
  c.baseline = std::find(known.begin(), known.end(), reference) != known.end()
                   ? reference
                   : (known.empty() ? std::string() : known.front());
  if (name == kPaper) {
    c.ks = {5};
  } else if (name == kKSweep) {
    c.ks = {1, 2, 3, 4, 5};
  } else if (name == kSupport) {
    c.ks = {5};
    c.support_sizes = {1, 2, 3, 4, 5};
  } else if (name == kQuick) {
    // Seconds, not minutes, on the bundled sample: short pretraining and meta-training.
    c.pretrain.max_epochs = 15;
    c.ks = {1, 5};
    c.learners.clear();
    for (const auto& known_name : known) {
      if (const auto learner = find_learner(known_name); learner && learner->quick_look)
        c.learners.push_back(known_name);
    }
    for (const auto& learner : c.learners) {
      if (is_meta_learner(learner)) c.learner_configs[learner] = {{"meta_epochs", 10}};
    }
  } else if (name == kTuned) {
    // Table 2 with the MetaCF learners' alpha and beta chosen on held-out meta-training users
    // instead of the paper's; the paper preset keeps the paper's.
    c.ks = {5};
    for (const auto& learner : c.learners) {
      if (tunes_step_sizes(learner)) c.learner_configs[learner] = {{"tune", true}};
    }
  } else {
    throw std::invalid_argument("unknown preset '" + name.toStdString() + "'");
  }
  return c;
}

}  // namespace metacf::ui
