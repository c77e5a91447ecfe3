#pragma once
// --db FILE: the experiment store, by default in the user's data directory.
#include <CLI/CLI.hpp>
#include <string>

#include "core/store/experiment_store.h"

namespace metacf::cli {

void add_store_option(CLI::App& cmd, std::string& path);
// Opens the store for a command; refuses ":memory:" and a store that fails PRAGMA quick_check.
ExperimentStore open_store(const std::string& path,
                           ExperimentStore::Access access = ExperimentStore::Access::kReadWrite);

}  // namespace metacf::cli
