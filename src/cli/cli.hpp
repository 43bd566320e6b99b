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

/// `danchu score` (src/cli/score.cpp).
void add_score_command(CLI::App& app, options& opts);

/// `danchu calendar` (src/cli/calendar.cpp).
void add_calendar_command(CLI::App& app, options& opts);

/// `danchu sample` (src/cli/sample.cpp).
void add_sample_command(CLI::App& app, options& opts);

/// `danchu agenda` (src/cli/agenda.cpp).
void add_agenda_command(CLI::App& app, options& opts);

/// `danchu render` (src/cli/render.cpp).
void add_render_command(CLI::App& app, options& opts);

/// `danchu logic` (src/cli/logic.cpp).
void add_logic_command(CLI::App& app, options& opts);

/// `danchu report` (src/cli/report.cpp).
void add_report_command(CLI::App& app, options& opts);

/// `danchu validate|evaluate|explain|template|test` (src/cli/rules.cpp).
void add_rules_commands(CLI::App& app, options& opts);

} // namespace danchu::cli
