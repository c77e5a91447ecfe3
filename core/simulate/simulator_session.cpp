#include "core/simulate/simulator_session.h"

#include <algorithm>
#include <chrono>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace metacf {
namespace {

std::size_t at(int side) {
  if (side < 0 || side >= kSimulatorSides) throw std::out_of_range("simulator side out of range");
  return static_cast<std::size_t>(side);
}

}  // namespace

SessionResult compute_session(const SessionRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  SessionResult out;
  out.generation = request.generation;
  out.computed_on = std::this_thread::get_id();
  if (!request.clicks.empty()) {
    for (std::size_t i = 0; i < request.sides.size(); ++i) {
      const auto& side = request.sides[i];
      if (!side.learner) continue;
      const NewUserSimulation simulation(*side.learner->learner, side.steps, request.num_items,
                                         side.learner->seed);
      std::vector<RankedItem> before = side.before;
      if (request.before_from_prefix) {
        before.clear();
        if (request.clicks.size() > 1) {
          const std::span<const std::int32_t> prefix(request.clicks.data(),
                                                     request.clicks.size() - 1);
          before = simulation.replay(prefix, request.top_n).back().steps.back().items;
        }
      }
      out.updates[i] =
          simulation.update(request.clicks, request.top_n, before.empty() ? nullptr : &before);
    }
  }
  out.wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return out;
}

std::vector<std::int32_t> left_items(const std::vector<RankedItem>& list,
                                     const std::vector<RankedItem>& before) {
  std::vector<std::int32_t> out;
  for (const auto& old : before) {
    const bool kept = std::any_of(list.begin(), list.end(),
                                  [&](const RankedItem& item) { return item.item == old.item; });
    if (!kept) out.push_back(old.item);
  }
  return out;
}

std::string change_words(const RankedItem& item) {
  if (!item.rank_before_click) return "new";
  const int delta = *item.rank_before_click - item.rank;
  if (delta > 0) return "up " + std::to_string(delta);
  if (delta < 0) return "down " + std::to_string(-delta);
  return "=";
}

// ---------------------------------------------------------------- set-up

void SimulatorSession::set_catalogue(std::shared_ptr<const RunCatalogue> catalogue) {
  if (catalogue == catalogue_) return;
  catalogue_ = std::move(catalogue);
  reset();
}

void SimulatorSession::set_seed_view(std::shared_ptr<const SeedView> seed_view) {
  seed_view_ = std::move(seed_view);
}

void SimulatorSession::set_learner(int side, std::shared_ptr<const StoredLearner> learner,
                                   std::optional<int> steps) {
  Side& s = sides_[at(side)];
  if (s.learner == learner && s.steps == steps) return;
  s.learner = std::move(learner);
  s.steps = steps;
  s.before.clear();  // another learner's lists are no "before" for this one
  updates_[at(side)].reset();
  ++generation_;
}

void SimulatorSession::set_top_n(int top_n) {
  if (top_n == top_n_) return;
  top_n_ = top_n;
  ++generation_;
}

const StoredLearner* SimulatorSession::learner(int side) const {
  return sides_[at(side)].learner.get();
}

int SimulatorSession::steps(int side) const {
  const Side& s = sides_[at(side)];
  return s.steps.value_or(s.learner ? s.learner->k : 0);
}

// ---------------------------------------------------------------- the catalogue

std::vector<std::int32_t> SimulatorSession::items_of(const std::string& comma_separated_ids) const {
  if (!catalogue_) throw std::invalid_argument("no catalogue loaded");
  const Dataset& data = catalogue_->data;
  std::unordered_map<std::string, std::int32_t> index;
  for (std::int32_t v = 0; v < data.num_items(); ++v)
    index.emplace(data.item_ids[static_cast<std::size_t>(v)], v);
  std::vector<std::int32_t> items;
  std::stringstream in(comma_separated_ids);
  std::string id;
  while (std::getline(in, id, ',')) {
    if (id.empty()) continue;
    const auto it = index.find(id);
    if (it == index.end())
      throw std::invalid_argument("item '" + id + "' is not in the run's catalogue");
    if (std::find(items.begin(), items.end(), it->second) != items.end()) {
      throw std::invalid_argument("item '" + id + "' is clicked twice");
    }
    items.push_back(it->second);
  }
  if (items.empty()) throw std::invalid_argument("give at least one item id");
  return items;
}

std::string SimulatorSession::item_id(std::int32_t item) const {
  if (!catalogue_ || item < 0 || item >= catalogue_->data.num_items()) return {};
  return catalogue_->data.item_ids[static_cast<std::size_t>(item)];
}

std::string SimulatorSession::title(std::int32_t item) const {
  if (!catalogue_ || item < 0 || item >= catalogue_->data.num_items()) return {};
  const Dataset& data = catalogue_->data;
  return data.has_titles() ? data.item_titles[static_cast<std::size_t>(item)] : std::string();
}

// ---------------------------------------------------------------- clicks

bool SimulatorSession::add_click(std::int32_t item) {
  if (!catalogue_ || item < 0 || item >= catalogue_->data.num_items()) return false;
  if (std::find(clicks_.begin(), clicks_.end(), item) != clicks_.end()) return false;
  clicks_.push_back(item);
  clicks_changed();
  return true;
}

