// The condition language's compiled path: ten representative conditions of a
// democracy-compliance pack over the synthetic units of bench/bench_units.py
// (the same conditions and the same data as bench/logic_vs_peers.py, which
// runs this program and checks that the pass counts agree). Reports rule
// evaluations per second of process CPU time.
//
//   python bench/bench_units.py --units 100000 -o build/bench-data/units-100000.csv
//   cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DDANCHU_BUILD_BENCH=ON
//   cmake --build build/bench --target logic_bench
//   DANCHU_BENCH_UNITS=build/bench-data/units-100000.csv build/bench/bench/logic_bench

#include <danchu/logic/logic.hpp>

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

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

struct fixture {
    std::vector<danchu::logic::program> programs;
    std::vector<value> facts; // units x fact_defs.size(), row-major
    std::size_t units = 0;
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
        ctx.period_start = danchu::civil_day(2018, 1, 1);
        ctx.period_end = danchu::civil_day(2018, 12, 31);
        ctx.as_of = ctx.period_end;
        read_units();
    }

    /// The CSV of bench/bench_units.py: a header naming the facts in slot
    /// order, then one row of integers per unit (empty = missing).
    void read_units() {
        const char* env = std::getenv("DANCHU_BENCH_UNITS");
        const std::string path = env ? env : "build/bench-data/units-100000.csv";
        std::ifstream in(path);
        if (!in)
            throw std::runtime_error(path +
                                     ": not found; write it with `python bench/bench_units.py "
                                     "--units 100000 -o " +
                                     path + "` (or set DANCHU_BENCH_UNITS)");
        std::string line;
        std::getline(in, line);
        std::string expected;
        for (const auto& f : fact_defs) expected += (expected.empty() ? "" : ",") + f.first;
        if (line != expected) throw std::runtime_error(path + ": header is not " + expected);
        const std::size_t k = fact_defs.size();
        while (std::getline(in, line)) {
            std::istringstream row(line);
            std::string cell;
            for (std::size_t i = 0; i < k; ++i) {
                std::getline(row, cell, ',');
                if (cell.empty()) {
                    facts.emplace_back();
                    continue;
                }
                const long long x = std::stoll(cell);
                switch (fact_defs[i].second) {
                case type::boolean: facts.emplace_back(x != 0); break;
                case type::date: facts.push_back(value::date(static_cast<std::int32_t>(x))); break;
                default: facts.emplace_back(static_cast<double>(x));
                }
            }
            ++units;
        }
    }
};

const fixture& data() {
    static const fixture f;
    return f;
}

// Program by program over every unit, as the Python batch path does.
void BM_logic_ten_conditions(benchmark::State& state) {
    const fixture& fx = data();
    const std::size_t k = fact_defs.size();
    std::vector<std::size_t> passes(fx.programs.size());
    for (auto _ : state) {
        for (std::size_t p = 0; p < fx.programs.size(); ++p) {
            std::size_t c = 0;
            for (std::size_t u = 0; u < fx.units; ++u) {
                const value r = fx.programs[p].evaluate(&fx.facts[u * k], fx.ctx);
                c += r.is_bool() && r.as_bool();
            }
            passes[p] = c;
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * fx.units * fx.programs.size()));
    state.counters["units"] = static_cast<double>(fx.units);
    for (std::size_t p = 0; p < passes.size(); ++p)
        state.counters["pass_" + std::to_string(p)] = static_cast<double>(passes[p]);
}
BENCHMARK(BM_logic_ten_conditions)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();

void BM_logic_apply_json(benchmark::State& state) {
    // The plain JSON entry point (parse rule + data each call), for reference.
    const auto rule = nlohmann::json::parse(conditions[1]);
    const nlohmann::json unit = {{"conference_held", true}, {"attended", 60}, {"staff", 90}};
    for (auto _ : state) benchmark::DoNotOptimize(danchu::logic::apply(rule, unit));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_logic_apply_json)->MeasureProcessCPUTime();

} // namespace

BENCHMARK_MAIN();
