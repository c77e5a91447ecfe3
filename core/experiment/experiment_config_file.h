#pragma once
// An experiment configuration as a file, and the `metacf run` command that reproduces it. The
// file is exactly what `metacf run --config FILE` reads (the schema's JSON), so a
// configuration saved by the studio runs unchanged from a script.
#include <string>

#include "core/experiment/experiment_config.h"
#include "core/experiment/stored_run.h"

namespace metacf {

// Reads and checks a configuration file as `metacf run --config` does (unknown keys are
// errors). Throws std::runtime_error "FILE: reason", where the reason names the key.
ExperimentConfig read_experiment_config_file(const std::string& path);

// Writes `config` as indented JSON, whole or not at all (write_output_file). Throws
// std::runtime_error "FILE: cannot write: reason" when the file cannot be written.
void write_experiment_config_file(const std::string& path, const ExperimentConfig& config);

// `word` quoted for a POSIX shell when it needs it: plain words stay as they are.
std::string shell_quoted(const std::string& word);

// `metacf run --data ... [--format ...] [--column-order ...] [--delimiter ...] [--lenient]
// [--rating-threshold ...] [--titles ...] [--item-embeddings ...] --learners ... --k ...
// --seeds ... [--support-sizes ...] --protocol ... --reference ... --config CONFIG_PATH`: the
// flags read the file as `source.load` records it and name what a reader wants to see at a
// glance; the configuration file carries everything else (the split, pretraining, each
// learner's settings) and the flags agree with it.
std::string run_command_line(const DataSource& source, const ExperimentConfig& config,
                             const std::string& config_path);

}  // namespace metacf
