#include "core/experiment/stored_run.h"

namespace metacf {

std::vector<ResultRow> result_rows(const ResultRecord& r, int top_n) {
  nlohmann::json extra = {{"fit_seconds", r.fit_seconds},
                          {"serve_us_median", r.serve_us_median},
                          {"skipped_users", r.skipped_users}};
  extra["tasks_per_s"] = r.tasks_per_s ? nlohmann::json(*r.tasks_per_s) : nlohmann::json(nullptr);
  if (r.protocol == Protocol::kSampled) extra["all_candidates_users"] = r.all_candidates_users;
  const std::string n = std::to_string(top_n);
  const std::string protocol = protocol_name(r.protocol);
  // Per-user values (in task order) let a stored run be compared pairwise later; the users'
  // own ids (kept once, with the HR row) let the per-user export be joined with other tables.
  nlohmann::json hr_extra = extra, ndcg_extra = extra;
  hr_extra["per_user"] = nlohmann::json::array();
  ndcg_extra["per_user"] = nlohmann::json::array();
  for (const auto& m : r.per_user) {
    hr_extra["per_user"].push_back(m.hr);
    ndcg_extra["per_user"].push_back(m.ndcg);
  }
  if (!r.user_ids.empty()) hr_extra["per_user_ids"] = r.user_ids;
  return {
      {r.learner, r.k, r.support_size, r.seed, protocol, "hr@" + n, r.hr, r.users, hr_extra},
      {r.learner, r.k, r.support_size, r.seed, protocol, "ndcg@" + n, r.ndcg, r.users, ndcg_extra}};
}

}  // namespace metacf
