// The paper learners' `tune`: alpha first, then beta, chosen by the validator's score on
// held-out meta-training users only; the choice travels with the stored parameters and is told
// by the learner's fit note; tune: false trains exactly as before.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <map>

#include "core/eval/evaluator.h"
#include "core/experiment/experiment_runner.h"
#include "core/learners/learner_factory.h"
#include "core/learners/metacf/metacf_learner.h"
#include "core/learners/metacf/step_size_search.h"
#include "core/learners/registry.h"
#include "tests/core/learner_synthetic.h"

namespace metacf {
namespace {

using testing_support::make_world;
using testing_support::SyntheticWorld;

float f(double v) { return static_cast<float>(v); }

// A landscape whose best point is (best_alpha, best_beta), and falls off in log distance.
ValidationScore landscape(double alpha, double beta, double best_alpha, double best_beta) {
  const double hr = std::exp(-std::abs(std::log(alpha / best_alpha)) -
                             0.5 * std::abs(std::log(beta / best_beta)));
  return {hr, hr / 2};
}

TEST(StepSizeSearchTest, AlphaFirstAtAQuarterOfTheEpochsThenBetaAtAllOfThem) {
  std::vector<StepSizeTrial> seen;
  const StepSizeChoice choice =
      search_step_sizes(0.1, 1e-3, 100, [&](double alpha, double beta, int epochs) {
        seen.push_back({alpha, beta, epochs, {}});
        return landscape(alpha, beta, 0.03, 3e-3);
      });
  EXPECT_EQ(choice.alpha, f(0.03));
  EXPECT_EQ(choice.beta, f(3e-3));
  ASSERT_EQ(seen.size(), 7u);
  ASSERT_EQ(choice.trials.size(), 7u);
  EXPECT_EQ(step_size_trials(0.1, 1e-3, 100), 7);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(seen[static_cast<std::size_t>(i)].alpha, f(kAlphaGrid[i]));
    EXPECT_EQ(seen[static_cast<std::size_t>(i)].beta, f(1e-3));  // the configured beta
    EXPECT_EQ(seen[static_cast<std::size_t>(i)].meta_epochs, 25);
  }
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(seen[static_cast<std::size_t>(4 + i)].alpha, f(0.03));
    EXPECT_EQ(seen[static_cast<std::size_t>(4 + i)].beta, f(kBetaGrid[i]));
    EXPECT_EQ(seen[static_cast<std::size_t>(4 + i)].meta_epochs, 100);
  }
  EXPECT_DOUBLE_EQ(choice.score.hr, landscape(f(0.03), f(3e-3), 0.03, 3e-3).hr);
}

TEST(StepSizeSearchTest, TiesKeepTheFirstNdcgBreaksEqualHrAndDivergedTrialsLose) {
  // Equal HR everywhere, NDCG best at alpha 0.1: NDCG decides.
  StepSizeChoice choice = search_step_sizes(0.1, 1e-3, 8, [](double alpha, double beta, int) {
    if (alpha > 0.2) return kDivergedTrial;
    return ValidationScore{0.5, alpha == f(0.1) && beta == f(1e-3) ? 0.4 : 0.2};
  });
  EXPECT_EQ(choice.alpha, f(0.1));
  EXPECT_EQ(choice.beta, f(1e-3));
  EXPECT_EQ(choice.trials[0].meta_epochs, 2);
  EXPECT_NE(choice.summary().find("0.3/0.001 (2 epochs) diverged"), std::string::npos)
      << choice.summary();
  // All equal: nothing beats the configured pair, which stays.
  choice = search_step_sizes(0.1, 1e-3, 8, [](double, double, int) { return ValidationScore{}; });
  EXPECT_EQ(choice.alpha, f(0.1));
  EXPECT_EQ(choice.beta, f(1e-3));
  // Without meta-epochs beta does nothing and is not searched.
  choice = search_step_sizes(0.1, 2e-3, 0, [](double alpha, double, int epochs) {
    EXPECT_EQ(epochs, 0);
    return ValidationScore{alpha, 0};
  });
  EXPECT_EQ(choice.trials.size(), 4u);
  EXPECT_EQ(choice.alpha, f(0.3));
  EXPECT_EQ(choice.beta, f(2e-3));
}

