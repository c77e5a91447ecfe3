// The MetaCF variants (+bias, +msgd, +cooc) as learners: names, determinism, what the item bias
// buys where popularity matters, and serving from a stored run.
#include "core/learners/metacf/metacf_variants.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <numeric>

#include "core/eval/evaluator.h"
#include "core/experiment/experiment_config.h"
#include "core/experiment/run_request.h"
#include "core/learners/learner_factory.h"
#include "core/learners/metacf/cooccurrence_rows.h"
#include "core/learners/metacf/metacf_learner.h"
#include "core/model/dot_product_items.h"
#include "core/simulate/new_user_simulation.h"
#include "tests/core/synthetic_dataset.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

nlohmann::json quick_config(int epochs) {
  return {{"steps", 2},       {"alpha", 0.1},   {"beta", 0.01}, {"meta_epochs", epochs},
          {"batch_size", 32}, {"negatives", 3}, {"hidden", 16}, {"seed", 5}};
}

// Users who pick items by a steep popularity law and nothing else; Q is noise that knows
// nothing of popularity, as a Q pretrained on too few users would.
struct PopularityWorld {
  Dataset data;
  Split split;
  ItemEmbeddings Q;
  std::vector<std::vector<std::int32_t>> known;
};

PopularityWorld popularity_world(std::uint64_t seed, int train_users, int test_users) {
  constexpr int kItems = 200;
  constexpr int kDim = 8;
  constexpr int kRecords = 12;
  PopularityWorld w;
  Rng rng(seed);
  auto Q = std::make_shared<Eigen::MatrixXf>(kItems, kDim);
  for (Eigen::Index i = 0; i < Q->size(); ++i)
    Q->data()[i] = static_cast<float>(0.3 * rng.normal());
  w.Q = Q;
  for (int v = 0; v < kItems; ++v) w.data.item_ids.push_back(std::to_string(v));
  // Item v is drawn with weight 1 / (v + 1): a few items carry most records.
  std::vector<double> cumulative(kItems);
  double total = 0;
  for (int v = 0; v < kItems; ++v) cumulative[static_cast<size_t>(v)] = total += 1.0 / (v + 1);
  for (int u = 0; u < train_users + test_users; ++u) {
    w.data.user_ids.push_back(std::to_string(u));
    std::vector<std::int32_t> records;
    while (static_cast<int>(records.size()) < kRecords) {
      const double r = rng.uniform() * total;
      const auto v = static_cast<std::int32_t>(
          std::lower_bound(cumulative.begin(), cumulative.end(), r) - cumulative.begin());
      if (std::find(records.begin(), records.end(), v) == records.end()) records.push_back(v);
    }
    w.data.user_items.insert(w.data.user_items.end(), records.begin(), records.end());
    w.data.user_offsets.push_back(static_cast<std::int64_t>(w.data.user_items.size()));
    Task task;
    task.user = u;
    task.support.assign(records.begin(), records.begin() + 3);
    task.query.assign(records.begin() + 3, records.end());
    (u < train_users ? w.split.meta_train : w.split.meta_test).push_back(task);
    std::sort(records.begin(), records.end());
    w.known.push_back(records);
  }
  return w;
}

// Mean share of each meta-test user's query items found in her top 10 (support excluded).
double query_recall_at_10(const Learner& learner, const PopularityWorld& w) {
  Rng rng(9);
  double sum = 0;
  Eigen::VectorXf scores(w.Q->rows());
  std::vector<std::int32_t> order(static_cast<size_t>(w.Q->rows()));
  for (const Task& task : w.split.meta_test) {
    const auto states = learner.adapt(task.support, learner.local_steps(), rng);
    learner.score(states.back(), scores);
    for (std::int32_t v : task.support) scores[v] = -1e30f;
    std::iota(order.begin(), order.end(), 0);
    std::partial_sort(order.begin(), order.begin() + 10, order.end(),
                      [&](std::int32_t a, std::int32_t b) { return scores[a] > scores[b]; });
    int hits = 0;
    for (std::int32_t v : task.query)
      hits += std::find(order.begin(), order.begin() + 10, v) != order.begin() + 10;
    sum += static_cast<double>(hits) / static_cast<double>(task.query.size());
  }
  return sum / static_cast<double>(w.split.meta_test.size());
}

