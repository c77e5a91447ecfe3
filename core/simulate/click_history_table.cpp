#include "core/simulate/click_history_table.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <span>
#include <string>

namespace metacf {
namespace {

// Full precision: a script reads the value, not what a person would round it to.
Cell real(double value) { return std::isfinite(value) ? Cell::of(value, 6) : Cell(""); }

}  // namespace

Table click_history_table(const SimulatorSession& session) {
  JobControl unattended;
  return click_history_table(session, unattended);
}

Table click_history_table(const SimulatorSession& session, JobControl& job) {
  const bool replayed_user = !session.query().empty();
  Table table;
  table.caption = "Every list after every click and adaptation step";
  table.columns = {"learner",  "click",  "clicked_item", "step",          "rank",
                   "item",     "title",  "score",        "previous_rank", "rank_before_click",
                   "adapt_us", "rank_us"};
  if (replayed_user) table.columns.emplace_back("hit");
  const std::vector<std::int32_t>& clicks = session.clicks();
  const std::int32_t num_items = session.catalogue() ? session.catalogue()->data.num_items() : 0;
  if (clicks.empty() || num_items == 0) return table;
  const auto& query = session.query();
  int sides = 0;
  for (int side = 0; side < kSimulatorSides; ++side) sides += session.learner(side) ? 1 : 0;
  const double total = static_cast<double>(sides) * static_cast<double>(clicks.size());
  double done = 0;
  for (int side = 0; side < kSimulatorSides; ++side) {
    const StoredLearner* learner = session.learner(side);
    if (!learner) continue;
    const NewUserSimulation simulation(*learner->learner, session.steps(side), num_items,
                                       learner->seed);
    const std::span<const std::int32_t> all_clicks(clicks);
    // Click by click as NewUserSimulation::replay does, so a long history reports and stops.
    std::optional<ClickUpdate> previous;
    for (std::size_t c = 0; c < clicks.size(); ++c) {
      const std::vector<RankedItem>* before = previous ? &previous->steps.back().items : nullptr;
      ClickUpdate update = simulation.update(all_clicks.subspan(0, c + 1), session.top_n(), before);
      const std::int32_t clicked = clicks[c];
      for (const StepList& list : update.steps) {
        for (const RankedItem& item : list.items) {
          std::vector<Cell> row{
              Cell(learner->name),
              Cell::integer(static_cast<std::int64_t>(c) + 1),
              Cell(session.item_id(clicked)),
              Cell::integer(list.step),
              Cell::integer(item.rank),
              Cell(session.item_id(item.item)),
              Cell(session.title(item.item)),
              real(item.score),
              item.previous_rank ? Cell::integer(*item.previous_rank) : Cell(""),
              item.rank_before_click ? Cell::integer(*item.rank_before_click) : Cell(""),
              real(list.adapt_us),
              real(list.rank_us)};
          if (replayed_user) {
            row.push_back(
                Cell::boolean(std::find(query.begin(), query.end(), item.item) != query.end()));
          }
          table.rows.push_back(std::move(row));
        }
      }
      previous = std::move(update);
      done += 1;
      Progress progress;
      progress.stage = Stage::kExport;
      progress.learner = learner->name;
      progress.fraction = progress.overall = done / total;
      job.report(progress);
    }
  }
  return table;
}

}  // namespace metacf
