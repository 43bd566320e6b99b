// libFuzzer target for dated events (issue 11): the events loader (JSON,
// lenient and strict), the references check, the derivation of facts under
// both base regimes (with and without derivations kept), evaluation of the
// derived facts, and migration back from them. The first byte picks the
// period; the rest is the events document. Only danchu::error may escape;
// anything else (a crash, a leak, an nlohmann exception, UB) is a bug.
//   build/<fuzz>/tests/fuzz/events_fuzz -max_total_time=60 -rss_limit_mb=1024 -timeout=5 tests/fuzz/corpus/events

#include <danchu/evidence/derive.hpp>
#include <danchu/evidence/event_io.hpp>
#include <danchu/evidence/migrate.hpp>
#include <danchu/organisation/io.hpp>
#include <danchu/rules/evaluate.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace {

struct world {
    std::shared_ptr<const danchu::fact_dictionary> dict;
    std::shared_ptr<const danchu::event_kinds> kinds;
    danchu::event_windows windows;
    danchu::organisation org;
    std::unique_ptr<danchu::evaluation_plan> d04, l10;
    world() {
        const std::string data = DANCHU_DATA_DIR_DEFAULT;
        dict = std::make_shared<const danchu::fact_dictionary>(danchu::load_default_fact_dictionary(data));
        kinds = danchu::load_event_kinds(data);
        windows = danchu::load_event_windows(data);
        org = danchu::organisation_from_csv(
            "id,kind,staff,role\nA,department,64,home_affairs\nB,school,5,\nC,commune,250,\n", "units.csv");
        const danchu::pack_library lib(data);
        d04 = std::make_unique<danchu::evaluation_plan>(lib.load_set("vn.decree-04-2015"), dict);
        l10 = std::make_unique<danchu::evaluation_plan>(lib.load_set("vn.law-10-2022"), dict);
    }
};

const world& get() {
    static const world w;
    return w;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1 || size > 64 * 1024) return 0;
    const world& w = get();
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    static const char* const periods[] = {"2018", "2018-H1", "2023", "2025-H2"};
    const danchu::assessment_period period(periods[data[0] % 4]);
    try {
        const auto doc = danchu::detail::parse_json_text(text, "events.json");
        std::vector<danchu::input_problem> problems;
        const auto log = danchu::events_from_json(doc, "events.json", w.kinds, w.org, &problems);
        (void)danchu::unresolved_references(log);
        for (const bool trace : {true, false}) {
            const auto a = danchu::derive_evidence(log, w.windows, w.dict, w.org, period,
                                                   {"vn.decree-04-2015", {}, trace});
            const auto b =
                danchu::derive_evidence(log, w.windows, w.dict, w.org, period, {"vn.law-10-2022", {}, trace});
            const danchu::evaluation_options opt(period);
            (void)danchu::evaluate(*w.d04, w.org, a.facts, opt);
            (void)danchu::evaluate(*w.l10, w.org, b.facts, opt);
            if (!trace) {
                danchu::migration m;
                danchu::migrate_evidence(b.facts, "derived", period, *w.kinds, w.windows, m, data[0] & 4);
                (void)m.events_document();
            }
        }
        (void)danchu::events_from_json(doc, "events.json", w.kinds,
                                       w.org); // strict: throws on the first problem
    } catch (const danchu::error&) {}
    return 0;
}
