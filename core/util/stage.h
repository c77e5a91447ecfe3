#pragma once
// The stages a long job reports, by value: front ends switch on them, and only the store and
// the texts shown to people use their names.
#include <string>
#include <string_view>

namespace metacf {

enum class Stage {
  kOther,      // a stage this version does not know (a store written by a newer one)
  kLoad,       // reading a data set
  kGenerate,   // writing the synthetic sample
  kPretrain,   // fitting the item matrix Q
  kTune,       // trying step sizes before meta-training (`tune`)
  kMetaTrain,  // meta-training (or bpr's training epochs)
  kFit,        // a learner fitted without epochs (ease, counting, metacf_auto's folds)
  kEvaluate,   // ranking for the meta-test users
  kExport,     // writing a file
};

// "load", "generate", "pretrain", "tune", "meta-train", "fit", "evaluate", "export"; "other".
std::string stage_name(Stage stage);
// The inverse of stage_name; a name it does not know is kOther.
Stage stage_from_name(std::string_view name);

}  // namespace metacf
