#pragma once
// A published split read as it is, so published tables can be reproduced exactly.
#include <string>

#include "core/data/dataset.h"
#include "core/split/split.h"

namespace metacf {

// Reads DIR/pretrain.rating (pretraining users' records), DIR/train.rating (meta-training users'
// selected records) and DIR/test.rating (meta-test users' selected records): one
// `user<TAB>item` pair per line (further columns ignored), ids as written. A user's records in
// file order give support = the first floor(n/2) and query = the rest, for meta-training and
// meta-test users alike (Split::published_tasks). The data set is the union of the three files. A
// user in two files, or a line without two fields, is an error naming file and line.
Split load_presplit(const std::string& dir, Dataset& data);

}  // namespace metacf
