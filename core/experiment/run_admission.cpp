#include "core/experiment/run_admission.h"

#include <algorithm>
#include <stdexcept>

#include "core/experiment/memory_estimate.h"
#include "core/learners/learner_factory.h"
#include "core/learners/registry.h"

namespace metacf {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

std::vector<std::string> run_problems(const ExperimentConfig& config, const Dataset* data) {
  try {
    config.validate();
  } catch (const std::exception& e) {
    return {e.what()};  // the rest reads fields that may not hold
  }
  std::vector<std::string> problems;
  const auto& learners = config.learners;
  if (config.baseline != default_reference_learner() &&
      std::find(learners.begin(), learners.end(), config.baseline) == learners.end()) {
    problems.push_back("baseline '" + config.baseline + "' is not a learner of this run (" +
                       joined(learners) + ")");
  }
  const auto settings =
      learner_settings_problems(learners, config.learner_configs, config.ks.front());
  problems.insert(problems.end(), settings.begin(), settings.end());
  if (!problems.empty() || data == nullptr) return problems;

  for (const auto& name : learners) {
    const auto learner =
        make_learner(name, config.learner_configs.value(name, nlohmann::json::object()),
                     config.ks.front(), 1, UnknownKeys::kReject);
    if (std::string reason = learner->unfit_reason(*data); !reason.empty()) {
      problems.push_back(std::move(reason));
    }
  }
  try {
    check_memory_budget(estimate_memory(config, data_shape(*data)), memory_budget_mib(config));
  } catch (const std::invalid_argument& e) {
    problems.emplace_back(e.what());
  }
  return problems;
}

void admit_run(const ExperimentConfig& config, const Dataset& data) {
  const auto problems = run_problems(config, &data);
  if (!problems.empty()) throw std::invalid_argument(problems.front());
}

}  // namespace metacf
