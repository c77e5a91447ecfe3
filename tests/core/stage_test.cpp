// Stage names are what the store keeps in curve_points.stage: each reads back as itself, and a
// name from a newer version reads as kOther instead of failing the store.
#include "core/util/stage.h"

#include <gtest/gtest.h>

#include <set>

namespace metacf {
namespace {

TEST(StageTest, EveryNameReadsBackAsItsStage) {
  const Stage stages[] = {Stage::kLoad,      Stage::kGenerate, Stage::kPretrain, Stage::kTune,
                          Stage::kMetaTrain, Stage::kFit,      Stage::kEvaluate, Stage::kExport};
  std::set<std::string> names;
  for (Stage s : stages) {
    EXPECT_EQ(stage_from_name(stage_name(s)), s) << stage_name(s);
    names.insert(stage_name(s));
  }
  EXPECT_EQ(names.size(), std::size(stages));
  // The names already in stores.
  EXPECT_EQ(stage_from_name("pretrain"), Stage::kPretrain);
  EXPECT_EQ(stage_from_name("meta-train"), Stage::kMetaTrain);
}

TEST(StageTest, AnUnknownNameIsOther) {
  EXPECT_EQ(stage_from_name("distill"), Stage::kOther);
  EXPECT_EQ(stage_from_name(""), Stage::kOther);
  EXPECT_EQ(stage_name(Stage::kOther), "other");
}

}  // namespace
}  // namespace metacf
