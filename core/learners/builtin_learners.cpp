// The built-in learners, one line each, in the order tables and lists show them (counting
// baselines, then the trained ones, then metacf_auto, which blends the others). Each learner's
// file pair defines its `NAME_learner_entry()`; a new learner is a new pair and one line here.
#include <vector>

#include "core/learners/learner_descriptor.h"

#define METACF_BUILTIN_LEARNERS(X) \
  X(pop)                           \
  X(itemknn)                       \
  X(itemknn_q)                     \
  X(ease)                          \
  X(metacf_ease)                   \
  X(bpr)                           \
  X(melu)                          \
  X(metacf_g)                      \
  X(metacf_p_linear)               \
  X(metacf_p_neural)               \
  X(metacf_auto)

namespace metacf {

#define METACF_DECLARE_ENTRY(name) LearnerEntry name##_learner_entry();
METACF_BUILTIN_LEARNERS(METACF_DECLARE_ENTRY)
#undef METACF_DECLARE_ENTRY

std::vector<LearnerEntry> builtin_learner_entries() {
#define METACF_LIST_ENTRY(name) name##_learner_entry(),
  return {METACF_BUILTIN_LEARNERS(METACF_LIST_ENTRY)};
#undef METACF_LIST_ENTRY
}

}  // namespace metacf
