// libFuzzer target for the scoring inputs: scoring schemes (each then scores
// a table of every rule it refers to, over three units, with self-assessed
// and appraised points), findings files (JSON, or CSV) scored with the XCCDF
// default and Law 10/2022 schemes, and assessment files scored with the Law
// 10/2022 scheme. Every scorecard is then classified, put in words (why a unit
// missed the top band) and rolled up. The first byte picks the case and the
// verdicts; the rest is the document. Only danchu::error may escape; anything
// else (a crash, a leak, an nlohmann exception, UB, a hang) is a bug.
//   build/<fuzz>/tests/fuzz/scoring_fuzz -max_total_time=60 -rss_limit_mb=1024 -timeout=5 tests/fuzz/corpus/scoring

#include <danchu/organisation/io.hpp>
#include <danchu/scoring/io.hpp>
#include <danchu/scoring/rollup.hpp>
#include <danchu/scoring/scorecard.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace {

using scheme_ptr = std::shared_ptr<const danchu::scoring_scheme>;

struct world {
    scheme_ptr xccdf, law10;
    danchu::organisation org;
    world() {
        xccdf = std::make_shared<const danchu::scoring_scheme>(
            danchu::find_scoring_scheme("xccdf-default", DANCHU_DATA_DIR_DEFAULT));
        law10 = std::make_shared<const danchu::scoring_scheme>(
            danchu::find_scoring_scheme("default-vn.law-10-2022", DANCHU_DATA_DIR_DEFAULT));
        org = danchu::organisation_from_csv("id,kind,parent,staff\nP,province,,40\nA,department,P,64\n"
                                            "B,school,P,5\nC,commune,P,250\n",
                                            "units.csv");
    }
};

const world& get() {
    static const world w;
    return w;
}

void use(const danchu::scorecard& sc, bool roll) {
    for (std::size_t u = 0; u < sc.unit_count(); ++u) {
        const double t = sc.total(u);
        if (std::isinf(t)) std::abort();
        if (sc.band(u) >= static_cast<int>(sc.scheme().bands().size())) std::abort();
        (void)danchu::unmet_label(sc.unmet_top(u));
        (void)danchu::unmet_ids(sc.unmet_top(u));
    }
    if (!roll) return;
    danchu::rollup_options o;
    o.skip_unknown_units = true;
    const danchu::rollup r(get().org, sc, o);
    for (std::size_t i = 0; i < r.size(); ++i) (void)r.coverage(i);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1 || size > 64 * 1024) return 0;
    const world& w = get();
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        switch (data[0] % 3) {
        case 0: { // a scoring scheme, then scoring a table of the rules it names
            const auto scheme = std::make_shared<const danchu::scoring_scheme>(
                danchu::parse_scoring_scheme(text, "fuzz.json"));
            std::vector<danchu::rule_meta> rules;
            for (const auto& [id, ptr] : scheme->rule_references()) {
                danchu::rule_meta m;
                m.id = id;
                rules.push_back(m);
            }
            if (rules.empty()) rules.emplace_back().id = "R";
            danchu::finding_table t(rules, {"A", "B", "C"});
            for (std::size_t u = 0; u < 3; ++u)
                for (std::size_t r = 0; r < rules.size(); ++r) {
                    const auto v = static_cast<danchu::verdict>((data[0] / 3 + u * 7 + r) % 5);
                    t.set(u, r, v, v == danchu::verdict::pass ? 1.0 : (r % 3) / 2.0);
                }
            danchu::assessment a;
            use(danchu::score(scheme, t, a), true);
            break;
        }
        case 1: { // a findings file (JSON, or CSV)
            const bool csv = !text.empty() && text[0] != '{';
            const auto t = csv ? danchu::findings_from_csv(text, "fuzz.csv")
                               : danchu::findings_from_json(
                                     danchu::detail::parse_json_text(text, "fuzz.json"), "fuzz.json");
            use(danchu::score(w.xccdf, t, danchu::assessment{}), true);
            use(danchu::score(w.law10, t, danchu::assessment{}), false);
            break;
        }
        default: { // an assessment file, scored with the Law 10/2022 scheme
            const auto a =
                danchu::assessment_from_json(danchu::detail::parse_json_text(text, "fuzz.json"), "fuzz.json");
            std::vector<danchu::rule_meta> rules;
            for (const auto& [id, ptr] : w.law10->rule_references()) {
                danchu::rule_meta m;
                m.id = id;
                rules.push_back(m);
            }
            danchu::finding_table t(rules, {"A", "B", "C"});
            use(danchu::score(w.law10, t, a), true);
            break;
        }
        }
    } catch (const danchu::error&) {}
    return 0;
}
