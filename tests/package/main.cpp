// Built against an installed (and moved) danchu, through find_package(danchu)
// or pkg-config: checks the headers and the version, that the data directory is
// found with DANCHU_DATA_DIR unset, and that a bundled rule pack loads from it.
// Usage: consumer [expected data directory]
#include <danchu/danchu.hpp>
#include <danchu/rules/pack.hpp> // opt-in (nlohmann/json): proves the .pc and the config carry it

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <system_error>

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    if (const char* env = std::getenv("DANCHU_DATA_DIR"); env != nullptr && *env != '\0') {
        std::cerr << "run me without DANCHU_DATA_DIR (it is " << env << ")\n";
        return 1;
    }
    try {
        const fs::path data = danchu::default_data_dir();
        std::error_code ec;
        if (argc > 1 && !fs::equivalent(data, argv[1], ec)) {
            std::cerr << "data found at " << data << ", expected " << argv[1] << '\n';
            return 1;
        }
        const danchu::pack_library lib(data.string());
        const auto set = lib.load_set("vn.decree-04-2015");
        if (set.rules().empty()) {
            std::cerr << "the bundled pack vn.decree-04-2015 has no rules\n";
            return 1;
        }
        const auto cal = danchu::calendar::vietnam(); // the README's example: data from the default
        const auto due = cal.add_working_days(danchu::make_day(2026, 2, 13), 1);
        if (danchu::to_iso(due) != "2026-02-23") {
            std::cerr << "2026-02-13 + 1 working day is " << danchu::to_iso(due) << ", not 2026-02-23\n";
            return 1;
        }
        std::cout << "danchu " << danchu::version() << " with data at " << data.string() << ": "
                  << set.id() << " has " << set.rules().size() << " rules\n";
        return 0;
    } catch (const danchu::error& e) {
        std::cerr << e.what() << '\n';
        return 1;
    }
}
