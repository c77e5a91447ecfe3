// metacf run: the whole protocol on one data set, stored as it runs, with the results table.
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <type_traits>

#include "app/cli/command_boundary.h"
#include "app/cli/commands.h"
#include "app/cli/data_options.h"
#include "app/cli/run_output.h"
#include "app/cli/schema_flags.h"
#include "app/cli/store_option.h"
#include "core/config/config_help.h"
#include "core/config/config_schema.h"
#include "core/config/load_options_schema.h"
#include "core/data/dataset_stats.h"
#include "core/experiment/run_request.h"
#include "core/learners/registry.h"
#include "core/split/presplit.h"
#include "core/train/item_embeddings_file.h"
#include "core/util/json_limits.h"

namespace metacf::cli {
namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void on_interrupt(int) { g_interrupted = true; }

// The first SIGINT or SIGTERM cancels the run cleanly (what it had is stored); the handler
// then resets itself, so a second one ends a process that no longer responds.
void handle_interrupts(bool cancel) {
  struct sigaction action {};
  action.sa_handler = cancel ? on_interrupt : SIG_DFL;
  action.sa_flags = cancel ? SA_RESETHAND : 0;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

struct RunArgs {
  DataArgs data;
  std::string presplit;
  std::string item_embeddings;
  std::string learners;
  std::string ks;
  std::string support_sizes;
  std::string seeds;
  std::string protocol;
  std::string meta_gradient;
  std::string config_file;
  std::string db;
  std::string label;
  std::string reference;
  std::int64_t memory_budget_mib = -1;  // -1: the configuration's
  bool learners_given = false;          // `--learners ""` is an empty list, not the default one
  bool json = false;
  bool help_config = false;
};

template <typename T>
std::vector<T> parse_list(const std::string& text, const char* flag) {
  std::vector<T> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (item.empty()) continue;
    std::stringstream field(item);
    T value{};
    // A stream reads "-1" into an unsigned seed as 2^64 - 1; a negative seed is a typo.
    const bool negative_unsigned = std::is_unsigned_v<T> && item.find('-') != std::string::npos;
    if (negative_unsigned || !(field >> value) || !field.eof()) {
      throw CLI::ValidationError(flag, "'" + item + "' is not a number in the list '" + text + "'");
    }
    // A seed, K or support size given twice would count the same users twice (as --learners).
    if (std::find(out.begin(), out.end(), value) != out.end()) {
      throw CLI::ValidationError(flag, std::to_string(value) + " is listed more than once");
    }
    out.push_back(value);
  }
  if (out.empty()) throw CLI::ValidationError(flag, "the list is empty");
  return out;
}

std::string joined(const std::vector<std::string>& names, const char* separator = ",") {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : separator) + n;
  return out;
}

// Every key of an experiment configuration file and of each learner's settings, from the same
// schemas that check them.
void print_config_help() {
  std::cout << "Experiment configuration (--config FILE.json); unknown keys are errors.\n"
            << config_help(experiment_config_schema().info())
            << "\nLoad options: how --data is read, as flags (--format, --column-order, ...) "
               "that run, info and simulate share.\n"
            << config_help(load_options_schema().info())
            << "\nLearner settings, under learner_configs.NAME (MetaCF variants take their base "
               "learner's):\n";
  for (const auto& name : learner_names()) {
    const LearnerDescriptor learner = describe_learner(name);
    if (learner.is_variant()) continue;
    std::cout << "\n" << name << ": " << learner.summary << "\n";
    if (learner.settings) std::cout << config_help(*learner.settings, "");
  }
}

// The default learners, the others, and how the generated MetaCF variant names read.
std::string learners_help() {
  std::vector<std::string> others, variants;
  const auto defaults = default_learner_names();
  for (const auto& name : learner_names()) {
    const LearnerDescriptor learner = describe_learner(name);
    if (learner.is_variant()) {
      variants.push_back(name);
    } else if (std::find(defaults.begin(), defaults.end(), name) == defaults.end()) {
      others.push_back(name);
    }
  }
  std::string text =
      "Comma-separated learners (default: " + joined(defaults) + "; also " + joined(others, ", ");
  if (!variants.empty()) text += " and variants such as " + variants.back();
  return text + "; see --help-config)";
}

