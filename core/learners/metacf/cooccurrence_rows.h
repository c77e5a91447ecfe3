#pragma once
// What the MetaCF variants derive once per fit from the training users' records (pretraining
// and meta-training users only; never meta-test users): the co-occurrence rows R and the
// popularity start of the item bias.
#include <Eigen/Core>

#include "core/learners/training_records.h"

namespace metacf {

// R = normalise(C) Q (N x D), C the item-item co-occurrence counts of `users` (C_vv = 0) and
// normalise dividing each row by its sum: R_v is the mean embedding of the items co-rated with
// v, weighted by how often. Computed as R_v = sum_{u rated v} (sum_{w in u} q_w - q_v) / C_v.,
// in O(records x D) without forming C. Rows of items co-rated with nothing are 0.
Eigen::MatrixXf cooccurrence_rows(const UserItemRows& users, const Eigen::MatrixXf& Q);

// b_v = log(n_v + 1) - mean_w log(n_w + 1), n_v the number of users in `users` who rated v: the
// log-odds shape of popularity, centred, as the start of the meta-learned item bias.
Eigen::VectorXf log_popularity(const UserItemRows& users, Eigen::Index num_items);

}  // namespace metacf
