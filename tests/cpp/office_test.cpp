// XLSX in and out (issue 13, danchu::office): the reader (libzip + pugixml) on
// workbooks written by libxlsxwriter, hostile and broken input; evidence
// workbooks written, filled and read back into the same events as JSON; the
// report's appendix; dates as people type them in CSV and workbooks.
// Excel's serial dates: ECMA-376 Part 1 §18.17.4.1 (1900 date base system:
// serial 1 is 1900-01-01 and 1900 is treated as a leap year).
#include "catch.hpp"
#include "report_fixture.hpp"
#include "shared_data.hpp"
#include "test_support.hpp"

#include <danchu/evidence/event_io.hpp>
#include <danchu/io/detail/date_text.hpp>
#include <danchu/office/xlsx.hpp>

#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
namespace office = danchu::office;
using danchu_test::has;

std::string temp_path(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / "danchu-office-test";
    fs::create_directories(dir);
    return (dir / name).string();
}

std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const danchu::error& e) {
        return e.what();
    }
    return "(no error)";
}

/// A workbook as a unit fills danchu's template (rows 1-2 titles, row 3 ids, data from row 4).
void write_filled(const std::string& path, const std::string& present, const char* none_to = "30/06/2025") {
    lxw_workbook* wb = workbook_new(path.c_str());
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    lxw_worksheet* ws = workbook_add_worksheet(wb, "conference_held");
    const char* ids[] = {"unit", "date", "session", "present", "form_agreed_with_union", "note"};
    for (lxw_col_t c = 0; c < 6; ++c) worksheet_write_string(ws, 2, c, ids[c], nullptr);
    worksheet_write_string(ws, 0, 0, "Hội nghị", nullptr);
    worksheet_write_string(ws, 3, 0, "SNV", nullptr);
    lxw_datetime held{2025, 3, 20, 0, 0, 0};
    worksheet_write_datetime(ws, 3, 1, &held, date);
    worksheet_write_string(ws, 3, 2, "regular", nullptr);
    if (present == "58")
        worksheet_write_number(ws, 3, 3, 58, nullptr);
    else
        worksheet_write_string(ws, 3, 3, present.c_str(), nullptr);
    worksheet_write_boolean(ws, 3, 4, 1, nullptr);
    worksheet_write_string(ws, 3, 5, "=HYPERLINK(\"http://evil.example\",\"x\")\n<script>", nullptr);
    worksheet_write_string(ws, 4, 0, "SNV", nullptr); // a prefilled row left unused
    lxw_worksheet* nn = workbook_add_worksheet(wb, "KhongPhatSinh");
    const char* nids[] = {"unit", "kind", "from", "to", "note"};
    for (lxw_col_t c = 0; c < 5; ++c) worksheet_write_string(nn, 2, c, nids[c], nullptr);
    worksheet_write_string(nn, 3, 0, "THPT", nullptr);
    worksheet_write_string(nn, 3, 1, "conference_held", nullptr);
    worksheet_write_string(nn, 3, 2, "01/01/2025", nullptr);
    worksheet_write_string(nn, 3, 3, none_to, nullptr);
    REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
}

danchu::event_log load_xlsx(const std::string& path) {
    danchu::event_log_builder b(danchu_test::event_kinds(), danchu_test::events_organisation());
    office::add_events_xlsx_file(b, *danchu_test::event_kinds(), path);
    return b.build();
}

} // namespace

TEST_CASE("Excel serial dates and cell references", "[office]") {
    CHECK(office::cell_ref(7, 3) == "C7");
    CHECK(office::cell_ref(1, 27) == "AA1");
    CHECK(office::cell_ref(1048576, 16384) == "XFD1048576");
    CHECK(office::day_of_serial(1) == danchu::parse_iso_date("1900-01-01"));
    CHECK(office::day_of_serial(59) == danchu::parse_iso_date("1900-02-28"));
    CHECK(office::day_of_serial(61) == danchu::parse_iso_date("1900-03-01"));
    CHECK(office::day_of_serial(43229.75) == danchu::parse_iso_date("2018-05-09")); // time of day dropped
    CHECK(office::serial_of_day(danchu::parse_iso_date("2018-05-09")) == 43229);
    CHECK(office::serial_of_day(danchu::parse_iso_date("1900-01-01")) == 1);
    CHECK_THROWS_AS(office::day_of_serial(60), danchu::calendar_error); // Excel's 29/02/1900
    CHECK_THROWS_AS(office::day_of_serial(0), danchu::calendar_error);
    CHECK_THROWS_AS(office::day_of_serial(3e6), danchu::calendar_error);
}