void SimulatorSession::set_clicks(std::vector<std::int32_t> clicks) {
  clicks_ = std::move(clicks);
  clicks_changed();
}

bool SimulatorSession::remove_click_at(int index) {
  if (index < 0 || index >= static_cast<int>(clicks_.size())) return false;
  clicks_.erase(clicks_.begin() + index);
  clicks_changed();
  return true;
}

void SimulatorSession::clicks_changed() {
  // What each side showed becomes the "before" of its new lists.
  for (std::size_t i = 0; i < sides_.size(); ++i) {
    if (updates_[i]) sides_[i].before = updates_[i]->steps.back().items;
  }
  before_from_prefix_ = false;
  if (clicks_.empty()) {
    for (auto& update : updates_) update.reset();
  }
  ++generation_;
}

void SimulatorSession::reset() {
  clicks_.clear();
  query_.clear();
  before_from_prefix_ = false;
  for (auto& side : sides_) side.before.clear();
  for (auto& update : updates_) update.reset();
  ++generation_;
}

bool SimulatorSession::replay_test_user(int index) {
  if (index < 0 || index >= test_user_count()) return false;
  const Task& task = seed_view_->test_users[static_cast<std::size_t>(index)];
  reset();
  query_ = task.query;
  clicks_ = task.support;
  before_from_prefix_ = true;
  return true;
}

int SimulatorSession::test_user_count() const {
  return seed_view_ ? static_cast<int>(seed_view_->test_users.size()) : 0;
}

// ---------------------------------------------------------------- computation

bool SimulatorSession::needs_compute() const {
  return catalogue_ && !clicks_.empty() &&
         std::any_of(sides_.begin(), sides_.end(),
                     [](const Side& s) { return s.learner != nullptr; });
}

SessionRequest SimulatorSession::request() const {
  SessionRequest out;
  out.generation = generation_;
  out.clicks = clicks_;
  out.top_n = top_n_;
  out.num_items = catalogue_ ? catalogue_->data.num_items() : 0;
  out.before_from_prefix = before_from_prefix_;
  for (std::size_t i = 0; i < sides_.size(); ++i) {
    out.sides[i] = {sides_[i].learner, steps(static_cast<int>(i)), sides_[i].before};
  }
  return out;
}

bool SimulatorSession::accept(SessionResult result) {
  if (result.generation != generation_) return false;
  for (std::size_t i = 0; i < updates_.size(); ++i) updates_[i] = std::move(result.updates[i]);
  result_ = std::move(result);
  return true;
}

void SimulatorSession::compute_now() { accept(compute_session(request())); }

// ---------------------------------------------------------------- results

const ClickUpdate* SimulatorSession::update(int side) const {
  const auto& u = updates_[at(side)];
  return u ? &*u : nullptr;
}

const SessionResult* SimulatorSession::last_result() const { return result_ ? &*result_ : nullptr; }

int SimulatorSession::last_step() const {
  int last = 0;
  for (const auto& u : updates_) {
    if (u) last = std::max(last, static_cast<int>(u->steps.size()) - 1);
  }
  return last;
}

const StepList* SimulatorSession::list_at(int side, int step) const {
  const ClickUpdate* u = update(side);
  if (!u || u->steps.empty()) return nullptr;
  const int last = static_cast<int>(u->steps.size()) - 1;
  return &u->steps[static_cast<std::size_t>(std::clamp(step, 0, last))];
}

std::vector<std::int32_t> SimulatorSession::left_at(int side, int step) const {
  const StepList* list = list_at(side, step);
  if (!list) return {};
  if (list->step == 0) return left_items(list->items, sides_[at(side)].before);
  return left_items(list->items,
                    update(side)->steps[static_cast<std::size_t>(list->step) - 1].items);
}

Table SimulatorSession::lists_table(std::int64_t run_id, int step) const {
  Table table;
  table.caption = "Run " + std::to_string(run_id) + ", new user with " +
                  std::to_string(clicks_.size()) + " clicks, step " + std::to_string(step);
  table.columns = {"learner", "step",   "rank",     "item",   "title",
                   "score",   "change", "adapt µs", "rank µs"};
  if (!query_.empty()) table.columns.push_back("hit");
  for (int side = 0; side < kSimulatorSides; ++side) {
    const StepList* list = list_at(side, step);
    if (!list) continue;
    const std::string& name = learner(side)->name;
    std::string left;
    for (auto v : left_at(side, step)) left += (left.empty() ? "" : ", ") + item_id(v);
    table.caption += "; left the " + name + " list: " + (left.empty() ? "none" : left);
    for (const auto& item : list->items) {
      std::vector<Cell> row{name,
                            Cell::of(list->step, 0),
                            Cell::of(item.rank, 0),
                            item_id(item.item),
                            title(item.item),
                            Cell::of(item.score, 4),
                            change_words(item),
                            Cell::of(list->adapt_us, 1),
                            Cell::of(list->rank_us, 1)};
      if (!query_.empty()) {
        const bool hit = std::find(query_.begin(), query_.end(), item.item) != query_.end();
        row.emplace_back(hit ? "yes" : "");
      }
      table.rows.push_back(std::move(row));
    }
  }
  return table;
}

}  // namespace metacf
