#include "catch.hpp"

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
