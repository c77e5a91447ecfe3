// Learner configuration: ranges, JSON round trip, the factory's names and errors.
#include <gtest/gtest.h>

#include <string>

#include "core/learners/bpr/bpr_learner.h"
#include "core/learners/learner_factory.h"
#include "core/learners/meta_config.h"
#include "core/learners/metacf/metacf_variants.h"

namespace metacf {
namespace {

// The message names the field and says what range was expected.
void expect_rejected(const nlohmann::json& patch, const std::string& field,
                     const std::string& learner = "metacf_p_linear") {
  try {
    (void)make_learner(learner, patch);
    ADD_FAILURE() << patch.dump() << " was accepted";
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(field), std::string::npos) << what;
    EXPECT_NE(what.find("expected"), std::string::npos) << what;
  }
}

TEST(LearnerConfigTest, DefaultsAreValidAndMatchTheReferenceSettings) {
  const MetaConfig c;
  EXPECT_NO_THROW(c.validate());
  EXPECT_EQ(c.steps, 5);
  EXPECT_DOUBLE_EQ(c.alpha, 0.1);
  EXPECT_DOUBLE_EQ(c.beta, 1e-3);
  EXPECT_EQ(c.meta_epochs, 100);
  EXPECT_EQ(c.batch_size, 32);
  EXPECT_EQ(c.negatives, 3);
  EXPECT_EQ(c.optimizer, "adam");
  EXPECT_EQ(c.meta_gradient, "first-order");
  EXPECT_NO_THROW(BprConfig().validate());
}

TEST(LearnerConfigTest, OutOfRangeFieldsAreRejectedByName) {
  expect_rejected({{"steps", 21}}, "steps");
  expect_rejected({{"steps", -1}}, "steps");
  expect_rejected({{"alpha", 0.0}}, "alpha");
  expect_rejected({{"beta", -1e-3}}, "beta");
  expect_rejected({{"batch_size", 0}}, "batch_size");
  expect_rejected({{"negatives", 0}}, "negatives");
  expect_rejected({{"hidden", 0}}, "hidden");
  expect_rejected({{"init_std", 2.0}}, "init_std");
  expect_rejected({{"optimizer", "rmsprop"}}, "optimizer");
  expect_rejected({{"meta_gradient", "second-order"}}, "meta_gradient");
  expect_rejected({{"step_size", 0.0}}, "step_size", "bpr");
  expect_rejected({{"negatives", 101}}, "negatives", "bpr");
}

TEST(LearnerConfigTest, JsonRoundTripKeepsEveryField) {
  MetaConfig c;
  c.steps = 2;
  c.alpha = 0.25;
  c.beta = 0.5;
  c.meta_epochs = 7;
  c.batch_size = 9;
  c.negatives = 4;
  c.hidden = 11;
  c.optimizer = "sgd";
  c.meta_gradient = "exact";
  c.init_std = 0.2;
  c.seed = 1234567890123ULL;
  const nlohmann::json j = c;
  const auto back = j.get<MetaConfig>();
  EXPECT_EQ(nlohmann::json(back), j);
  EXPECT_EQ(back.seed, c.seed);
  EXPECT_EQ(make_learner("metacf_p_neural", j)->config(), j);
}

TEST(LearnerConfigTest, MissingFieldsTakeDefaults) {
  const auto learner = make_learner("metacf_g", {{"steps", 1}});
  EXPECT_EQ(learner->config()["steps"], 1);
  EXPECT_EQ(learner->config()["alpha"], 0.1);
  EXPECT_EQ(learner->local_steps(), 1);
  EXPECT_EQ(make_learner("bpr", nullptr)->local_steps(), 5);
}

TEST(LearnerConfigTest, FactoryBuildsEveryTrainedLearnerUnderItsName) {
  const auto names = trained_learner_names();
  ASSERT_EQ(names.size(), 5u + metacf_variant_names().size());
  for (const auto& name : names) {
    const auto learner = make_learner(name, nlohmann::json::object());
    EXPECT_EQ(learner->name(), name);
    EXPECT_EQ(learner->meta_trains(), name != "bpr") << name;
  }
}

TEST(LearnerConfigTest, UnknownNameListsTheKnownOnes) {
  try {
    (void)make_learner("metacf_x", {});
    ADD_FAILURE() << "unknown name accepted";
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("metacf_x"), std::string::npos) << what;
    for (const auto& name : trained_learner_names()) {
      EXPECT_NE(what.find(name), std::string::npos) << what;
    }
  }
}

TEST(LearnerConfigTest, WrongFieldTypeIsAnInvalidArgument) {
  EXPECT_THROW((void)make_learner("metacf_g", {{"steps", "five"}}), std::invalid_argument);
}

TEST(LearnerConfigTest, MeluRefusesTheExactMetaGradientWithTheFix) {
  try {
    (void)make_learner("melu", {{"meta_gradient", "exact"}});
    ADD_FAILURE() << "melu accepted exact";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("first-order"), std::string::npos) << e.what();
  }
}

TEST(LearnerConfigTest, AdaptBeforeFitIsALogicErrorNotACrash) {
  Rng rng(1);
  const std::vector<std::int32_t> support{1};
  for (const auto& name : trained_learner_names()) {
    const auto learner = make_learner(name, {});
    EXPECT_THROW((void)learner->adapt(support, 1, rng), std::logic_error) << name;
  }
}

}  // namespace
}  // namespace metacf
