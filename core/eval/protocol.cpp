#include "core/eval/protocol.h"

#include <stdexcept>

namespace metacf {

std::string protocol_name(Protocol p) { return p == Protocol::kFull ? "full" : "sampled"; }

Protocol parse_protocol(const std::string& name) {
  if (name == "full") return Protocol::kFull;
  if (name == "sampled") return Protocol::kSampled;
  throw std::invalid_argument("unknown protocol '" + name + "' (expected full or sampled)");
}

}  // namespace metacf
