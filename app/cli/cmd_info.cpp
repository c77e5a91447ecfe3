// metacf info: loads a ratings file (and optional titles) and prints what it holds.

#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/cli/command_boundary.h"
#include "app/cli/commands.h"
#include "app/cli/data_options.h"
#include "app/cli/printable.h"
#include "core/data/dataset_loader.h"
#include "core/data/dataset_stats.h"
#include "core/data/titles_loader.h"
#include "core/util/json_text.h"

namespace metacf::cli {

namespace {
struct InfoArgs {
  DataArgs data;
  bool json = false;
};

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

void print_row(const std::string& name, const std::string& value) {
  std::printf("  %-24s %s\n", name.c_str(), value.c_str());
}

void print_summary_row(const std::string& name, const CountSummary& s) {
  print_row(name, std::to_string(s.min) + " / " + fixed(s.median, 1) + " / " + fixed(s.mean, 2) +
                      " / " + std::to_string(s.max));
}

void print_human(const DatasetStats& stats, bool detected,
                 const std::optional<TitlesReport>& titles,
                 const std::vector<std::string>& warnings) {
  std::printf("%s\n", printable(stats.source_path).c_str());
  print_row("format", stats.format + (detected ? " (detected)" : " (as given)"));
  print_row("users", std::to_string(stats.users));
  print_row("items", std::to_string(stats.items));
  print_row("records", std::to_string(stats.records));
  print_row("density", fixed(100.0 * stats.density, 4) + " %");
  print_row("duplicates merged", std::to_string(stats.duplicates));
  print_row("lines skipped", std::to_string(stats.skipped));
  if (stats.below_threshold > 0)
    print_row("below threshold", std::to_string(stats.below_threshold));
  std::printf("  %-24s %s\n", "", "min / median / mean / max");
  print_summary_row("records per user", stats.per_user);
  print_summary_row("records per item", stats.per_item);
  if (titles) {
    print_row("titles", titles_format_name(titles->format) + ": " +
                            std::to_string(titles->matched) + " items titled, " +
                            std::to_string(titles->items_without_title) + " without, " +
                            std::to_string(titles->unknown_ids) + " ids not in the ratings");
  } else {
    print_row("titles", "none (use --titles FILE)");
  }
  std::printf("\n  records per user (log bins):\n");
  for (const auto& bin : histogram(stats.records_per_user, 10, BinScale::kLog)) {
    std::printf("    [%8.0f, %8.0f)  %lld\n", std::ceil(bin.lower), std::ceil(bin.upper),
                static_cast<long long>(bin.count));
  }
  for (const auto& w : warnings) std::printf("  warning: %s\n", printable(w).c_str());
}

void run_info(const InfoArgs& args) {
  std::optional<TitlesReport> titles;
  const Dataset data = load_data(args.data, &titles);
  const DatasetStats stats = compute_stats(data);

  if (args.json) {
    nlohmann::json j = stats;
    j["warnings"] = data.warnings;
    if (titles) {
      j["titles"] = {{"format", titles_format_name(titles->format)},
                     {"matched", titles->matched},
                     {"unknown_ids", titles->unknown_ids},
                     {"items_without_title", titles->items_without_title},
                     {"skipped", titles->skipped}};
    }
    std::cout << json_text(j, 2) << '\n';
  } else {
    print_human(stats, args.data.load_options().format == DataFormat::kAuto, titles, data.warnings);
  }
}
}  // namespace

void register_info(CLI::App& app) {
  auto args = std::make_shared<InfoArgs>();
  auto* cmd = app.add_subcommand("info", "Load a ratings file and print its statistics");
  add_data_options(*cmd, args->data);
  cmd->add_flag("--json", args->json, "Print one JSON object instead of a table");
  cmd->callback([args] { run_command([&] { run_info(*args); }); });
}

}  // namespace metacf::cli
