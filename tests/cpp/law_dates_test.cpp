// No date of the law in code: which pack and regime govern a date comes from
// the packs' own regime.valid_from / valid_to (data/packs/*.json). This test
// reads those dates and fails if the C++ headers and sources, the bindings,
// the Python package or its stubs write any of them (ISO "YYYY-MM-DD" or
// "YYYY, M, D"); data/, docs/ and tests/ may.
#include "catch.hpp"
#include "test_support.hpp"

#include <danchu/core/date.hpp>
#include <danchu/rules/pack.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string read_all(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The forms a date can be written in code.
std::vector<std::string> spellings(danchu::civil_day day) {
    const auto d = day.days();
    const auto c = danchu::civil_from_days(d);
    return {danchu::to_iso(d),
            std::to_string(c.year) + ", " + std::to_string(c.month) + ", " + std::to_string(c.day)};
}

/// Occurrences of `needle` in `text` that are not part of a pack id such as
/// "vn.bac-giang.2018-05-09" (a name, not a date the code decides on).
bool mentions(const std::string& text, const std::string& needle) {
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
        if (at == 0 || text[at - 1] != '.') return true;
    return false;
}

} // namespace

TEST_CASE("no regime date of the bundled packs is written in code", "[law_dates]") {
    namespace fs = std::filesystem;
    const fs::path root(DANCHU_TEST_SOURCE_DIR);
    const danchu::pack_library lib(danchu_test::data_dir);
    std::set<std::string> needles;
    for (const auto& id : lib.ids()) {
        const auto p = lib.load(id);
        for (const auto& d : {p.regime.valid_from, p.regime.valid_to})
            if (d)
                for (const auto& s : spellings(*d)) needles.insert(s);
    }
    REQUIRE(needles.count("2023-07-01") == 1); // Law 10/2022's first day, from its pack
    REQUIRE(needles.count("2023, 7, 1") == 1);
    std::vector<std::string> found;
    std::size_t files = 0;
    for (const char* dir : {"include", "src", "python/danchu"}) {
        for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
            if (!e.is_regular_file()) continue;
            const std::string ext = e.path().extension().string();
            if (ext != ".hpp" && ext != ".cpp" && ext != ".py" && ext != ".pyi" && ext != ".txt") continue;
            ++files;
            const std::string text = read_all(e.path());
            for (const auto& n : needles)
                if (mentions(text, n)) found.push_back(fs::relative(e.path(), root).string() + ": " + n);
        }
    }
    CHECK(files > 50);
    std::string list;
    for (const auto& f : found) list += "\n  " + f;
    INFO("law dates written in code (read them from the packs instead):" << list);
    CHECK(found.empty());
}

TEST_CASE("the date scan recognises a law date and ignores pack ids", "[law_dates]") {
    CHECK(mentions("switch = days_from_civil(2023, 7, 1);", "2023, 7, 1"));
    CHECK(mentions("default=\"2023-07-01\"", "2023-07-01"));
    CHECK_FALSE(mentions("pack \"vn.bac-giang.2018-05-09\"", "2018-05-09"));
}
