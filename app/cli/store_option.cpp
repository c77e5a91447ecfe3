#include "app/cli/store_option.h"

#include <filesystem>

namespace metacf::cli {

void add_store_option(CLI::App& cmd, std::string& path) {
  cmd.add_option("--db", path,
                 "Experiment store (default: $XDG_DATA_HOME/metacf-studio/experiments.sqlite)");
}

ExperimentStore open_store(const std::string& path, ExperimentStore::Access access) {
  const std::string file = path.empty() ? default_store_path() : path;
  // Reading never creates a store: a missing file is the read-only open's clear error.
  if (access == ExperimentStore::Access::kReadWrite || !std::filesystem::exists(file)) {
    return ExperimentStore::open(file, access);
  }
  // Reading commands still open read-write when they can, so that runs left `running` by a
  // killed process are marked interrupted; a store we may not write is read as it is.
  try {
    return ExperimentStore::open(file, ExperimentStore::Access::kReadWrite);
  } catch (const StoreError& e) {
    if (e.kind() != StoreError::Kind::kReadOnly && e.kind() != StoreError::Kind::kCannotOpen) throw;
    return ExperimentStore::open(file, ExperimentStore::Access::kReadOnly);
  }
}

}  // namespace metacf::cli
