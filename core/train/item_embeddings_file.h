#pragma once
// Item embeddings trained elsewhere (for example Spark MLlib ALS at scale) used as Q instead of
// pretraining.
#include <Eigen/Core>
#include <string>

#include "core/data/dataset.h"

namespace metacf {

// Reads N x D embeddings and aligns their rows to the data set's items.
// - `.npy`: float32 or float64, C or Fortran order, shape (N, D); row i is the item whose id
//   is the integer i (the convention of published splits with 0-based ids).
// - `.csv`: `item_id,v1,...,vD` per line, an optional header line.
// Items only in the file are added to the data set's catalogue (so they can be ranked); an
// item of the data set without a row is an error naming it.
Eigen::MatrixXf load_item_embeddings(const std::string& path, Dataset& data);

}  // namespace metacf