// A score over 40 validation users: `base` for each, plus `gain` and an alternating +-`spread`.
ValidationScore per_user(double base, double gain, double spread) {
  ValidationScore s;
  for (int u = 0; u < 40; ++u) s.user_hr.push_back(base + gain + (u % 2 ? spread : -spread));
  for (double hr : s.user_hr) s.hr += hr / 40;
  return s;
}

TEST(StepSizeSearchTest, AGridPointReplacesTheConfiguredPairOnlyWhenItsPairedGainIsClear) {
  // alpha 0.03 has the highest mean HR, 0.02 above the configured 0.1's; the other points are
  // below. Noisy: its per-user gains swing +-0.3 (paired SE ~0.05), so 0.1 stays.
  const auto world = [](double spread) {
    return [spread](double alpha, double beta, int) {
      if (alpha == f(0.03)) return per_user(0.3, 0.02, spread);
      return per_user(0.3, alpha == f(0.1) && beta == f(1e-3) ? 0.0 : -0.05, 0.0);
    };
  };
  StepSizeChoice choice = search_step_sizes(0.1, 1e-3, 8, world(0.3));
  EXPECT_EQ(choice.alpha, f(0.1));
  EXPECT_EQ(choice.beta, f(1e-3));
  EXPECT_GT(choice.trials[1].score.hr, choice.trials[2].score.hr);  // 0.03 led on the mean
  // The same mean gain, steady over users (paired SE ~0.002): 0.03 is taken.
  choice = search_step_sizes(0.1, 1e-3, 8, world(0.01));
  EXPECT_EQ(choice.alpha, f(0.03));
  // Beta is guarded the same way, against the configured beta at the chosen alpha.
  choice = search_step_sizes(0.1, 1e-3, 8, [](double alpha, double beta, int) {
    if (beta == f(3e-3)) return per_user(0.3, alpha == f(0.1) ? 0.04 : 0.0, 0.01);
    return per_user(0.3, 0.0, 0.0);
  });
  EXPECT_EQ(choice.alpha, f(0.1));
  EXPECT_EQ(choice.beta, f(3e-3));

  const ValidationScore baseline = per_user(0.3, 0.0, 0.0);
  EXPECT_FALSE(clearly_better(per_user(0.3, 0.02, 0.3), baseline));
  EXPECT_TRUE(clearly_better(per_user(0.3, 0.02, 0.01), baseline));
  EXPECT_FALSE(clearly_better(per_user(0.3, -0.02, 0.01), baseline));
  EXPECT_FALSE(clearly_better(kDivergedTrial, baseline));
  EXPECT_TRUE(clearly_better(per_user(0.1, 0.0, 0.0), kDivergedTrial));
}

TEST(StepSizeSearchTest, AConfiguredValueOffTheGridIsTriedAsTheBaseline) {
  std::vector<std::pair<double, double>> seen;
  const StepSizeChoice choice =
      search_step_sizes(0.05, 2e-3, 8, [&](double alpha, double beta, int) {
        seen.emplace_back(alpha, beta);
        return per_user(0.3, alpha == f(0.05) ? 0.01 : 0.0, 0.0);
      });
  EXPECT_EQ(step_size_trials(0.05, 2e-3, 8), 9);
  ASSERT_EQ(seen.size(), 9u);
  EXPECT_EQ(seen[2].first, f(0.05));   // in order, between 0.03 and 0.1
  EXPECT_EQ(seen[7].second, f(2e-3));  // between 1e-3 and 3e-3
  EXPECT_EQ(choice.alpha, f(0.05));
  EXPECT_EQ(choice.beta, f(2e-3));
}

nlohmann::json tuned_config(int meta_epochs = 20) {
  return {
      {"tune", true}, {"meta_epochs", meta_epochs}, {"batch_size", 16}, {"steps", 2}, {"seed", 3}};
}

TrainingContext context(const SyntheticWorld& w) {
  return TrainingContext{w.data, w.split, w.Q, &w.known, nullptr, 1};
}

