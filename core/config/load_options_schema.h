#pragma once
// How a ratings file is read (LoadOptions), stated once: the CLI's flags and their checks, the
// studio's load controls, `--help-config`, what a run records of its load and the command line
// that reproduces it all come from this table.
#include <nlohmann/json.hpp>

#include "core/config/config_schema.h"
#include "core/data/load_options.h"

namespace metacf {

const ConfigSchema<LoadOptions>& load_options_schema();

// Reads options as the schema writes them (the CLI's flags, a stored record) and checks them;
// unknown keys and bad values throw std::invalid_argument naming the key.
LoadOptions read_load_options(const nlohmann::json& j);

// What a run records of its load (DataSource::load): every option but the format, which the
// run records as the loader found it; the threshold only when one is set.
nlohmann::json load_options_record(const LoadOptions& options);

}  // namespace metacf
