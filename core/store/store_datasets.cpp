// The data sets and splits of an ExperimentStore.
#include "core/store/experiment_store.h"
#include "core/store/store_values.h"
#include "core/util/json_text.h"

namespace metacf {
namespace {

using store_values::now_utc;
using store_values::parse_json;
using store_values::to_db;

constexpr const char* kDatasetColumns =
    "id, source_path, format, content_hash, stats_json, imported_at";

DatasetRecord read_dataset(const SqliteDb& db, const Statement& q) {
  return {
      q.int64(0), q.text(1), q.text(2), q.text(3), parse_json(db, q.text(4), "data set statistics"),
      q.text(5)};
}

std::int64_t read_id(const Statement& q) { return q.int64(0); }

StoreError no_such(const std::string& path, const char* what, std::int64_t id) {
  return StoreError(StoreError::Kind::kNotFound, path,
                    std::string("there is no ") + what + " with id " + std::to_string(id));
}

}  // namespace

std::int64_t ExperimentStore::add_dataset(const std::string& source_path, const std::string& format,
                                          const std::string& content_hash,
                                          const nlohmann::json& stats) {
  Transaction tx(db_);
  db_.execute(
      "INSERT INTO datasets (source_path, format, content_hash, stats_json, imported_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5)",
      source_path, format, content_hash, json_text(stats), now_utc());
  const std::int64_t id = db_.last_insert_rowid();
  tx.commit();
  return id;
}

std::int64_t ExperimentStore::store_dataset(const std::string& source_path,
                                            const std::string& format, const nlohmann::json& stats,
                                            const Dataset& data, const DatasetBlob& blob) {
  Transaction tx(db_);
  const SqliteDb::LargeValues contents(db_);
  const auto same = db_.rows(
      "SELECT d.id, c.data FROM datasets d JOIN dataset_contents c ON c.dataset_id = d.id "
      "WHERE d.content_hash = ?1 ORDER BY d.id DESC",
      [](const Statement& q) {
        const auto bytes = q.blob(1);
        return std::pair{q.int64(0), std::vector<std::byte>(bytes.begin(), bytes.end())};
      },
      blob.digest);
  for (const auto& [id, bytes] : same) {
    if (bytes == blob.bytes) return id;  // a digest match is checked byte for byte
  }
  db_.execute(
      "INSERT INTO datasets (source_path, format, content_hash, stats_json, imported_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5)",
      source_path, format, blob.digest, json_text(stats), now_utc());
  const std::int64_t id = db_.last_insert_rowid();
  db_.prepare(
         "INSERT INTO dataset_contents (dataset_id, items, users, records, encoding, data) "
         "VALUES (?1, ?2, ?3, ?4, 'zlib-v1', ?5)")
      .bind_all(id, std::int64_t{data.num_items()}, std::int64_t{data.num_users()},
                data.num_records())
      .bind_blob(5, blob.bytes)
      .run();
  tx.commit();
  return id;
}

std::optional<Dataset> ExperimentStore::dataset_contents(std::int64_t dataset_id) {
  // A version 3 file read without upgrading has no such table: its data sets have no contents.
  if (db_.integer("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
                  "name = 'dataset_contents'") == 0) {
    return std::nullopt;
  }
  const SqliteDb::LargeValues contents(db_);
  auto bytes = db_.first_row(
      "SELECT data FROM dataset_contents WHERE dataset_id = ?1",
      [](const Statement& q) {
        const auto b = q.blob(0);
        return std::vector<std::byte>(b.begin(), b.end());
      },
      dataset_id);
  if (!bytes) return std::nullopt;
  try {
    return decode_dataset(*bytes, "data set " + std::to_string(dataset_id));
  } catch (const std::runtime_error& e) {
    throw StoreError(StoreError::Kind::kCorrupt, path(), e.what());
  }
}

DatasetRecord ExperimentStore::dataset(std::int64_t id) {
  auto found = db_.first_row(
      std::string("SELECT ") + kDatasetColumns + " FROM datasets WHERE id = ?1",
      [&](const Statement& q) { return read_dataset(db_, q); }, id);
  if (!found) throw no_such(path(), "data set", id);
  return *found;
}

std::vector<DatasetRecord> ExperimentStore::list_datasets() {
  return db_.rows(std::string("SELECT ") + kDatasetColumns + " FROM datasets ORDER BY id DESC",
                  [&](const Statement& q) { return read_dataset(db_, q); });
}

std::optional<std::int64_t> ExperimentStore::find_dataset(const std::string& content_hash,
                                                          const std::string& format) {
  return db_.first_row(
      "SELECT id FROM datasets WHERE content_hash = ?1 AND format = ?2 ORDER BY id DESC", read_id,
      content_hash, format);
}

std::int64_t ExperimentStore::add_split(std::int64_t dataset_id, const SplitConfig& config,
                                        const Split& split) {
  const nlohmann::json config_json = config;
  const nlohmann::json split_json = split;
  Transaction tx(db_);
  db_.execute(
      "INSERT INTO splits (dataset_id, seed, config_json, split_json, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5)",
      dataset_id, to_db(config.seed), json_text(config_json), json_text(split_json), now_utc());
  const std::int64_t id = db_.last_insert_rowid();
  tx.commit();
  return id;
}

Split ExperimentStore::load_split(std::int64_t split_id) {
  const SqliteDb::LargeValues every_task(db_);
  auto text = db_.first_row(
      "SELECT split_json FROM splits WHERE id = ?1", [](const Statement& q) { return q.text(0); },
      split_id);
  if (!text) throw no_such(path(), "split", split_id);
  try {
    return parse_json(db_, *text, "split").get<Split>();
  } catch (const std::exception& e) {
    if (dynamic_cast<const StoreError*>(&e)) throw;
    throw StoreError(StoreError::Kind::kCorrupt, path(),
                     "split " + std::to_string(split_id) + " cannot be read: " + e.what());
  }
}

SplitRecord ExperimentStore::split_record(std::int64_t split_id) {
  auto found = db_.first_row(
      "SELECT id, dataset_id, config_json, created_at FROM splits WHERE id = ?1",
      [&](const Statement& q) {
        return SplitRecord{q.int64(0), q.int64(1),
                           parse_json(db_, q.text(2), "split configuration"), q.text(3)};
      },
      split_id);
  if (!found) throw no_such(path(), "split", split_id);
  return *found;
}

std::optional<std::int64_t> ExperimentStore::find_split(std::int64_t dataset_id,
                                                        const SplitConfig& config) {
  const nlohmann::json wanted = config;
  const auto candidates = db_.rows(
      "SELECT id, config_json FROM splits WHERE dataset_id = ?1 AND seed = ?2 ORDER BY id DESC",
      [](const Statement& q) {
        return std::pair{q.int64(0), q.text(1)};
      },
      dataset_id, to_db(config.seed));
  for (const auto& [id, text] : candidates) {
    // Compared as JSON values, so key order and number spelling do not matter.
    if (parse_json(db_, text, "split configuration") == wanted) return id;
  }
  return std::nullopt;
}

}  // namespace metacf