std::unique_ptr<Learner> fit(const std::string& name, const nlohmann::json& config,
                             const PopularityWorld& w) {
  auto learner = make_learner(name, config);
  TrainingContext ctx{w.data, w.split, w.Q, &w.known, nullptr, 1};
  JobControl job;
  learner->fit(ctx, job);
  return learner;
}

TEST(MetaCFVariantsTest, EveryVariantBuildsUnderItsNameAndIsKnownButNotRunByDefault) {
  const auto names = metacf_variant_names();
  EXPECT_EQ(names.size(), 3u + 7u + 7u);
  const auto known = learner_names();
  const ExperimentConfig defaults;
  for (const auto& name : names) {
    const auto learner = make_learner(name, nlohmann::json::object());
    EXPECT_EQ(learner->name(), name);
    EXPECT_TRUE(learner->meta_trains());
    EXPECT_EQ(learner->config()["item_bias"], name.find("+bias") != std::string::npos) << name;
    EXPECT_EQ(learner->config()["meta_sgd"], name.find("+msgd") != std::string::npos) << name;
    EXPECT_EQ(learner->config()["cooccurrence"], name.find("+cooc") != std::string::npos) << name;
    EXPECT_NE(std::find(known.begin(), known.end(), name), known.end()) << name;
    EXPECT_EQ(std::find(defaults.learners.begin(), defaults.learners.end(), name),
              defaults.learners.end())
        << name;
  }
  // The name, not a stored flag, decides the variant.
  EXPECT_EQ(make_learner("metacf_p_linear", {{"item_bias", true}})->name(), "metacf_p_linear");
}

TEST(MetaCFVariantsTest, MisorderedUnknownOrMisplacedSuffixesAreRejected) {
  for (const std::string name :
       {"metacf_p_linear+msgd+bias", "metacf_p_linear+bias+bias", "metacf_p_linear+foo",
        "metacf_g+cooc", "metacf_p_linearbias", "metacf_p+bias"}) {
    EXPECT_THROW((void)make_learner(name, {}), std::invalid_argument) << name;
  }
}

TEST(MetaCFVariantsTest, SameSeedGivesTheSameParameters) {
  const PopularityWorld w = popularity_world(1, 120, 10);
  for (const std::string name : {"metacf_p_neural+bias+msgd+cooc", "metacf_g+bias+msgd"}) {
    const auto a = fit(name, quick_config(3), w)->parameters();
    const auto b = fit(name, quick_config(3), w)->parameters();
    ASSERT_EQ(a.size(), b.size()) << name;
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].name, b[i].name);
      EXPECT_EQ(a[i].values, b[i].values) << name << " " << a[i].name;
    }
  }
}

TEST(MetaCFVariantsTest, ItemBiasBeatsThePlainLearnerWherePopularityDecides) {
  const PopularityWorld w = popularity_world(2, 300, 100);
  for (const std::string base : {"metacf_p_linear", "metacf_g"}) {
    const double plain = query_recall_at_10(*fit(base, quick_config(10), w), w);
    const double biased = query_recall_at_10(*fit(base + "+bias", quick_config(10), w), w);
    std::cout << base << ": recall@10 " << plain << ", +bias " << biased << "\n";
    EXPECT_GT(biased, plain + 0.05) << base;
  }
}