std::vector<std::string> parse_names(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

ExperimentConfig build_config(const RunArgs& args) {
  ExperimentConfig config;
  bool baseline_given = false;
  if (!args.config_file.empty()) {
    const std::string text = read_bounded_text_file(args.config_file, kMaxConfigFileBytes);
    try {
      const nlohmann::json j = parse_bounded_json(text);
      baseline_given = j.is_object() && j.contains("baseline");
      config = j.get<ExperimentConfig>();
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(args.config_file + ": not a valid configuration: " + e.what());
    } catch (const std::invalid_argument& e) {  // a value no field accepts, e.g. the protocol
      throw std::runtime_error(args.config_file + ": not a valid configuration: " + e.what());
    }
  }
  // An empty list stays empty (validate() names it) instead of meaning every learner.
  if (args.learners_given) config.learners = parse_names(args.learners);
  for (const auto& name : config.learners) {
    if (!is_known_learner(name)) {
      throw CLI::ValidationError(
          "--learners", "unknown learner '" + name + "' (known: " + joined(learner_names()) + ")");
    }
    if (args.learners_given &&
        std::count(config.learners.begin(), config.learners.end(), name) > 1) {
      throw CLI::ValidationError("--learners", "'" + name + "' is listed more than once");
    }
  }
  if (!args.ks.empty()) config.ks = parse_list<int>(args.ks, "--k");
  if (!args.support_sizes.empty())
    config.support_sizes = parse_list<int>(args.support_sizes, "--support-sizes");
  if (!args.seeds.empty()) config.seeds = parse_list<std::uint64_t>(args.seeds, "--seeds");
  if (!args.protocol.empty()) config.protocol = parse_protocol(args.protocol);
  if (args.memory_budget_mib >= 0) config.memory_budget_mib = args.memory_budget_mib;
  // A reference outside the run would leave the paired-difference columns empty. The default
  // one may be absent (a run of other learners has no differences); one asked for may not.
  const bool in_run = std::count(config.learners.begin(), config.learners.end(),
                                 args.reference.empty() ? config.baseline : args.reference) > 0;
  if (!args.reference.empty()) {
    if (!in_run) {
      throw CLI::ValidationError("--reference", "'" + args.reference +
                                                    "' is not a learner of this run (" +
                                                    joined(config.learners) + ")");
    }
    config.baseline = args.reference;
  } else if (baseline_given && !in_run) {
    // Admission lets the default reference be absent; one the file names must be in the run.
    throw std::invalid_argument(args.config_file + ": baseline '" + config.baseline +
                                "' is not a learner of this run (" + joined(config.learners) + ")");
  }
  if (!args.meta_gradient.empty()) {
    for (const auto& name : config.learners) {
      const auto settings = describe_learner(name).settings;
      if (settings && settings->find("meta_gradient")) {
        config.learner_configs[name]["meta_gradient"] = args.meta_gradient;
      }
    }
  }
  return config;
}

// Stored paths are absolute, so a run's data set can be found again from anywhere.
std::string absolute(const std::string& path) {
  return std::filesystem::absolute(path).lexically_normal().string();
}

// Where and how the data is read, as the store records it (the statistics come once it is read).
DataSource data_source(const RunArgs& args) {
  DataSource source;
  if (!args.presplit.empty()) {
    source = {absolute(args.presplit), "presplit", "", {}};
  } else {
    const DataArgs& d = args.data;
    const LoadOptions options = d.load_options();
    source = {absolute(d.data),
              format_name(options.format),
              d.titles.empty() ? "" : absolute(d.titles),
              {}};
    source.load = load_options_record(options);
  }
  if (!args.item_embeddings.empty())
    source.load["item_embeddings"] = absolute(args.item_embeddings);
  return source;
}

void run(const RunArgs& args) {
  if (args.data.data.empty() == args.presplit.empty()) {
    throw CLI::ValidationError("run", "give exactly one of --data FILE and --presplit DIR");
  }
  RunRequest request{data_source(args), build_config(args), args.label};
  // What can be checked before the data is read is checked before: a typo costs no reading.
  if (const auto problems = request.problems(); !problems.empty()) {
    throw std::invalid_argument(problems.front());
  }
  const ExperimentConfig& config = request.config;
  auto store = open_store(args.db);

  // Interrupts cancel from here on: a run stopped while its data is read is stored cancelled.
  handle_interrupts(true);
  const bool terminal = stderr_is_terminal();
  JobControl job(
      [terminal](const Progress& p) {
        terminal ? print_progress(p) : print_milestone(p);
        return true;
      },
      &g_interrupted);
  Dataset data;
  Split presplit;
  std::optional<Eigen::MatrixXf> item_embeddings;
  try {
    if (!args.presplit.empty()) {
      presplit = load_presplit(args.presplit, data);
    } else {
      data = load_data(args.data, nullptr, &g_interrupted);
      request.source.format = data.format;
    }
    job.check();
    if (!args.item_embeddings.empty())
      item_embeddings = load_item_embeddings(args.item_embeddings, data);
    job.check();
    request.source.stats = compute_stats(data);
  } catch (const Cancelled&) {
    handle_interrupts(false);
    const StoredRun outcome = request.store_cancelled_before_start(store);
    std::fprintf(stderr, "\nrun %lld cancelled while reading its data\n",
                 static_cast<long long>(outcome.run_id));
    set_exit_code(1);
    return;
  }
  const ExperimentInputs inputs{data, args.presplit.empty() ? nullptr : &presplit,
                                item_embeddings ? &*item_embeddings : nullptr};
  const StoredRun outcome = request.execute(store, inputs, job);
  if (terminal) std::fprintf(stderr, "\n");
  handle_interrupts(false);
  print_results(store, outcome, config, request.source.path, args.json);
  report_run_status(outcome);
}

}  // namespace

