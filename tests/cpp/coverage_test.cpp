// docs/coverage.md against the bundled rule packs (issue 12): every rule id the
// table names exists in a pack, every rule a pack defines is named in the
// table, and every row either names rules or gives the reason it has none.

#include "catch.hpp"
#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& p) {
    std::ifstream in(p);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Rule id -> the packs that define it, from `rules` and `replace` of every
/// bundled pack file (not its tests).
std::map<std::string, std::set<std::string>> bundled_rules() {
    std::map<std::string, std::set<std::string>> ids;
    for (const auto& e : fs::directory_iterator(danchu_test::data_dir + "/packs")) {
        const std::string name = e.path().filename().string();
        if (e.path().extension() != ".json" || name.find(".tests.json") != std::string::npos) continue;
        const auto pack = nlohmann::json::parse(read_text(e.path()));
        for (const char* key : {"rules", "replace"})
            if (pack.contains(key))
                for (const auto& r : pack[key]) ids[r.at("id").get<std::string>()].insert(name);
    }
    return ids;
}

struct row {
    std::size_t line = 0;
    std::vector<std::string> cells;
};

/// The table rows of the coverage document (header and separator rows left out).
std::vector<row> table_rows(const std::string& text) {
    std::vector<row> rows;
    std::istringstream in(text);
    std::string l;
    std::size_t n = 0;
    while (std::getline(in, l)) {
        ++n;
        if (l.size() < 2 || l[0] != '|' || l.rfind("|---", 0) == 0 || l.rfind("| provision |", 0) == 0)
            continue;
        row r{n, {}};
        std::string cell;
        for (std::size_t i = 1; i < l.size(); ++i) {
            if (l[i] == '|') {
                r.cells.push_back(cell);
                cell.clear();
            } else
                cell += l[i];
        }
        rows.push_back(std::move(r));
    }
    return rows;
}

/// The `code` spans of one cell.
std::vector<std::string> code_spans(const std::string& cell) {
    std::vector<std::string> out;
    std::size_t p = 0;
    while ((p = cell.find('`', p)) != std::string::npos) {
        const std::size_t q = cell.find('`', p + 1);
        if (q == std::string::npos) break;
        out.push_back(cell.substr(p + 1, q - p - 1));
        p = q + 1;
    }
    return out;
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; }

} // namespace

TEST_CASE("docs/coverage.md names only existing rules and every bundled rule", "[rules][coverage]") {
    const auto ids = bundled_rules();
    REQUIRE(ids.size() > 80);
    const auto rows = table_rows(read_text(DANCHU_TEST_SOURCE_DIR "/docs/coverage.md"));
    REQUIRE(rows.size() > 100);
    std::set<std::string> named;
    for (const auto& r : rows) {
        INFO("docs/coverage.md line " << r.line);
        REQUIRE(r.cells.size() == 4);
        CHECK_FALSE(blank(r.cells[0]));
        CHECK_FALSE(blank(r.cells[3])); // encoded, or the reason it is not
        const auto rules = code_spans(r.cells[2]);
        if (rules.empty()) CHECK(r.cells[3].find("not encoded") != std::string::npos);
        for (const auto& id : rules) {
            INFO("rule " << id);
            CHECK(ids.count(id) == 1);
            named.insert(id);
        }
    }
    for (const auto& [id, packs] : ids) {
        INFO("rule " << id << " of " << *packs.begin() << " is not in docs/coverage.md");
        CHECK(named.count(id) == 1);
    }
}

TEST_CASE("docs/coverage.md covers the clauses issue 12 names", "[rules][coverage]") {
    const std::string text = read_text(DANCHU_TEST_SOURCE_DIR "/docs/coverage.md");
    for (const char* clause : {"L10 Art. 59(1)(c)", "L10 Art. 59(1)(đ)", "L10 Art. 63(1)(đ)",
                               "L10 Art. 63(1)(a)", "L10 Art. 63(1)(b)", "L10 Art. 63(1)(d)",
                               "L10 Art. 63(2)(a)", "L10 Art. 63(2)(đ)", "ND59 Art. 22(2)(b)",
                               "L10 Art. 50(2)",    "L10 Art. 51(4)(h)", "L10 Art. 51(4)(i)",
                               "L10 Art. 52(1)",    "L10 Art. 52(2)",    "L10 Art. 48(4)",
                               "L10 Art. 4(2)",     "L10 Art. 85(1)",    "L10 Art. 85(2)",
                               "L10 Art. 85(3)",    "TT01 Art. 9(1)",    "Task 5",
                               "Failing 6"}) {
        INFO(clause);
        CHECK(text.find(std::string("| ") + clause) != std::string::npos);
    }
}
