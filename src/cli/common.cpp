#include "cli.hpp"

#include <danchu/io/detail/output_file.hpp>

#include <danchu/core/data.hpp>
#include <danchu/core/error.hpp>
#include <danchu/scoring/classify.hpp>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <system_error>

namespace danchu::cli {

std::string resolve_data_dir(const options& opts) {
    namespace fs = std::filesystem;
    if (!opts.data_dir.empty()) return opts.data_dir;
    if (const char* env = std::getenv("DANCHU_DATA_DIR"); env != nullptr && *env != '\0') return env;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path candidate = exe.parent_path().parent_path() / "share" / "danchu";
        if (fs::is_directory(candidate, ec)) return candidate.string();
    }
    return danchu::default_data_dir();
}

namespace {

std::string one_line(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    for (auto& c : s)
        if (c == '\n' || c == '\r') c = ' ';
    return s;
}

/// "danchu report --help" for the subcommand being parsed, else "danchu --help".
std::string help_hint(CLI::App& app) {
    std::string cmd = "danchu";
    for (CLI::App* sub = &app;;) {
        const auto parsed = sub->get_subcommands();
        if (parsed.empty()) break;
        sub = parsed.front();
        cmd += " " + sub->get_name();
    }
    return "; xem / see: " + cmd + " --help";
}

int fail(const std::string& message, const std::string& hint) {
    std::cerr << "danchu: " << one_line(message) << hint << '\n';
    return 2;
}

} // namespace

int run_main(CLI::App& app, options& opts, int argc, char** argv) {
    try {
        app.parse(argc, argv);
        if (app.get_subcommands().empty()) {
            std::cout << app.help();
            return 0;
        }
        const int rc = opts.run ? opts.run() : 0;
        std::cout.flush();
        if (!std::cout) // a closed pipe, a full disk behind a redirection
            return fail("cannot write to the standard output (disk full or pipe closed?)", "");
        return rc;
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return fail(e.what(), help_hint(app));
    } catch (const danchu::argument_error& e) {
        return fail(e.what(), help_hint(app));
    } catch (const danchu::error& e) {
        return fail(e.what(), "");
    } catch (const std::exception& e) {
        std::cerr << "danchu: internal error: " << one_line(e.what()) << '\n';
        return 3;
    }
}

void emit(const std::string& output, const std::string& text, std::vector<std::string> inputs) {
    if (output.empty()) {
        std::cout << text;
        return;
    }
    danchu::detail::write_output_file(output, text, std::move(inputs));
}

std::string number(double x, int decimals, const std::string& lang) {
    if (!std::isfinite(x)) return "—";
    char buf[64] = {};
    std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
    std::string s = buf;
    if (s.find_first_not_of("-0.") == std::string::npos && s[0] == '-') s.erase(0, 1); // no "-0.0"
    if (lang != "en")
        for (auto& c : s)
            if (c == '.') c = ',';
    return s;
}

progress::progress(const options& opts, std::string what)
    : on_(!opts.quiet && (opts.progress || ::isatty(STDERR_FILENO) == 1)), what_(std::move(what)) {}

progress::~progress() { finish(); }

void progress::finish() {
    if (on_ && width_ > 0) std::cerr << '\r' << std::string(width_, ' ') << '\r' << std::flush;
    width_ = 0;
}

void progress::step(std::size_t done, std::size_t total, const std::string& note) {
    if (!on_) return;
    std::string line = "danchu " + what_ + ": " + std::to_string(done) + "/" + std::to_string(total);
    if (!note.empty()) line += " " + note;
    const std::size_t w = line.size();
    if (w < width_) line += std::string(width_ - w, ' ');
    width_ = std::max(width_, w);
    std::cerr << '\r' << line << std::flush;
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

CLI::Option* add_lang_option(CLI::App* cmd, std::string& lang) {
    return cmd
        ->add_option("--lang", lang, bi("Ngôn ngữ: vi (mặc định) hoặc en", "Language: vi (default) or en"))
        ->check(CLI::IsMember({"vi", "en"}));
}

CLI::Option* add_no_evidence_option(CLI::App* cmd, std::string& policy) {
    const auto ids = enum_ids<no_evidence_policy>();
    return cmd
        ->add_option("--no-evidence", policy,
                     bi("Đơn vị không gửi minh chứng: missing_report (mặc định: coi là thiếu báo cáo, không "
                        "chấm điểm) hoặc not_passing (chấm như không đạt)",
                        "A unit that sent no evidence at all: missing_report (default: a missing report, "
                        "not scored) or not_passing (scored as not passing)"))
        ->check(CLI::IsMember(ids));
}

CLI::Option* add_csv_separator_option(CLI::App* cmd, std::string& separator) {
    return cmd
        ->add_option("--csv-separator", separator,
                     bi("Dấu phân cách của CSV: , (mặc định) hoặc ; (Excel với thiết lập vùng Việt Nam)",
                        "CSV separator: , (default) or ; (Excel under Vietnamese regional settings)"))
        ->check(CLI::IsMember({",", ";", "comma", "semicolon"}));
}

CLI::Option* add_facts_option(CLI::App* cmd, std::string& facts) {
    return cmd->add_option("--facts", facts,
                           bi("Từ điển dữ kiện (mặc định: facts.json đi kèm)",
                              "Fact dictionary (default: the bundled facts.json)"));
}

CLI::Option* add_records_option(CLI::App* cmd, std::vector<std::string>& records) {
    return cmd->add_option("--records", records,
                           bi("Tệp hồ sơ đã nộp, sự kiện (JSON/CSV), lặp lại được",
                              "Submissions/events files (JSON or CSV), repeatable"));
}

CLI::Option* add_obligations_option(CLI::App* cmd, std::vector<std::string>& obligations) {
    return cmd->add_option("--obligations", obligations,
                           bi("Mã hoặc tệp nghĩa vụ, lặp lại được (mặc định: của gói)",
                              "Obligation set ids or files, repeatable (default: the pack's)"));
}

CLI::Option* add_days_option(CLI::App* cmd, int& days) {
    return cmd
        ->add_option(
            "--days", days,
            bi("Số ngày xem hạn sắp tới (mặc định 30)", "Horizon of upcoming deadlines in days (default 30)"))
        ->check(CLI::Range(0, 3660));
}

} // namespace danchu::cli
