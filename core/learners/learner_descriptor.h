#pragma once
// What the rest of the program may know about a learner without naming it: its family,
// where it comes from, what it can do, the settings it takes and how to build it. Each
// learner's file pair defines its entry; core/learners/builtin_learners.cpp lists them.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/config/config_field.h"
#include "core/model/learner.h"

namespace metacf {

enum class LearnerFamily {
  kCounting,     // fitted by counting or a closed form; takes no K and no seed (pop, ease)
  kAdaptive,     // nothing meta-trained: K steps from a fixed start per new user (bpr)
  kMetaLearned,  // a meta-trained start, then K steps (the MetaCF learners, MeLU)
  kEnsemble,     // chooses among and blends other learners (metacf_auto)
};

enum class LearnerOrigin {
  kPaper,  // compared in the paper: run by default and by the paper's presets
  kExtra,  // added here: chosen one by one
};

struct LearnerCapabilities {
  bool meta_trains = false;         // Learner::meta_trains(): its tasks/s is reported
  bool adapts = false;              // its list changes with the K local steps on the clicks
  bool dot_product_scores = false;  // Learner::dot_product_items() is set once fitted
  // Neither its fit nor what it serves depends on K (it is built without one): an experiment
  // fits it once per seed and evaluates that fit at every K.
  bool fit_independent_of_k = false;
  std::int32_t max_items = 0;  // the largest catalogue it takes; 0: any
  // Whether its fit reads the pretrained item matrix Q: a run none of whose learners does skips
  // pretraining, and the simulator serves it without one. metacf_auto says yes whatever its
  // candidates, as a candidate may.
  bool reads_item_matrix = true;
};

// What a learner's memory model is given: the data set's size and what the run fixes around it.
struct MemoryShape {
  double users = 0;
  double items = 0;
  double records = 0;
  double dim = 0;       // D of the item matrix Q
  double max_task = 0;  // the most records one task can select
  int threads = 1;
  int steps = 0;  // the largest K of the run: the local steps an evaluated user is adapted by
  double cooccurrence_pairs = 0;  // sum over users of their records squared (DataShape)
};

// A learner's own memory on top of the run's base (the data, Q, the threads).
struct LearnerMemory {
  double fitting = 0;   // at the peak of its fit and scoring; 0: nothing beyond the base
  double fitted = 0;    // what a fitted one keeps (metacf_auto holds every fold's candidates)
  std::string fields;   // its settings that lower `fitting`, e.g. "batch_size or negatives"
  std::string formula;  // how `fitting` is counted, for the message that refuses a run
};

struct LearnerDescriptor {
  std::string name;
  std::string base;  // the learner a generated variant is made from; its own name otherwise
  LearnerFamily family = LearnerFamily::kCounting;
  LearnerOrigin origin = LearnerOrigin::kExtra;
  std::string summary;  // one line for lists and tooltips
  // The colour charts draw it in (0xRRGGBB); 0: one derived from its name. The built-in
  // learners each have a hue of their own (at least 25 degrees apart in CIELCh, pop a neutral
  // grey), a variant a shade of its base's hue; tests/ui/tst_palette checks they stay apart.
  std::uint32_t chart_rgb = 0;
  // In the studio's "Quick look" preset: seconds on the bundled sample and telling beside each
  // other.
  bool quick_look = false;
  LearnerCapabilities capabilities;
  // Its configuration's fields; empty when it has none.
  std::shared_ptr<const SchemaInfo> settings;
  // Fields of a shared configuration it does not read (metacf_g has no hidden layer): accepted,
  // but not offered in forms.
  std::vector<std::string> unread_settings;
  // Builds it from a configuration object whose keys are all its own; throws
  // std::invalid_argument (a bad value) or nlohmann::json::exception (a wrong type).
  std::function<std::unique_ptr<Learner>(const nlohmann::json& config)> make;
  // One line on how a stored fit was made (ease: which solve, and why), for `show` and the
  // studio; unset, or nullopt for tensors that do not say, when there is nothing to tell.
  std::function<std::optional<std::string>(std::span<const NamedTensor> tensors)> fit_note =
      nullptr;
  // Its memory with `config` (its settings object, possibly empty) on `shape`. Unset: it holds
  // nothing beyond the base while fitting, and keeps its records by user and by item (counting)
  // or copies of Q (the rest). Never throws: settings it cannot read count as nothing (its own
  // check names them).
  std::function<LearnerMemory(const nlohmann::json& config, const MemoryShape& shape)> memory =
      nullptr;

  [[nodiscard]] bool is_variant() const { return name != base; }
  // The fields a form offers: its settings but the unread ones and those the experiment or
  // the name sets.
  [[nodiscard]] std::vector<FieldInfo> offered_settings() const {
    std::vector<FieldInfo> out;
    if (!settings) return out;
    for (const auto& f : settings->fields) {
      const bool unread =
          std::find(unread_settings.begin(), unread_settings.end(), f.key) != unread_settings.end();
      if (!unread && f.role == FieldRole::kSetting) out.push_back(f);
    }
    return out;
  }
  // Whether the experiment sets its `steps` (K) and `seed`.
  [[nodiscard]] bool takes_steps_and_seed() const { return family != LearnerFamily::kCounting; }
};

// `descriptor.memory`, with the default its comment gives when it is unset.
LearnerMemory learner_memory(const LearnerDescriptor& descriptor, const nlohmann::json& config,
                             const MemoryShape& shape);

// For a learner without settings: throws std::invalid_argument naming the first key given.
void check_no_settings(const std::string& learner, const nlohmann::json& config);

// What one registration line adds: a learner and, for a family of generated names (the MetaCF
// suffixes), those names and how to describe one.
struct LearnerEntry {
  LearnerDescriptor learner;
  std::vector<std::string> variant_names;  // every generated name, in list order
  // The variant of that name; nullopt when the name is not of this family. Throws
  // std::invalid_argument for a name of this family that is malformed, saying why.
  std::function<std::optional<LearnerDescriptor>(const std::string& name)> variant;
};

}  // namespace metacf
