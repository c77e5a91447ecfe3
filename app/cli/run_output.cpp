#include "app/cli/run_output.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <set>
#include <vector>

#include "app/cli/commands.h"
#include "app/cli/printable.h"
#include "core/experiment/auto_choice_lines.h"
#include "core/experiment/summary.h"
#include "core/report/results_tables.h"
#include "core/util/json_text.h"

namespace metacf::cli {
namespace {

nlohmann::json result_json(std::int64_t run_id, const ResultRecord& r, int top_n) {
  const std::string n = std::to_string(top_n);
  nlohmann::json j = {
      {"run", run_id},
      {"learner", r.learner},
      {"k", r.k},
      {"support_size", r.support_size ? nlohmann::json(*r.support_size) : nlohmann::json(nullptr)},
      {"seed", r.seed},
      {"protocol", protocol_name(r.protocol)},
      {"hr" + n, r.hr},
      {"ndcg" + n, r.ndcg},
      {"users", r.users},
      {"meta_train_seconds", r.fit_seconds},
      {"adapt_us_median", r.serve_us_median}};
  j["tasks_per_s"] = r.tasks_per_s ? nlohmann::json(*r.tasks_per_s) : nlohmann::json(nullptr);
  if (r.protocol == Protocol::kSampled) j["all_candidates_users"] = r.all_candidates_users;
  return j;
}

}  // namespace

void print_progress(const Progress& p) {
  // A stage's message (which solve ease uses, and why) gets a line of its own.
  if (!p.message.empty()) std::fprintf(stderr, "\r%-100s\n", printable(p.message).c_str());
  static auto last = std::chrono::steady_clock::time_point{};
  const auto now = std::chrono::steady_clock::now();
  if (now - last < std::chrono::milliseconds(100) && p.overall < 1.0) return;
  last = now;
  const int width = 30;
  const int filled = static_cast<int>(p.overall * width);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(width, '.');
  std::string what = stage_name(p.stage);
  if (!p.learner.empty()) what += " " + printable(p.learner) + " K=" + std::to_string(p.k);
  if (p.epochs > 0) what += " epoch " + std::to_string(p.epoch) + "/" + std::to_string(p.epochs);
  std::fprintf(stderr, "\r[%s] %5.1f %% seed %llu %-48.48s", bar.c_str(), 100.0 * p.overall,
               static_cast<unsigned long long>(p.seed), what.c_str());
}

void print_milestone(const Progress& p) {
  if (!p.message.empty()) std::fprintf(stderr, "%s\n", printable(p.message).c_str());
  if (p.stage == Stage::kEvaluate) {
    std::fprintf(stderr, "seed %llu: %s K=%d done (%.0f %%)\n",
                 static_cast<unsigned long long>(p.seed), printable(p.learner).c_str(), p.k,
                 100.0 * p.overall);
  }
}

void print_results(ExperimentStore& store, const StoredRun& outcome, const ExperimentConfig& config,
                   const std::string& data_path, bool json) {
  if (json) {
    for (const auto& r : outcome.results)
      std::cout << json_text(result_json(outcome.run_id, r, config.top_n)) << '\n';
  } else if (!outcome.results.empty()) {
    std::vector<std::uint64_t> seeds_done;
    for (const auto& r : outcome.results) seeds_done.push_back(r.seed);
    const Table table =
        results_table(summarise(outcome.results, config.baseline), config.top_n, config.baseline);
    std::cout << "run " << outcome.run_id << " (" << to_string(outcome.status) << ") on "
              << printable(data_path) << ", " << protocol_name(config.protocol) << " ranking, "
              << std::set<std::uint64_t>(seeds_done.begin(), seeds_done.end()).size()
              << " seed(s)\n\n"
              << printable_text(table);
    const auto choices = auto_choice_lines(store, outcome.run_id);
    if (!choices.empty()) std::cout << '\n';
    for (const auto& line : choices) std::cout << printable(line) << '\n';
  }
}

void report_run_status(const StoredRun& outcome) {
  switch (outcome.status) {
    case RunStatus::kCompleted:
      break;
    case RunStatus::kCancelled:
      std::fprintf(stderr, "run %lld cancelled; what it had is stored\n",
                   static_cast<long long>(outcome.run_id));
      set_exit_code(1);
      break;
    default:
      std::fprintf(stderr, "error: run %lld failed: %s\n", static_cast<long long>(outcome.run_id),
                   printable(outcome.error).c_str());
      set_exit_code(1);
  }
}

}  // namespace metacf::cli
