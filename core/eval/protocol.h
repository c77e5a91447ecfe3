#pragma once
#include <string>

namespace metacf {

enum class Protocol {
  kFull,     // rank every item except the user's support items (the default)
  kSampled,  // rank each query item against sampled unrated items; not comparable to full
};
std::string protocol_name(Protocol p);
Protocol parse_protocol(const std::string& name);  // "full" | "sampled"

}  // namespace metacf
