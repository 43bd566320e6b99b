#include "catch.hpp"
#include "report_fixture.hpp"

#include <danchu/report/report.hpp>

#include <algorithm>
#include <string>
#include <type_traits>

namespace r = danchu::report;
using danchu_test::example_report;

static_assert(std::is_copy_constructible_v<r::document>);
static_assert(std::is_nothrow_move_constructible_v<r::document>);
static_assert(std::is_nothrow_move_assignable_v<r::document>);

namespace {

std::size_t occurrences(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size())) ++n;
    return n;
}

std::string validation_message(const r::document& d) {
    try {
        r::validate(d);
    } catch (const danchu::argument_error& e) {
        return e.what();
    }
    return "";
}

const char* const hostile = "<script>alert(\"x\")</script> & 'co' | [a](b) *c*";

r::document hostile_report() {
    auto d = example_report();
    d.units[0].name = hostile;
    d.units[1].district = "=HYPERLINK(\"http://evil.invalid\")";
    d.units[2].name = "Sở Y tế, \"phòng\" 2\nhai dòng";
    d.head.province.vi = "<b>Bắc Giang</b>";
    d.problems[0].message = "</td></tr></table><img src=x onerror=alert(1)>";
    d.failings[0].units[0].unit_name = hostile;
    d.by_district = r::count_by_group(d, false);
    return d;
}

} // namespace

TEST_CASE("the example report is a valid document", "[report]") {
    const auto d = example_report();
    CHECK_NOTHROW(r::validate(d));
    CHECK(d.bands.size() == 6);
    CHECK(d.failings.size() == 4);
}

TEST_CASE("units are counted by band per district and per sector", "[report]") {
    const auto d = example_report();
    const auto districts = r::count_by_group(d, false);
    REQUIRE(districts.size() == 4); // Cấp tỉnh, Lục Ngạn, Yên Dũng, TP Bắc Giang
    CHECK(districts[0].key == "Cấp tỉnh");
    CHECK(districts[0].band_counts == std::vector<std::size_t>{1, 2, 0, 0, 0, 0});
    CHECK(districts[1].key == "Lục Ngạn");
    CHECK(districts[1].band_counts == std::vector<std::size_t>{1, 0, 1, 1, 0, 0});
    CHECK(districts[3].band_counts == std::vector<std::size_t>{0, 0, 1, 1, 1, 0});
    const auto sectors = r::count_by_group(d, true);
    REQUIRE(sectors.size() == 4); // state management, education, health, culture
    CHECK(sectors[1].key == "Giáo dục");
    CHECK(sectors[1].band_counts == std::vector<std::size_t>{0, 1, 2, 0, 1, 0});
}

TEST_CASE("validation names the field by its JSON pointer", "[report]") {
    auto d = example_report();
    SECTION("a unit in a band the legend does not have") {
        d.units[3].band = "xuat_sac";
        const auto m = validation_message(d);
        CHECK(m.rfind("[danchu.argument] report document: /units/3/band: unknown band "
                      "\"xuat_sac\"",
                      0) == 0);
        CHECK(m.find("tot, kha, trung_binh, yeu, not_eligible, not_classified") != std::string::npos);
    }
    SECTION("band counts that do not add up to the units assessed") {
        d.current.band_counts[0] = 5;
        CHECK(validation_message(d).find("/current/band_counts: the counts add up to 15: "
                                         "expected units_assessed (12)") != std::string::npos);
    }
    SECTION("a count per band is missing") {
        d.by_sector[0].band_counts.pop_back();
        CHECK(validation_message(d).find("/by_sector/0/band_counts: has 5 counts") != std::string::npos);
    }
    SECTION("a day that does not exist") {
        d.head.period.data_to = "2018-02-29";
        CHECK(validation_message(d).find("/header/period/data_to: \"2018-02-29\" is not a date") !=
              std::string::npos);
    }
    SECTION("a period that ends before it starts") {
        d.head.period.end = "2017-12-31";
        CHECK(validation_message(d).find("/header/period/end: the period ends") != std::string::npos);
    }
    SECTION("a colour that could break out of the SVG attribute") {
        d.bands[2].colour = "red\" onload=\"x";
        CHECK(validation_message(d).find("/bands/2/colour") != std::string::npos);
    }
    SECTION("scores and rates out of range, repeated ids, empty legal basis") {
        d.units[0].score = 100.5;
        CHECK(validation_message(d).find("/units/0/score") != std::string::npos);
        d = example_report();
        d.current.pass_rate = 1.2;
        CHECK(validation_message(d).find("/current/pass_rate") != std::string::npos);
        d = example_report();
        d.units[4].id = d.units[1].id;
        CHECK(validation_message(d).find("/units/4/id: unit id \"bg-sgddt\" repeats") != std::string::npos);
        d = example_report();
        d.head.legal_basis.clear();
        CHECK(validation_message(d).find("/header/legal_basis") != std::string::npos);
    }
    SECTION("a failing unit that cites a rule the failing does not list") {
        d.failings[1].units[0].rule_ids.push_back("NO-SUCH-RULE");
        CHECK(validation_message(d).find("/failings/1/units/0/rule_ids/1: rule "
                                         "\"NO-SUCH-RULE\"") != std::string::npos);
    }
    SECTION("an overdue item that is not late") {
        d.schedule.overdue[1].working_days_late = 0;
        CHECK(validation_message(d).find("/schedule/overdue/1/working_days_late") != std::string::npos);
    }
    SECTION("renderers refuse an invalid document and an unknown language") {
        d.units[0].band = "?";
        CHECK_THROWS_AS(r::to_html(d), danchu::argument_error);
        CHECK_THROWS_AS(r::to_markdown(d), danchu::argument_error);
        CHECK_THROWS_AS(r::units_csv(d), danchu::argument_error);
        try {
            (void)r::to_html(example_report(), "fr");
            FAIL("expected an argument_error");
        } catch (const danchu::argument_error& e) {
            CHECK(std::string(e.what()) == "[danchu.argument] lang: unknown language \"fr\": expected \"vi\" "
                                           "(Vietnamese, the default) or \"en\" (English)");
        }
    }
}

