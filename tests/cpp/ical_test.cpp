// Tests of the iCalendar export (include/danchu/calendar/ical.hpp) against RFC 5545:
// CRLF, folding at 75 octets (3.1), TEXT escaping (3.3.11), all-day events
// with UID and DTSTAMP (3.6.1). The Python tests parse the output with the
// icalendar package as well.

#include "catch.hpp"
#include "test_support.hpp"

#include <danchu/calendar/ical.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

namespace {
using danchu_test::data_dir;

std::vector<std::string> physical_lines(const std::string& s) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < s.size()) {
        const auto crlf = s.find("\r\n", pos);
        REQUIRE(crlf != std::string::npos); // every line ends with CRLF
        out.push_back(s.substr(pos, crlf - pos));
        pos = crlf + 2;
    }
    return out;
}
bool valid_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + static_cast<std::size_t>(n) > s.size()) return false;
        for (int k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0xC0) != 0x80) return false;
        i += static_cast<std::size_t>(n);
    }
    return true;
}
} // namespace

TEST_CASE("TEXT escaping and folding", "[ical]") {
    CHECK(danchu::ical_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne");
    const std::string longline = "SUMMARY:" + std::string(200, 'x');
    const auto folded = danchu::ical_fold(longline);
    const auto lines = physical_lines(folded);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].size() == 75);
    CHECK(lines[1][0] == ' ');
    std::string unfolded;
    for (std::size_t i = 0; i < lines.size(); ++i) unfolded += i == 0 ? lines[i] : lines[i].substr(1);
    CHECK(unfolded == longline);
    // multi-byte characters are never split
    std::string vi = "SUMMARY:";
    for (int i = 0; i < 60; ++i) vi += "Tết ";
    for (const auto& l : physical_lines(danchu::ical_fold(vi))) {
        CHECK(l.size() <= 75);
        CHECK(valid_utf8(l));
    }
    CHECK(danchu::ical_timestamp(0) == "19700101T000000Z");
    CHECK(danchu::ical_timestamp(1795000000) == "20261118T110640Z");
}

TEST_CASE("holidays and deadlines of 2026 as a VCALENDAR", "[ical]") {
    const auto cal = danchu::calendar::vietnam(data_dir);
    const auto regimes = danchu::convention_set::load_directory(data_dir + "/regimes");
    const auto& r = regimes.at("decree-09-2019");
    auto events = danchu::holiday_events(cal, 2026, "vi");
    const auto periods = danchu::report_periods(r, danchu::period_kind::quarter, 2026, cal);
    const auto dl = danchu::deadline_events(periods, r, "en");
    events.insert(events.end(), dl.begin(), dl.end());
    const std::string ics = danchu::to_ical(events, "Lịch nghỉ, hạn báo cáo 2026", "20261127T120000Z");
    const auto lines = physical_lines(ics);
    CHECK(lines.front() == "BEGIN:VCALENDAR");
    CHECK(lines.back() == "END:VCALENDAR");
    int begins = 0, uids = 0, stamps = 0;
    for (const auto& l : lines) {
        CHECK(l.size() <= 75);
        CHECK(valid_utf8(l));
        begins += l == "BEGIN:VEVENT";
        uids += l.rfind("UID:", 0) == 0;
        stamps += l == "DTSTAMP:20261127T120000Z";
    }
    CHECK(begins == static_cast<int>(events.size()));
    CHECK(begins == 16 + 4);
    CHECK(uids == begins);
    CHECK(stamps == begins);
    CHECK(ics.find("DTSTART;VALUE=DATE:20260216\r\nDTEND;VALUE=DATE:20260217\r\n") != std::string::npos);
    CHECK(ics.find("UID:decree-09-2019-2026-Q1-deadline@danchu") != std::string::npos);
    CHECK(ics.find("DTSTART;VALUE=DATE:20261225") != std::string::npos);
    CHECK_THROWS_AS(danchu::holiday_events(cal, 2026, "fr"), danchu::argument_error);
}

// Regression (issue 15, item 16): folding a line of bytes that are not UTF-8
// (75 continuation bytes in a row) looped forever.
TEST_CASE("folding a line that is not UTF-8 terminates", "[ical][regression]") {
    const std::string garbage(400, '\x80');
    const std::string folded = danchu::ical_fold("SUMMARY:" + garbage);
    for (const auto& l : physical_lines(folded)) CHECK(l.size() <= 75);
    std::string back;
    for (const auto& l : physical_lines(folded)) back += l.empty() || l[0] != ' ' ? l : l.substr(1);
    CHECK(back == "SUMMARY:" + garbage);
}

// Regression (issue 15, item 15): a unit id or text holding CR LF was copied raw
// into UID (and a bare CR into any TEXT), so a reader saw the attacker's property.
TEST_CASE("no value can start a new content line", "[ical][regression]") {
    danchu::ical_event e;
    e.date = danchu::make_day(2018, 6, 14);
    e.uid = "x\r\nBEGIN:VEVENT\r\nSUMMARY:evil@danchu";
    e.summary = "a\rSUMMARY:b\x01\x7f";
    e.description = "line 1\nline 2";
    const std::string out = danchu::to_ical({e}, "t", "20180614T000000Z");
    const auto lines = physical_lines(out);
    CHECK(std::count(lines.begin(), lines.end(), std::string("BEGIN:VEVENT")) == 1);
    for (const auto& l : lines) {
        CHECK(l.rfind("SUMMARY:evil", 0) == std::string::npos);
        CHECK(l.find('\r') == std::string::npos);
        CHECK(l.find('\x01') == std::string::npos);
    }
    CHECK(out.find("UID:x\\nBEGIN:VEVENT\\nSUMMARY:evil@danchu\r\n") != std::string::npos);
    CHECK(out.find("SUMMARY:aSUMMARY:b\r\n") != std::string::npos);
    CHECK(out.find("DESCRIPTION:line 1\\nline 2\r\n") != std::string::npos);
}

// Regression (issue 15, item 15): a DTSTAMP with CR LF was accepted.
TEST_CASE("a DTSTAMP must be a UTC time", "[ical][regression]") {
    CHECK(danchu::is_ical_timestamp("20180614T000000Z"));
    CHECK_FALSE(danchu::is_ical_timestamp("20180614T000000Z\r\nX:1"));
    CHECK_FALSE(danchu::is_ical_timestamp("2018-06-14"));
    CHECK_THROWS_AS(danchu::to_ical({}, "t", "20180614T000000Z\r\nX-EVIL:1"), danchu::argument_error);
    CHECK(danchu_test::error_of<danchu::argument_error>([] {
              (void)danchu::to_ical({}, "t", "bad");
          }).find("expected a UTC time YYYYMMDDTHHMMSSZ") != std::string::npos);
}

// Found by outputs_fuzz: text that is not UTF-8 (a value cut inside a character)
// went into the calendar as is; RFC 5545 §3.1 content is UTF-8.
TEST_CASE("text that is not UTF-8 becomes U+FFFD in a calendar", "[ical][regression]") {
    CHECK(danchu::ical_escape("H\xe1\xbb") == "H\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(danchu::ical_escape("Hội nghị") == "Hội nghị");
}
