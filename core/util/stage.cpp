#include "core/util/stage.h"

#include <array>
#include <utility>

namespace metacf {
namespace {

// The names are stored in curve_points.stage: never rename one.
constexpr std::array<std::pair<Stage, std::string_view>, 8> kNames{{
    {Stage::kLoad, "load"},
    {Stage::kGenerate, "generate"},
    {Stage::kPretrain, "pretrain"},
    {Stage::kTune, "tune"},
    {Stage::kMetaTrain, "meta-train"},
    {Stage::kFit, "fit"},
    {Stage::kEvaluate, "evaluate"},
    {Stage::kExport, "export"},
}};

}  // namespace

std::string stage_name(Stage stage) {
  for (const auto& [value, name] : kNames) {
    if (value == stage) return std::string(name);
  }
  return "other";
}

Stage stage_from_name(std::string_view name) {
  for (const auto& [value, known] : kNames) {
    if (known == name) return value;
  }
  return Stage::kOther;
}

}  // namespace metacf