TEST_CASE("numbers and dates are formatted per language, independent of the C locale", "[report]") {
    using namespace danchu::report::detail;
    CHECK(fixed(72.5, 1, r::language::vi) == "72,5");
    CHECK(fixed(72.5, 1, r::language::en) == "72.5");
    CHECK(fixed(-0.04, 1, std::nullopt) == "0.0");
    CHECK(count(1234567, r::language::vi) == "1.234.567");
    CHECK(count(1234567, r::language::en) == "1,234,567");
    CHECK(count(999, r::language::en) == "999");
    CHECK(percent(2.0 / 3.0, r::language::vi) == "66,7 %");
    CHECK(percent(std::nullopt, r::language::en) == "—");
    CHECK(delta(4.5, r::language::vi) == "+4,5");
    CHECK(delta(-6.5, r::language::en) == "\u22126.5");
    CHECK(delta(0.01, r::language::en) == "0.0");
    CHECK(delta(3, r::language::en, 0) == "+3");
    CHECK(date("2018-06-08", r::language::vi) == "08/06/2018");
    CHECK(date("2018-06-08", r::language::en) == "2018-06-08");
    CHECK(is_iso_date("2016-02-29"));
    CHECK_FALSE(is_iso_date("2018-02-29"));
    CHECK_FALSE(is_iso_date("2018-13-01"));
    CHECK_FALSE(is_iso_date("18-06-08"));
    CHECK(utf8_truncate("Trường Tiểu học", 7) == "Trường\u2026");
    CHECK(utf8_length(utf8_truncate("Bệnh viện Đa khoa", 3)) == 3);
}

