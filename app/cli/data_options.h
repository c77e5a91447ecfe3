#pragma once
// The data-set flags every command that reads ratings shares, and loading with them.
#include <CLI/CLI.hpp>
#include <atomic>
#include <optional>
#include <string>

#include "core/data/dataset.h"
#include "core/data/load_options.h"
#include "core/data/titles_loader.h"
#include "core/util/job.h"

namespace metacf::cli {

struct DataArgs {
  std::string data;
  // Unset: the load options schema's default.
  std::optional<std::string> format;
  std::optional<std::string> column_order;
  std::optional<std::string> delimiter;
  std::string titles;
  bool lenient = false;
  std::optional<double> rating_threshold;

  [[nodiscard]] LoadOptions load_options() const;
};

// Adds --data (required unless `data_required` is false), --format, --column-order,
// --delimiter, --titles, --lenient and --rating-threshold. Returns the --data option.
CLI::Option* add_data_options(CLI::App& cmd, DataArgs& args, bool data_required = true);

// Loads the ratings (progress on a terminal only) and the titles when given. When `cancel` is
// given and becomes true, stops within a megabyte of reading by throwing Cancelled.
Dataset load_data(const DataArgs& args, std::optional<TitlesReport>* titles = nullptr,
                  const std::atomic<bool>* cancel = nullptr);

// True when stderr is a terminal: progress bars only for a person watching.
bool stderr_is_terminal();

}  // namespace metacf::cli
