#include "core/simulate/run_dataset.h"

#include <filesystem>
#include <stdexcept>

#include "core/data/data_format.h"
#include "core/data/dataset_loader.h"
#include "core/data/titles_loader.h"
#include "core/split/presplit.h"

namespace metacf {

Dataset load_run_dataset_file(const RunRecord& run, std::int64_t expected_items) {
  const auto data = run.config.value("data", nlohmann::json::object());
  const std::string path = data.value("path", "");
  const std::string format = data.value("format", "auto");
  const std::string titles = data.value("titles", "");
  if (path.empty())
    throw std::runtime_error("run " + std::to_string(run.id) + " names no data file");
  if (!std::filesystem::exists(path)) {
    throw std::runtime_error(path + ": the data file of run " + std::to_string(run.id) +
                             " is no longer there");
  }
  Dataset dataset;
  if (format == "presplit") {
    (void)load_presplit(path, dataset);
  } else {
    LoadOptions options;
    options.format = parse_format_name(format);
    dataset = load_dataset(path, options);
  }
  if (!titles.empty() && std::filesystem::exists(titles)) (void)load_titles(dataset, titles, true);
  if (expected_items > 0 && dataset.num_items() > expected_items) {
    throw std::runtime_error(path + ": has " + std::to_string(dataset.num_items()) +
                             " items now but run " + std::to_string(run.id) + " was trained on " +
                             std::to_string(expected_items) + "; the file changed since");
  }
  return dataset;
}

RunDataset load_run_dataset(ExperimentStore& store, const RunRecord& run,
                            std::int64_t expected_items) {
  RunDataset out;
  if (run.dataset_id) {
    if (auto stored = store.dataset_contents(*run.dataset_id)) {
      out.data = std::move(*stored);
      out.stored = true;
      out.origin = "the catalogue stored with run " + std::to_string(run.id);
      return out;
    }
  }
  out.data = load_run_dataset_file(run, expected_items);
  out.origin = "read again from " + out.data.source_path + " (run " + std::to_string(run.id) +
               " was stored without its catalogue, by an older version)";
  return out;
}

}  // namespace metacf
