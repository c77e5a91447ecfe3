// Configuration schemas: each field stated once drives JSON, validation and help; unknown keys
// are errors naming them, except in configurations read back from storage.
#include "core/config/config_schema.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>

#include "core/config/config_help.h"
#include "core/experiment/experiment_config.h"
#include "core/learners/auto/auto_config.h"
#include "core/learners/bpr/bpr_learner.h"
#include "core/learners/ease/ease_learner.h"
#include "core/learners/learner_factory.h"
#include "core/learners/meta_config.h"
#include "core/learners/registry.h"

namespace metacf {
namespace {

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no error";
}

std::vector<const SchemaInfo*> all_schemas() {
  return {&experiment_config_schema().info(), &split_config_schema().info(),
          &pretrain_config_schema().info(),   &meta_config_schema().info(),
          &bpr_config_schema().info(),        &ease_config_schema().info(),
          &auto_config_schema().info()};
}

TEST(ConfigSchemaTest, UnknownKeysAreErrorsNamingTheKey) {
  auto read = [](const char* text) {
    return error_of([&] { (void)nlohmann::json::parse(text).get<ExperimentConfig>(); });
  };
  EXPECT_NE(read(R"({"lerners": ["pop"]})").find("experiment: unknown key 'lerners'"),
            std::string::npos);
  EXPECT_NE(read(R"({"pretrain": {"lrr": 0.1}})").find("pretraining: unknown key 'lrr'"),
            std::string::npos);
  EXPECT_NE(read(R"({"split": {"seeds": 2}})").find("unknown key 'seeds'"), std::string::npos);
  auto typed = [](const char* learner, const nlohmann::json& settings) {
    return error_of([&] { (void)make_learner(learner, settings, 5, 1, UnknownKeys::kReject); });
  };
  EXPECT_NE(typed("metacf_g", {{"alpah", 0.2}}).find("learner config: unknown key 'alpah'"),
            std::string::npos);
  EXPECT_NE(typed("pop", {{"k", 1}}).find("pop: unknown key 'k'"), std::string::npos);
  EXPECT_NE(typed("metacf_auto", {{"fold", 2}}).find("'fold'"), std::string::npos);
  // The factory itself restores stored configurations, which carry more than settings.
  EXPECT_NO_THROW((void)make_learner("bpr", {{"alpha", 0.1}, {"step_size", 0.2}}));
  ExperimentConfig c;
  c.learner_configs = {{"metacf_q", {{"alpha", 0.2}}}};
  EXPECT_NE(error_of([&] { c.validate(); }).find("'metacf_q'"), std::string::npos);
  c.learner_configs = {{"metacf_p_linear+bias", {{"alpha", 0.2}}}};  // a generated name is fine
  EXPECT_NO_THROW(c.validate());
}

TEST(ConfigSchemaTest, StoredConfigurationsSkipKeysNoLongerKnown) {
  const auto stored = nlohmann::json::parse(
      R"({"ks": [1, 3], "data": {"path": "x"}, "pretrain": {"dim": 8, "old_key": 1},
          "learner_configs": {"metacf_g": {"alpha": 0.3, "inner_lr": 0.1}}})");
  EXPECT_THROW((void)stored.get<ExperimentConfig>(), std::invalid_argument);
  const ExperimentConfig c = read_stored_experiment_config(stored);
  EXPECT_EQ(c.ks, (std::vector<int>{1, 3}));
  EXPECT_EQ(c.pretrain.dim, 8);
  // A learner built from stored settings skips what it does not know.
  EXPECT_THROW(make_learner("metacf_g", c.learner_configs["metacf_g"], 2, 1, UnknownKeys::kReject),
               std::invalid_argument);
  const auto learner = make_learner("metacf_g", c.learner_configs["metacf_g"], 2, 1);
  EXPECT_EQ(learner->config()["alpha"], 0.3);
  EXPECT_EQ(learner->local_steps(), 2);
}

