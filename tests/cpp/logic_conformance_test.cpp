// Runs every case of the JSON Logic community conformance suites
// (tests/conformance/jsonlogic, 1,138 cases) through danchu::logic::apply.

#include "catch.hpp"

#include <danchu/logic/logic.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

const std::string suite_dir = std::string(DANCHU_TEST_SOURCE_DIR) + "/tests/conformance/jsonlogic/";

nlohmann::json read_json(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in.good());
    return nlohmann::json::parse(in);
}

bool same(const nlohmann::json& a, const nlohmann::json& b) {
    if (a.is_number() && b.is_number()) {
        const double x = a.get<double>(), y = b.get<double>();
        return x == y || std::fabs(x - y) <= 1e-9 * std::max(std::fabs(x), std::fabs(y));
    }
    if (a.is_array() && b.is_array()) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!same(a[i], b[i])) return false;
        return true;
    }
    if (a.is_object() && b.is_object()) {
        if (a.size() != b.size()) return false;
        for (auto it = a.begin(); it != a.end(); ++it) {
            auto jt = b.find(it.key());
            if (jt == b.end() || !same(it.value(), *jt)) return false;
        }
        return true;
    }
    return a == b;
}

} // namespace

TEST_CASE("logic: all 1,138 JSON Logic conformance cases pass", "[logic][conformance]") {
    const auto index = read_json(suite_dir + "index.json");
    std::size_t total = 0, passed = 0;
    std::ostringstream failures;
    for (const auto& file : index) {
        const auto cases = read_json(suite_dir + file.get<std::string>());
        for (std::size_t i = 0; i < cases.size(); ++i) {
            const auto& c = cases[i];
            if (!c.is_object()) continue;
            ++total;
            const nlohmann::json data = c.value("data", nlohmann::json());
            std::string got;
            bool ok = false;
            try {
                const auto r = danchu::logic::apply(c["rule"], data);
                got = r.dump();
                ok = c.contains("result") && same(r, c["result"]);
            } catch (const danchu::logic::thrown_error& e) {
                got = "error " + e.thrown().dump() + " (" + e.what() + ")";
                ok = c.contains("error") && same(e.thrown(), c["error"]);
            } catch (const std::exception& e) {
                got = std::string("exception ") + e.what();
            }
            if (ok) {
                ++passed;
            } else {
                failures << file.get<std::string>() << " #" << i << " \"" << c.value("description", "")
                         << "\": rule " << c["rule"].dump() << " expected "
                         << (c.contains("result") ? c["result"].dump() : "error " + c["error"].dump())
                         << ", got " << got << "\n";
            }
        }
    }
    INFO(failures.str());
    CHECK(total == 1138);
    CHECK(passed == total);
}
