#pragma once
namespace metacf {
// The code version stored with every run.
inline constexpr const char* kVersion = METACF_VERSION;
}  // namespace metacf
