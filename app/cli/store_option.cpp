#include "app/cli/store_option.h"

namespace metacf::cli {

void add_store_option(CLI::App& cmd, std::string& path) {
  cmd.add_option("--db", path,
                 "Experiment store (default: $XDG_DATA_HOME/metacf-studio/experiments.sqlite)");
}

ExperimentStore open_store(const std::string& path, ExperimentStore::Access access) {
  if (path == ":memory:") {
    throw StoreError(StoreError::Kind::kInvalid, path,
                     "an in-memory store would lose the run when the program ends; a run must be "
                     "stored: give a file with --db");
  }
  const std::string file = path.empty() ? default_store_path() : path;
  // Reading commands open read-only: they write nothing (runs whose process died are shown as
  // interrupted without being rewritten) and so never wait for a writer.
  ExperimentStore store = ExperimentStore::open(file, access);
  // Damage is found before anything is read (a read-write open checks before its first write).
  if (access == ExperimentStore::Access::kReadOnly) store.require_intact();
  return store;
}

}  // namespace metacf::cli
