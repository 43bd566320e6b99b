// Tests of the lazy calendar (include/danchu/calendar/calendar.hpp, holiday.hpp,
// detail/lunar_table.hpp): each year computed alone on first use must give
// exactly what the one-pass build of the whole 1900-2199 calendar gave. The
// reference below is that build (the calendar constructor before issue 14 §4),
// kept here; the values it is checked against come from the bundled data,
// whose official schedules 2018-2026 calendar_test.cpp checks against the
// calendar brief §2.4, and the lunar vectors of lunar_test.cpp (brief §3).

#include "catch.hpp"
#include "shared_data.hpp"

#include <danchu/calendar/calendar.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

using danchu::civil_day;
using danchu::holiday;
using danchu::make_day;

namespace {
using danchu_test::data_dir;
using danchu_test::error_of;
using danchu_test::has;

/// The whole calendar in one pass, as the calendar was built before it was lazy.
struct eager_calendar {
    std::vector<holiday> entries;      // every entry of 1900-2199, by date
    std::vector<std::uint8_t> working; // per day from 1900-01-01
};

eager_calendar build_eager(const danchu::holiday_data& data, danchu::weekly_rest rest, bool civil_servant) {
    eager_calendar e;
    const auto first = danchu::lunar_min_day, last = danchu::lunar_max_day;
    e.working.resize(static_cast<std::size_t>(last - first + 1));
    for (std::size_t i = 0; i < e.working.size(); ++i)
        e.working[i] = rest.contains(danchu::weekday_of(first + static_cast<danchu::day_number>(i))) ? 0 : 1;
    for (int y = 1900; y <= 2199; ++y) {
        for (holiday& h : danchu::detail::year_entries(data, y, rest, civil_servant)) {
            if (h.date.days() < first || h.date.days() > last) continue;
            e.working[static_cast<std::size_t>(h.date.days() - first)] = danchu::is_day_off(h.kind) ? 0 : 1;
            e.entries.push_back(std::move(h));
        }
    }
    std::stable_sort(e.entries.begin(), e.entries.end(),
                     [](const holiday& a, const holiday& b) { return a.date < b.date; });
    return e;
}

bool same(const holiday& a, const holiday& b) {
    return a.date == b.date && a.kind == b.kind && a.holiday_id == b.holiday_id && a.name.vi == b.name.vi &&
           a.name.en == b.name.en && a.source.document == b.source.document &&
           a.source.article == b.source.article && a.source.url == b.source.url &&
           a.source.note == b.source.note && a.conf == b.conf && a.derived == b.derived;
}

/// Compares every year's entries and days off, every day's entry and working
/// flag; a fresh calendar per order so that the lazy parts are built by the
/// calls being checked (years first, then days; and days first).
void check_against_eager(const danchu::holiday_data& data, danchu::weekly_rest rest, bool civil_servant,
                         const danchu::calendar& years_first, const danchu::calendar& days_first) {
    const eager_calendar e = build_eager(data, rest, civil_servant);
    const auto first = danchu::lunar_min_day;
    // days first: the working-day index is built before any year's list
    std::size_t wrong_days = 0;
    for (std::size_t i = 0; i < e.working.size(); ++i)
        if (days_first.is_working_day(civil_day::from_days(first + static_cast<danchu::day_number>(i))) !=
            (e.working[i] != 0))
            ++wrong_days;
    CHECK(wrong_days == 0);
    std::size_t wrong_years = 0, wrong_found = 0, total = 0;
    auto it = e.entries.begin();
    for (int y = 1900; y <= 2199; ++y) {
        const auto end = std::lower_bound(it, e.entries.end(), make_day(y + 1, 1, 1),
                                          [](const holiday& h, civil_day d) { return h.date < d; });
        const std::vector<holiday> want(it, end);
        std::vector<holiday> want_off;
        for (const holiday& h : want)
            if (danchu::is_day_off(h.kind)) want_off.push_back(h);
        it = end;
        total += want.size();
        const auto got = years_first.entries(y);
        const auto got_off = years_first.holidays(y);
        const auto got_days_first = days_first.entries(y);
        if (got.size() != want.size() || got_off.size() != want_off.size() ||
            got_days_first.size() != want.size() || !std::equal(got.begin(), got.end(), want.begin(), same) ||
            !std::equal(got_off.begin(), got_off.end(), want_off.begin(), same) ||
            !std::equal(got_days_first.begin(), got_days_first.end(), want.begin(), same)) {
            ++wrong_years;
            UNSCOPED_INFO("year " << y);
        }
        for (const holiday& h : want) {
            // find() gives the first entry of the day in the full build's order
            const auto first_of_day = std::find_if(e.entries.begin(), e.entries.end(),
                                                   [&](const holiday& x) { return x.date == h.date; });
            const holiday* f = years_first.find(h.date);
            if (f == nullptr || !same(*f, *first_of_day)) ++wrong_found;
        }
    }
    CHECK(wrong_years == 0);
    CHECK(wrong_found == 0);
    CHECK(total >= 300 * 2); // every year has at least two entries in each calendar checked here
    std::size_t wrong_working = 0;
    for (std::size_t i = 0; i < e.working.size(); ++i)
        if (years_first.is_working_day(civil_day::from_days(first + static_cast<danchu::day_number>(i))) !=
            (e.working[i] != 0))
            ++wrong_working;
    CHECK(wrong_working == 0);
    CHECK(years_first.find(make_day(2025, 3, 4)) == nullptr); // an ordinary Tuesday
}

std::string temp_dir(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / ("danchu_lazy_" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

void write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}
} // namespace

TEST_CASE("the lunar segments and the assembled table equal the one-pass table", "[calendar][lunar]") {
    const auto eager = danchu::detail::build_lunar_table();
    const auto& assembled = danchu::detail::lunar_tables();
    REQUIRE(assembled.months.size() == eager.months.size());
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < eager.months.size(); ++i) {
        const auto &a = assembled.months[i], &b = eager.months[i];
        if (a.start != b.start || a.year != b.year || a.month != b.month || a.leap != b.leap) ++wrong;
    }
    CHECK(wrong == 0);
    CHECK(assembled.year_first == eager.year_first);
    CHECK(assembled.leap_month == eager.leap_month);
    CHECK(assembled.first_year == eager.first_year);
    // to_solar, lunar_month_length and leap_month (from one or two segments)
    // agree with the one-pass table for every lunar date of 1899-2200.
    std::size_t wrong_days = 0, wrong_lengths = 0, days = 0;
    for (std::size_t i = 0; i + 1 < eager.months.size(); ++i) {
        const auto& m = eager.months[i];
        if (m.year < 1899 || m.year > 2200) continue;
        const int length = eager.months[i + 1].start - m.start;
        if (danchu::lunar_month_length(m.year, m.month, m.leap != 0) != length) ++wrong_lengths;
        for (int d = 1; d <= length; ++d) {
            const danchu::day_number z = m.start + d - 1;
            if (z < danchu::lunar_min_day || z > danchu::lunar_max_day) continue;
            ++days;
            if (danchu::to_solar(m.year, m.month, d, m.leap != 0).days() != z) ++wrong_days;
        }
    }
    CHECK(wrong_days == 0);
    CHECK(wrong_lengths == 0);
    CHECK(days == 109573); // every day of 1900-01-01..2199-12-31
    for (int y = 1899; y <= 2200; ++y)
        CHECK(danchu::leap_month(y) == eager.leap_month[static_cast<std::size_t>(y - 1899)]);
}

