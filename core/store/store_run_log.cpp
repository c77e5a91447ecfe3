// The log lines a run keeps: what the studio's Training page showed while it ran.
#include <cstdint>
#include <utility>
#include <vector>

#include "core/store/experiment_store.h"

namespace metacf {

void ExperimentStore::set_run_log(std::int64_t run_id, std::span<const std::string> lines) {
  Transaction tx(db_);
  require_run(run_id);
  db_.execute("DELETE FROM run_log_lines WHERE run_id = ?1", run_id);
  std::vector<std::pair<std::int64_t, const std::string*>> numbered;
  numbered.reserve(lines.size());
  for (const std::string& line : lines) {
    numbered.emplace_back(static_cast<std::int64_t>(numbered.size()) + 1, &line);
  }
  db_.execute_each("INSERT INTO run_log_lines (run_id, line, text) VALUES (?1, ?2, ?3)", numbered,
                   [&](Statement& s, const std::pair<std::int64_t, const std::string*>& line) {
                     s.bind_all(run_id, line.first, *line.second);
                   });
  tx.commit();
}

std::vector<std::string> ExperimentStore::run_log(std::int64_t run_id) {
  // A version 4 file read without upgrading has no such table: its runs have no stored log.
  if (db_.integer("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
                  "name = 'run_log_lines'") == 0) {
    return {};
  }
  return db_.rows(
      "SELECT text FROM run_log_lines WHERE run_id = ?1 ORDER BY line",
      [](const Statement& q) { return q.text(0); }, run_id);
}

}  // namespace metacf
