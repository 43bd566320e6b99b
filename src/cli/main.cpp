// The danchu command-line tool. Arguments are parsed by CLI11; every usage
// error and every danchu error becomes a one-line message on stderr and exit
// status 2 (see run_main in common.cpp).

#include "cli.hpp"

#include <danchu/danchu.hpp>
#ifdef DANCHU_HAVE_INGEST
#include <danchu/ingest/json.hpp>
#endif
#include <danchu/office/xlsx.hpp>

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
    CLI::App app{"danchu: quy chế dân chủ trong cơ quan, đơn vị thành luật-dưới-dạng-mã / rules-as-code "
                 "for democracy in Vietnamese state agencies (Decree 04/2015/NĐ-CP, Law 10/2022/QH15, "
                 "Decree 59/2023/NĐ-CP)",
                 "danchu"};
    app.set_version_flag("-V,--version", std::string("danchu ") + danchu::version(),
                         danchu::cli::bi("In phiên bản", "Print the version"));
    app.set_help_flag("-h,--help", danchu::cli::bi("In trợ giúp", "Print this help"));
    danchu::office::enable_xlsx_events(); // --events and --records read .xlsx workbooks
#ifdef DANCHU_HAVE_INGEST
    danchu::ingest::enable_fast_json(); // JSON evidence and events read with simdjson
#endif
    danchu::cli::options opts;
    app.add_option("--data-dir", opts.data_dir,
                   danchu::cli::bi("Thư mục dữ liệu (gói quy tắc, lịch, chế độ báo cáo)",
                                   "Data folder (packs, schedules, regimes); default <prefix>/share/danchu"));
    app.add_flag("-q,--quiet", opts.quiet, danchu::cli::bi("Không hiện tiến độ", "No progress on stderr"));
    app.add_flag("--progress", opts.progress,
                 danchu::cli::bi("Luôn hiện tiến độ", "Show progress even when stderr is not a terminal"));
    app.require_subcommand(0, 1);
    app.fallthrough();
    danchu::cli::add_subcommands(app, opts);
    return danchu::cli::run_main(app, opts, argc, argv);
}