TEST_CASE("the lazy civil-servant calendar equals the one-pass build, every year 1900-2199", "[calendar]") {
    const auto data = danchu::holiday_data::load_directory(data_dir + "/schedules");
    const auto years_first =
        danchu::calendar::civil_servant(danchu::holiday_data::load_directory(data_dir + "/schedules"));
    const auto days_first =
        danchu::calendar::civil_servant(danchu::holiday_data::load_directory(data_dir + "/schedules"));
    check_against_eager(data, danchu::weekly_rest::saturday_sunday(), true, years_first, days_first);
}

TEST_CASE("the lazy Sunday-only calendar equals the one-pass build, every year 1900-2199", "[calendar]") {
    const auto data = danchu::holiday_data::load_directory(data_dir + "/schedules");
    const auto sun = danchu::weekly_rest::sunday_only();
    check_against_eager(data, sun, false, danchu::calendar::with_weekly_rest(data, sun),
                        danchu::calendar::with_weekly_rest(data, sun));
}

TEST_CASE("derived days that spill into the next year are that year's, as in the one-pass build",
          "[calendar]") {
    // A test era (not law) with a holiday on 31 December: when it falls on a
    // weekly rest day its compensatory day is in January of the next year.
    auto data = danchu::holiday_data::load_directory(data_dir + "/schedules");
    const nlohmann::json text = {{"vi", "Ngày thử"}, {"en", "Test day"}};
    const nlohmann::json source = {{"document", "Test era"}};
    data.add_json(
        {{"eras",
          {{{"id", "test-era"},
            {"name", text},
            {"from_year", 1900},
            {"to_year", 2199},
            {"source", source},
            {"confidence", "uncertain"},
            {"holidays",
             {{{"id", "new-year-eve"}, {"name", text}, {"type", "fixed"}, {"month", 12}, {"day", 31}},
              {{"id", "new-year"}, {"name", text}, {"type", "fixed"}, {"month", 1}, {"day", 1}}}},
            {"compensation", {{"enabled", true}, {"source", source}}}}}}},
        "test-era.json");
    const auto sat_sun = danchu::weekly_rest::saturday_sunday();
    const auto cal = danchu::calendar::with_weekly_rest(data, sat_sun);
    // 31/12/2033 is a Saturday: its compensatory day, computed with 2033's
    // days, is Monday 2/1/2034 (Sunday 1/1/2034 gives 2034 its own one).
    const auto y2034 = cal.entries(2034);
    const auto spilled = std::find_if(y2034.begin(), y2034.end(), [](const holiday& h) {
        return h.holiday_id == "new-year-eve" && h.date.month() == 1;
    });
    REQUIRE(spilled != y2034.end());
    CHECK(spilled->date == make_day(2034, 1, 2));
    CHECK(spilled->kind == danchu::holiday_kind::compensatory);
    const auto y2033 = cal.entries(2033);
    CHECK(y2033.back().date == make_day(2033, 12, 31));
    check_against_eager(data, sat_sun, false, cal, danchu::calendar::with_weekly_rest(data, sat_sun));
    check_against_eager(data, sat_sun, true, danchu::calendar::civil_servant(data),
                        danchu::calendar::civil_servant(data));
}

