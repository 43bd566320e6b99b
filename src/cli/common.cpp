#include "cli.hpp"

#include <danchu/data.hpp>

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace danchu::cli {

std::string resolve_data_dir(const options& opts) {
    namespace fs = std::filesystem;
    if (!opts.data_dir.empty()) return opts.data_dir;
    if (const char* env = std::getenv("DANCHU_DATA_DIR"); env != nullptr && *env != '\0')
        return env;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path candidate = exe.parent_path().parent_path() / "share" / "danchu";
        if (fs::is_directory(candidate, ec)) return candidate.string();
    }
    return danchu::default_data_dir();
}

void add_subcommands(CLI::App& app, options& opts) {
    add_score_command(app, opts);
    add_calendar_command(app, opts);
    add_rules_commands(app, opts);
    add_logic_command(app, opts);
    add_sample_command(app, opts);
    add_agenda_command(app, opts);
    add_render_command(app, opts);
    add_report_command(app, opts);
}

} // namespace danchu::cli
