#include "core/data/dataset_loader.h"

#include <fstream>

#include "core/data/dataset_builder.h"
#include "core/data/line_source.h"
#include "core/data/record_reader.h"
#include "core/data/regular_file.h"
#include "core/data/text_fields.h"

namespace metacf {

namespace {
constexpr std::size_t kMaxWarnings = 20;
constexpr std::int64_t kReportEveryBytes = std::int64_t{1} << 20;
constexpr std::size_t kDetectBytes = 64 * 1024;

void report_progress(JobControl* job, std::int64_t done, std::int64_t total) {
  if (job == nullptr) return;
  Progress progress;
  progress.stage = Stage::kLoad;
  progress.fraction =
      total > 0 ? std::min(1.0, static_cast<double>(done) / static_cast<double>(total)) : 0.0;
  progress.message = "read " + std::to_string(done >> 20) + " MiB";
  job->report(progress);
}

std::string format_threshold(double threshold) {
  std::string text = std::to_string(threshold);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}
}  // namespace

Dataset load_dataset(std::istream& in, const std::string& display_name, const LoadOptions& options,
                     JobControl* job) {
  const std::int64_t total_bytes = remaining_stream_bytes(in);
  LineSource source(in, display_name);
  const auto sample = source.peek(kDetectBytes);
  if (looks_binary(sample)) {
    throw DataError(display_name, 0,
                    LineProblem{"not a text file", std::string(sample.substr(0, 40)),
                                "a text file of ratings, one per line"});
  }
  // A delimiter the user named says the file is delimited: read it as csv (header allowed).
  const ReadingPlan plan = plan_reading(sample, display_name, options);
  const DataFormat format = plan.format;
  auto reader = make_record_reader(format, plan.options);

  Dataset data;
  data.source_path = display_name;
  data.format = format_name(format);
  DatasetBuilder builder;
  std::int64_t lines_with_text = 0;
  std::int64_t skipped = 0;
  std::int64_t below_threshold = 0;
  std::int64_t next_report = kReportEveryBytes;
  RawRecord record;
  std::string_view line;
  while (source.next(line)) {
    // Before anything skips the line: a file of skipped lines is also read in reported steps,
    // and each report is where a cancellation stops the load.
    if (job != nullptr && source.bytes_read() >= next_report) {
      report_progress(job, source.bytes_read(), total_bytes);
      next_report = source.bytes_read() + kReportEveryBytes;
    }
    if (trim(line).empty()) continue;
    if (++lines_with_text == 1) {
      if (reader->read_header(line, display_name)) {
        if (options.rating_threshold && !reader->has_rating()) {
          throw DataError(display_name, source.line_number(),
                          LineProblem{"a rating threshold was given but the file has no rating "
                                      "column",
                                      std::string(line), "a header with a rating column"});
        }
        continue;
      }
    }
    if (auto problem = reader->parse(line, record)) {
      if (!options.lenient) throw DataError(display_name, source.line_number(), *problem);
      ++skipped;
      if (data.warnings.size() < kMaxWarnings) {
        data.warnings.push_back(format_data_error(display_name, source.line_number(), *problem));
      }
      continue;
    }
    if (options.rating_threshold && record.rating && *record.rating < *options.rating_threshold) {
      ++below_threshold;
      continue;
    }
    builder.add(record.user, record.item);
  }

  if (builder.size() == 0) {
    if (skipped > 0) {
      throw DataError(display_name, 0,
                      "no valid records: all " + std::to_string(skipped) +
                          " data lines were bad; the first: " + data.warnings.front());
    }
    if (below_threshold > 0) {
      throw DataError(display_name, 0,
                      "no records left: all " + std::to_string(below_threshold) +
                          " are rated below the threshold " +
                          format_threshold(*options.rating_threshold));
    }
    throw DataError(display_name, 0, "the file has no ratings (it is empty or only a header)");
  }
  data.skipped = skipped + below_threshold;
  data.below_threshold = below_threshold;
  builder.finish(data);
  report_progress(job, source.bytes_read(), source.bytes_read());
  return data;
}

Dataset load_dataset(const std::string& path, const LoadOptions& options, JobControl* job) {
  require_regular_file(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(path, 0, "cannot open the file (missing or not readable)");
  return load_dataset(in, path, options, job);
}

}  // namespace metacf
