#include "catch.hpp"
#include "test_support.hpp"

#include <danchu/scoring/io.hpp>
#include <danchu/report/detail/pack_auto.hpp>
#include <danchu/core/detail/suggest.hpp>
#include <danchu/io/detail/text_file.hpp>
#include <danchu/rules/evaluate.hpp>
#include <danchu/rules/pack.hpp>
#include <danchu/scoring/scorecard.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace {
bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
} // namespace

TEST_CASE("edit distance", "[suggest]") {
    using danchu::detail::edit_distance;
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("abc", "") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("so-noi-vu", "SO-NOI-VU") == 0); // case-insensitive
    CHECK(edit_distance("vn.law-10-2020", "vn.law-10-2022") == 1);
}

TEST_CASE("closest candidates within a threshold, best first", "[suggest]") {
    using danchu::detail::closest;
    const std::vector<std::string> ids{"vn.decree-04-2015", "vn.law-10-2022", "vn.bac-giang.2018-05-09"};
    CHECK(closest("vn.law-10-2020", ids) == std::vector<std::string>{"vn.law-10-2022"});
    CHECK(closest("vn.decree-04-2016", ids) == std::vector<std::string>{"vn.decree-04-2015"});
    CHECK(closest("something-else-entirely", ids).empty());
    CHECK(closest("vn.law-10-2022", ids).empty()); // an exact match is no suggestion
    const std::vector<std::string> units{"so-noi-vu", "so-noi-vu-1", "so-tai-chinh", "bac-giang"};
    const auto near = closest("so-noi-v", units);
    REQUIRE(near.size() == 2);
    CHECK(near[0] == "so-noi-vu");
    CHECK(near[1] == "so-noi-vu-1");
    CHECK(closest("x", units, 3).empty());
    CHECK(danchu::detail::did_you_mean("so-noi-v", units) ==
          "; did you mean \"so-noi-vu\" or \"so-noi-vu-1\"?");
    CHECK(danchu::detail::did_you_mean("zzz", units).empty());
}

TEST_CASE("unknown ids raised by the core suggest the closest", "[suggest]") {
    const danchu::pack_library lib(danchu_test::data_dir);
    CHECK(contains(danchu_test::error_of<danchu::rule_error>([&] { lib.load("vn.law-10-2020"); }),
                   "did you mean \"vn.law-10-2022\"?"));
    CHECK(contains(danchu_test::error_of<danchu::argument_error>([&] {
                       danchu::find_scoring_scheme("default-vn.decree-04-201", danchu_test::data_dir);
                   }),
                   "did you mean \"default-vn.decree-04-2015\"?"));
}

TEST_CASE("a folder or a missing file where a file is expected is named", "[suggest]") {
    CHECK(contains(danchu_test::error_of<danchu::parse_error>(
                       [&] { danchu::detail::read_text_file(danchu_test::data_dir); }),
                   danchu_test::data_dir + ": cannot open the file for reading: it is a folder, not a file"));
    CHECK(contains(danchu_test::error_of<danchu::parse_error>(
                       [&] { danchu::detail::read_text_file(danchu_test::data_dir + "/nope.json"); }),
                   "nope.json: cannot open the file for reading: no such file"));
}

TEST_CASE("the pack the data need, chosen from the data", "[suggest]") {
    const danchu::pack_library lib(danchu_test::data_dir);
    const auto dict = std::make_shared<const danchu::fact_dictionary>(
        danchu::load_default_fact_dictionary(danchu_test::data_dir));
    using danchu::detail::choose_pack;
    const auto mid2018 = danchu::make_day(2018, 6, 30);
    // nothing asked: the base pack in force, not an overlay of it
    CHECK(choose_pack(lib, dict, mid2018, {}) == "vn.decree-04-2015");
    CHECK(choose_pack(lib, dict, danchu::make_day(2024, 6, 30), {}) == "vn.law-10-2022");
    // records naming an obligation only the Bắc Giang overlay defines
    const auto bg = danchu::detail::obligations_of_chain(danchu_test::data_dir, {"vn.bac-giang.2018-05-09"});
    REQUIRE_FALSE(bg.empty());
    danchu::detail::pack_needs need;
    need.obligations = {*bg.begin()};
    CHECK(choose_pack(lib, dict, mid2018, need) == "vn.bac-giang.2018-05-09");
    // no pack in force: the error says which --pack to give
    const std::string msg = danchu_test::error_of<danchu::argument_error>(
        [&] { choose_pack(lib, dict, danchu::make_day(2000, 1, 1), {}); });
    CHECK(contains(msg, "give --pack"));
    CHECK(contains(msg, "vn.decree-04-2015"));
}
