#pragma once
// Shared pieces of the command-line tool: options common to every subcommand,
// the one place usage errors and danchu errors become exit codes, number
// formatting, progress on stderr, and the registration of each subcommand
// (one function per concept).

#include <CLI/CLI.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace danchu::cli {

struct options {
    std::string data_dir;     ///< --data-dir; empty means "find it"
    bool quiet = false;       ///< --quiet: no progress
    bool progress = false;    ///< --progress: progress even when stderr is not a terminal
    std::function<int()> run; ///< set by the chosen subcommand
};

/// The data directory: --data-dir, else DANCHU_DATA_DIR, else
/// <dir of this executable>/../share/danchu, else the compiled-in default.
std::string resolve_data_dir(const options& opts);

/// Parses the arguments and runs the chosen subcommand. Every usage error
/// (parse errors, bad values, missing options, danchu::argument_error) and
/// every danchu::error is one line on stderr and exit status 2; --help and
/// --version exit 0; anything else is an internal error, exit 3.
int run_main(CLI::App& app, options& opts, int argc, char** argv);

/// A number with `decimals` decimals: decimal comma for "vi", point for
/// "en"; "—" when not finite.
std::string number(double x, int decimals, const std::string& lang);

/// Writes a command's output: to standard output when `output` is empty,
/// else to that file through detail::output_files (temporary file, checked
/// close, rename; a symbolic link or one of `inputs` is refused).
void emit(const std::string& output, const std::string& text, std::vector<std::string> inputs = {});

/// A one-line "\r" progress counter on stderr, shown when stderr is a
/// terminal (or --progress), never with --quiet. Cleared when destroyed.
class progress {
public:
    progress(const options& opts, std::string what);
    ~progress();
    progress(const progress&) = delete;
    progress& operator=(const progress&) = delete;
    /// Step `done` of `total`, with an optional note ("evaluating").
    void step(std::size_t done, std::size_t total, const std::string& note = {});
    /// Clears the line (before writing results to a terminal).
    void finish();
    bool shown() const noexcept { return on_; }

private:
    bool on_;
    std::string what_;
    std::size_t width_ = 0;
};

/// "Vietnamese / English" help text.
inline std::string bi(const char* vi, const char* en) { return std::string(vi) + " / " + en; }

/// Options several commands share, declared once with one help text.
/// --lang vi|en
CLI::Option* add_lang_option(CLI::App* cmd, std::string& lang);
/// --facts FILE: the fact dictionary.
CLI::Option* add_facts_option(CLI::App* cmd, std::string& facts);
/// --records FILE...: submissions and events.
CLI::Option* add_records_option(CLI::App* cmd, std::vector<std::string>& records);
/// --obligations ID|FILE...: obligation sets.
CLI::Option* add_obligations_option(CLI::App* cmd, std::vector<std::string>& obligations);
/// --days N: the horizon of upcoming deadlines, 0..3660.
CLI::Option* add_days_option(CLI::App* cmd, int& days);
/// --no-evidence missing_report|not_passing: what a unit that sent no
/// evidence at all counts as (danchu::no_evidence_policy).
CLI::Option* add_no_evidence_option(CLI::App* cmd, std::string& policy);

/// --csv-separator , or ; for every CSV a command writes (danchu::csv_options_for).
CLI::Option* add_csv_separator_option(CLI::App* cmd, std::string& separator);

/// What `danchu template --xlsx` writes (src/cli/xlsx.cpp).
struct workbook_args {
    std::string organisation; ///< the organisation file (required)
    std::string output;       ///< the folder (required)
    std::string unit;         ///< one unit only; empty: every unit
    std::string period;       ///< shown on the instructions sheet
    bool by_district = false; ///< one workbook per district instead of per unit
    std::size_t rows = 100;   ///< empty rows per event sheet
};
/// `danchu template --xlsx`: evidence workbooks (danchu::office), paths printed.
int run_events_workbooks(const options& opts, const workbook_args& a);

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
