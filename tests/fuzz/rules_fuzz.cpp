// libFuzzer target for the pack loader, the evidence loaders (JSON, wide and
// long CSV) and evaluation. The first byte picks the loader; the rest is the
// document (pack; JSON evidence parsed, or streamed; CSV evidence; records
// streamed; an organisation). Only danchu::error may escape a loader; anything else (a crash,
// a leak, an nlohmann exception, UB) is a bug. Every evaluation is made twice,
// column by column and by the per-unit interpreter (evaluation_options::columnar):
// a cell whose verdict or credit differs is a bug (issue 14).
//   build/<fuzz>/tests/fuzz/rules_fuzz -max_total_time=60 -rss_limit_mb=1024 -timeout=5 tests/fuzz/corpus/rules

#include <danchu/rules/explain.hpp>
#include <danchu/rules/evaluate.hpp>
#include <danchu/evidence/io.hpp>
#include <danchu/organisation/io.hpp>
#include <danchu/schedule/io.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <sstream>
#include <vector>
#include <string>

namespace {

struct world {
    std::shared_ptr<const danchu::fact_dictionary> dict;
    danchu::pack_library lib{DANCHU_DATA_DIR_DEFAULT};
    danchu::organisation org;
    std::unique_ptr<danchu::evaluation_plan> plan;
    std::unique_ptr<danchu::evidence> sample; ///< values on and around the 2018 boundaries, for fuzzed packs
    world() {
        dict = std::make_shared<const danchu::fact_dictionary>(
            danchu::load_default_fact_dictionary(DANCHU_DATA_DIR_DEFAULT));
        org = danchu::organisation_from_csv(
            "id,kind,staff,role\nA,department,64,home_affairs\nB,school,5,\nC,commune,250,\n", "units.csv");
        plan = std::make_unique<danchu::evaluation_plan>(lib.load_set("vn.bac-giang.2018-05-09"), dict);
        sample =
            std::make_unique<danchu::evidence>(danchu::evidence_from_json(nlohmann::json::parse(R"({"units": {
              "A": {"conference.held_on": "2018-01-01", "conference.type": "delegate",
                    "conference.summoned": 40, "conference.attendance": 27, "conference.resolution_votes_for": 14,
                    "briefings.held_on": ["2017-12-31", "2018-01-01", "2018-12-31", "2019-01-01"],
                    "bttnd.recommendations_received": 0, "bttnd.recommendations_resolved": 0,
                    "publicity.forms_ok": true, "bttnd.elected_on": "2016-12-31"},
              "B": {"conference.held_on": "2017-11-30", "conference.type": "full", "conference.attendance": 3,
                    "briefings.held_on": [], "bttnd.recommendations_received": 3,
                    "bttnd.recommendations_resolved": 1, "publicity.forms_ok": false}}})"),
                                                                          "sample.json", dict, org));
    }
};

const world& get() {
    static const world w;
    return w;
}

/// Evaluates column by column and with the interpreter; traps on a difference.
danchu::finding_table evaluate_both(const danchu::evaluation_plan& plan, const danchu::organisation& org,
                                    const danchu::evidence& ev, danchu::evaluation_options opt) {
    opt.columnar = true;
    auto a = danchu::evaluate(plan, org, ev, opt);
    opt.columnar = false;
    const auto b = danchu::evaluate(plan, org, ev, opt);
    if (a.verdicts() != b.verdicts()) __builtin_trap();
    for (std::size_t u = 0; u < a.unit_count(); ++u)
        for (std::size_t r = 0; r < a.rule_count(); ++r) {
            const double x = a.credit(u, r), y = b.credit(u, r);
            if (std::memcmp(&x, &y, sizeof x) != 0) __builtin_trap();
        }
    return a;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1 || size > 64 * 1024) return 0;
    const world& w = get();
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    const danchu::evaluation_options opt(danchu::assessment_period("2018"));
    try {
        switch (data[0] % 6) {
        case 0: { // a pack, resolved against the bundled library, compiled
            const auto doc = danchu::detail::parse_json_text(text, "fuzz.json");
            danchu::evaluation_plan plan(w.lib.resolve(danchu::rule_pack_from_json(doc, "fuzz.json")),
                                         w.dict);
            const auto ev = danchu::evidence_from_json(nlohmann::json{{"units", nlohmann::json::object()}},
                                                       "e", w.dict, w.org);
            (void)evaluate_both(plan, w.org, ev, opt);
            (void)evaluate_both(plan, w.org, *w.sample, opt);
            break;
        }
        case 1: { // JSON evidence, evaluated and explained
            const auto doc = danchu::detail::parse_json_text(text, "fuzz.json");
            const auto ev = danchu::evidence_from_json(doc, "fuzz.json", w.dict, w.org);
            if (!ev.period().empty() && ev.period() != "2018") break;
            const auto t = evaluate_both(*w.plan, w.org, ev, opt);
            (void)danchu::explain(*w.plan, w.org, ev, opt, "A",
                                  w.plan->rules().rules()[t.rule_count() / 2].id);
            break;
        }
        case 2: { // CSV evidence (wide or long)
            const auto ev = danchu::evidence_from_csv(text, "fuzz.csv", w.dict, w.org, "2018");
            (void)evaluate_both(*w.plan, w.org, ev, opt);
            break;
        }
        case 3: { // JSON evidence read as a stream, leniently and strictly
            std::vector<danchu::input_problem> problems;
            std::istringstream a(text), b(text);
            (void)danchu::evidence_from_json_stream(a, "fuzz.json", w.dict, w.org, &problems);
            (void)danchu::evidence_from_json_stream(b, "fuzz.json", w.dict, w.org);
            break;
        }
        case 4: { // schedule records read as a stream
            std::istringstream in(text);
            (void)danchu::schedule_records_from_json_stream(in, "fuzz.json");
            break;
        }
        default: // an organisation
            (void)danchu::organisation_from_csv(text, "fuzz.csv");
            break;
        }
    } catch (const danchu::error&) {}
    return 0;
}
