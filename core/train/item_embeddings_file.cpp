#include "core/train/item_embeddings_file.h"

#include <charconv>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "core/data/data_error.h"
#include "core/train/raw_embeddings.h"
#include "core/train/spark_item_factors.h"

namespace metacf {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& reason) {
  throw std::runtime_error(path + ": " + reason);
}

// The text after `'key':` in a .npy header, up to the end of the header; "" when absent.
std::string header_value(const std::string& header, const std::string& key) {
  const auto at = header.find("'" + key + "'");
  if (at == std::string::npos) return "";
  auto colon = header.find(':', at);
  if (colon == std::string::npos) return "";
  ++colon;
  while (colon < header.size() && header[colon] == ' ') ++colon;
  return header.substr(colon);
}

// The dimensions of a .npy shape such as "(1682, 32), }"; anything but two of them is an error
// (a (60, 8, 2) array is not a (60, 8) one with the rest ignored).
std::vector<std::int64_t> shape_of(const std::string& path, const std::string& text) {
  const auto close = text.find(')');
  if (text.empty() || text[0] != '(' || close == std::string::npos) {
    fail(path, "expected a two-dimensional array (N, D); the header names no shape");
  }
  const std::string inside = text.substr(1, close - 1);
  std::vector<std::int64_t> dims;
  std::size_t start = 0;
  while (start < inside.size()) {
    auto comma = inside.find(',', start);
    if (comma == std::string::npos) comma = inside.size();
    std::string field = inside.substr(start, comma - start);
    field.erase(0, field.find_first_not_of(' '));
    field.erase(field.find_last_not_of(' ') + 1);
    if (!field.empty()) {
      std::int64_t d = 0;
      const auto [ptr, ec] = std::from_chars(field.data(), field.data() + field.size(), d);
      if (ec != std::errc() || ptr != field.data() + field.size()) {
        fail(path, "the .npy shape " + printable_excerpt(text.substr(0, close + 1)) +
                       " is not a list of whole numbers");
      }
      dims.push_back(d);
    }
    start = comma + 1;
  }
  if (dims.size() != 2) {
    fail(path, "expected a two-dimensional array (N, D), got shape " +
                   printable_excerpt(text.substr(0, close + 1)));
  }
  return dims;
}

RawEmbeddings read_npy(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, "cannot open the file");
  char magic[8] = {};
  in.read(magic, 8);
  if (!in || std::memcmp(magic, "\x93NUMPY", 6) != 0) fail(path, "not a .npy file (bad magic)");
  const int major = static_cast<unsigned char>(magic[6]);
  std::uint32_t header_len = 0;
  if (major == 1) {
    unsigned char b[2];
    in.read(reinterpret_cast<char*>(b), 2);
    header_len = b[0] | (b[1] << 8);
  } else {
    unsigned char b[4];
    in.read(reinterpret_cast<char*>(b), 4);
    header_len = b[0] | (b[1] << 8) | (b[2] << 16) | (static_cast<std::uint32_t>(b[3]) << 24);
  }
  if (!in || header_len > 65536) fail(path, "truncated .npy header");
  std::string header(header_len, '\0');
  in.read(header.data(), header_len);
  if (!in) fail(path, "truncated .npy header");

  // The header is a Python dict literal, e.g.
  // {'descr': '<f4', 'fortran_order': False, 'shape': (1682, 32), }
  const std::string descr = header_value(header, "descr");
  if (descr.size() < 4 || descr.front() != '\'') fail(path, "the .npy header names no dtype");
  const std::string dtype = descr.substr(1, descr.find('\'', 1) - 1);  // <f4
  if (dtype != "<f4" && dtype != "<f8") {
    fail(path,
         "expected little-endian float32 or float64 values ('<f4' or '<f8'), got '" + dtype + "'");
  }
  const int width = dtype == "<f4" ? 4 : 8;
  const bool fortran = header_value(header, "fortran_order").rfind("True", 0) == 0;
  const std::vector<std::int64_t> shape = shape_of(path, header_value(header, "shape"));
  const std::int64_t rows = shape[0], cols = shape[1];
  if (rows <= 0 || cols <= 0) fail(path, "the array is empty");
  // The shape is checked against the bytes that follow before anything is allocated: a damaged
  // or hostile header must not ask for terabytes (and rows * cols must not overflow).
  const auto data_start = in.tellg();
  in.seekg(0, std::ios::end);
  const auto data_bytes = static_cast<std::int64_t>(in.tellg() - data_start);
  in.seekg(data_start);
  if (!in || rows > data_bytes / width / cols) {
    fail(path, "the file ends before its " + std::to_string(rows) + " x " + std::to_string(cols) +
                   " values");
  }

  const auto count = static_cast<std::size_t>(rows * cols);
  std::vector<float> values(count);
  if (width == 4) {
    in.read(reinterpret_cast<char*>(values.data()), static_cast<std::streamsize>(count * 4));
  } else {
    std::vector<double> wide(count);
    in.read(reinterpret_cast<char*>(wide.data()), static_cast<std::streamsize>(count * 8));
    for (std::size_t i = 0; i < count; ++i) values[i] = static_cast<float>(wide[i]);
  }
  if (!in)
    fail(path, "the file ends before its " + std::to_string(rows) + " x " + std::to_string(cols) +
                   " values");

  RawEmbeddings raw;
  raw.dim = cols;
  raw.values.resize(count);
  for (std::int64_t r = 0; r < rows; ++r) {
    raw.ids.push_back(std::to_string(r));
    for (std::int64_t c = 0; c < cols; ++c) {
      raw.values[static_cast<std::size_t>(r * cols + c)] =
          values[static_cast<std::size_t>(fortran ? c * rows + r : r * cols + c)];
    }
  }
  return raw;
}

