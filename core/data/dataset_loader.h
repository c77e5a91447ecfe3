#pragma once
// Loads a ratings file into a Dataset: detects (or is told) the format, streams the file line by
// line, reports progress and stops when cancelled. Bad input is a DataError (strict) or a counted
// skip (lenient), never a crash and never a silent drop.
#include <istream>
#include <string>

#include "core/data/data_error.h"
#include "core/data/dataset.h"
#include "core/data/load_options.h"
#include "core/util/job.h"

namespace metacf {

// Throws DataError for unreadable or bad input, Cancelled when the job was stopped.
Dataset load_dataset(const std::string& path, const LoadOptions& options = {},
                     JobControl* job = nullptr);

// The same from any stream; `display_name` stands for the file in messages and source_path.
Dataset load_dataset(std::istream& in, const std::string& display_name,
                     const LoadOptions& options = {}, JobControl* job = nullptr);

}  // namespace metacf
