#include "core/learners/metacf_variants.h"

#include <stdexcept>

#include "core/learners/metacf_learner.h"

namespace metacf {
namespace {

struct BaseName {
  const char* name;
  InitKind kind;
};
constexpr BaseName kBases[] = {{"metacf_g", InitKind::kGlobal},
                               {"metacf_p_linear", InitKind::kLinear},
                               {"metacf_p_neural", InitKind::kNeural}};

// The suffix combinations of one initialiser, in their fixed order.
std::vector<std::string> suffixes(InitKind kind) {
  std::vector<std::string> out;
  const bool personalised = kind != InitKind::kGlobal;
  for (int mask = 1; mask < (personalised ? 8 : 4); ++mask) {
    std::string s;
    if (mask & 1) s += "+bias";
    if (mask & 2) s += "+msgd";
    if (mask & 4) s += "+cooc";
    out.push_back(s);
  }
  return out;
}

}  // namespace

std::unique_ptr<Learner> make_metacf_learner(const std::string& name,
                                             const nlohmann::json& config) {
  for (const BaseName& base : kBases) {
    const std::string prefix = base.name;
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string suffix = name.substr(prefix.size());
    if (!suffix.empty() && suffix[0] != '+') continue;  // metacf_p_linear is not metacf_p
    MetaConfig c = config.get<MetaConfig>();
    c.item_bias = suffix.find("+bias") != std::string::npos;
    c.meta_sgd = suffix.find("+msgd") != std::string::npos;
    c.cooccurrence = suffix.find("+cooc") != std::string::npos;
    auto learner = std::make_unique<MetaCFLearner>(base.kind, std::move(c));
    // The canonical name must round-trip: this rejects unknown, repeated or misordered suffixes.
    if (learner->name() != name) {
      throw std::invalid_argument("unknown learner \"" + name + "\": " + prefix +
                                  " takes the suffixes +bias, +msgd" +
                                  (base.kind == InitKind::kGlobal ? "" : ", +cooc") +
                                  " in that order");
    }
    return learner;
  }
  return nullptr;
}

std::vector<std::string> metacf_variant_names() {
  std::vector<std::string> names;
  for (const BaseName& base : kBases) {
    for (const auto& s : suffixes(base.kind)) names.push_back(base.name + s);
  }
  return names;
}

}  // namespace metacf
