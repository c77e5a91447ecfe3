// Deeply nested JSON where a configuration or a stored run carries settings: the fuzzer's text
// is wrapped in up to 200,000 levels of brackets (its first two bytes choose how many, the third
// which brackets) and placed in learner_configs.metacf_auto.candidate_configs, then read as
// `metacf run --config` reads a file and as a store reads runs.config_json. Without the depth
// bound such input overflowed the stack (exit 139); now it is std::invalid_argument or a JSON
// error, nothing else.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "core/experiment/experiment_config.h"
#include "core/learners/learner_factory.h"
#include "core/util/json_limits.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string config = R"({"learners": ["metacf_auto"], "learner_configs": {"metacf_auto":
      {"candidate_configs": {"pop": )" +
                             metacf::fuzz::nested(data, size) + "}}}}";
  try {
    const auto parsed = metacf::parse_bounded_json(config);
    const auto c = parsed.get<metacf::ExperimentConfig>();
    c.validate();
    (void)metacf::learner_settings_problems(c.learners, c.learner_configs, c.ks.front());
    const nlohmann::json copy = parsed;  // what a stored run's reader does with it
    (void)copy.dump();
  } catch (const nlohmann::json::exception&) {
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
