// libFuzzer target for the writers: the report document (read back from
// JSON, then every renderer in both languages and the deadlines calendar),
// and the iCalendar writer on arbitrary text. The first byte picks the case
// (even: a report document; odd: iCalendar text); the rest is the document.
// Schemes, findings and assessments are fuzzed by scoring_fuzz, obligation
// files and records by schedule_fuzz. Only danchu::error may escape; anything else is a bug. The
// writers must also give valid UTF-8 and, for iCalendar, no bare line break.
//   build/<fuzz>/tests/fuzz/outputs_fuzz -max_total_time=60 -rss_limit_mb=1024 -timeout=5 tests/fuzz/corpus/outputs

#include <danchu/calendar/ical.hpp>
#include <danchu/report/province.hpp>
#include <danchu/report/report.hpp>
#include <danchu/report/json.hpp>

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
        if ((s[i] == '\n' && (i == 0 || s[i - 1] != '\r')) ||
            (s[i] == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n')))
            std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1 || size > 64 * 1024) return 0;
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        switch (data[0] % 2) {
        case 0: { // a report document, rendered every way
            const auto doc = danchu::report::from_json_text(text, "fuzz.json");
            for (const char* lang : {"vi", "en"}) {
                must_be_utf8(danchu::report::to_html(doc, lang));
                must_be_utf8(danchu::report::to_markdown(doc, lang));
                must_be_utf8(danchu::report::units_csv(doc, lang));
                must_be_utf8(danchu::report::overdue_csv(doc, lang));
                must_be_utf8(danchu::report::upcoming_csv(doc, lang));
                must_be_ical(danchu::report_deadlines_ical(doc, lang, "20180614T000000Z"));
            }
            // What is read back writes the same JSON again (nothing lost or changed).
            const auto json = danchu::report::to_json_text(doc);
            must_be_utf8(json);
            if (danchu::report::to_json_text(danchu::report::from_json_text(json, "again.json")) != json)
                std::abort();
            break;
        }
        default: { // the iCalendar writer on arbitrary text (folding, escaping)
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
