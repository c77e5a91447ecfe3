#pragma once
// A learner that exists only in the tests, registered the way a new learner is: its config
// struct with a schema table, its class, and one register_learner() line. The core tests check
// that the registry, the factory and the CLI's checks know it; the studio tests that it gets a
// generated form. It scores items by popularity times `weight`.
#include <memory>
#include <string>

#include "core/config/config_schema.h"
#include "core/learners/learner_descriptor.h"
#include "core/learners/registry.h"
#include "core/learners/training_records.h"

namespace metacf::testing {

struct TestLearnerConfig {
  double weight = 0.5;
  int window = 3;
  std::string mode = "mean";
  bool damped = true;
};

inline const ConfigSchema<TestLearnerConfig>& test_learner_schema() {
  using C = TestLearnerConfig;
  static const ConfigSchema<C> schema(
      "test_weighted config", RangeMessages::kInterval,
      {field("weight", &C::weight, above_up_to(0, 2), "Weight", "Multiplies the counts"),
       field("window", &C::window, between(1, 9), "Window", "An integer setting"),
       field("mode", &C::mode, "Mode", "A choice").one_of({"mean", "max"}),
       field("damped", &C::damped, "Damped", "A flag")});
  return schema;
}

class TestWeightedLearner final : public Learner {
 public:
  explicit TestWeightedLearner(TestLearnerConfig config) : config_(config) {
    test_learner_schema().validate(config_);
  }
  [[nodiscard]] std::string name() const override { return "test_weighted"; }
  [[nodiscard]] nlohmann::json config() const override {
    return test_learner_schema().write(config_);
  }
  void fit(const TrainingContext& ctx, JobControl& job) override {
    counts_ = Eigen::VectorXf::Zero(ctx.data.num_items());
    for (auto v : training_records(ctx).items) counts_[v] += static_cast<float>(config_.weight);
    report_fitted(job, name());
  }
  [[nodiscard]] std::vector<UserState> adapt(std::span<const std::int32_t> support, int steps,
                                             Rng&) const override {
    return unchanged_states(support, steps);
  }
  void score(const UserState&, Eigen::Ref<Eigen::VectorXf> out) const override { out = counts_; }
  [[nodiscard]] std::vector<NamedTensor> parameters() const override { return {}; }
  void load_parameters(std::span<const NamedTensor>, ItemEmbeddings) override {}

 private:
  TestLearnerConfig config_;
  Eigen::VectorXf counts_;
};

inline LearnerEntry test_learner_entry() {
  LearnerDescriptor d;
  d.name = d.base = "test_weighted";
  // Counting: other tests of the same binary iterate over the trained learners.
  d.family = LearnerFamily::kCounting;
  d.origin = LearnerOrigin::kExtra;
  d.summary = "A test-only learner";
  d.settings = std::make_shared<const SchemaInfo>(test_learner_schema().info());
  d.make = [](const nlohmann::json& config) -> std::unique_ptr<Learner> {
    TestLearnerConfig c;
    test_learner_schema().read(config, c, UnknownKeys::kReject);
    return std::make_unique<TestWeightedLearner>(c);
  };
  return {std::move(d), {}, {}};
}

// The one registration line, run once per test binary.
inline void register_test_learner() {
  static const bool registered = (register_learner(test_learner_entry()), true);
  (void)registered;
}

}  // namespace metacf::testing
