#pragma once
// How to read a ratings file. Held by value by whoever loads.
#include <optional>

#include "core/data/data_format.h"
#include "core/data/delimiter.h"

namespace metacf {

// Which of the first two columns of a CSV is the user. Amazon's 2014 ratings-only files are
// user,item,...; its 2018 files are item,user,...; the content cannot tell them apart.
enum class ColumnOrder { kUserItem, kItemUser };

struct LoadOptions {
  DataFormat format = DataFormat::kAuto;              // kAuto: detect from the content
  ColumnOrder column_order = ColumnOrder::kUserItem;  // csv only
  // kAuto: the format's own. Otherwise the fields are split on it (ml100k, ml1m and csv keep
  // their columns); with format kAuto a chosen delimiter reads the file as csv, whose first line
  // may be a header.
  Delimiter delimiter = Delimiter::kAuto;
  // false (default): the first bad line is an error. true: bad lines are skipped and counted in
  // Dataset::skipped, the first few reasons kept in Dataset::warnings.
  bool lenient = false;
  // When set, records rated below it are dropped (counted in Dataset::below_threshold).
  // Unset: every record is a positive, as in the paper.
  std::optional<double> rating_threshold;
};

}  // namespace metacf