TEST_CASE("the HTML report is one self-contained, printable file", "[report]") {
    const auto d = example_report();
    const std::string html = r::to_html(d);
    CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"vi\">", 0) == 0);
    CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
    SECTION("every section is there, in order") {
        std::size_t at = 0;
        for (const char* id :
             {"summary", "districts", "sectors", "failings", "schedule", "changes", "problems", "appendix"}) {
            const auto p = html.find(std::string("<section id=\"") + id + "\">");
            REQUIRE(p != std::string::npos);
            CHECK(p > at);
            at = p;
        }
        CHECK(occurrences(html, "<section") == occurrences(html, "</section>"));
        CHECK(occurrences(html, "<table>") == occurrences(html, "</table>"));
        CHECK(occurrences(html, "<tr>") == occurrences(html, "</tr>"));
        CHECK(occurrences(html, "<svg") == 3); // districts, sectors, change
        CHECK(occurrences(html, "</svg>") == 3);
    }
    SECTION("nothing is loaded from outside and nothing runs") {
        CHECK(html.find("<script") == std::string::npos);
        CHECK(html.find("src=") == std::string::npos);
        CHECK(html.find("url(") == std::string::npos);
        CHECK(html.find("@import") == std::string::npos);
        CHECK(html.find("href=\"http") == std::string::npos);
        CHECK(html.find("default-src 'none'") != std::string::npos);
        // The only URL is the SVG namespace name, which is never fetched.
        CHECK(occurrences(html, "https:") == 0);
        CHECK(occurrences(html, "http:") == occurrences(html, "http://www.w3.org/2000/svg"));
    }
    SECTION("print rules: A4 pages, a break before each section, repeated headers") {
        CHECK(html.find("@media print") != std::string::npos);
        CHECK(html.find("@page{size:A4") != std::string::npos);
        CHECK(html.find("section{break-before:page") != std::string::npos);
        CHECK(html.find("thead{display:table-header-group}") != std::string::npos);
    }
    SECTION("the content: header, figures, failings, schedule, problems, units") {
        CHECK(html.find("Kính gửi</dt><dd>Chủ tịch Ủy ban nhân dân tỉnh Bắc Giang") != std::string::npos);
        CHECK(html.find("15/12/2017 – 14/06/2018") != std::string::npos);
        CHECK(html.find("Dữ liệu trong báo cáo này là dữ liệu tổng hợp") != std::string::npos);
        CHECK(html.find("<div class=\"v\">66,7 %</div><div class=\"d\">+8,3 so với 2017-H2") !=
              std::string::npos);
        CHECK(html.find("Người đứng đầu chưa trực tiếp lãnh đạo, chỉ đạo — 1 đơn vị") != std::string::npos);
        CHECK(html.find("<td class=\"n\">08/06/2018</td><td class=\"n\">6</td>") != std::string::npos);
        CHECK(html.find("ln-thcs-phuson") != std::string::npos);
        CHECK(occurrences(html, "<td>tp-ttvh</td>") == 4); // 3 failings + appendix
        CHECK(html.find("Khá → Tốt") != std::string::npos);
    }
    SECTION("English on request") {
        const std::string en = r::to_html(d, "en");
        CHECK(en.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
        CHECK(en.find("Six-monthly report on democracy in agencies and units") != std::string::npos);
        CHECK(en.find("<dt>To</dt><dd>Chairman of the Bắc Giang Provincial People&#39;s "
                      "Committee") != std::string::npos);
        CHECK(en.find("The data in this report is synthetic") != std::string::npos);
        CHECK(en.find("66.7%") != std::string::npos);
        CHECK(en.find("Kính gửi") == std::string::npos);
    }
}

TEST_CASE("every string from the document is escaped", "[report]") {
    const auto d = hostile_report();
    SECTION("HTML") {
        const std::string html = r::to_html(d);
        CHECK(html.find("<script") == std::string::npos);
        CHECK(html.find("<img") == std::string::npos);
        CHECK(html.find("<b>Bắc Giang") == std::string::npos);
        CHECK(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;") !=
              std::string::npos);
        // The loader's message is shown in English only (Vietnamese: a sentence per kind).
        CHECK(r::to_html(d, "en").find("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;img src=x") !=
              std::string::npos);
        CHECK(occurrences(html, "<table>") == occurrences(html, "</table>"));
    }
    SECTION("Markdown") {
        const std::string md = r::to_markdown(d);
        CHECK(md.find("<script") == std::string::npos);
        CHECK(md.find("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; 'co' \\| \\[a\\](b) "
                      "\\*c\\*") != std::string::npos);
        CHECK(md.find("\"phòng\" 2 hai dòng") != std::string::npos); // no line break in a cell
    }
    SECTION("CSV") {
        const std::string csv = r::units_csv(d);
        CHECK(csv.find(",<script>") == std::string::npos); // it holds quotes: quoted
        CHECK(csv.find(",\"<script>alert(\"\"x\"\")</script> & 'co' | [a](b) *c*\",") != std::string::npos);
        CHECK(csv.find(",\"'=HYPERLINK(\"\"http://evil.invalid\"\")\",") != std::string::npos);
        CHECK(csv.find(",\"Sở Y tế, \"\"phòng\"\" 2\nhai dòng\",") != std::string::npos);
    }
}

