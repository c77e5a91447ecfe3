#include "core/store/records.h"

#include <array>
#include <stdexcept>
#include <utility>

namespace metacf {
namespace {

constexpr std::array<std::pair<RunStatus, std::string_view>, 5> kStatusNames{{
    {RunStatus::kRunning, "running"},
    {RunStatus::kCompleted, "completed"},
    {RunStatus::kCancelled, "cancelled"},
    {RunStatus::kFailed, "failed"},
    {RunStatus::kInterrupted, "interrupted"},
}};

}  // namespace

std::string_view to_string(RunStatus status) {
  for (const auto& [value, name] : kStatusNames) {
    if (value == status) return name;
  }
  throw std::invalid_argument("run status: unknown enum value");
}

RunStatus run_status_from_string(std::string_view text) {
  for (const auto& [value, name] : kStatusNames) {
    if (name == text) return value;
  }
  throw std::invalid_argument("run status: '" + std::string(text) +
                              "' is not one of running, completed, cancelled, failed, interrupted");
}

}  // namespace metacf
