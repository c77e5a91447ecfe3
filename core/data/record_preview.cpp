#include "core/data/record_preview.h"

#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/data/data_error.h"
#include "core/data/line_source.h"
#include "core/data/record_reader.h"
#include "core/data/text_fields.h"

namespace metacf {
namespace {
constexpr std::size_t kDetectBytes = 64 * 1024;
}  // namespace

std::vector<PreviewRecord> read_preview_records(std::istream& in, const std::string& display_name,
                                                const LoadOptions& options,
                                                std::size_t max_records) {
  std::vector<PreviewRecord> records;
  try {
    LineSource source(in, display_name);
    const auto sample = source.peek(kDetectBytes);
    if (looks_binary(sample)) return records;
    const ReadingPlan plan = plan_reading(sample, display_name, options);
    auto reader = make_record_reader(plan.format, plan.options);
    RawRecord raw;
    std::string_view line;
    bool first = true;
    while (records.size() < max_records && source.next(line)) {
      if (trim(line).empty()) continue;
      if (std::exchange(first, false) && reader->read_header(line, display_name)) continue;
      raw = {};
      if (reader->parse(line, raw)) continue;
      records.push_back({source.line_number(),
                         std::string(raw.user),
                         std::string(raw.item),
                         raw.rating,
                         std::string(raw.timestamp),
                         {}});
    }
  } catch (const DataError&) {
    // What was read so far is still a preview; the full load names the problem.
  }
  return records;
}

void attach_preview_titles(std::vector<PreviewRecord>& records, const Dataset& data) {
  if (!data.has_titles()) return;
  std::unordered_set<std::string> wanted;
  for (const auto& r : records) wanted.insert(r.item);
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < data.item_ids.size() && index.size() < wanted.size(); ++i) {
    if (wanted.contains(data.item_ids[i])) index.emplace(data.item_ids[i], i);
  }
  for (auto& r : records) {
    if (const auto it = index.find(r.item); it != index.end())
      r.title = data.item_titles[it->second];
  }
}

}  // namespace metacf
