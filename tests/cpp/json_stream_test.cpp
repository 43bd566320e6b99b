// detail::parse_streaming_members: the members of a large top-level object are
// handed over one by one and dropped, the rest of the document is returned.

#include "catch.hpp"

#include <danchu/io/detail/json_stream.hpp>

#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

using members = std::vector<std::pair<std::string, std::string>>;

std::pair<members, nlohmann::json> stream(const std::string& text) {
    members seen;
    std::istringstream in(text);
    auto rest = danchu::detail::parse_streaming_members(
        in, "e.json", {{"units", false}, {"items", true}},
        [&](const std::string& member, const std::string& k, const nlohmann::json& v) {
            seen.emplace_back(member + ":" + k, v.dump());
        });
    return {seen, rest};
}

} // namespace

TEST_CASE("streamed members arrive in order and are dropped; a duplicate key is refused", "[json_stream]") {
    const auto [seen, rest] = stream(R"({"period": "2018-H1",
        "units": {"A": {"x": 1, "y": {"value": [1, 2]}}, "B": {"x": [{"a": 1}]}, "E": {"z": 2}, "C": 5, "D": []},
        "overrides": [{"unit": "A"}]})");
    const members want = {{"units:A", R"({"x":1,"y":{"value":[1,2]}})"},
                          {"units:B", R"({"x":[{"a":1}]})"},
                          {"units:E", R"({"z":2})"},
                          {"units:C", "5"},
                          {"units:D", "[]"}};
    CHECK(seen == want);
    CHECK(rest ==
          nlohmann::json::parse(R"({"period": "2018-H1", "units": {}, "overrides": [{"unit": "A"}]})"));
    CHECK_THROWS_WITH(stream(R"({"units": {"A": {"x": 1}, "B": {}, "A": {"z": 2}}})"),
                      danchu_test::contains("e.json:/units/A: the key \"A\" appears twice"));
}

TEST_CASE("the items of a streamed array arrive with their index", "[json_stream]") {
    const auto [seen, rest] = stream(R"({"items": [{"a": 1}, 2, [3, [4]], "x"], "units": {"U": 1}})");
    const members want = {{"items:0", R"({"a":1})"},
                          {"items:1", "2"},
                          {"items:2", "[3,[4]]"},
                          {"items:3", "\"x\""},
                          {"units:U", "1"}};
    CHECK(seen == want);
    CHECK(rest == nlohmann::json::parse(R"({"items": [], "units": {}})"));
}

TEST_CASE("only the named top-level members are streamed, and only when of the named type", "[json_stream]") {
    const auto [seen, rest] = stream(R"({"units": [1, 2], "items": {"a": 1}, "other": {"units": {"q": 1}}})");
    CHECK(seen.empty());
    CHECK(rest ==
          nlohmann::json::parse(R"({"units": [1, 2], "items": {"a": 1}, "other": {"units": {"q": 1}}})"));
    const auto [seen2, rest2] = stream("[1, 2]");
    CHECK(seen2.empty());
    CHECK(rest2 == nlohmann::json::array({1, 2}));
}

TEST_CASE("malformed text is a parse error naming the file", "[json_stream]") {
    for (const char* text : {"{\"units\": {\"A\": {\"x\": 1e999}}}", "{\"units\": {\"A\": ", ""}) {
        try {
            (void)stream(text);
            FAIL("accepted " << text);
        } catch (const danchu::parse_error& e) {
            CHECK(e.file() == "e.json");
            CHECK(std::string(e.what()).find("not valid JSON") != std::string::npos);
        }
    }
}
