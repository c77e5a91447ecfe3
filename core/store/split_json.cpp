// Split <-> JSON. Tasks are written as [user, [support...], [query...]] triples rather than
// objects: a MovieLens-1M split has thousands of tasks and the keys would double its size.
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "core/split/split.h"

namespace metacf {
namespace {

constexpr int kSplitJsonVersion = 1;

nlohmann::json tasks_to_json(const std::vector<Task>& tasks) {
  auto out = nlohmann::json::array();
  for (const Task& t : tasks) out.push_back({t.user, t.support, t.query});
  return out;
}

std::vector<Task> tasks_from_json(const nlohmann::json& j, const char* field) {
  if (!j.is_array()) {
    throw std::invalid_argument(std::string("split JSON: '") + field + "' must be an array");
  }
  std::vector<Task> tasks;
  tasks.reserve(j.size());
  for (std::size_t i = 0; i < j.size(); ++i) {
    const auto& t = j[i];
    if (!t.is_array() || t.size() != 3 || !t[1].is_array() || !t[2].is_array()) {
      throw std::invalid_argument(std::string("split JSON: ") + field + "[" + std::to_string(i) +
                                  "] must be [user, [support items], [query items]]");
    }
    tasks.push_back({t[0].get<std::int32_t>(), t[1].get<std::vector<std::int32_t>>(),
                     t[2].get<std::vector<std::int32_t>>()});
  }
  return tasks;
}

}  // namespace

void to_json(nlohmann::json& j, const Split& s) {
  j = {{"version", kSplitJsonVersion},
       {"pretrain_users", s.pretrain_users},
       {"meta_train", tasks_to_json(s.meta_train)},
       {"meta_test", tasks_to_json(s.meta_test)},
       {"dropped_users", s.dropped_users},
       {"published_tasks", s.published_tasks}};
}

void from_json(const nlohmann::json& j, Split& s) {
  if (!j.is_object()) throw std::invalid_argument("split JSON: expected an object");
  const int version = j.value("version", kSplitJsonVersion);
  if (version != kSplitJsonVersion) {
    throw std::invalid_argument("split JSON: version " + std::to_string(version) +
                                " is not supported (expected " + std::to_string(kSplitJsonVersion) +
                                ")");
  }
  Split out;
  out.pretrain_users = j.at("pretrain_users").get<std::vector<std::int32_t>>();
  out.meta_train = tasks_from_json(j.at("meta_train"), "meta_train");
  out.meta_test = tasks_from_json(j.at("meta_test"), "meta_test");
  out.dropped_users = j.value("dropped_users", std::int64_t{0});
  // Stores made before published tasks were kept as written marked a published split this way.
  out.published_tasks = j.value("published_tasks", false) || j.value("reshuffle_meta_train", false);
  s = std::move(out);
}

}  // namespace metacf