TEST_CASE("the Markdown report has the same sections as the HTML one", "[report]") {
    const auto d = example_report();
    const std::string md = r::to_markdown(d);
    CHECK(md.rfind("# Báo cáo sáu tháng về thực hiện dân chủ ở cơ quan, đơn vị — Bắc Giang — "
                   "2018-H1\n",
                   0) == 0);
    CHECK(occurrences(md, "\n## ") == 8);
    CHECK(occurrences(md, "\n### ") == 6); // 4 failings, overdue, upcoming
    CHECK(md.find("| Tỷ lệ đạt | 66,7 % | 58,3 % | +8,3 |") != std::string::npos);
    CHECK(md.find("| Xếp loại Tốt | 2 | 1 | +1 |") != std::string::npos);
    CHECK(md.find("| ln-ttyt | Trung tâm Y tế huyện Lục Ngạn | 52,0 | 45,5 | \u22126,5 | 7 → 9 "
                  "| Trung bình → Yếu |") != std::string::npos);
    CHECK(md.find("| --- | --- | --- | --- | ---: | --- | ---: |") != std::string::npos);
    const std::string en = r::to_markdown(d, "en");
    CHECK(en.find("## Change since the previous period") != std::string::npos);
    CHECK(en.find("| Pass rate | 66.7% | 58.3% | +8.3 |") != std::string::npos);
    CHECK(en.find("> **The data in this report is synthetic") != std::string::npos);
}

TEST_CASE("the CSV files are UTF-8 with a BOM, RFC 4180, one row per item", "[report]") {
    const auto d = example_report();
    const std::string units = r::units_csv(d);
    CHECK(units.rfind("\xEF\xBB\xBFMã đơn vị,Tên đơn vị,Huyện,Lĩnh vực,Điểm,Xếp loại,"
                      "Mã xếp loại,Thứ hạng,Đủ minh chứng\r\n",
                      0) == 0);
    CHECK(occurrences(units, "\r\n") == d.units.size() + 1);
    CHECK(occurrences(units, "\n") == d.units.size() + 1); // no bare line feeds
    CHECK(units.find("\r\nbg-snv,Sở Nội vụ,Cấp tỉnh,Quản lý nhà nước,92.50,Tốt,tot,1,1\r\n") !=
          std::string::npos);
    CHECK(units.find("\r\nyd-bvdk,Bệnh viện Đa khoa huyện Yên Dũng,Yên Dũng,Y tế,,"
                     "Chưa xếp loại,not_classified,,0\r\n") != std::string::npos);
    const std::string en = r::units_csv(d, "en");
    CHECK(en.rfind("\xEF\xBB\xBFUnit id,Unit name,District,Sector,Score,Band,Band id,Rank,"
                   "Complete evidence\r\n",
                   0) == 0);
    CHECK(en.find(",81.00,Not eligible,not_eligible,,1\r\n") != std::string::npos);

    const std::string overdue = r::overdue_csv(d);
    CHECK(occurrences(overdue, "\r\n") == 3);
    CHECK(overdue.find("\r\nln-ttyt,Trung tâm Y tế huyện Lục Ngạn,unit-report-h1,"
                       "Báo cáo sáu tháng của đơn vị gửi Sở Nội vụ,2018-06-08,6,") != std::string::npos);
    const std::string upcoming = r::upcoming_csv(d, "en");
    CHECK(upcoming.find("\r\nyd-th-tanan,Trường Tiểu học Tân An,bttnd-election,"
                        "Elect a new People's Inspection Board,2018-07-02,10,"
                        "\"Luật Thanh tra số 56/2010/QH12, Điều 72\"\r\n") != std::string::npos);
}

TEST_CASE("an empty report still renders, saying there is nothing", "[report]") {
    auto d = example_report();
    d.units.clear();
    d.by_district.clear();
    d.by_sector.clear();
    d.failings.clear();
    d.schedule = {};
    d.changes.clear();
    d.problems.clear();
    d.previous.reset();
    d.current = {"2018-H1", 0, 0, std::nullopt, std::nullopt, {0, 0, 0, 0, 0, 0}};
    const std::string html = r::to_html(d, "en");
    CHECK(occurrences(html, "<p class=\"none\">None.</p>") == 8);
    CHECK(html.find("No figures for a previous period.") != std::string::npos);
    CHECK(occurrences(html, "<svg") == 0);
    CHECK(r::units_csv(d) == std::string(r::csv_bom) +
                                 "Mã đơn vị,Tên đơn vị,Huyện,Lĩnh vực,Điểm,Xếp loại,Mã xếp loại,"
                                 "Thứ hạng,Đủ minh chứng\r\n");
    CHECK_NOTHROW(r::to_markdown(d));
}
