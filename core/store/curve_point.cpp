#include "core/store/curve_point.h"

namespace metacf {

CurvePoint curve_point(const Progress& p) {
  return {p.stage, p.learner, p.epoch, p.loss, p.val_hr, p.val_ndcg, p.wall_seconds, p.seed, p.k};
}

}  // namespace metacf
