// libFuzzer target for the loaders rules_fuzz does not cover and for the
// writers: scoring schemes (then scoring), findings files (JSON and CSV, then
// scoring), assessments, obligation files, the report document (read, then
// every renderer in both languages and the deadlines calendar), and the
// iCalendar writer on arbitrary text. The first byte picks the case; the rest
// is the document. Only danchu::error may escape; anything else is a bug. The
// writers must also give valid UTF-8 and, for iCalendar, no bare line break.
//   build/<fuzz>/tests/fuzz/outputs_fuzz -max_total_time=60 -rss_limit_mb=1024 -timeout=5 tests/fuzz/corpus/outputs

#include <danchu/scoring/io.hpp>
#include <danchu/calendar/ical.hpp>
#include <danchu/schedule/obligation.hpp>
#include <danchu/report/province.hpp>
#include <danchu/report/report.hpp>
#include <danchu/report/json.hpp>
#include <danchu/scoring/scorecard.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

void must_be_utf8(const std::string& s) {
    if (danchu::detail::first_invalid_utf8(s) != std::string_view::npos) std::abort();
}

void must_be_ical(const std::string& s) {
    must_be_utf8(s);
    for (std::size_t i = 0; i < s.size(); ++i) // every line break is CR LF; no other control character
        if ((s[i] == '\n' && (i == 0 || s[i - 1] != '\r')) || (s[i] == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n')))
            std::abort();
}

danchu::finding_table small_table() {
    danchu::rule_meta m;
    m.id = "D04-ART5-CONF-ANNUAL";
    danchu::finding_table t({m}, {"A", "B"});
    t.set(0, 0, danchu::verdict::pass, 1.0);
    t.set(1, 0, danchu::verdict::fail, 0.25);
    return t;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1 || size > 64 * 1024) return 0;
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        switch (data[0] % 5) {
        case 0: { // a scoring scheme, then scoring a small table with it
            const auto scheme = std::make_shared<const danchu::scoring_scheme>(
                danchu::parse_scoring_scheme(text, "fuzz.json"));
            (void)danchu::score(scheme, small_table(), danchu::assessment{});
            break;
        }
        case 1: { // a findings file (JSON, or CSV), then scored with the XCCDF default
            const auto scheme = std::make_shared<const danchu::scoring_scheme>(
                danchu::find_scoring_scheme("xccdf-default", DANCHU_DATA_DIR_DEFAULT));
            const bool csv = !text.empty() && text[0] != '{';
            const auto t = csv ? danchu::findings_from_csv(text, "fuzz.csv")
                               : danchu::findings_from_json(danchu::detail::parse_json_text(text, "fuzz.json"),
                                                            "fuzz.json");
            (void)danchu::score(scheme, t, danchu::assessment{});
            break;
        }
        case 2: { // an assessment file, or an obligation file
            const auto doc = danchu::detail::parse_json_text(text, "fuzz.json");
            if (doc.is_object() && doc.contains("obligations")) {
                danchu::obligation_set obs;
                obs.add(doc, "fuzz.json");
            } else {
                (void)danchu::assessment_from_json(doc, "fuzz.json");
            }
            break;
        }
        case 3: { // a report document, rendered every way
            const auto doc = danchu::report::from_json_text(text, "fuzz.json");
            for (const char* lang : {"vi", "en"}) {
                must_be_utf8(danchu::report::to_html(doc, lang));
                must_be_utf8(danchu::report::to_markdown(doc, lang));
                must_be_utf8(danchu::report::units_csv(doc, lang));
                must_be_utf8(danchu::report::overdue_csv(doc, lang));
                must_be_utf8(danchu::report::upcoming_csv(doc, lang));
                must_be_ical(danchu::report_deadlines_ical(doc, lang, "20180614T000000Z"));
            }
            must_be_utf8(danchu::report::to_json_text(doc));
            break;
        }
        case 4: { // the iCalendar writer on arbitrary text (folding, escaping)
            if (danchu::detail::first_invalid_utf8(text) != std::string_view::npos) {
                (void)danchu::ical_fold(text); // must terminate
                break;
            }
            danchu::ical_event e;
            e.date = danchu::make_day(2018, 6, 14);
            e.uid = text.substr(0, text.size() / 3);
            e.summary = text;
            e.description = text.substr(text.size() / 2);
            e.category = "deadline";
            must_be_ical(danchu::to_ical({e}, text, "20180614T000000Z"));
            break;
        }
        }
    } catch (const danchu::error&) {
        // bad input, reported: fine
    }
    return 0;
}
