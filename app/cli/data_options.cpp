#include "app/cli/data_options.h"

#include <unistd.h>

#include <cstdio>
#include <memory>

#include "core/data/data_format.h"
#include "core/data/dataset_loader.h"
#include "core/data/load_options_record.h"

namespace metacf::cli {

bool stderr_is_terminal() { return isatty(STDERR_FILENO) != 0; }

LoadOptions DataArgs::load_options() const {
  LoadOptions options;
  options.format = parse_format_name(format);
  options.column_order = parse_column_order_name(column_order);
  options.delimiter = parse_delimiter_name(delimiter);
  options.lenient = lenient;
  options.rating_threshold = rating_threshold;
  return options;
}

CLI::Option* add_data_options(CLI::App& cmd, DataArgs& args, bool data_required) {
  auto* data =
      cmd.add_option("--data", args.data, "Ratings file (u.data, ratings.dat, .csv, .inter)")
          ->check(CLI::ExistingFile);
  if (data_required) data->required();
  cmd.add_option("--format", args.format, "Format of the ratings file (default: detect)")
      ->check(CLI::IsMember({"auto", "ml100k", "ml1m", "csv", "inter"}));
  cmd.add_option("--column-order", args.column_order,
                 "CSV: which of the first two columns is the user (Amazon 2018: item-user)")
      ->check(CLI::IsMember({"user-item", "item-user"}));
  cmd.add_option("--delimiter", args.delimiter,
                 "Field separator when it is not the format's own (default: the format's; with "
                 "--format auto a named one reads the file as CSV)")
      ->check(CLI::IsMember({"auto", "tab", "comma", "semicolon", "::", "whitespace"}));
  cmd.add_option("--titles", args.titles, "Item titles: u.item, movies.dat or movies.csv")
      ->check(CLI::ExistingFile);
  cmd.add_flag("--lenient", args.lenient, "Skip and count bad lines instead of stopping");
  cmd.add_option("--rating-threshold", args.rating_threshold,
                 "Drop records rated below this (default: every record is a positive)");
  return data;
}

Dataset load_data(const DataArgs& args, std::optional<TitlesReport>* titles,
                  const std::atomic<bool>* cancel) {
  const bool terminal = stderr_is_terminal();
  std::unique_ptr<JobControl> job;
  if (terminal || cancel) {
    job = std::make_unique<JobControl>(
        [terminal](const Progress& p) {
          if (terminal) std::fprintf(stderr, "\rloading %5.1f %%", 100.0 * p.fraction);
          return true;
        },
        cancel);
  }
  Dataset data = load_dataset(args.data, args.load_options(), job.get());
  if (terminal) std::fprintf(stderr, "\r%20s\r", "");
  if (!args.titles.empty()) {
    TitlesReport report = load_titles(data, args.titles, args.lenient);
    if (titles) *titles = report;
  }
  return data;
}

}  // namespace metacf::cli
