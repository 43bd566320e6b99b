#include "catch.hpp"

#include <danchu/detail/json_text.hpp>
#include <danchu/error.hpp>

#include <string>
#include <type_traits>

static_assert(std::is_base_of_v<std::runtime_error, danchu::error>);
static_assert(std::is_base_of_v<danchu::error, danchu::parse_error>);
static_assert(std::is_base_of_v<danchu::error, danchu::calendar_error>);
static_assert(std::is_base_of_v<danchu::error, danchu::rule_error>);

TEST_CASE("error messages start with their kind and say where", "[error]") {
    SECTION("parse errors name the file and the JSON pointer") {
        const danchu::parse_error e("pack.json", "/rules/3/when", "expected an object");
        CHECK(std::string(e.what()) ==
              "[danchu.parse] pack.json:/rules/3/when: expected an object");
        CHECK(e.file() == "pack.json");
        CHECK(e.pointer() == "/rules/3/when");
        CHECK(e.kind() == "parse");
    }
    SECTION("a parse error without a pointer names only the file") {
        const danchu::parse_error e("x.csv", "", "empty file");
        CHECK(std::string(e.what()) == "[danchu.parse] x.csv: empty file");
    }
    SECTION("calendar errors are catchable as danchu::error") {
        try {
            throw danchu::calendar_error("no 30 February");
        } catch (const danchu::error& e) {
            CHECK(std::string(e.what()) == "[danchu.calendar] no 30 February");
            CHECK(e.kind() == "calendar");
        }
    }
}

// Regression (fuzz-rules crash, CI 2026-11-27): a number too large for a
// double made nlohmann throw out_of_range.406, which escaped the loaders.
TEST_CASE("a number out of range in JSON text is a parse error naming the file", "[error][json]") {
    for (const char* text : {"1e999", "[-5545555555555555e5411111108]", "{\"a\": 2e400}"}) {
        try {
            (void)danchu::detail::parse_json_text(text, "n.json");
            FAIL("accepted " << text);
        } catch (const danchu::parse_error& e) {
            CHECK(e.file() == "n.json");
            CHECK(std::string(e.what()).find("not valid JSON") != std::string::npos);
        }
    }
    CHECK_THROWS_AS(danchu::detail::read_json_file("/nonexistent/x.json"), danchu::parse_error);
}
