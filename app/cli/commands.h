#pragma once
// Each sub-command lives in its own cmd_<name>.cpp and registers itself here.
#include <CLI/CLI.hpp>

namespace metacf::cli {

void register_commands(CLI::App& app);
// The exit code the chosen sub-command set: 0 success, 1 failure (2 is a usage error).
int exit_code();
void set_exit_code(int code);

void register_info(CLI::App& app);
void register_generate_sample(CLI::App& app);
void register_run(CLI::App& app);
void register_runs(CLI::App& app);  // runs, show, export
void register_simulate(CLI::App& app);

}  // namespace metacf::cli
