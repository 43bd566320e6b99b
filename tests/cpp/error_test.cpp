#include "catch.hpp"

#include <danchu/io/detail/json_stream.hpp>
#include <danchu/io/detail/json_text.hpp>
#include <danchu/core/error.hpp>

#include <string>
#include <type_traits>

static_assert(std::is_base_of_v<std::runtime_error, danchu::error>);
static_assert(std::is_base_of_v<danchu::error, danchu::parse_error>);
static_assert(std::is_base_of_v<danchu::error, danchu::calendar_error>);
static_assert(std::is_base_of_v<danchu::error, danchu::rule_error>);

TEST_CASE("error messages start with their kind and say where", "[error]") {
    SECTION("parse errors name the file and the JSON pointer") {
        const danchu::parse_error e("pack.json", "/rules/3/when", "expected an object");
        CHECK(std::string(e.what()) == "[danchu.parse] pack.json:/rules/3/when: expected an object");
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
    // Regression (issue 15, item 12): the error gave no position.
    try {
        (void)danchu::detail::parse_json_text(R"({"a": "1e999", "b": [1, -2.5e3, 7e999]})", "n.json");
        FAIL("accepted 7e999");
    } catch (const danchu::parse_error& e) {
        CHECK(e.pointer() == "byte 33");
    }
}

// Regression (issue 15, item 6): a key given twice in one object was kept
// silently (the last one won) in evidence, records, packs, reports and
// organisations. Every loader parses through parse_json_text or the streaming
// reader, so both reject it with the JSON pointer of the second key.
TEST_CASE("a duplicate key is a parse error naming its JSON pointer", "[error][json][regression]") {
    const std::pair<const char*, const char*> cases[] = {
        {R"({"a": 1, "a": 2})", "/a"},
        {R"({"units": [{"id": "x"}, {"id": "y", "kind": "k", "id": "z"}]})", "/units/1/id"},
        {R"([[1, 2], {"b": {"c~/d": 1, "c~/d": 2}}])", "/1/b/c~0~1d"},
    };
    for (const auto& [text, ptr] : cases) {
        try {
            (void)danchu::detail::parse_json_text(text, "d.json");
            FAIL("accepted " << text);
        } catch (const danchu::parse_error& e) {
            CHECK(e.file() == "d.json");
            CHECK(e.pointer() == ptr);
            CHECK(std::string(e.what()).find("appears twice") != std::string::npos);
        }
    }
    // the same key in sibling objects is fine
    CHECK(danchu::detail::parse_json_text(R"([{"a": 1}, {"a": 2}, {"a": {"a": 3}}])", "ok.json").size() == 3);

    // the streaming reader (evidence, records): a unit given twice
    std::size_t seen = 0;
    try {
        (void)danchu::detail::parse_streaming_members(
            std::string(R"({"period": "2018", "units": {"u1": {"x": 1}, "u2": {}, "u1": {"x": 2}}})"),
            "ev.json", {{"units", false}},
            [&](const std::string&, const std::string&, const nlohmann::json&) { ++seen; });
        FAIL("accepted a unit given twice");
    } catch (const danchu::parse_error& e) {
        CHECK(e.file() == "ev.json");
        CHECK(e.pointer() == "/units/u1");
    }
    CHECK(seen == 2);
}

// Regression (issue 15, item 12): errors quoted whole values, so a 10 MB value
// gave a 10 MB line on stderr and in the report.
TEST_CASE("an error quoting a huge value stays short and valid UTF-8", "[error][regression]") {
    const std::string huge(10'000'000, 'x');
    const danchu::parse_error e("big.json", "/units/0/id", "unit id \"" + huge + "ở\" is not valid");
    const std::string m = e.what();
    CHECK(m.size() < 1100);
    CHECK(m.rfind("[danchu.parse] big.json:/units/0/id: unit id \"xxx", 0) == 0);
    CHECK(m.find("bytes left out") != std::string::npos);
    CHECK(m.find("ở\" is not valid") != std::string::npos); // the end is kept
    CHECK(e.file() == "big.json");
    const std::string vi(2000, 'a');
    const std::string cut = danchu::detail::bounded_message(std::string(749, 'a') + "ở" + vi);
    for (std::size_t i = 0; i + 1 < cut.size(); ++i) // never half a character
        if (static_cast<unsigned char>(cut[i]) == 0xE1)
            CHECK((static_cast<unsigned char>(cut[i + 1]) & 0xC0) == 0x80);
    CHECK(danchu::detail::bounded_message("short") == "short");
}

// Regression (issue 15, item 11): an invalid UTF-8 byte in a records file made
// `report` fail while writing report.json ("a text is not valid UTF-8", no file
// named): the parse error, listed as a data problem, quoted the raw byte.
TEST_CASE("error messages are valid UTF-8 whatever they quote", "[error][regression]") {
    const danchu::parse_error e("rec.json", "byte 12",
                                std::string("last read: \"217/\xff\xfe") + "BC\" ở \xed\xa0\x80 \xc0\xaf");
    const std::string m = e.what();
    CHECK(m.find("\xff") == std::string::npos);
    CHECK(m.find("217/\xEF\xBF\xBD\xEF\xBF\xBD"
                 "BC\" ở") != std::string::npos);
    CHECK(danchu::detail::valid_utf8("Sở Nội vụ 😀") == "Sở Nội vụ 😀");
    CHECK(danchu::detail::valid_utf8(std::string("\xe1\xbb")) == "\xEF\xBF\xBD\xEF\xBF\xBD"); // cut short
    const nlohmann::json j = m; // serialises (strict) without throwing
    CHECK_NOTHROW(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict));
}