TEST_CASE("Dates as typed: ISO or dd/mm/yyyy; ambiguous forms say how to write them", "[office][csv]") {
    using danchu::detail::parse_date_text;
    CHECK(parse_date_text("09/05/2018") == danchu::parse_iso_date("2018-05-09"));
    CHECK(parse_date_text("9/5/2018") == danchu::parse_iso_date("2018-05-09"));
    CHECK(parse_date_text("2018-05-09") == danchu::parse_iso_date("2018-05-09"));
    CHECK(has(message_of([] { parse_date_text("05/13/2018", "from"); }), "US order"));
    CHECK(has(message_of([] { parse_date_text("05/13/2018", "from"); }), "13/05/2018"));
    CHECK(has(message_of([] { parse_date_text("09/05/18"); }), "ambiguous"));
    CHECK(has(message_of([] { parse_date_text("2018/05/09"); }), "year first"));
    CHECK(has(message_of([] { parse_date_text("31/02/2018"); }), "not a valid date"));
    CHECK(has(message_of([] { parse_date_text("2018-02-30"); }), "not a valid date"));
    CHECK(has(message_of([] { parse_date_text("hôm qua"); }), "dd/mm/yyyy"));
}

TEST_CASE("A filled workbook gives the same events as the equivalent JSON", "[office]") {
    const std::string path = temp_path("don-vi.xlsx");
    write_filled(path, "58");
    const auto log = load_xlsx(path);
    const auto json = danchu::events_from_json(
        nlohmann::json::parse(R"({"events": [{"unit": "SNV", "kind": "conference_held", "date": "2025-03-20",
            "session": "regular", "present": 58, "form_agreed_with_union": true,
            "note": "=HYPERLINK(\"http://evil.example\",\"x\")\n<script>"}],
            "none": [{"unit": "THPT", "kind": "conference_held", "from": "2025-01-01", "to": "2025-06-30"}]})"),
        "events.json", danchu_test::event_kinds(), danchu_test::events_organisation());
    REQUIRE(log.size() == 1);
    REQUIRE(json.size() == 1);
    CHECK(log.date(0) == json.date(0));
    CHECK(log.unit_column() == json.unit_column());
    CHECK(log.kind_column() == json.kind_column());
    for (const char* f : {"session", "present", "form_agreed_with_union"}) {
        CHECK(log.value(0, f)->present);
        CHECK(log.value(0, f)->number == json.value(0, f)->number);
    }
    CHECK(log.note(0) == json.note(0)); // hostile text stays text
    CHECK(log.source(0).file == "don-vi.xlsx");
    CHECK(log.source(0).sheet == "conference_held");
    CHECK(log.source(0).row == 4);
    CHECK(log.origin(0).text() == path + ":conference_held!A4");
    REQUIRE(log.nones().size() == 1);
    CHECK(log.nones()[0].from == json.nones()[0].from);
    CHECK(log.nones()[0].to == json.nones()[0].to);
    // The log as an events document reads back as the same log.
    const std::string text = office::events_json_text(log);
    const auto again =
        danchu::events_from_json(nlohmann::json::parse(text), "again.json", danchu_test::event_kinds(),
                                 danchu_test::events_organisation());
    REQUIRE(again.size() == 1);
    CHECK(again.note(0) == log.note(0));
    CHECK(again.value(0, "present")->number == 58);
    CHECK(again.source(0).sheet == "conference_held");
    CHECK(has(text, "\"session\": \"regular\""));
    CHECK(again.nones().size() == 1);
}

TEST_CASE("Bad cells are errors naming file!Sheet!cell and what was expected", "[office]") {
    const std::string path = temp_path("bad.xlsx");
    write_filled(path, "năm mươi");
    const std::string m = message_of([&] { load_xlsx(path); });
    CHECK(has(m, "bad.xlsx!conference_held!D4"));
    CHECK(has(m, "a whole number"));
    write_filled(path, "58", "06/31/2025");
    CHECK(has(message_of([&] { load_xlsx(path); }), "bad.xlsx!KhongPhatSinh!D4"));
    write_filled(path, "-3");
    CHECK(has(message_of([&] { load_xlsx(path); }), "bad.xlsx!conference_held!D4"));
    // Lenient: the problem is collected, the rest is read.
    write_filled(path, "năm mươi");
    danchu::event_log_builder b(danchu_test::event_kinds(), danchu_test::events_organisation());
    std::vector<danchu::event_issue> issues;
    b.set_problem_sink(&issues);
    office::add_events_xlsx_file(b, *danchu_test::event_kinds(), path, &issues);
    const auto log = b.build();
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].location == "conference_held!D4");
    CHECK(log.nones().size() == 1);
}