TEST_CASE("one year's holidays read only that year's schedule file", "[calendar]") {
    // 2025's official schedule (brief §2.4 row 2025: off 2025-01-27..2025-01-31),
    // a 2024 file whose top level is fine but whose entry is malformed, and the
    // bundled eras.
    const std::string dir = temp_dir("one_year");
    std::filesystem::copy_file(data_dir + "/schedules/2025.json", dir + "/2025.json");
    std::filesystem::copy_file(data_dir + "/schedules/eras.json", dir + "/eras.json");
    nlohmann::json bad = {{"year", 2024}, {"entries", nlohmann::json::array({danchu_test::holiday_entry()})}};
    bad["entries"][0]["date"] = "2024-02-30";
    write(dir + "/2024.json", bad.dump());

    const auto data = danchu::holiday_data::load_directory(dir); // the bad entry is not read yet
    CHECK(data.official_years() == std::vector<int>{2024, 2025});
    const auto cal = danchu::calendar::civil_servant(data);
    CHECK(cal.has_official_schedule(2024));
    const auto h = cal.holidays(2025);
    CHECK(std::count_if(h.begin(), h.end(), [](const holiday& x) { return x.holiday_id == "tet"; }) == 5);
    CHECK(h.front().date == make_day(2025, 1, 1));
    CHECK_FALSE(h.front().derived);
    CHECK(cal.holidays(2030).front().derived); // by rule, from eras.json
    // the malformed file is reported, with its path and JSON pointer, by the
    // first call that needs it, and by every later one
    const std::string where = "2024.json:/entries/0/date: \"2024-02-30\" is not a valid ISO date";
    CHECK(has(error_of<danchu::parse_error>([&] { (void)cal.holidays(2024); }), where));
    CHECK(has(error_of<danchu::parse_error>([&] { (void)cal.holidays(2024); }), where));
    CHECK(
        has(error_of<danchu::parse_error>([&] { (void)cal.is_working_day(make_day(2025, 1, 27)); }), where));
    CHECK(has(error_of<danchu::parse_error>([&] { data.load_all(); }), where));
    CHECK(has(error_of<danchu::parse_error>([&] { (void)data.schedules(); }), where));
    CHECK(cal.holidays(2025).size() == h.size()); // the good year still answers
    std::filesystem::remove_all(dir);
}

