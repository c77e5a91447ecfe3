// metacf generate-sample: writes the synthetic sample data set (ratings.csv, items.csv).
#include <cstdio>
#include <memory>
#include <string>

#include "app/cli/command_boundary.h"
#include "app/cli/commands.h"
#include "app/cli/printable.h"
#include "core/data/sample_generator.h"

namespace metacf::cli {

namespace {
struct GenerateArgs {
  std::string out = "sample_data";
  SampleConfig config;
};
}  // namespace

void register_generate_sample(CLI::App& app) {
  auto args = std::make_shared<GenerateArgs>();
  auto* cmd = app.add_subcommand(
      "generate-sample", "Write a synthetic implicit-feedback data set with genre structure");
  cmd->add_option("--out", args->out, "Output directory (default: sample_data)");
  cmd->add_option("--users", args->config.users, "Number of users")->capture_default_str();
  cmd->add_option("--items", args->config.items, "Number of items")->capture_default_str();
  cmd->add_option("--records", args->config.records, "Number of records")->capture_default_str();
  cmd->add_option("--seed", args->config.seed, "Random seed")->capture_default_str();
  cmd->add_option("--genres", args->config.genres, "Taste clusters (1..16)")->capture_default_str();
  cmd->add_option("--favourite-share", args->config.favourite_share,
                  "Share of a user's picks from her favourite genres (0..1)")
      ->capture_default_str();
  cmd->add_option("--popularity-exponent", args->config.popularity_exponent,
                  "Item weight 1/rank^exponent (0: no popularity skew)")
      ->capture_default_str();
  cmd->callback([args] {
    run_command([&] {
      const SampleData sample = generate_sample(args->config);
      write_sample(sample, args->out);
      std::printf("wrote %s/ratings.csv (%zu records, %d users, %d items) and %s/items.csv\n",
                  printable(args->out).c_str(), sample.records.size(), args->config.users,
                  args->config.items, printable(args->out).c_str());
    });
  });
}

}  // namespace metacf::cli
