#pragma once
// The records the count-based baselines learn from: every pretraining and meta-training
// user's full history. Meta-test users are never included.
#include <cstdint>
#include <vector>

#include "core/model/learner.h"

namespace metacf {

// Users' items in CSR form (local user index -> items).
struct UserItemRows {
  std::vector<std::int64_t> offsets{0};
  std::vector<std::int32_t> items;
  [[nodiscard]] std::int64_t rows() const { return static_cast<std::int64_t>(offsets.size()) - 1; }
};

UserItemRows training_records(const TrainingContext& ctx);

// The CSR transposed: item -> local users who rated it.
UserItemRows transpose(const UserItemRows& rows, std::int32_t num_columns);

// CSR <-> stored tensors (integers kept exactly in float32 up to 2^24; larger values throw).
void append_rows_as_tensors(const UserItemRows& rows, const std::string& prefix,
                            std::vector<NamedTensor>& out);
UserItemRows rows_from_tensors(std::span<const NamedTensor> tensors, const std::string& prefix);

// Reports a baseline's single, instant fitting step.
void report_fitted(JobControl& job, const std::string& learner);

// Constant states for learners that do not adapt: the support, steps + 1 times.
std::vector<UserState> unchanged_states(std::span<const std::int32_t> support, int steps);

}  // namespace metacf