TEST_CASE("files whose top level the scan cannot read are converted at once", "[calendar]") {
    const std::string dir = temp_dir("top_level");
    auto load_error = [&](const std::string& text) {
        write(dir + "/x.json", text);
        return error_of<danchu::parse_error>([&] { (void)danchu::holiday_data::load_directory(dir); });
    };
    CHECK(has(load_error(R"({"year": "2030", "entries": []})"), "x.json:/year: expected an integer"));
    CHECK(has(load_error(R"({"year": 1800, "entries": []})"), "x.json:/year"));
    CHECK(has(load_error(R"({"entries": [], "year": null})"), "expected a member \"eras\""));
    // a file broken after its "year" is reported when that year is needed
    write(dir + "/x.json", R"({"year": 2030, "entries": [)");
    const auto broken = danchu::holiday_data::load_directory(dir);
    CHECK(broken.has_schedule(2030));
    CHECK(has(error_of<danchu::parse_error>([&] { (void)broken.schedule_for(2030); }), "x.json"));
    CHECK(has(load_error("[1, 2]"), "expected an object"));
    CHECK(has(load_error(R"({"description": {"vi": "a", "en": "b"}})"), "expected a member \"eras\""));
    // "year" after "entries" (a long first member), and an escaped key: found
    // by the scan of the whole file or by the full conversion, the same data
    std::string entries = "[";
    for (int m = 1; m <= 12; ++m) {
        nlohmann::json e = danchu_test::holiday_entry();
        e["date"] = "2030-" + std::string(m < 10 ? "0" : "") + std::to_string(m) + "-01";
        e["kind"] = "swapped_day_off";
        e["source"]["note"] = std::string(400, 'x');
        entries += (m > 1 ? "," : "") + e.dump();
    }
    entries += "]";
    for (const std::string& text : {"{\"entries\": " + entries + ", \"year\": 2030}",
                                    "{\"entr\\u0069es\": " + entries + ", \"year\": 2030}"}) {
        write(dir + "/x.json", text);
        REQUIRE(text.size() > 4096);
        const auto data = danchu::holiday_data::load_directory(dir);
        CHECK(data.official_years() == std::vector<int>{2030});
        REQUIRE(data.schedule_for(2030) != nullptr);
        CHECK(data.schedule_for(2030)->entries.size() == 12);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("a calendar shared by threads computes each year once, the same for all", "[calendar]") {
    const auto cal =
        danchu::calendar::civil_servant(danchu::holiday_data::load_directory(data_dir + "/schedules"));
    const auto want =
        danchu::calendar::civil_servant(danchu::holiday_data::load_directory(data_dir + "/schedules"));
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int y = 1990 + t; y <= 2060; ++y) {
                const auto a = cal.holidays(y);
                if (a.size() != want.holidays(y).size()) ++wrong;
                if (cal.is_working_day(make_day(y, 3, 3)) != want.is_working_day(make_day(y, 3, 3))) ++wrong;
            }
        });
    for (auto& t : threads) t.join();
    CHECK(wrong == 0);
}
