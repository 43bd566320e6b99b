// The condition language's compiled path: ten representative conditions of a
// democracy-compliance pack over 100,000 synthetic units (the same conditions
// and data as bench/logic_vs_peers.py). Reports rule evaluations per second.
//
//   cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DDANCHU_BUILD_BENCH=ON
//   cmake --build build/bench --target logic_bench && build/bench/bench/logic_bench

#include <danchu/logic/logic.hpp>

#include <benchmark/benchmark.h>

#include <random>

namespace {

using danchu::logic::type;
using danchu::logic::value;

// Fact dictionary of the benchmark (slot order).
const std::vector<std::pair<std::string, type>> fact_defs = {
    {"staff", type::number},
    {"attended", type::number},
    {"conference_held", type::boolean},
    {"conference_date", type::date},
    {"report_date", type::date},
    {"request_date", type::date},
    {"convened_date", type::date},
    {"meetings", type::number},
    {"complaints_received", type::number},
    {"complaints_resolved", type::number},
    {"board_members", type::number},
    {"dissemination", type::number},
    {"inspection_done", type::boolean},
    {"report_sent", type::boolean},
};

// The ten conditions (docs/rules.md syntax).
const char* const conditions[10] = {
    R"({"==": [{"var": "conference_held"}, true]})",
    R"({"and": [{"var": "conference_held"}, {"ratio_at_least": [{"var": "attended"}, {"var": "staff"}, 2, 3]}]})",
    R"({">=": [{"var": "meetings"}, 2]})",
    R"({"in_period": {"var": "conference_date"}})",
    R"({"in_window": [{"var": "report_date"}, {"period_end": []}, {"months": 3}]})",
    R"({"<=": [0, {"days_between": [{"var": "request_date"}, {"var": "convened_date"}]}, 15]})",
    R"({"or": [{"==": [{"var": "complaints_received"}, 0]}, {">=": [{"var": "complaints_resolved"}, {"var": "complaints_received"}]}]})",
    R"({"or": [{"<": [{"var": "staff"}, 100]}, {">=": [{"var": "board_members"}, 3]}]})",
    R"({"if": [{">=": [{"var": "staff"}, 200]}, {">=": [{"var": "dissemination"}, 4]}, {">=": [{"var": "dissemination"}, 2]}]})",
    R"({"and": [{"var": "inspection_done"}, {"var": "report_sent"}]})",
};

constexpr std::size_t n_units = 100000;

struct fixture {
    std::vector<danchu::logic::program> programs;
    std::vector<value> facts; // n_units x fact_defs.size(), row-major
    danchu::logic::eval_context ctx;

    fixture() {
        danchu::logic::compile_options o;
        o.file = "bench";
        o.resolve = [](std::string_view name) -> std::optional<danchu::logic::var_binding> {
            for (std::size_t i = 0; i < fact_defs.size(); ++i)
                if (fact_defs[i].first == name) return danchu::logic::var_binding{i, fact_defs[i].second};
            return std::nullopt;
        };
        for (const char* c : conditions)
            programs.push_back(danchu::logic::compile(nlohmann::json::parse(c), o));
        const danchu::civil_day y2018(2018, 1, 1);
        ctx.period_start = y2018;
        ctx.period_end = danchu::civil_day(2018, 12, 31);
        ctx.as_of = danchu::civil_day(2019, 3, 31);
        std::mt19937_64 rng(2018);
        auto uni = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
        const std::size_t k = fact_defs.size();
        facts.resize(n_units * k);
        for (std::size_t u = 0; u < n_units; ++u) {
            value* f = &facts[u * k];
            const int staff = uni(5, 400);
            f[0] = value(staff);
            f[1] = value(staff * uni(40, 100) / 100);
            f[2] = value(uni(0, 9) < 8);
            f[3] = value::date((y2018 + uni(-30, 380)).days());
            f[4] = uni(0, 19) == 0 ? value() : value::date((ctx.period_end + uni(-20, 120)).days());
            const int req = (y2018 + uni(0, 300)).days();
            f[5] = value::date(req);
            f[6] = value::date(req + uni(0, 25));
            f[7] = value(uni(0, 4));
            const int rec = uni(0, 20);
            f[8] = value(rec);
            f[9] = value(rec - uni(0, 3) < 0 ? 0 : rec - uni(0, 3));
            f[10] = value(uni(0, 5));
            f[11] = value(uni(0, 6));
            f[12] = value(uni(0, 9) < 7);
            f[13] = value(uni(0, 9) < 9);
        }
    }
};

const fixture& data() {
    static const fixture f;
    return f;
}

void BM_logic_ten_conditions_100k_units(benchmark::State& state) {
    const fixture& fx = data();
    const std::size_t k = fact_defs.size();
    std::size_t passes = 0;
    for (auto _ : state) {
        for (std::size_t u = 0; u < n_units; ++u) {
            const value* f = &fx.facts[u * k];
            for (const auto& p : fx.programs) {
                const value r = p.evaluate(f, fx.ctx);
                passes += r.is_bool() && r.as_bool();
            }
        }
    }
    benchmark::DoNotOptimize(passes);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n_units * 10));
    state.counters["units"] = static_cast<double>(n_units);
}
BENCHMARK(BM_logic_ten_conditions_100k_units)->Unit(benchmark::kMillisecond);

void BM_logic_apply_json(benchmark::State& state) {
    // The plain JSON entry point (parse rule + data each call), for reference.
    const auto rule = nlohmann::json::parse(conditions[1]);
    const nlohmann::json unit = {{"conference_held", true}, {"attended", 60}, {"staff", 90}};
    for (auto _ : state) benchmark::DoNotOptimize(danchu::logic::apply(rule, unit));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_logic_apply_json);

} // namespace

BENCHMARK_MAIN();
