// What a run measured and learned: curve points, results and trained parameters.
#include <cstring>

#include "core/store/experiment_store.h"
#include "core/store/store_values.h"
#include "core/util/json_text.h"

namespace metacf {
namespace {

using store_values::parse_json;
using store_values::seed_from_db;
using store_values::to_db;

bool holds_its_shape(const NamedTensor& t, std::size_t values) {
  return t.rows >= 0 && t.cols >= 0 && static_cast<std::size_t>(t.rows * t.cols) == values;
}

}  // namespace

void ExperimentStore::add_curve_points(std::int64_t run_id, std::span<const CurvePoint> points) {
  Transaction tx(db_);
  require_run(run_id);
  db_.execute_each(
      "INSERT INTO curve_points (run_id, stage, learner, epoch, loss, val_hr, val_ndcg, "
      "wall_seconds, seed, k) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
      points, [&](Statement& s, const CurvePoint& p) {
        s.bind_all(run_id, stage_name(p.stage), p.learner, p.epoch, p.loss, p.val_hr, p.val_ndcg,
                   p.wall_seconds, to_db(p.seed), p.k);
      });
  tx.commit();
}

void ExperimentStore::add_results(std::int64_t run_id, std::span<const ResultRow> rows) {
  for (const ResultRow& r : rows) {
    if (r.protocol != "full" && r.protocol != "sampled") {
      throw StoreError(StoreError::Kind::kInvalid, path(),
                       "result protocol '" + r.protocol + "' is not 'full' or 'sampled'");
    }
  }
  Transaction tx(db_);
  require_run(run_id);
  db_.execute_each(
      "INSERT INTO results (run_id, learner, k, support_size, seed, protocol, metric, value, "
      "users, extra_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
      rows, [&](Statement& s, const ResultRow& r) {
        s.bind_all(run_id, r.learner, r.k, r.support_size, to_db(r.seed), r.protocol, r.metric,
                   r.value, r.users, json_text(r.extra));
      });
  tx.commit();
}

void ExperimentStore::save_parameters(std::int64_t run_id, const std::string& learner,
                                      std::uint64_t seed, std::span<const NamedTensor> tensors,
                                      int k) {
  for (const NamedTensor& t : tensors) {
    if (!holds_its_shape(t, t.values.size())) {
      throw StoreError(StoreError::Kind::kInvalid, path(),
                       "tensor '" + t.name + "' of " + learner + " claims " +
                           std::to_string(t.rows) + " x " + std::to_string(t.cols) + " but holds " +
                           std::to_string(t.values.size()) + " values");
    }
  }
  Transaction tx(db_);
  require_run(run_id);
  db_.execute("DELETE FROM parameters WHERE run_id = ?1 AND learner = ?2 AND seed = ?3 AND k = ?4",
              run_id, learner, to_db(seed), k);
  db_.execute_each(
      "INSERT INTO parameters (run_id, learner, seed, k, name, rows, cols, data) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      tensors, [&](Statement& s, const NamedTensor& t) {
        s.bind_all(run_id, learner, to_db(seed), k, t.name, t.rows, t.cols);
        s.bind_blob(8, std::as_bytes(std::span(t.values)));
      });
  tx.commit();
}

std::vector<NamedTensor> ExperimentStore::load_parameters(std::int64_t run_id,
                                                          const std::string& learner,
                                                          std::uint64_t seed, int k) {
  const SqliteDb::LargeValues tensors(db_);
  return db_.rows(
      "SELECT name, rows, cols, data FROM parameters "
      "WHERE run_id = ?1 AND learner = ?2 AND seed = ?3 AND k = ?4 ORDER BY rowid",
      [&](const Statement& q) {
        NamedTensor t{q.text(0), q.int64(1), q.int64(2), {}};
        const auto bytes = q.blob(3);
        if (bytes.size() % sizeof(float) != 0 ||
            !holds_its_shape(t, bytes.size() / sizeof(float))) {
          throw StoreError(StoreError::Kind::kCorrupt, path(),
                           "stored tensor '" + t.name + "' of run " + std::to_string(run_id) +
                               " has " + std::to_string(bytes.size()) + " bytes, not " +
                               std::to_string(t.rows) + " x " + std::to_string(t.cols) + " floats");
        }
        t.values.resize(bytes.size() / sizeof(float));
        if (!bytes.empty()) std::memcpy(t.values.data(), bytes.data(), bytes.size());
        return t;
      },
      run_id, learner, to_db(seed), k);
}

std::vector<StoredParameters> ExperimentStore::stored_parameters(std::int64_t run_id) {
  return db_.rows(
      "SELECT learner, seed, count(*), k FROM parameters WHERE run_id = ?1 "
      "GROUP BY learner, seed, k ORDER BY min(rowid)",
      [](const Statement& q) {
        return StoredParameters{q.text(0), seed_from_db(q.int64(1)), q.int64(2),
                                static_cast<int>(q.int64(3))};
      },
      run_id);
}

std::vector<CurvePoint> ExperimentStore::curves(std::int64_t run_id) {
  return db_.rows(
      "SELECT stage, learner, epoch, loss, val_hr, val_ndcg, wall_seconds, seed, k "
      "FROM curve_points WHERE run_id = ?1 ORDER BY rowid",
      [](const Statement& q) {
        return CurvePoint{stage_from_name(q.text(0)),
                          q.text(1),
                          static_cast<int>(q.int64(2)),
                          q.real(3),
                          q.real(4),
                          q.real(5),
                          q.real(6),
                          seed_from_db(q.int64(7)),
                          static_cast<int>(q.int64(8))};
      },
      run_id);
}

std::vector<ResultRow> ExperimentStore::results(std::int64_t run_id) {
  return db_.rows(
      "SELECT learner, k, support_size, seed, protocol, metric, value, users, extra_json "
      "FROM results WHERE run_id = ?1 ORDER BY id",
      [&](const Statement& q) {
        ResultRow r;
        r.learner = q.text(0);
        r.k = static_cast<int>(q.int64(1));
        if (!q.is_null(2)) r.support_size = static_cast<int>(q.int64(2));
        r.seed = seed_from_db(q.int64(3));
        r.protocol = q.text(4);
        r.metric = q.text(5);
        r.value = q.real(6);
        r.users = q.int64(7);
        r.extra = parse_json(db_, q.text(8), "result extras");
        return r;
      },
      run_id);
}

std::vector<StoredParameters> ExperimentStore::result_learners(std::int64_t run_id) {
  return db_.rows(
      "SELECT learner, seed, k FROM results WHERE run_id = ?1 AND support_size IS NULL "
      "GROUP BY learner, seed, k ORDER BY min(id)",
      [](const Statement& q) {
        return StoredParameters{q.text(0), seed_from_db(q.int64(1)), 0,
                                static_cast<int>(q.int64(2))};
      },
      run_id);
}

}  // namespace metacf
