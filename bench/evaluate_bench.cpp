// Batch evaluation: N units against the Decree 04/2015 pack (24 rules) in one
// call, from columnar evidence. Reports rule evaluations per second and the
// memory the evaluation adds beyond the evidence (the finding table plus the
// per-evaluation conversion of string and events columns).
//
//   cmake --build build/bench --target evaluate_bench && build/bench/bench/evaluate_bench
//
// Times are process CPU time (CLOCK_PROCESS_CPUTIME_ID); `allocs_per_unit`
// counts the heap allocations one evaluation makes, divided by the units.

#include <danchu/core/data.hpp>
#include <danchu/rules/evaluate.hpp>
#include <danchu/evidence/io.hpp>

#include <benchmark/benchmark.h>

#include "count_allocations.hpp"

#include <atomic>
#include <cstdlib>
#include <map>
#include <memory>
#include <new>
#include <random>
#include <string>
#include <vector>

using danchu_bench::allocations;

namespace {

struct fixture {
    std::shared_ptr<const danchu::fact_dictionary> dict;
    std::unique_ptr<danchu::evaluation_plan> plan;
    std::unique_ptr<danchu::organisation> org;
    std::unique_ptr<danchu::evidence> ev;
};

/// Deterministic synthetic units: a mix of kinds and sizes; each fact present
/// with probability 0.9, values spread so that every verdict occurs.
fixture make(std::size_t n) {
    fixture f;
    const std::string data = danchu::default_data_dir();
    f.dict = std::make_shared<const danchu::fact_dictionary>(danchu::load_default_fact_dictionary(data));
    f.plan = std::make_unique<danchu::evaluation_plan>(
        danchu::pack_library(data).load_set("vn.decree-04-2015"), f.dict);
    std::mt19937 rng(42);
    const danchu::unit_kind kinds[] = {danchu::unit_kind::department, danchu::unit_kind::district,
                                       danchu::unit_kind::public_service_unit, danchu::unit_kind::school,
                                       danchu::unit_kind::commune};
    std::vector<danchu::unit> units(n);
    for (std::size_t i = 0; i < n; ++i) {
        units[i].id = "U" + std::to_string(i);
        units[i].kind = kinds[rng() % 5];
        units[i].staff = 10 + static_cast<std::int64_t>(rng() % 400);
    }
    f.org = std::make_unique<danchu::organisation>(std::move(units));
    danchu::evidence_builder b(f.dict, *f.org);
    const auto& d = *f.dict;
    auto fact = [&](const char* k) { return d.find(k); };
    const std::size_t held = fact("conference.held_on"), type = fact("conference.type"),
                      summoned = fact("conference.summoned"), att = fact("conference.attendance"),
                      votes = fact("conference.resolution_votes_for"),
                      contents = fact("conference.d04_contents_covered"),
                      items = fact("publicity.d04_items_published"),
                      delay = fact("publicity.max_delay_working_days"),
                      posting = fact("publicity.min_posting_days"), brief = fact("briefings.held_on"),
                      recv = fact("bttnd.recommendations_received"),
                      resolved = fact("bttnd.recommendations_resolved"), members = fact("bttnd.members"),
                      exists = fact("bttnd.exists"), elected = fact("bttnd.elected_on");
    const char* bools[] = {"conference.head_presided",
                           "conference.union_co_organised",
                           "conference.prep_meeting_held",
                           "publicity.forms_ok",
                           "consultation.held",
                           "consultation.results_published",
                           "citizens.reception_place",
                           "citizens.suggestion_box",
                           "conference.bttnd_reported",
                           "report.democracy_report_sent",
                           "extra.request_received"};
    const std::string where = "bench";
    for (std::size_t u = 0; u < n; ++u) {
        auto present = [&] { return rng() % 10 != 0; };
        const auto staff = (*f.org)[u].staff;
        const auto s = static_cast<long long>(rng() % static_cast<unsigned>(staff + 1));
        const auto a = static_cast<long long>(rng() % static_cast<unsigned>(s + 1));
        if (present())
            b.set_json(u, held, "2018-0" + std::to_string(1 + rng() % 3) + "-1" + std::to_string(rng() % 10),
                       where);
        if (present()) b.set_json(u, type, rng() % 4 ? "full" : "delegate", where);
        b.set_json(u, summoned, s, where);
        b.set_json(u, att, a, where);
        if (present())
            b.set_json(u, votes, static_cast<long long>(rng() % static_cast<unsigned>(a + 1)), where);
        if (present()) b.set_json(u, contents, rng() % 10, where);
        if (present()) b.set_json(u, items, rng() % 9, where);
        if (present()) b.set_json(u, delay, rng() % 6, where);
        if (present()) b.set_json(u, posting, 20 + rng() % 20, where);
        if (present()) {
            nlohmann::json ev = nlohmann::json::array();
            const unsigned m = 6 + rng() % 7;
            for (unsigned k = 1; k <= m; ++k)
                ev.push_back("2018-" + std::string(k < 10 ? "0" : "") + std::to_string(k) + "-05");
            b.set_json(u, brief, ev, where);
        }
        const auto r = static_cast<long long>(rng() % 4);
        b.set_json(u, recv, r, where);
        b.set_json(u, resolved, static_cast<long long>(rng() % static_cast<unsigned>(r + 1)), where);
        b.set_json(u, exists, rng() % 5 != 0, where);
        if (present()) b.set_json(u, members, 3 + rng() % 7, where);
        if (present()) b.set_json(u, elected, "2017-0" + std::to_string(1 + rng() % 9) + "-15", where);
        for (const char* k : bools)
            if (present()) b.set_json(u, d.find(k), rng() % 3 != 0, where);
    }
    f.ev = std::make_unique<danchu::evidence>(b.build());
    return f;
}

/// Built once per size (Google Benchmark calls the function several times).
const fixture& cached(std::size_t n) {
    static std::map<std::size_t, fixture> cache;
    auto it = cache.find(n);
    if (it == cache.end()) it = cache.emplace(n, make(n)).first;
    return it->second;
}

/// range(0) units; range(1) = 1 for the column-at-a-time evaluator (the
/// default), 0 for the per-unit interpreter (evaluation_options::columnar).
void bm_evaluate_decree04(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const fixture& f = cached(n);
    danchu::evaluation_options opt(danchu::assessment_period("2018"));
    opt.columnar = state.range(1) != 0;
    std::size_t cells = 0;
    const std::uint64_t allocs_before = allocations.load();
    for (auto _ : state) {
        const danchu::finding_table t = danchu::evaluate(*f.plan, *f.org, *f.ev, opt);
        benchmark::DoNotOptimize(t.verdicts().data());
        cells = t.rule_count() * t.unit_count();
    }
    state.counters["allocs_per_unit"] =
        static_cast<double>(allocations.load() - allocs_before) / static_cast<double>(state.iterations() * n);
    const std::size_t rules = f.plan->rules().rules().size();
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * cells));
    state.counters["rules"] = static_cast<double>(rules);
    state.counters["units"] = static_cast<double>(n);
    // finding table: one verdict byte and one float credit per cell
    state.counters["table_bytes_per_unit"] =
        static_cast<double>(rules * (sizeof(danchu::verdict) + sizeof(float)));
    state.counters["values_in_evidence"] = static_cast<double>(f.ev->value_count());
}
BENCHMARK(bm_evaluate_decree04)
    ->ArgNames({"units", "columnar"})
    ->Args({10'000, 1})
    ->Args({100'000, 1})
    ->Args({100'000, 0})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime();

} // namespace

BENCHMARK_MAIN();
