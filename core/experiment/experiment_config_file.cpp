#include "core/experiment/experiment_config_file.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "core/config/flag_name.h"
#include "core/config/load_options_schema.h"
#include "core/eval/protocol.h"
#include "core/util/json_limits.h"
#include "core/util/json_text.h"
#include "core/util/output_file.h"

namespace metacf {
namespace {

template <typename T>
std::string comma_list(const std::vector<T>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ',';
    if constexpr (std::is_same_v<T, std::string>) {
      out += v;
    } else {
      out += std::to_string(v);
    }
  }
  return out;
}

// The names `metacf run --format` accepts (the schema's), "auto" aside: a data set read by
// another reader (a published split) has no format flag.
bool is_format_flag(const std::string& format) {
  const auto& choices = load_options_schema().info().find("format")->choices;
  return format != "auto" && std::find(choices.begin(), choices.end(), format) != choices.end();
}

}  // namespace

ExperimentConfig read_experiment_config_file(const std::string& path) {
  const std::string text = read_bounded_text_file(path, kMaxConfigFileBytes);
  try {
    ExperimentConfig config = parse_bounded_json(text).get<ExperimentConfig>();
    config.validate();
    return config;
  } catch (const std::exception& e) {
    throw std::runtime_error(path + ": not a valid configuration: " + e.what());
  }
}

void write_experiment_config_file(const std::string& path, const ExperimentConfig& config) {
  write_output_file(path, json_text(nlohmann::json(config), 2) + '\n');
}

std::string shell_quoted(const std::string& word) {
  const bool plain = !word.empty() && word.find_first_not_of(
                                          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                          "0123456789_-+=.,/:@%") == std::string::npos;
  if (plain) return word;
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string run_command_line(const DataSource& source, const ExperimentConfig& config,
                             const std::string& config_path) {
  std::ostringstream out;
  // A published split is a folder of files, read as they are.
  if (source.format == "presplit") {
    out << "metacf run --presplit " << shell_quoted(source.path);
  } else {
    out << "metacf run --data " << shell_quoted(source.path);
  }
  if (is_format_flag(source.format)) out << " --format " << source.format;
  // How the file was read: without these the command would read another data set. Each load
  // option the run recorded away from its default is the schema field's flag.
  for (const FieldInfo& f : load_options_schema().info().fields) {
    const auto value = source.load.find(f.key);
    if (f.key == "format" || value == source.load.end() || *value == f.default_value) continue;
    const std::string flag = flag_name(f);
    if (f.kind == FieldKind::kBool) {
      if (*value == true) out << " " << flag;
    } else if (value->is_string()) {
      out << " " << flag << " " << shell_quoted(value->get<std::string>());
    } else if (value->is_number()) {
      out << " " << flag << " " << value->dump();
    }
  }
  if (!source.titles_path.empty()) out << " --titles " << shell_quoted(source.titles_path);
  if (const auto e = source.load.find("item_embeddings");
      e != source.load.end() && e->is_string()) {
    out << " --item-embeddings " << shell_quoted(e->get<std::string>());
  }
  out << " --learners " << shell_quoted(comma_list(config.learners));
  out << " --k " << comma_list(config.ks);
  out << " --seeds " << comma_list(config.seeds);
  if (!config.support_sizes.empty()) out << " --support-sizes " << comma_list(config.support_sizes);
  out << " --protocol " << protocol_name(config.protocol);
  // The default reference may be outside the run; `--reference` must name one of its learners.
  if (std::count(config.learners.begin(), config.learners.end(), config.baseline) > 0)
    out << " --reference " << shell_quoted(config.baseline);
  out << " --config " << shell_quoted(config_path);
  return out.str();
}

}  // namespace metacf
