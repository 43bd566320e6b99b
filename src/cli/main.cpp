// The danchu command-line tool. Arguments are parsed by CLI11; every danchu
// error becomes a one-line message on stderr and exit status 2.

#include "cli.hpp"

#include <danchu/danchu.hpp>

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"danchu: rules-as-code for democracy in Vietnamese state agencies "
                 "(Decree 04/2015/NĐ-CP, Law 10/2022/QH15, Decree 59/2023/NĐ-CP)",
                 "danchu"};
    app.set_version_flag("-V,--version", std::string("danchu ") + danchu::version());
    danchu::cli::options opts;
    app.add_option("--data-dir", opts.data_dir,
                   "Directory of rule packs, schedules, regimes and schemas "
                   "(default: <prefix>/share/danchu next to this program)");
    app.require_subcommand(0, 1);
    danchu::cli::add_subcommands(app, opts);
    try {
        app.parse(argc, argv);
        if (app.get_subcommands().empty()) {
            std::cout << app.help();
            return 0;
        }
        return opts.run ? opts.run() : 0;
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const danchu::error& e) {
        std::cerr << "danchu: " << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "danchu: internal error: " << e.what() << '\n';
        return 3;
    }
}
