#pragma once
// An upper estimate of a run's peak memory from the data set's size and the configuration,
// made before anything is trained, so that one configuration value cannot exhaust the machine:
// a run whose estimate exceeds its budget is refused with the estimate and the field to change.
// Stages run one after another, so the peak is the data and the process's own share plus the
// largest stage; the formula of each stage is in memory_estimate.cpp.
#include <cstdint>
#include <string>
#include <vector>

namespace metacf {

struct Dataset;
struct ExperimentConfig;

struct DataShape {
  std::int64_t users = 0;
  std::int64_t items = 0;
  std::int64_t records = 0;
  // The sum over users of their records squared: the entries of the co-occurrence X^T X before
  // anything is pruned (one user who rated 12,000 items makes 144 million of them). 0: not
  // known, and then bounded by records x min(items, records).
  double cooccurrence_pairs = 0;
};

// The shape of a loaded data set, its co-occurrence pairs counted.
DataShape data_shape(const Dataset& data);

struct MemoryTerm {
  std::string stage;    // "pretraining", "evaluation", "validation" or a learner's name
  std::string field;    // the setting that scales it ("pretrain.negatives")
  std::string formula;  // how it was computed, for the refusal message
  double bytes = 0;
};

struct MemoryEstimate {
  MemoryTerm base;                 // the data set, the item factors kept throughout, the process
  std::vector<MemoryTerm> stages;  // each stage's own allocations
  [[nodiscard]] double peak_bytes() const;
  [[nodiscard]] const MemoryTerm& largest_stage() const;  // base when there is no stage
};

// threads: the OpenMP threads the run will use; 0 means this process's omp_get_max_threads().
MemoryEstimate estimate_memory(const ExperimentConfig& config, const DataShape& data,
                               int threads = 0);

// MiB a run may take: the configuration's memory_budget_mib, or when that is 0 half of the
// machine's physical memory (the rest is the system's and other programs').
std::int64_t memory_budget_mib(const ExperimentConfig& config);

// Throws std::invalid_argument with the estimate, the budget and the field to change when the
// estimate exceeds budget_mib.
void check_memory_budget(const MemoryEstimate& estimate, std::int64_t budget_mib);

}  // namespace metacf
