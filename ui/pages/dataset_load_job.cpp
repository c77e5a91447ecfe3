#include "ui/pages/dataset_load_job.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "core/data/data_error.h"
#include "core/data/dataset_loader.h"
#include "core/data/titles_loader.h"

namespace metacf::ui {
namespace {

// The first `lines` lines of a file (fewer when it is shorter), or nothing when unreadable.
std::string read_head(const std::string& path, int lines) {
  std::ifstream in(path, std::ios::binary);
  std::string head, line;
  for (int i = 0; i < lines && std::getline(in, line); ++i) head += line + '\n';
  return head;
}

// The head parsed with the load's own options; null when it does not parse (the full load then
// reports the error with its line).
std::shared_ptr<const Dataset> parse_head(const std::string& path, const LoadOptions& options) {
  std::istringstream in(read_head(path, kPreviewRows + 1));  // + a possible header line
  try {
    return std::make_shared<const Dataset>(load_dataset(in, path, options));
  } catch (const DataError&) {
    return nullptr;
  }
}

}  // namespace

std::shared_ptr<const Dataset> DatasetLoadOutcome::takeHead(std::vector<PreviewRecord>* records) {
  const std::lock_guard lock(head_mutex);
  if (records != nullptr && head) *records = head_records;
  return std::exchange(head, nullptr);
}

void loadDatasetJob(JobControl& job, const std::string& path, const std::string& titles,
                    const LoadOptions& options, DatasetLoadOutcome& outcome) {
  std::istringstream head_text(read_head(path, kPreviewRows + 1));
  std::vector<PreviewRecord> records =
      read_preview_records(head_text, path, options, static_cast<std::size_t>(kPreviewRows));
  if (auto head = parse_head(path, options)) {
    {
      const std::lock_guard lock(outcome.head_mutex);
      outcome.head = std::move(head);
      outcome.head_records = records;
    }
    Progress progress;
    progress.stage = Stage::kLoad;
    progress.message = "preview";
    job.report(progress);
  }
  try {
    auto data = std::make_shared<Dataset>(load_dataset(path, options, &job));
    if (!titles.empty()) outcome.titles = load_titles(*data, titles, options.lenient);
    attach_preview_titles(records, *data);
    outcome.preview = std::move(records);
    outcome.stats = compute_stats(*data);
    outcome.data = std::move(data);
  } catch (const DataError& e) {
    outcome.error_file = QString::fromStdString(e.file());
    outcome.error_line = e.line();
    outcome.error_reason = QString::fromStdString(e.reason());
    throw;
  }
}

}  // namespace metacf::ui
