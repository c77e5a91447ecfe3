// metacf: the headless command line over the core library.
#include <CLI/CLI.hpp>

#include "app/cli/command_boundary.h"
#include "app/cli/commands.h"
#include "app/cli/printable.h"
#include "core/util/version.h"

int main(int argc, char** argv) {
  metacf::cli::prepare_process_streams();
  CLI::App app{"metacf: meta-learned ID embeddings for new users (MetaCF), headless"};
  app.set_version_flag("--version", metacf::kVersion);
  app.require_subcommand(1);
  // Usage errors quote what was typed (a path, a learner's name, a run's label).
  app.failure_message([](const CLI::App* failed, const CLI::Error& e) {
    const std::string what = e.what();
    std::string message = CLI::FailureMessage::simple(failed, e);
    if (message.starts_with(what)) message.replace(0, what.size(), metacf::cli::printable(what));
    return message;
  });
  metacf::cli::register_commands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 returns 0 for --help; usage errors exit 2 as documented.
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return metacf::cli::exit_code();
}
