#include "core/config/config_help.h"

#include <sstream>

#include "core/util/json_text.h"

namespace metacf {
namespace {

std::string choices_text(const FieldInfo& f) {
  std::string out;
  for (const auto& c : f.choices) out += (out.empty() ? "" : "|") + c;
  return out;
}

std::string bounded(const std::string& noun, const FieldInfo& f, bool whole) {
  if (!f.range.has_lo() && !f.range.has_hi()) return noun;
  return noun + " " + range_sentence(f.range, whole);
}

}  // namespace

std::string field_type_text(const FieldInfo& f) {
  switch (f.kind) {
    case FieldKind::kInt:
      return bounded("whole number", f, true);
    case FieldKind::kDouble:
      return bounded("number", f, false);
    case FieldKind::kBool:
      return "true|false";
    case FieldKind::kText:
      return f.choices.empty() ? "text" : choices_text(f);
    case FieldKind::kIntList:
      return bounded(f.distinct ? "list of distinct whole numbers" : "list of whole numbers", f,
                     true);
    case FieldKind::kNameList:
      return f.distinct ? "list of distinct names" : "list of names";
    case FieldKind::kJson:
      return "object";
    case FieldKind::kSection:
      return "section";
  }
  return "";
}

std::string config_help(const SchemaInfo& schema, const std::string& prefix) {
  std::ostringstream out;
  for (const FieldInfo& f : schema.fields) {
    const std::string key = prefix + f.key;
    if (f.kind == FieldKind::kSection && f.section != nullptr) {
      out << config_help(*f.section, key + ".");
      continue;
    }
    out << "  " << key << "  " << field_type_text(f) << "  (default " << json_text(f.default_value)
        << ")  " << f.doc;
    if (f.role == FieldRole::kFromExperiment) out << " [set by the experiment]";
    if (f.role == FieldRole::kFromName) out << " [set by the learner's name]";
    out << '\n';
  }
  return out.str();
}

}  // namespace metacf
