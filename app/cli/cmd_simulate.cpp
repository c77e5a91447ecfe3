// metacf simulate: a new user clicks items of a stored run's catalogue; after each click the
// learner adapts step by step and each step's top-N list is printed.
#include <cstdio>
#include <iostream>
#include <memory>

#include "app/cli/command_boundary.h"
#include "app/cli/commands.h"
#include "app/cli/printable.h"
#include "app/cli/schema_flags.h"
#include "app/cli/store_option.h"
#include "core/simulate/simulator_options.h"
#include "core/simulate/simulator_session.h"
#include "core/util/json_text.h"

namespace metacf::cli {
namespace {

struct SimulateArgs {
  std::int64_t run = 0;
  std::string learner;
  std::string clicks;
  std::optional<int> k;
  std::optional<std::uint64_t> seed;
  int top = SimulatorOptions{}.top;
  bool json = false;
  std::string db;
};

// Pads to a width in characters, not bytes (titles are UTF-8), cutting what is longer.
std::string fit(const std::string& text, std::size_t width) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80) {
      if (chars == width) break;
      ++chars;
    }
    out += text[i];
  }
  return out + std::string(width - chars, ' ');
}

// Every list after every click and step, with both rank comparisons, as one JSON object.
nlohmann::json simulation_json(const SimulateArgs& args, const StoredLearner& served,
                               const SimulatorSession& session, int steps,
                               const std::vector<ClickUpdate>& updates) {
  const Dataset& data = session.catalogue()->data;
  auto title = [&](std::int32_t v) { return session.title(v); };
  nlohmann::json out = {{"run", args.run},       {"learner", served.name}, {"k", steps},
                        {"trained_k", served.k}, {"seed", served.seed},    {"top", args.top}};
  out["updates"] = nlohmann::json::array();
  for (const auto& u : updates) {
    nlohmann::json update = {{"click", data.item_ids[static_cast<std::size_t>(u.clicks.back())]},
                             {"clicks", nlohmann::json::array()},
                             {"total_us", u.total_us}};
    for (auto v : u.clicks) update["clicks"].push_back(data.item_ids[static_cast<std::size_t>(v)]);
    update["steps"] = nlohmann::json::array();
    for (const auto& s : u.steps) {
      nlohmann::json step = {{"step", s.step}, {"adapt_us", s.adapt_us}, {"rank_us", s.rank_us}};
      step["items"] = nlohmann::json::array();
      for (const auto& item : s.items) {
        step["items"].push_back(
            {{"rank", item.rank},
             {"item", data.item_ids[static_cast<std::size_t>(item.item)]},
             {"title", title(item.item)},
             {"score", item.score},
             {"previous_rank",
              item.previous_rank ? nlohmann::json(*item.previous_rank) : nlohmann::json(nullptr)},
             {"rank_before_click", item.rank_before_click ? nlohmann::json(*item.rank_before_click)
                                                          : nlohmann::json(nullptr)}});
      }
      update["steps"].push_back(step);
    }
    out["updates"].push_back(update);
  }
  return out;
}

void simulate(const SimulateArgs& args) {
  auto store = open_store(args.db, ExperimentStore::Access::kReadOnly);
  auto served = std::make_shared<const StoredLearner>(
      load_stored_learner(store, args.run, args.learner, args.k, args.seed));
  // The studio's simulator session: the same catalogue (ids and titles padded alike), the same
  // click lookup and the same "before" lists, one click at a time.
  SimulatorSession session;
  session.set_catalogue(
      load_run_catalogue(store, store.run(args.run), served->Q ? served->Q->rows() : 0));
  // A run stored before catalogues were kept is served from its file, which may have changed.
  if (!session.catalogue()->stored) {
    std::fprintf(stderr, "note: catalogue %s\n", printable(session.catalogue()->origin).c_str());
  }
  session.set_learner(0, served, args.k.value_or(served->k));
  session.set_top_n(args.top);
  std::vector<std::int32_t> clicks;
  try {
    clicks = session.items_of(args.clicks);
  } catch (const std::invalid_argument& e) {
    throw CLI::ValidationError("--clicks", e.what());
  }
  const int steps = session.steps(0);
  std::vector<ClickUpdate> updates;
  for (auto v : clicks) {
    session.add_click(v);
    session.compute_now();
    updates.push_back(*session.update(0));
  }
  const Dataset& data = session.catalogue()->data;
  auto title = [&](std::int32_t v) { return session.title(v); };
  if (args.json) {
    std::cout << json_text(simulation_json(args, *served, session, steps, updates)) << '\n';
    return;
  }
  std::printf("run %lld, %s (trained with K=%d, seed %llu), %d steps, top %d\n",
              static_cast<long long>(args.run), printable(served->name).c_str(), served->k,
              static_cast<unsigned long long>(served->seed), steps, args.top);
  for (const auto& u : updates) {
    const auto v = u.clicks.back();
    std::printf("\nclick %zu: %s %s  (all %d steps and %d rankings: %.1f us)\n", u.clicks.size(),
                printable(data.item_ids[static_cast<std::size_t>(v)]).c_str(),
                printable(title(v)).c_str(), steps, steps + 1, u.total_us);
    for (const auto& s : u.steps) {
      std::printf("  step %d  (adapt %.1f us, rank %.1f us)\n", s.step, s.adapt_us, s.rank_us);
      for (const auto& item : s.items) {
        std::printf("    %2d. %-8s %s %9.4f  %s\n", item.rank,
                    printable(data.item_ids[static_cast<std::size_t>(item.item)]).c_str(),
                    fit(printable(title(item.item)), 48).c_str(), item.score,
                    change_words(item).c_str());
      }
    }
  }
}

}  // namespace

void register_simulate(CLI::App& app) {
  auto args = std::make_shared<SimulateArgs>();
  auto* cmd =
      app.add_subcommand("simulate", "A new user clicks items: watch a stored learner adapt");
  cmd->add_option("run", args->run, "Run id (see metacf runs)")->required();
  cmd->add_option("--learner", args->learner, "A learner of that run, e.g. metacf_p_neural")
      ->required();
  cmd->add_option("--clicks", args->clicks,
                  "Item ids as in the data file, in click order: ID1,ID2,...")
      ->required();
  const SchemaInfo& options = simulator_options_schema().info();
  add_field_option(*cmd, *options.find("k"), args->k);
  cmd->add_option("--seed", args->seed, "Which seed's learner (default: the first stored)");
  add_field_option(*cmd, *options.find("top"), args->top)->capture_default_str();
  cmd->add_flag("--json", args->json, "One JSON object on stdout");
  add_store_option(*cmd, args->db);
  cmd->callback([args] { run_command([&] { simulate(*args); }); });
}

}  // namespace metacf::cli