TEST(StepSizeTuningTest, TheLearnerTakesTheValidatorsBestPairAndServesWithIt) {
  const SyntheticWorld w = make_world(4, 120, 30);
  auto learner = make_learner("metacf_p_linear", tuned_config(8));
  TrainingContext ctx = context(w);
  // A validator that likes alpha 0.3 and beta 3e-4 and reads the pair the learner is trying.
  std::vector<std::pair<double, double>> asked;
  ctx.validate = [&](const Learner& l) {
    const auto c = l.config();
    asked.emplace_back(c["alpha"].get<double>(), c["beta"].get<double>());
    return landscape(asked.back().first, asked.back().second, 0.3, 3e-4);
  };
  std::vector<Progress> points;
  JobControl job([&](const Progress& p) {
    if (p.epoch_done) points.push_back(p);
    return true;
  });
  learner->fit(ctx, job);
  EXPECT_EQ(asked.size(), 7u + 8u);  // seven trials, then the final training's epochs
  EXPECT_EQ(learner->config()["alpha"].get<double>(), f(0.3));
  EXPECT_EQ(learner->config()["beta"].get<double>(), f(3e-4));
  EXPECT_EQ(learner->config()["meta_epochs"].get<int>(), 8);
  // The grid's validation curve, then the final meta-training's curve.
  ASSERT_EQ(points.size(), 7u + 8u);
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(points[static_cast<std::size_t>(i)].stage, Stage::kTune);
    EXPECT_EQ(points[static_cast<std::size_t>(i)].epoch, i + 1);
    EXPECT_DOUBLE_EQ(points[static_cast<std::size_t>(i)].val_hr,
                     landscape(asked[static_cast<std::size_t>(i)].first,
                               asked[static_cast<std::size_t>(i)].second, 0.3, 3e-4)
                         .hr);
  }
  EXPECT_EQ(points.back().stage, Stage::kMetaTrain);
  EXPECT_EQ(points.back().epoch, 8);

  // The chosen alpha is what adapt() steps with after a restore, and the note tells it.
  const auto tensors = learner->parameters();
  auto restored = make_learner("metacf_p_linear", {{"steps", 2}, {"seed", 3}});
  restored->load_parameters(tensors, w.Q);
  EXPECT_EQ(restored->config()["alpha"].get<double>(), f(0.3));
  Rng a(9), b(9);
  const std::vector<std::int32_t> support{1, 2, 3};
  Eigen::VectorXf sa(w.Q->rows()), sb(w.Q->rows());
  learner->score(learner->adapt(support, 2, a).back(), sa);
  restored->score(restored->adapt(support, 2, b).back(), sb);
  EXPECT_TRUE(sa == sb);
  const auto note = describe_learner("metacf_p_linear").fit_note(tensors);
  ASSERT_TRUE(note.has_value());
  EXPECT_EQ(note->rfind("tuned: alpha 0.3, beta 0.0003 (validation HR ", 0), 0u) << *note;
  EXPECT_NE(note->find("0.01/0.001 (2 epochs)"), std::string::npos) << *note;
}

// HR@10 of the learner on the world's first meta-training users, which it is not trained on.
struct HeldOut {
  SyntheticWorld world;
  std::vector<Task> validation;
};

HeldOut hold_out(SyntheticWorld w, int users = 30) {
  HeldOut h;
  h.validation.assign(w.split.meta_train.begin(), w.split.meta_train.begin() + users);
  w.split.meta_train.erase(w.split.meta_train.begin(), w.split.meta_train.begin() + users);
  h.world = std::move(w);
  return h;
}

ValidationScore validation_score(const Learner& l, const HeldOut& h) {
  EvaluationOptions options;
  options.num_items = h.world.data.num_items();
  options.steps = 2;
  options.seed = 17;
  const Evaluation e = evaluate(l, h.validation, options);
  return {e.hr, e.ndcg};
}

std::unique_ptr<Learner> fit_on(const HeldOut& h, const nlohmann::json& config) {
  auto learner = make_learner("metacf_g", config);
  TrainingContext ctx = context(h.world);
  ctx.validate = [&](const Learner& l) { return validation_score(l, h); };
  JobControl job;
  learner->fit(ctx, job);
  return learner;
}

