#include "core/split/task_redraws.h"

#include <algorithm>

#include "core/util/rng.h"

namespace metacf {
namespace {

constexpr std::uint64_t kRedrawStream = 0x4ed4a3;

}  // namespace

std::vector<Task> with_redraws(const Dataset& data, const Split& split, std::span<const Task> tasks,
                               int draws, std::uint64_t seed) {
  if (split.published_tasks) return {tasks.begin(), tasks.end()};
  std::vector<Task> out;
  const Rng base = Rng(seed).fork(kRedrawStream);
  for (const Task& task : tasks) {
    out.push_back(task);
    Rng rng = base.fork(static_cast<std::uint64_t>(task.user));
    const auto records = data.items_of(task.user);
    std::vector<std::int32_t> shuffled(records.begin(), records.end());
    const std::size_t n = std::min(shuffled.size(), task.support.size() + task.query.size());
    for (int d = 1; d < draws; ++d) {
      rng.shuffle(std::span<std::int32_t>(shuffled));
      const auto support = static_cast<std::ptrdiff_t>(std::min(task.support.size(), n));
      out.push_back(
          {task.user,
           {shuffled.begin(), shuffled.begin() + support},
           {shuffled.begin() + support, shuffled.begin() + static_cast<std::ptrdiff_t>(n)}});
    }
  }
  return out;
}

}  // namespace metacf
