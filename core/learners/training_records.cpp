#include "core/learners/training_records.h"

#include <stdexcept>
#include <string>

namespace metacf {

UserItemRows training_records(const TrainingContext& ctx) {
  UserItemRows rows;
  auto add_user = [&](std::int32_t user) {
    const auto items = ctx.data.items_of(user);
    rows.items.insert(rows.items.end(), items.begin(), items.end());
    rows.offsets.push_back(static_cast<std::int64_t>(rows.items.size()));
  };
  for (auto user : ctx.split.pretrain_users) add_user(user);
  for (const auto& task : ctx.split.meta_train) add_user(task.user);
  return rows;
}

UserItemRows transpose(const UserItemRows& rows, std::int32_t num_columns) {
  UserItemRows t;
  t.offsets.assign(static_cast<std::size_t>(num_columns) + 1, 0);
  for (auto v : rows.items) ++t.offsets[static_cast<std::size_t>(v) + 1];
  for (std::size_t i = 1; i < t.offsets.size(); ++i) t.offsets[i] += t.offsets[i - 1];
  t.items.resize(rows.items.size());
  std::vector<std::int64_t> fill(t.offsets.begin(), t.offsets.end() - 1);
  for (std::int64_t r = 0; r < rows.rows(); ++r) {
    for (auto i = rows.offsets[static_cast<std::size_t>(r)];
         i < rows.offsets[static_cast<std::size_t>(r) + 1]; ++i) {
      const auto v = static_cast<std::size_t>(rows.items[static_cast<std::size_t>(i)]);
      t.items[static_cast<std::size_t>(fill[v]++)] = static_cast<std::int32_t>(r);
    }
  }
  return t;
}

namespace {
constexpr std::int64_t kExactFloatLimit = std::int64_t{1} << 24;

template <typename T>
NamedTensor integers_as_tensor(const std::string& name, const std::vector<T>& values) {
  NamedTensor t{name, 1, static_cast<std::int64_t>(values.size()), {}};
  t.values.reserve(values.size());
  for (auto v : values) {
    if (static_cast<std::int64_t>(v) >= kExactFloatLimit) {
      throw std::runtime_error("cannot store " + name + ": value " + std::to_string(v) +
                               " exceeds 2^24, the largest integer float32 keeps exactly");
    }
    t.values.push_back(static_cast<float>(v));
  }
  return t;
}

const NamedTensor& find_tensor(std::span<const NamedTensor> tensors, const std::string& name) {
  for (const auto& t : tensors) {
    if (t.name == name) return t;
  }
  throw std::runtime_error("stored parameters lack the tensor '" + name + "'");
}
}  // namespace

void append_rows_as_tensors(const UserItemRows& rows, const std::string& prefix,
                            std::vector<NamedTensor>& out) {
  out.push_back(integers_as_tensor(prefix + "_offsets", rows.offsets));
  out.push_back(integers_as_tensor(prefix + "_items", rows.items));
}

UserItemRows rows_from_tensors(std::span<const NamedTensor> tensors, const std::string& prefix) {
  UserItemRows rows;
  const auto& offsets = find_tensor(tensors, prefix + "_offsets");
  const auto& items = find_tensor(tensors, prefix + "_items");
  rows.offsets.assign(offsets.values.begin(), offsets.values.end());
  rows.items.assign(items.values.begin(), items.values.end());
  if (rows.offsets.empty() || rows.offsets.back() != static_cast<std::int64_t>(rows.items.size())) {
    throw std::runtime_error("stored parameters: '" + prefix + "' offsets do not match its items");
  }
  return rows;
}

void report_fitted(JobControl& job, const std::string& learner) {
  Progress progress;
  progress.stage = Stage::kFit;
  progress.learner = learner;
  progress.fraction = 1.0;
  job.report(progress);
}

std::vector<UserState> unchanged_states(std::span<const std::int32_t> support, int steps) {
  UserState state;
  state.support.assign(support.begin(), support.end());
  return std::vector<UserState>(static_cast<std::size_t>(std::max(steps, 0)) + 1, state);
}

}  // namespace metacf
