// Facts derived from dated events (issue 11): N units with a year of events
// each (a regular conference, 12 briefings, 12 publicised items, 2 resolution
// checks, 4 citizens' reception days, a board election and a declared none of
// extraordinary requests: 33 records per unit), derived for 2025 under Law
// 10/2022, against evaluating the Law 10/2022 pack on the derived facts. The
// issue's budget: deriving stays within 2x of evaluating the same units as
// evaluation was when the issue was written (the interpreter, `/0` below).
//
//   cmake --build build/bench --target derive_bench && build/bench/bench/derive_bench

#include <danchu/core/data.hpp>
#include <danchu/evidence/derive.hpp>
#include <danchu/evidence/event_io.hpp>
#include <danchu/rules/evaluate.hpp>

#include <benchmark/benchmark.h>

#include "count_allocations.hpp"

#include <map>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

using danchu_bench::allocations;

namespace {

struct fixture {
    std::shared_ptr<const danchu::fact_dictionary> dict;
    std::shared_ptr<const danchu::event_kinds> kinds;
    danchu::event_windows windows;
    std::unique_ptr<danchu::evaluation_plan> plan;
    std::unique_ptr<danchu::organisation> org;
    std::unique_ptr<danchu::event_log> log;
    std::unique_ptr<danchu::evidence> derived;
};

using field_values = std::vector<std::pair<const char*, std::string>>;

/// One event of `kind`: field values given as text (numbers, ISO dates, enum words).
danchu::event make_event(const danchu::event_kinds& kinds, const std::string& unit, const char* kind,
                         const char* date, const field_values& fields) {
    const auto& kd = kinds[kinds.find(kind)];
    danchu::event e;
    e.unit = unit;
    e.kind = kind;
    e.date = danchu::parse_iso_date(date);
    e.values.resize(kd.fields.size());
    for (const auto& [name, text] : fields) {
        const std::size_t f = kd.find_field(name);
        auto& v = e.values[f];
        v.present = true;
        switch (kd.fields[f].type) {
        case danchu::event_field_type::date: v.number = danchu::parse_iso_date(text); break;
        case danchu::event_field_type::enumeration:
            v.number = static_cast<double>(kd.fields[f].find_value(text));
            break;
        case danchu::event_field_type::string: v.text = text; break;
        case danchu::event_field_type::boolean: v.number = text == "true" ? 1 : 0; break;
        default: v.number = std::stod(text); break;
        }
    }
    return e;
}

const fixture& make(std::size_t n) {
    static std::map<std::size_t, fixture> cache;
    auto it = cache.find(n);
    if (it != cache.end()) return it->second;
    fixture& f = cache[n];
    const std::string data = danchu::default_data_dir();
    f.dict = std::make_shared<const danchu::fact_dictionary>(danchu::load_default_fact_dictionary(data));
    f.kinds = danchu::load_event_kinds(data);
    f.windows = danchu::load_event_windows(data);
    f.plan = std::make_unique<danchu::evaluation_plan>(danchu::pack_library(data).load_set("vn.law-10-2022"),
                                                       f.dict);
    std::mt19937 rng(42);
    std::vector<danchu::unit> units(n);
    for (std::size_t i = 0; i < n; ++i) {
        units[i].id = "U" + std::to_string(i);
        units[i].kind = i % 7 == 0 ? danchu::unit_kind::school : danchu::unit_kind::public_service_unit;
        units[i].staff = 50 + static_cast<std::int64_t>(rng() % 400);
    }
    f.org = std::make_unique<danchu::organisation>(std::move(units));
    std::vector<std::string> items;
    for (const auto& it : f.kinds->items())
        if (it.regime == "vn.law-10-2022" && it.when == danchu::publicity_applies::always)
            items.push_back(it.id);
    danchu::event_log_builder b(f.kinds, *f.org);
    const danchu::event_origin origin{"bench", ""};
    char date[11];
    for (std::size_t i = 0; i < n; ++i) {
        const std::string& u = (*f.org)[i].id;
        const int late = static_cast<int>(rng() % 5) == 0 ? 1 : 0; // one unit in five holds it in April
        std::snprintf(date, sizeof date, "2025-%02d-%02d", 1 + late * 3 + static_cast<int>(rng() % 3),
                      1 + static_cast<int>(rng() % 28));
        b.add(make_event(*f.kinds, u, "conference_held", date,
                         {{"session", "regular"},
                          {"covers_year", "2024"},
                          {"form", "full"},
                          {"summoned", "40"},
                          {"present", std::to_string(25 + rng() % 15)},
                          {"votes_for", "20"}}),
              origin);
        for (int m = 1; m <= 12; ++m) {
            std::snprintf(date, sizeof date, "2025-%02d-05", m);
            b.add(make_event(*f.kinds, u, "briefing_held", date, {}), origin);
            std::snprintf(date, sizeof date, "2025-%02d-10", m);
            b.add(make_event(*f.kinds, u, "item_publicised", date,
                             {{"item", items[static_cast<std::size_t>(m) % items.size()]},
                              {"subject", "s" + std::to_string(m)},
                              {"form", "posting"},
                              {"posted_from", date},
                              {"posted_to", m < 12 ? "2025-12-31" : "2025-12-30"}}),
                  origin);
        }
        b.add(make_event(*f.kinds, u, "resolution_checked", "2025-06-20", {{"period", "2025-H1"}}), origin);
        b.add(make_event(*f.kinds, u, "resolution_checked", "2025-12-15",
                         {{"period", "2025-H2"}, {"staff_notified_on", "2025-12-20"}}),
              origin);
        for (const char* d : {"2025-02-14", "2025-05-14", "2025-08-14", "2025-11-14"})
            b.add(make_event(*f.kinds, u, "head_received_citizens", d, {}), origin);
        b.add(make_event(*f.kinds, u, "inspection_board_elected", "2024-04-02",
                         {{"member_count", "5"}, {"deputy_count", "1"}, {"members_head_or_deputy", "0"}}),
              origin);
        danchu::declared_none none;
        none.unit = u;
        none.kind = "extraordinary_conference_requested";
        none.from = danchu::parse_iso_date("2025-01-01");
        none.to = danchu::parse_iso_date("2025-12-31");
        b.add_none(std::move(none), origin);
    }
    f.log = std::make_unique<danchu::event_log>(b.build());
    f.derived = std::make_unique<danchu::evidence>(danchu::derive_evidence(*f.log, f.windows, f.dict, *f.org,
                                                                           danchu::assessment_period("2025"),
                                                                           {"vn.law-10-2022", {}})
                                                       .facts);
    return f;
}

void BM_derive(benchmark::State& state) {
    const auto& f = make(static_cast<std::size_t>(state.range(0)));
    const danchu::assessment_period p("2025");
    std::size_t values = 0;
    const std::uint64_t allocs_before = allocations.load();
    for (auto _ : state) {
        auto d = danchu::derive_evidence(*f.log, f.windows, f.dict, *f.org, p,
                                         {"vn.law-10-2022", {}, state.range(1) != 0});
        values = d.facts.value_count();
        benchmark::DoNotOptimize(values);
    }
    state.counters["allocs_per_unit"] = static_cast<double>(allocations.load() - allocs_before) /
                                        static_cast<double>(state.iterations() * state.range(0));
    state.counters["events"] = static_cast<double>(f.log->size());
    state.counters["values"] = static_cast<double>(values);
    state.counters["units/s"] = benchmark::Counter(static_cast<double>(state.range(0)),
                                                   benchmark::Counter::kIsIterationInvariantRate);
}

void BM_evaluate_derived(benchmark::State& state) {
    const auto& f = make(static_cast<std::size_t>(state.range(0)));
    danchu::evaluation_options opt(danchu::assessment_period("2025"));
    opt.columnar = state.range(1) != 0; // 0: the interpreter (the reference), 1: column by column
    std::size_t pass = 0;
    for (auto _ : state) {
        const auto t = danchu::evaluate(*f.plan, *f.org, *f.derived, opt);
        pass = 0;
        for (std::size_t u = 0; u < t.unit_count(); ++u)
            for (std::size_t r = 0; r < t.rule_count(); ++r) pass += t(u, r) == danchu::verdict::pass;
        benchmark::DoNotOptimize(pass);
    }
    state.counters["pass"] = static_cast<double>(pass);
    state.counters["units/s"] = benchmark::Counter(static_cast<double>(state.range(0)),
                                                   benchmark::Counter::kIsIterationInvariantRate);
}

} // namespace

// Second argument: keep the derivations (what explanations read) or not (batch evaluation).
BENCHMARK(BM_derive)
    ->Args({10'000, 0})
    ->Args({100'000, 0})
    ->Args({100'000, 1})
    ->Unit(benchmark::kMillisecond);
// Second argument: 0 evaluates with the interpreter, 1 column by column (the default).
BENCHMARK(BM_evaluate_derived)
    ->Args({10'000, 0})
    ->Args({100'000, 0})
    ->Args({100'000, 1})
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
