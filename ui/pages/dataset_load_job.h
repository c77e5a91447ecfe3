#pragma once
// The Data page's background job: the file's head parsed first (so a preview shows at once on a
// file that takes seconds), then the whole file, its titles and statistics. Runs on the job
// worker's thread; the outcome is read on the UI thread after the job's queued end signal.
#include <QString>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/data/dataset_stats.h"
#include "core/data/load_options.h"
#include "core/data/record_preview.h"
#include "core/data/titles_loader.h"
#include "ui/worker/job_worker.h"

namespace metacf::ui {

inline constexpr int kPreviewRows = 200;

struct DatasetLoadOutcome {
  // Set by the job's thread as soon as the head parses, taken by the UI thread.
  std::mutex head_mutex;
  std::shared_ptr<const Dataset> head;
  std::vector<PreviewRecord> head_records;  // the head as written, with the head above
  std::shared_ptr<Dataset> data;
  DatasetStats stats;
  // The first records as written, with their titles once the titles are read.
  std::vector<PreviewRecord> preview;
  std::optional<TitlesReport> titles;  // set when a titles file was read
  QString error_file;
  qint64 error_line = -1;  // -1: not a DataError
  QString error_reason;

  // The head, once, with its records as written; null when it has not parsed (yet) or was
  // taken already.
  std::shared_ptr<const Dataset> takeHead(std::vector<PreviewRecord>* records = nullptr);
};

// Loads `path` (and `titles` when not empty) into `outcome`; a DataError is recorded there and
// rethrown so that the worker reports the job as failed.
void loadDatasetJob(JobControl& job, const std::string& path, const std::string& titles,
                    const LoadOptions& options, DatasetLoadOutcome& outcome);

}  // namespace metacf::ui
