// An experiment configuration as `metacf run --config` and the studio read it: JSON into
// ExperimentConfig, validate, then each chosen learner built with its overrides. Bad input is a
// JSON error or std::invalid_argument naming the field, nothing else.
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/experiment/experiment_config.h"
#include "core/learners/learner_factory.h"
#include "core/util/json_limits.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto config = metacf::parse_bounded_json(metacf::fuzz::as_text(data, size))
                            .get<metacf::ExperimentConfig>();
    config.validate();
    for (const auto& name : config.learners) {
      const auto overrides = config.learner_configs.value(name, nlohmann::json::object());
      metacf::make_learner(name, overrides, config.ks.front(), config.seeds.front(),
                           metacf::UnknownKeys::kReject);
    }
  } catch (const nlohmann::json::exception&) {
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