TEST(ConfigSchemaTest, DefaultsAreTheStructsOwnAndLieInTheirRanges) {
  const nlohmann::json experiment = ExperimentConfig();
  for (const FieldInfo& f : experiment_config_schema().info().fields) {
    EXPECT_EQ(f.default_value, experiment.at(f.key)) << f.key;
  }
  for (const SchemaInfo* schema : all_schemas()) {
    for (const FieldInfo& f : schema->fields) {
      SCOPED_TRACE(schema->scope + " " + f.key);
      EXPECT_FALSE(f.doc.empty());
      EXPECT_FALSE(f.label.empty());
      if (f.kind == FieldKind::kInt || f.kind == FieldKind::kDouble) {
        EXPECT_TRUE(f.range.contains(f.default_value.get<double>()));
      }
      if (!f.choices.empty()) {
        EXPECT_NE(std::find(f.choices.begin(), f.choices.end(), f.default_value), f.choices.end());
      }
    }
  }
  EXPECT_NO_THROW(ExperimentConfig().validate());
}

// A number with no upper bound lets one value exhaust the machine or overflow a computation:
// every numeric setting has both bounds (the memory estimate then bounds what they add up to).
TEST(ConfigSchemaTest, EveryNumericSettingIsBoundedOnBothSides) {
  for (const SchemaInfo* schema : all_schemas()) {
    for (const FieldInfo& f : schema->fields) {
      if (f.kind != FieldKind::kInt && f.kind != FieldKind::kDouble &&
          f.kind != FieldKind::kIntList)
        continue;
      // A seed may be any 64-bit value: its type is its bound, and no value costs more than
      // another.
      if (f.key == "seed" || f.key == "seeds") continue;
      SCOPED_TRACE(schema->scope + " " + f.key);
      EXPECT_TRUE(f.range.has_lo());
      EXPECT_TRUE(f.range.has_hi());
    }
  }
}

// Every bound of every learner setting is enforced with a message that names the key and the
// bound as the table states it.
TEST(ConfigSchemaTest, EveryLearnerBoundIsCheckedWithTheTablesRange) {
  for (const std::string& name : learner_names()) {
    const LearnerDescriptor learner = describe_learner(name);
    if (learner.is_variant() || !learner.settings) continue;
    for (const FieldInfo& f : learner.settings->fields) {
      // Seeds and K are the experiment's (a negative seed is a type error, not a range one).
      if (f.role != FieldRole::kSetting) continue;
      if (f.kind != FieldKind::kInt && f.kind != FieldKind::kDouble) continue;
      const double step = f.kind == FieldKind::kInt ? 1 : 1e-3;
      for (const double outside :
           {f.range.lo - (f.range.lo_open ? 0 : step), f.range.hi + (f.range.hi_open ? 0 : step)}) {
        if (!std::isfinite(outside)) continue;
        SCOPED_TRACE(name + " " + f.key + " = " + format_number(outside));
        nlohmann::json config = {{f.key, outside}};
        if (f.kind == FieldKind::kInt) config[f.key] = static_cast<long long>(outside);
        const std::string what = error_of([&] { (void)make_learner(name, config); });
        EXPECT_NE(what.find(f.key + " = "), std::string::npos) << what;
        EXPECT_NE(what.find("expected " + interval_text(f.range)), std::string::npos) << what;
      }
    }
  }
}

TEST(ConfigSchemaTest, KRunsFromZeroToTwentyInTheCheckAndTheHelp) {
  ExperimentConfig c;
  c.ks = {0, 20};
  EXPECT_NO_THROW(c.validate());
  c.ks = {21};
  EXPECT_EQ(error_of([&] { c.validate(); }), "experiment: each K must be in 0..20 (got 21)");
  const std::string help = config_help(experiment_config_schema().info());
  EXPECT_NE(help.find("  ks  list of distinct whole numbers in 0..20  (default [5])"),
            std::string::npos)
      << help;
  // Every key of every section is listed.
  for (const SchemaInfo* schema :
       {&split_config_schema().info(), &pretrain_config_schema().info()}) {
    for (const FieldInfo& f : schema->fields)
      EXPECT_NE(help.find("." + f.key + "  "), std::string::npos) << f.key;
  }
}

TEST(ConfigSchemaTest, NumbersReadAsPeopleWriteThem) {
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(-1), "-1");
  EXPECT_EQ(format_number(1e7), "10000000");
  EXPECT_EQ(format_number(1e-6), "1e-6");
  EXPECT_EQ(format_number(2.5e20), "2.5e20");
  EXPECT_EQ(interval_text(above_up_to(0, 1000)), "(0, 1000]");
  EXPECT_EQ(range_sentence(from_below(0, 0.5), false), "in [0, 0.5)");
  EXPECT_EQ(range_sentence(between(1, 100), true), "in 1..100");
  EXPECT_EQ(range_sentence(above(0), false), "> 0");
}

}  // namespace
}  // namespace metacf