TEST(StepSizeTuningTest, OnASyntheticWorldItPicksTheAlphaThatIsClearlyBest) {
  // Users click in one of eight clusters, so metacf_g's one global start must be adapted to
  // two clicks: at alpha 0.01, two steps barely move it (validation HR@10 0.14 against 0.22 at
  // 0.1). 200 validation users, so that the alphas' differences are more than noise.
  const HeldOut h = hold_out(make_world(31, 600, 300), 200);
  const auto tuned = fit_on(h, tuned_config());
  const StepSizeChoice& choice =
      dynamic_cast<const MetaCFLearner&>(*tuned).step_size_choice().value();
  std::cout << choice.summary() << "\n";
  // Each alpha trained on its own, as an untuned learner, at the trials' length and beta.
  std::map<float, double> hr_of_alpha;
  std::map<float, std::unique_ptr<Learner>> fitted;
  for (double alpha : kAlphaGrid) {
    nlohmann::json plain = tuned_config(5);
    plain["tune"] = false;
    plain["alpha"] = f(alpha);
    fitted[f(alpha)] = fit_on(h, plain);
    hr_of_alpha[f(alpha)] = validation_score(*fitted[f(alpha)], h).hr;
  }
  const auto best =
      std::max_element(hr_of_alpha.begin(), hr_of_alpha.end(),
                       [](const auto& a, const auto& b) { return a.second < b.second; });
  const auto worst =
      std::min_element(hr_of_alpha.begin(), hr_of_alpha.end(),
                       [](const auto& a, const auto& b) { return a.second < b.second; });
  EXPECT_EQ(f(choice.alpha), best->first);
  EXPECT_GT(best->second, worst->second + 0.03);  // the world has a clearly better alpha
  // The final learner scores on the held-out users what its trial did (same seed, same pair).
  EXPECT_DOUBLE_EQ(validation_score(*tuned, h).hr, choice.score.hr);
  // And the choice carries over to the meta-test users: better than the worst alpha.
  EvaluationOptions options;
  options.num_items = h.world.data.num_items();
  options.steps = 2;
  const double tuned_test = evaluate(*tuned, h.world.split.meta_test, options).hr;
  const double worst_test = evaluate(*fitted[worst->first], h.world.split.meta_test, options).hr;
  std::cout << "meta-test HR@10: tuned " << tuned_test << ", alpha " << worst->first << " "
            << worst_test << "\n";
  EXPECT_GT(tuned_test, worst_test);
}

TEST(StepSizeTuningTest, TheSameSeedMakesTheSameChoiceAndParameters) {
  const HeldOut h = hold_out(make_world(32, 160, 20));
  const auto a = fit_on(h, tuned_config(12));
  const auto b = fit_on(h, tuned_config(12));
  const auto& ca = dynamic_cast<const MetaCFLearner&>(*a).step_size_choice().value();
  const auto& cb = dynamic_cast<const MetaCFLearner&>(*b).step_size_choice().value();
  EXPECT_EQ(ca.summary(), cb.summary());
  const auto ta = a->parameters();
  const auto tb = b->parameters();
  ASSERT_EQ(ta.size(), tb.size());
  for (std::size_t i = 0; i < ta.size(); ++i) EXPECT_EQ(ta[i].values, tb[i].values) << ta[i].name;
}

TEST(StepSizeTuningTest, TuneFalseTrainsExactlyAsWithoutTheKey) {
  const HeldOut h = hold_out(make_world(33, 120, 20));
  for (const std::string name : {"metacf_g", "metacf_p_neural+bias+msgd+cooc"}) {
    nlohmann::json config = {{"meta_epochs", 6}, {"steps", 2}, {"seed", 4}};
    auto without = make_learner(name, config);
    config["tune"] = false;
    auto with = make_learner(name, config);
    TrainingContext ctx = context(h.world);
    ctx.validate = [&](const Learner& l) { return validation_score(l, h); };
    JobControl job;
    without->fit(ctx, job);
    with->fit(ctx, job);
    const auto ta = without->parameters();
    const auto tb = with->parameters();
    ASSERT_EQ(ta.size(), tb.size()) << name;
    for (std::size_t i = 0; i < ta.size(); ++i) EXPECT_EQ(ta[i].values, tb[i].values) << name;
    EXPECT_FALSE(describe_learner(name).fit_note(ta).has_value());
  }
}