// The fitted bias is packed with Q for the blocked ranking, and the evaluator's blocked lists
// equal its per-user lists (it checks sampled users itself and throws on a mismatch).
TEST(MetaCFVariantsTest, AFittedItemBiasRanksInBlocksAsUserByUser) {
  const PopularityWorld w = popularity_world(3, 200, 100);
  const auto learner = fit("metacf_p_linear+bias", quick_config(3), w);
  const DotProductItems* items = learner->dot_product_items();
  ASSERT_NE(items, nullptr);
  Rng rng(4);
  const auto states = learner->adapt(w.split.meta_test.front().support, 2, rng);
  Eigen::VectorXf scores(w.Q->rows());
  learner->score(states.back(), scores);
  const auto* meta = dynamic_cast<const MetaCFLearner*>(learner.get());
  ASSERT_NE(meta, nullptr);
  const Eigen::VectorXf expected = (*w.Q) * states.back().params + meta->phi().tail(w.Q->rows());
  EXPECT_LT((scores - expected).cwiseAbs().maxCoeff(), 1e-4f);

  EvaluationOptions options;
  options.num_items = static_cast<std::int32_t>(w.Q->rows());
  options.steps = 2;
  const Evaluation blocked = evaluate(*learner, w.split.meta_test, options);
  EXPECT_GT(blocked.hr, 0.0);
}

TEST(MetaCFVariantsTest, CooccurrenceRowsAreTheWeightedMeanOfCoRatedItems) {
  // Users {0, 1} and {0, 2}: item 0 co-occurs once with 1 and once with 2, item 1 only with 0,
  // item 3 with nothing.
  UserItemRows users;
  users.items = {0, 1, 0, 2};
  users.offsets = {0, 2, 4};
  Eigen::MatrixXf Q(4, 2);
  Q << 1, 0,  //
      0, 1,   //
      2, 2,   //
      5, 5;
  const Eigen::MatrixXf R = cooccurrence_rows(users, Q);
  EXPECT_TRUE(R.row(0).isApprox(Eigen::RowVector2f(1, 1.5)));
  EXPECT_TRUE(R.row(1).isApprox(Q.row(0)));
  EXPECT_TRUE(R.row(2).isApprox(Q.row(0)));
  EXPECT_TRUE(R.row(3).isZero());
  const Eigen::VectorXf b = log_popularity(users, 4);
  EXPECT_NEAR(b.sum(), 0.0f, 1e-5f);
  EXPECT_GT(b[0], b[1]);
  EXPECT_EQ(b[1], b[2]);
  EXPECT_GT(b[2], b[3]);
}

TEST(MetaCFVariantsTest, AStoredRunServesEveryNewTensorToTheSimulator) {
  testing::TempDir dir;
  const Dataset data = testing::clustered_dataset(240, 80, 4, 5, 20, 3);
  auto store = ExperimentStore::open(dir.file("s.sqlite"));
  ExperimentConfig config;
  config.learners = {"metacf_p_linear+bias", "metacf_p_neural+bias", "metacf_p_linear+msgd",
                     "metacf_p_linear+cooc", "metacf_p_neural+bias+msgd+cooc"};
  config.ks = {2};
  config.seeds = {1};
  config.pretrain.dim = 8;
  config.pretrain.max_epochs = 3;
  for (const auto& name : config.learners) config.learner_configs[name] = {{"meta_epochs", 2}};
  JobControl job;
  const StoredRun run =
      RunRequest{{dir.write("r.csv", "hash only\n"), "csv", "", {}}, config, {}}.execute(
          store, ExperimentInputs{data}, job);
  ASSERT_EQ(run.status, RunStatus::kCompleted);
  for (const auto& name : config.learners) {
    const StoredLearner served = load_stored_learner(store, run.run_id, name);
    EXPECT_EQ(served.learner->name(), name);
    const auto tensors = store.load_parameters(run.run_id, name, 1, 2);
    auto has = [&](const std::string& t) {
      return std::any_of(tensors.begin(), tensors.end(),
                         [&](const NamedTensor& n) { return n.name == t; });
    };
    EXPECT_EQ(has("item_bias"), name.find("+bias") != std::string::npos) << name;
    EXPECT_EQ(has("alpha"), name.find("+msgd") != std::string::npos) << name;
    EXPECT_EQ(has("cooc_rows"), name.find("+cooc") != std::string::npos) << name;
    const NewUserSimulation sim(*served.learner, 2, data.num_items());
    const std::vector<std::int32_t> clicks{3, 41};
    const ClickUpdate update = sim.update(clicks, 5);
    ASSERT_EQ(update.steps.size(), 3u) << name;
    EXPECT_EQ(update.steps.back().items.size(), 5u) << name;
  }
}

}  // namespace
}  // namespace metacf