TEST_CASE("Not a workbook, or a damaged one: a parse error, never a crash", "[office]") {
    const std::string path = temp_path("not.xlsx");
    std::ofstream(path, std::ios::binary) << "unit,kind,date\n";
    CHECK(has(message_of([&] { office::read_xlsx(path); }), "not an XLSX workbook"));
    CHECK(has(message_of([&] { office::read_xlsx(temp_path("missing.xlsx")); }), "cannot open"));
    const std::string good = temp_path("good.xlsx");
    write_filled(good, "58");
    std::ifstream in(good, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (std::size_t cut : {std::size_t{10}, bytes.size() / 3, bytes.size() / 2, bytes.size() - 30}) {
        const std::string part = bytes.substr(0, cut);
        CHECK_THROWS_AS(office::read_xlsx_bytes(part, "cut.xlsx"), danchu::parse_error);
    }
    std::string flipped = bytes;
    for (std::size_t i = 200; i < flipped.size(); i += 97) flipped[i] = static_cast<char>(flipped[i] ^ 0x5A);
    try {
        (void)office::read_xlsx_bytes(flipped, "flipped.xlsx");
    } catch (const danchu::error&) {}
    office::xlsx_limits tiny;
    tiny.max_part_bytes = 100;
    CHECK(has(message_of([&] { office::read_xlsx_bytes(bytes, "big.xlsx", tiny); }), "limit"));
}

TEST_CASE("The evidence workbook: instructions, one sheet per kind, nones; read back empty", "[office]") {
    const auto& org = danchu_test::events_organisation();
    const auto& kinds = *danchu_test::event_kinds();
    const std::string path = temp_path("template.xlsx");
    office::events_workbook_options opt;
    opt.rows = 5;
    office::write_events_workbook(path, kinds, org, {org.find("SNV")}, opt);
    const auto wb = office::read_xlsx(path);
    REQUIRE(wb.find("HuongDan"));
    REQUIRE(wb.find("KhongPhatSinh"));
    REQUIRE(wb.find("DanhMuc"));
    CHECK(wb.find("DanhMuc")->hidden);
    CHECK(wb.sheets.size() == kinds.kinds().size() + 3);
    const auto names = office::events_sheet_names(kinds);
    for (const auto& n : names) CHECK(n.size() <= 31);
    const auto* conf = wb.find(names[kinds.find("conference_held")]);
    REQUIRE(conf);
    CHECK(conf->find(3, 1)->text == "unit");
    CHECK(conf->find(3, 2)->text == "date");
    CHECK(conf->find(3, 3)->text == "session");
    CHECK(has(conf->find(2, 3)->text, "thường kỳ"));
    CHECK(conf->find(4, 1)->text == "SNV"); // the unit filled in
    CHECK(load_xlsx(path).size() == 0);     // nothing entered: nothing read, no error
    CHECK_THROWS_AS(office::write_events_workbook(path, kinds, org, {}), danchu::argument_error);
}

TEST_CASE("The report appendix: every sheet, hostile names stay text", "[office]") {
    auto doc = danchu_test::example_report();
    const std::string evil = "=HYPERLINK(\"http://evil.example\",\"click\")\n<script>alert(1)</script>";
    doc.units[0].name = evil;
    doc.units[1].name = std::string(40000, 'x');
    const std::string path = temp_path("appendix.xlsx");
    office::write_report_xlsx(doc, path);
    const auto wb = office::read_xlsx(path);
    for (const char* s : {"DonVi", "TonTai", "QuaHan", "SapDenHan", "VanDeDuLieu"}) CHECK(wb.find(s));
    const auto* units = wb.find("DonVi");
    REQUIRE(units);
    CHECK(units->find(2, 1)->text == "Mã đơn vị");
    CHECK(units->find(3, 2)->kind == office::xlsx_cell::type::text);
    CHECK(units->find(3, 2)->text == evil);
    CHECK(units->find(4, 2)->text.size() <= 32767);
    const auto* due = wb.find("QuaHan");
    REQUIRE(due);
    REQUIRE(due->find(3, 5));
    CHECK(due->find(3, 5)->kind == office::xlsx_cell::type::date);
    CHECK(danchu::to_iso(office::day_of_serial(due->find(3, 5)->number)) == doc.schedule.overdue[0].due);
    CHECK_THROWS_AS(office::write_report_xlsx(doc, path, "fr"), danchu::argument_error);
}

TEST_CASE("load_events reads .xlsx once enabled, and folders of events files", "[office]") {
    const std::string dir = temp_path("folder");
    fs::create_directories(dir);
    write_filled(dir + "/a.xlsx", "58");
    std::ofstream(dir + "/b.csv")
        << "\xEF\xBB\xBFunit;kind;date;session\r\nBV;conference_held;02/04/2025;regular\r\n";
    std::ofstream(dir + "/~$a.xlsx") << "lock";
    office::enable_xlsx_events();
    const auto log =
        danchu::load_events({dir}, danchu_test::event_kinds(), danchu_test::events_organisation());
    CHECK(log.size() == 2);
    CHECK(log.nones().size() == 1);
}
