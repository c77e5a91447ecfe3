#include "core/learners/metacf/metacf_variants.h"

#include <cstdint>
#include <stdexcept>

#include "core/config/config_schema.h"
#include "core/learners/learner_descriptor.h"
#include "core/learners/metacf/metacf_learner.h"
#include "core/learners/metacf/metacf_memory.h"
#include "core/learners/metacf/step_size_search.h"
#include "core/learners/registry.h"

namespace metacf {
namespace {

struct BaseName {
  const char* name;
  InitKind kind;
};
constexpr BaseName kBases[] = {{"metacf_g", InitKind::kGlobal},
                               {"metacf_p_linear", InitKind::kLinear},
                               {"metacf_p_neural", InitKind::kNeural}};

struct Suffixes {
  bool bias = false;
  bool msgd = false;
  bool cooc = false;
};

std::string suffix_text(const Suffixes& s) {
  return std::string(s.bias ? "+bias" : "") + (s.msgd ? "+msgd" : "") + (s.cooc ? "+cooc" : "");
}

// The suffix combinations of one initialiser, in their fixed order.
std::vector<std::string> suffixes(InitKind kind) {
  std::vector<std::string> out;
  const bool personalised = kind != InitKind::kGlobal;
  for (int mask = 1; mask < (personalised ? 8 : 4); ++mask) {
    out.push_back(suffix_text({(mask & 1) != 0, (mask & 2) != 0, (mask & 4) != 0}));
  }
  return out;
}

// Each initialiser's hue, and a shade of it for each variant in the order of suffixes(): the
// variant index is the suffix mask less one. The shades stay within 14 degrees of their base's
// hue (CIELCh) and were picked apart in lightness and hue so that every learner's colour,
// variants included, is at least 18 CIELAB units from every other (tests/ui/tst_palette).
constexpr std::uint32_t kGlobalShades[] = {0x288833, 0x024723, 0x9AD066, 0x49D38B};
constexpr std::uint32_t kLinearShades[] = {0x035BC0, 0x022755, 0xAA98FE, 0x071B76,
                                           0x389FFE, 0x065C9B, 0x013A86, 0x7669D2};
constexpr std::uint32_t kNeuralShades[] = {0xCD2243, 0xFD95A5, 0x6A012B, 0x7D0208,
                                           0xFE7C68, 0xFF618C, 0xA50148, 0xD94536};

std::uint32_t chart_colour(InitKind kind, const Suffixes& s) {
  const int mask = (s.bias ? 1 : 0) | (s.msgd ? 2 : 0) | (s.cooc ? 4 : 0);
  return kind == InitKind::kGlobal   ? kGlobalShades[mask]
         : kind == InitKind::kLinear ? kLinearShades[mask]
                                     : kNeuralShades[mask];
}

LearnerDescriptor describe(const BaseName& base, const std::string& name, const Suffixes& s) {
  const bool variant = s.bias || s.msgd || s.cooc;
  const InitKind kind = base.kind;
  return LearnerDescriptor{
      .name = name,
      .base = base.name,
      .family = LearnerFamily::kMetaLearned,
      .origin = variant ? LearnerOrigin::kExtra : LearnerOrigin::kPaper,
      .summary = std::string("MetaCF with a ") +
                 (kind == InitKind::kGlobal   ? "global"
                  : kind == InitKind::kLinear ? "linear personalised"
                                              : "neural personalised") +
                 " initial embedding" + (variant ? ", " + suffix_text(s) : std::string()),
      .chart_rgb = chart_colour(kind, s),
      .quick_look = !variant && kind == InitKind::kLinear,
      .capabilities = {.meta_trains = true,
                       .adapts = true,
                       .dot_product_scores = true,
                       .fit_independent_of_k = false,
                       .max_items = 0},
      .settings = std::make_shared<const SchemaInfo>(meta_config_schema().info()),
      // metacf_p_neural alone has a hidden layer.
      .unread_settings = kind == InitKind::kNeural ? std::vector<std::string>{}
                                                   : std::vector<std::string>{"hidden"},
      .make = [kind, s](const nlohmann::json& config) -> std::unique_ptr<Learner> {
        MetaConfig c = config.get<MetaConfig>();
        // The name, not a stored flag, decides the variant.
        c.item_bias = s.bias;
        c.meta_sgd = s.msgd;
        c.cooccurrence = s.cooc;
        return std::make_unique<MetaCFLearner>(kind, std::move(c));
      },
      // What `tune` chose, when it was on.
      .fit_note = [](std::span<const NamedTensor> tensors) -> std::optional<std::string> {
        const auto choice = step_size_choice_from_tensors(tensors);
        if (!choice) return std::nullopt;
        return choice->summary();
      },
      .memory =
          [kind, extras = MetaCFExtras{s.bias, s.msgd, s.cooc}](const nlohmann::json& config,
                                                                const MemoryShape& shape) {
            return metacf_memory(kind, extras, config, shape);
          }};
}

LearnerEntry entry(const BaseName& base) {
  LearnerEntry e{describe(base, base.name, {}), {}, {}};
  for (const auto& s : suffixes(base.kind)) e.variant_names.push_back(base.name + s);
  e.variant = [base](const std::string& name) -> std::optional<LearnerDescriptor> {
    const std::string prefix = base.name;
    if (name.rfind(prefix, 0) != 0 || name.size() == prefix.size()) return std::nullopt;
    const std::string suffix = name.substr(prefix.size());
    if (suffix[0] != '+') return std::nullopt;  // metacf_p_linear is not metacf_p
    Suffixes s;
    s.bias = suffix.find("+bias") != std::string::npos;
    s.msgd = suffix.find("+msgd") != std::string::npos;
    s.cooc = base.kind != InitKind::kGlobal && suffix.find("+cooc") != std::string::npos;
    // The canonical name must be the name: this rejects unknown, repeated or misordered
    // suffixes.
    if (suffix_text(s) != suffix) {
      throw std::invalid_argument(
          "unknown learner \"" + name + "\": " + prefix + " takes the suffixes +bias, +msgd" +
          (base.kind == InitKind::kGlobal ? "" : ", +cooc") + " in that order");
    }
    return describe(base, name, s);
  };
  return e;
}

}  // namespace

LearnerEntry metacf_g_learner_entry() { return entry(kBases[0]); }
LearnerEntry metacf_p_linear_learner_entry() { return entry(kBases[1]); }
LearnerEntry metacf_p_neural_learner_entry() { return entry(kBases[2]); }

std::vector<std::string> metacf_variant_names() {
  std::vector<std::string> names;
  for (const BaseName& base : kBases) {
    for (const auto& s : suffixes(base.kind)) names.push_back(base.name + s);
  }
  return names;
}

}  // namespace metacf