RawEmbeddings read_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) fail(path, "cannot open the file");
  RawEmbeddings raw;
  std::string line;
  std::int64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
      const auto comma = line.find(',', start);
      fields.push_back(line.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (fields.size() < 2) {
      fail(path, "line " + std::to_string(number) + ": expected 'item_id,v1,...,vD', got '" +
                     printable_excerpt(line) + "'");
    }
    std::vector<float> row;
    bool numeric = true;
    for (std::size_t i = 1; i < fields.size(); ++i) {
      float v = 0;
      const auto& f = fields[i];
      const auto [ptr, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
      if (ec != std::errc() || ptr != f.data() + f.size()) {
        numeric = false;
        break;
      }
      row.push_back(v);
    }
    if (!numeric) {
      if (raw.ids.empty() && number == 1) continue;  // a header line
      fail(path, "line " + std::to_string(number) + ": a value is not a number in '" +
                     printable_excerpt(line) + "'");
    }
    if (raw.dim == 0) raw.dim = static_cast<std::int64_t>(row.size());
    if (static_cast<std::int64_t>(row.size()) != raw.dim) {
      fail(path, "line " + std::to_string(number) + ": expected " + std::to_string(raw.dim) +
                     " values, got " + std::to_string(row.size()));
    }
    raw.ids.push_back(fields[0]);
    raw.origins.push_back(path + ":" + std::to_string(number));
    raw.values.insert(raw.values.end(), row.begin(), row.end());
  }
  if (raw.ids.empty()) fail(path, "no embeddings in the file");
  return raw;
}

// NaN or infinity in Q would poison every score it enters and be stored with the run.
void require_finite(const std::string& path, const RawEmbeddings& raw) {
  for (std::size_t i = 0; i < raw.values.size(); ++i) {
    if (!std::isfinite(raw.values[i])) {
      const auto row = i / static_cast<std::size_t>(raw.dim);
      fail(raw.origins.empty() ? path : raw.origins[row],
           "item '" + printable_excerpt(raw.ids[row]) + "' (row " + std::to_string(row + 1) +
               ") has the value " + std::to_string(raw.values[i]) +
               "; embeddings must be finite numbers");
    }
  }
}

}  // namespace

Eigen::MatrixXf load_item_embeddings(const std::string& path, Dataset& data) {
  const bool npy = path.size() >= 4 && path.compare(path.size() - 4, 4, ".npy") == 0;
  const RawEmbeddings raw = std::filesystem::is_directory(path) ? read_spark_item_factors(path)
                            : npy                               ? read_npy(path)
                                                                : read_csv(path);
  require_finite(path, raw);

  std::unordered_map<std::string, std::int32_t> index;
  for (std::int32_t v = 0; v < data.num_items(); ++v)
    index.emplace(data.item_ids[static_cast<std::size_t>(v)], v);
  std::vector<std::int64_t> row_of(static_cast<std::size_t>(data.num_items()), -1);
  for (std::size_t r = 0; r < raw.ids.size(); ++r) {
    auto [it, added] = index.emplace(raw.ids[r], data.num_items());
    if (added) {
      data.item_ids.push_back(raw.ids[r]);
      if (data.has_titles()) data.item_titles.emplace_back();
      row_of.push_back(-1);
    }
    // A second row for an item would silently replace the first and change every result.
    if (const auto earlier = row_of[static_cast<std::size_t>(it->second)]; earlier >= 0) {
      fail(raw.origins[r], "item '" + printable_excerpt(raw.ids[r]) +
                               "' has a row here and another at " +
                               raw.origins[static_cast<std::size_t>(earlier)] +
                               "; each item needs exactly one row");
    }
    row_of[static_cast<std::size_t>(it->second)] = static_cast<std::int64_t>(r);
  }
  Eigen::MatrixXf Q(data.num_items(), raw.dim);
  for (std::int32_t v = 0; v < data.num_items(); ++v) {
    const auto r = row_of[static_cast<std::size_t>(v)];
    if (r < 0) {
      fail(path, "item '" + data.item_ids[static_cast<std::size_t>(v)] +
                     "' of the data set has no embedding row");
    }
    for (std::int64_t c = 0; c < raw.dim; ++c)
      Q(v, c) = raw.values[static_cast<std::size_t>(r * raw.dim + c)];
  }
  return Q;
}

}  // namespace metacf
