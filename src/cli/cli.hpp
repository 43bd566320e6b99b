#pragma once
// Shared pieces of the command-line tool: options common to every subcommand
// and the registration of each subcommand (one function per concept).

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace danchu::cli {

struct options {
    std::string data_dir;      ///< --data-dir; empty means "find it"
    std::function<int()> run;  ///< set by the chosen subcommand
};

/// The data directory: --data-dir, else DANCHU_DATA_DIR, else
/// <dir of this executable>/../share/danchu, else the compiled-in default.
std::string resolve_data_dir(const options& opts);

void add_subcommands(CLI::App& app, options& opts);

} // namespace danchu::cli
