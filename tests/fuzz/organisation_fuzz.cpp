// libFuzzer target for the organisation loader (JSON and CSV) and the tree
// code behind it: a loaded organisation is written back to JSON and must read
// back the same; then every unit gets one finding (its verdict from the input)
// and the scorecard is rolled up over the tree (forests, grouping-only nodes,
// deep chains), with coverage lists, ranks and drill-down of every node. The
// first byte picks JSON (even) or CSV (odd) and the roll-up options; the rest
// is the document. Only danchu::error may escape; anything else is a bug.
//   build/<fuzz>/tests/fuzz/organisation_fuzz -max_total_time=60 -rss_limit_mb=1024 -timeout=5 \
//     tests/fuzz/corpus/organisation

#include <danchu/organisation/io.hpp>
#include <danchu/scoring/io.hpp>
#include <danchu/scoring/rollup.hpp>
#include <danchu/scoring/scorecard.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace {

std::shared_ptr<const danchu::scoring_scheme> scheme() {
    static const auto s = std::make_shared<const danchu::scoring_scheme>(
        danchu::find_scoring_scheme("xccdf-default", DANCHU_DATA_DIR_DEFAULT));
    return s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1 || size > 64 * 1024) return 0;
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        const auto org = data[0] & 1 ? danchu::organisation_from_csv(text, "units.csv")
                                     : danchu::organisation_from_json(
                                           danchu::detail::parse_json_text(text, "units.json"), "units.json");
        // What was accepted writes back and reads back the same.
        const auto again = danchu::organisation_from_json(danchu::organisation_to_json(org), "again.json");
        if (again.size() != org.size()) std::abort();
        for (std::size_t i = 0; i < org.size(); ++i)
            if (again[i].id != org[i].id || again[i].parent != org[i].parent ||
                again[i].staff != org[i].staff || again[i].kind != org[i].kind ||
                again[i].labels != org[i].labels)
                std::abort();

        danchu::rule_meta m;
        m.id = "R";
        std::vector<std::string> ids;
        for (const auto& u : org.units()) ids.push_back(u.id);
        danchu::finding_table t({m}, ids);
        for (std::size_t u = 0; u < ids.size(); ++u) {
            const auto v = static_cast<danchu::verdict>(static_cast<unsigned>(ids[u].back()) % 5);
            t.set(u, 0, v, v == danchu::verdict::pass ? 1.0 : 0.0);
        }
        danchu::rollup_options o;
        o.weigh = data[0] & 2 ? danchu::weighting::equal : danchu::weighting::staff;
        o.expect_roots = data[0] & 4;
        if (data[0] & 8 && !ids.empty()) o.silent = {ids.front(), ids.back()};
        o.count_not_applicable = data[0] & 16;
        const danchu::rollup r(org, danchu::score(scheme(), t), o);
        if (r.size() != org.size()) std::abort();
        for (std::size_t i = 0; i < r.size(); ++i) {
            (void)r.coverage(i);
            (void)r.drill_down(i, t);
            if (r.units(i) > org.size() || r.scored(i) > r.units(i)) std::abort();
        }
        (void)danchu::compare(r, r);
    } catch (const danchu::error&) {}
    return 0;
}
