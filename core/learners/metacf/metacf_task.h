#pragma once
// One MetaCF task end to end, forward and back as far as dMetaLoss/dp0: the piece the learner
// runs per user inside its parallel loop, and the tests run in double against finite
// differences. The remaining step, dp0/dPhi, is init_math::backward over the whole batch.
#include "core/learners/metacf/initializer.h"
#include "core/learners/task_math.h"

namespace metacf {

// x: the task's initialiser input (input_dim x 1); a, p0: its initialiser cache and p0
// (outputs); g0: dMetaLoss/dp0 (output); extra: the Meta-SGD and item-bias gradients (outputs,
// see task_math::meta_loss_gradient). Returns the task's meta-loss (BCE summed over query pairs).
template <typename S>
S metacf_task_gradient(const InitShape& shape, const S* phi, Eigen::Ref<const task_math::MatX<S>> x,
                       Eigen::Ref<task_math::MatX<S>> a, Eigen::Ref<task_math::MatX<S>> p0,
                       task_math::ConstMat<S> support, task_math::ConstVec<S> support_labels,
                       task_math::ConstMat<S> query, task_math::ConstVec<S> query_labels,
                       task_math::StepSize<S> alpha, int steps, bool exact,
                       task_math::TaskBias<S> bias, task_math::AdaptWorkspace<S>& ws,
                       task_math::MutVec<S> g0, task_math::ExtraGradients<S> extra) {
  init_math::forward<S>(shape, phi, x, a, p0);
  return task_math::meta_loss_gradient<S>(support, support_labels, query, query_labels, p0.col(0),
                                          alpha, steps, exact, bias, ws, g0, extra);
}

template <typename S>
S metacf_task_gradient(const InitShape& shape, const S* phi, Eigen::Ref<const task_math::MatX<S>> x,
                       Eigen::Ref<task_math::MatX<S>> a, Eigen::Ref<task_math::MatX<S>> p0,
                       task_math::ConstMat<S> support, task_math::ConstVec<S> support_labels,
                       task_math::ConstMat<S> query, task_math::ConstVec<S> query_labels, S alpha,
                       int steps, bool exact, task_math::AdaptWorkspace<S>& ws,
                       task_math::MutVec<S> g0) {
  return metacf_task_gradient<S>(shape, phi, x, a, p0, support, support_labels, query, query_labels,
                                 task_math::StepSize<S>{alpha, nullptr}, steps, exact,
                                 task_math::TaskBias<S>{}, ws, g0, task_math::ExtraGradients<S>{});
}

}  // namespace metacf
