#include "app/cli/commands.h"

namespace metacf::cli {
namespace {
int g_exit_code = 0;
}

int exit_code() { return g_exit_code; }
void set_exit_code(int code) { g_exit_code = code; }

void register_commands([[maybe_unused]] CLI::App& app) {
  register_info(app);
  register_generate_sample(app);
  register_run(app);
  register_runs(app);
  register_simulate(app);
}

}  // namespace metacf::cli
