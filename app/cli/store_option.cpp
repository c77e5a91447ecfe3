#include "app/cli/store_option.h"

namespace metacf::cli {

void add_store_option(CLI::App& cmd, std::string& path) {
  cmd.add_option("--db", path,
                 "Experiment store (default: $XDG_DATA_HOME/metacf-studio/experiments.sqlite)");
}

ExperimentStore open_store(const std::string& path, ExperimentStore::Access access) {
  return ExperimentStore::open(path.empty() ? default_store_path() : path, access);
}

}  // namespace metacf::cli
