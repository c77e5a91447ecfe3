#include "app/cli/data_options.h"

#include <unistd.h>

#include <cstdio>
#include <memory>

#include "app/cli/schema_flags.h"
#include "core/config/load_options_schema.h"
#include "core/data/dataset_loader.h"

namespace metacf::cli {

bool stderr_is_terminal() { return isatty(STDERR_FILENO) != 0; }

LoadOptions DataArgs::load_options() const {
  nlohmann::json j = {{"lenient", lenient}};
  if (format) j["format"] = *format;
  if (column_order) j["column_order"] = *column_order;
  if (delimiter) j["delimiter"] = *delimiter;
  if (rating_threshold) j["rating_threshold"] = *rating_threshold;
  return read_load_options(j);
}

CLI::Option* add_data_options(CLI::App& cmd, DataArgs& args, bool data_required) {
  auto* data =
      cmd.add_option("--data", args.data, "Ratings file (u.data, ratings.dat, .csv, .inter)")
          ->check(CLI::ExistingFile);
  if (data_required) data->required();
  // The load options' flags are their schema's fields.
  const SchemaInfo& schema = load_options_schema().info();
  add_field_option(cmd, *schema.find("format"), args.format);
  add_field_option(cmd, *schema.find("column_order"), args.column_order);
  add_field_option(cmd, *schema.find("delimiter"), args.delimiter);
  cmd.add_option("--titles", args.titles, "Item titles: u.item, movies.dat or movies.csv")
      ->check(CLI::ExistingFile);
  add_field_flag(cmd, *schema.find("lenient"), args.lenient);
  add_field_option(cmd, *schema.find("rating_threshold"), args.rating_threshold);
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
