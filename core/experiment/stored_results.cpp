#include "core/experiment/stored_results.h"

#include <map>
#include <tuple>

namespace metacf {
namespace {

// "hr@10" -> ("hr", 10); a metric without '@' keeps top_n 0.
std::pair<std::string, int> split_metric(const std::string& metric) {
  const auto at = metric.find('@');
  if (at == std::string::npos) return {metric, 0};
  try {
    return {metric.substr(0, at), std::stoi(metric.substr(at + 1))};
  } catch (const std::exception&) {
    return {metric.substr(0, at), 0};
  }
}

}  // namespace

StoredResults records_from_rows(const std::vector<ResultRow>& rows) {
  using Key = std::tuple<std::string, int, int, std::uint64_t, std::string>;
  StoredResults out;
  std::map<Key, std::size_t> index;
  for (const ResultRow& row : rows) {
    const auto [name, n] = split_metric(row.metric);
    if (name != "hr" && name != "ndcg") continue;
    if (n > 0) out.top_n = n;
    const Key key{row.learner, row.k, row.support_size.value_or(-1), row.seed, row.protocol};
    auto it = index.find(key);
    if (it == index.end()) {
      ResultRecord r;
      r.learner = row.learner;
      r.k = row.k;
      r.support_size = row.support_size;
      r.seed = row.seed;
      r.protocol = row.protocol == "sampled" ? Protocol::kSampled : Protocol::kFull;
      r.users = row.users;
      const auto& extra = row.extra;
      if (extra.is_object()) {
        r.fit_seconds = extra.value("fit_seconds", 0.0);
        r.serve_us_median = extra.value("serve_us_median", 0.0);
        r.skipped_users = extra.value("skipped_users", std::int64_t{0});
        if (extra.contains("tasks_per_s") && extra["tasks_per_s"].is_number()) {
          r.tasks_per_s = extra["tasks_per_s"].get<double>();
        }
        r.all_candidates_users = extra.value("all_candidates_users", std::int64_t{0});
      }
      it = index.emplace(key, out.records.size()).first;
      out.records.push_back(std::move(r));
    }
    ResultRecord& r = out.records[it->second];
    const bool is_hr = name == "hr";
    (is_hr ? r.hr : r.ndcg) = row.value;
    if (row.extra.is_object() && row.extra.contains("per_user_ids") &&
        row.extra["per_user_ids"].is_array()) {
      r.user_ids = row.extra["per_user_ids"].get<std::vector<std::string>>();
    }
    if (row.extra.is_object() && row.extra.contains("per_user") &&
        row.extra["per_user"].is_array()) {
      const auto& values = row.extra["per_user"];
      r.per_user.resize(values.size());
      for (std::size_t i = 0; i < values.size(); ++i) {
        (is_hr ? r.per_user[i].hr : r.per_user[i].ndcg) = values[i].get<double>();
      }
    }
  }
  return out;
}

}  // namespace metacf