TEST(StepSizeTuningTest, TuneIsInTheSchemaAndMeluRefusesIt) {
  const FieldInfo* tune = describe_learner("metacf_g").settings->find("tune");
  ASSERT_NE(tune, nullptr);
  EXPECT_EQ(tune->kind, FieldKind::kBool);
  EXPECT_EQ(tune->default_value, false);
  EXPECT_NE(tune->doc.find("meta-training users"), std::string::npos);
  const auto offered = describe_learner("metacf_p_neural+msgd").offered_settings();
  EXPECT_TRUE(std::any_of(offered.begin(), offered.end(),
                          [](const FieldInfo& field) { return field.key == "tune"; }));
  const auto melu = describe_learner("melu").offered_settings();
  EXPECT_FALSE(std::any_of(melu.begin(), melu.end(),
                           [](const FieldInfo& field) { return field.key == "tune"; }));
  EXPECT_THROW(make_learner("melu", {{"tune", true}}), std::invalid_argument);
  EXPECT_THROW(make_learner("metacf_g", {{"tune", 3}}), std::invalid_argument);
}

// Replaces every meta-test user's records and task by the same twelve items of one cluster.
SyntheticWorld with_corrupted_meta_test(const SyntheticWorld& w) {
  SyntheticWorld out = w;
  std::vector<char> is_test(static_cast<std::size_t>(w.data.num_users()), 0);
  const std::vector<std::int32_t> items{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  for (auto& task : out.split.meta_test) {
    is_test[static_cast<std::size_t>(task.user)] = 1;
    task.support.assign(items.begin(), items.begin() + 2);
    task.query.assign(items.begin() + 2, items.end());
  }
  out.data.user_items.clear();
  out.data.user_offsets = {0};
  for (std::int32_t u = 0; u < w.data.num_users(); ++u) {
    const auto own = w.data.items_of(u);
    if (is_test[static_cast<std::size_t>(u)]) {
      out.data.user_items.insert(out.data.user_items.end(), items.begin(), items.end());
    } else {
      out.data.user_items.insert(out.data.user_items.end(), own.begin(), own.end());
    }
    out.data.user_offsets.push_back(static_cast<std::int64_t>(out.data.user_items.size()));
  }
  return out;
}

struct Captured : ExperimentObserver {
  std::vector<NamedTensor> tensors;
  void on_learner_fitted(std::uint64_t, int, const Learner& learner) override {
    tensors = learner.parameters();
  }
};

TEST(StepSizeTuningTest, TheChoiceNeverReadsMetaTestUsers) {
  const SyntheticWorld honest = make_world(34, 200, 60);
  const SyntheticWorld adversarial = with_corrupted_meta_test(honest);
  ExperimentConfig config;
  config.learners = {"metacf_g"};
  config.baseline = "metacf_g";
  config.ks = {2};
  config.validation_share = 0.2;
  config.learner_configs["metacf_g"] = {{"tune", true}, {"meta_epochs", 12}, {"batch_size", 16}};
  auto run = [&](const SyntheticWorld& w, Captured& captured) {
    JobControl job;
    return run_experiment({w.data, &w.split, w.Q.get()}, config, job, &captured);
  };
  Captured a, b;
  const auto results_a = run(honest, a);
  const auto results_b = run(adversarial, b);
  const auto choice_a = step_size_choice_from_tensors(a.tensors);
  const auto choice_b = step_size_choice_from_tensors(b.tensors);
  ASSERT_TRUE(choice_a && choice_b);
  std::cout << "honest: " << choice_a->summary() << "\n";
  EXPECT_EQ(choice_a->summary(), choice_b->summary());
  ASSERT_EQ(a.tensors.size(), b.tensors.size());
  for (std::size_t i = 0; i < a.tensors.size(); ++i) {
    EXPECT_EQ(a.tensors[i].values, b.tensors[i].values) << a.tensors[i].name;
  }
  // The corruption reached the meta-test users: their results differ.
  ASSERT_EQ(results_a.size(), results_b.size());
  EXPECT_NE(results_a[0].hr, results_b[0].hr);
}

}  // namespace
}  // namespace metacf
