#pragma once
// A quoted shell word and the smallest `metacf run` that stores a run (pop on the sample, two
// pretraining epochs), for the CLI tests that only need some run in a store.
#include <string>

#include "tests/core/temp_dir.h"

namespace metacf::testing {

inline std::string shell_quote(const std::string& s) { return "'" + s + "'"; }

inline std::string quick_run(const TempDir& dir, const std::string& db) {
  return "run --data " + shell_quote(std::string(METACF_SAMPLE_DIR) + "/ratings.csv") +
         " --learners pop --config " +
         shell_quote(dir.write("quick.json", R"({"pretrain": {"max_epochs": 2}})")) + " --db " +
         shell_quote(db);
}

}  // namespace metacf::testing