void register_run(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd =
      app.add_subcommand("run", "Run the protocol (pretrain, meta-train, meta-test) and store it");
  add_data_options(*cmd, args->data, false);
  cmd->add_option("--presplit", args->presplit,
                  "Folder with pretrain.rating, train.rating, test.rating (a published split)")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--item-embeddings", args->item_embeddings,
                  "Item embeddings (.npy or .csv) used as Q instead of pretraining")
      ->check(CLI::ExistingFile);
  cmd->add_option("--learners", args->learners, learners_help());
  cmd->add_option("--k", args->ks, "Local steps K, comma-separated (default 5)");
  cmd->add_option("--support-sizes", args->support_sizes,
                  "Fig. 2: fixed support sizes, comma-separated");
  cmd->add_option("--seeds", args->seeds, "Seeds, comma-separated (default 1)");
  cmd->add_option("--protocol", args->protocol, "full (default) or sampled (1 + 99)")
      ->check(CLI::IsMember({"full", "sampled"}));
  cmd->add_option("--meta-gradient", args->meta_gradient, "first-order (paper) or exact")
      ->check(CLI::IsMember({"first-order", "exact"}));
  cmd->add_option("--config", args->config_file,
                  "Experiment configuration (JSON); flags override it")
      ->check(CLI::ExistingFile);
  cmd->add_option("--memory-budget", args->memory_budget_mib,
                  "MiB the run's estimated peak memory may take (default: memory_budget_mib, "
                  "else half of physical memory)")
      ->check(in_range(*experiment_config_schema().info().find("memory_budget_mib")));
  add_store_option(*cmd, args->db);
  cmd->add_option("--label", args->label, "A name for the run");
  cmd->add_option("--reference", args->reference,
                  "Learner the paired differences are taken against (default " +
                      default_reference_learner() + ")");
  cmd->add_flag("--json", args->json, "One JSON object per result on stdout, nothing else there");
  cmd->add_flag("--help-config", args->help_config,
                "List every key of a --config file and of each learner's settings, then exit");
  cmd->callback([args, cmd] {
    args->learners_given = cmd->count("--learners") > 0;
    run_command([&] {
      if (args->help_config) {
        print_config_help();
        return;
      }
      run(*args);
    });
  });
}

}  // namespace metacf::cli
