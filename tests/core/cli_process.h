#pragma once
// Runs the metacf command line from tests, as a user would.
#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace metacf::testing {

struct CliRun {
  int exit_code = -1;
  std::string output;  // what the command wrote to stdout (redirect 2>&1 to capture stderr)
};

inline CliRun run_shell(const std::string& command) {
  CliRun result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// `metacf ARGS` with the arguments already quoted as needed.
inline CliRun run_cli(const std::string& args) {
  return run_shell("'" + std::string(METACF_CLI_PATH) + "' " + args);
}

}  // namespace metacf::testing
