// Batch evaluation: N units against the Decree 04/2015 pack in one call, from
// columnar evidence. Reports rule evaluations per second and the heap
// allocations one evaluation makes.
//
// The units are those of bench/bench_evidence.py (one generator for this
// benchmark and the Python one, bench/pack_batch.py): the folder named by the
// environment variable DANCHU_BENCH_EVIDENCE (default
// build/bench-data/decree04-100000) holds organisation.csv and evidence.csv,
// read with danchu's loaders.
//
//   python bench/bench_evidence.py --units 100000 -o build/bench-data/decree04-100000
//   cmake --build build/bench --target evaluate_bench && build/bench/bench/evaluate_bench
//
// With DANCHU_BENCH_FINDINGS set to a folder, each benchmark also writes the
// findings of its last evaluation there, `findings-columnar<0|1>.bin`: the
// verdict codes (one byte per cell, unit-major) then the credits (one
// little-endian double per cell), and `findings.txt` (units, rules, the rule
// ids); bench/pack_batch.py compares them cell by cell with Python's.
//
// Times are process CPU time (CLOCK_PROCESS_CPUTIME_ID); `allocs_per_unit`
// counts the heap allocations one evaluation makes, divided by the units.

#include <danchu/core/data.hpp>
#include <danchu/evidence/io.hpp>
#include <danchu/organisation/io.hpp>
#include <danchu/rules/evaluate.hpp>

#include <benchmark/benchmark.h>

#include "count_allocations.hpp"

#include <cstdlib>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

using danchu_bench::allocations;

namespace {

struct fixture {
    std::shared_ptr<const danchu::fact_dictionary> dict;
    std::unique_ptr<danchu::evaluation_plan> plan;
    std::unique_ptr<danchu::organisation> org;
    std::unique_ptr<danchu::evidence> ev;
};

std::string env_or(const char* name, const char* fallback) {
    const char* v = std::getenv(name);
    return v && *v ? v : fallback;
}

/// The units of bench/bench_evidence.py, loaded once.
const fixture& data() {
    static const fixture f = [] {
        fixture x;
        const std::string dir = env_or("DANCHU_BENCH_EVIDENCE", "build/bench-data/decree04-100000");
        if (!std::ifstream(dir + "/evidence.csv"))
            throw std::runtime_error(
                dir +
                "/evidence.csv: not found; write it with `python bench/bench_evidence.py "
                "--units 100000 -o " +
                dir + "` (or set DANCHU_BENCH_EVIDENCE)");
        const std::string data = danchu::default_data_dir();
        x.dict = std::make_shared<const danchu::fact_dictionary>(danchu::load_default_fact_dictionary(data));
        x.plan = std::make_unique<danchu::evaluation_plan>(
            danchu::pack_library(data).load_set("vn.decree-04-2015"), x.dict);
        x.org = std::make_unique<danchu::organisation>(danchu::load_organisation(dir + "/organisation.csv"));
        x.ev = std::make_unique<danchu::evidence>(
            danchu::load_evidence(dir + "/evidence.csv", x.dict, *x.org, "2018"));
        return x;
    }();
    return f;
}

/// One more evaluation, its findings written as bench/pack_batch.py reads them
/// (see the top of this file).
void write_findings(const fixture& f, const danchu::evaluation_options& opt) {
    const std::string dir = env_or("DANCHU_BENCH_FINDINGS", "");
    if (dir.empty()) return;
    const bool columnar = opt.columnar;
    const danchu::finding_table t = danchu::evaluate(*f.plan, *f.org, *f.ev, opt);
    std::ofstream bin(dir + "/findings-columnar" + (columnar ? "1" : "0") + ".bin", std::ios::binary);
    bin.write(reinterpret_cast<const char*>(t.verdicts().data()),
              static_cast<std::streamsize>(t.verdicts().size() * sizeof(danchu::verdict)));
    bin.write(reinterpret_cast<const char*>(t.credits().data()),
              static_cast<std::streamsize>(t.credits().size() * sizeof(double)));
    std::ofstream txt(dir + "/findings.txt");
    txt << t.unit_count() << ' ' << t.rule_count() << '\n';
    for (const auto& r : t.rules()) txt << r.id << '\n';
    if (!bin || !txt) throw std::runtime_error(dir + ": could not write the findings");
}

/// range(0) = 1 for the column-at-a-time evaluator (the default), 0 for the
/// per-unit interpreter (evaluation_options::columnar).
void bm_evaluate_decree04(benchmark::State& state) {
    const fixture& f = data();
    const std::size_t n = f.org->size();
    danchu::evaluation_options opt(danchu::assessment_period("2018"));
    opt.columnar = state.range(0) != 0;
    std::size_t cells = 0;
    const std::uint64_t allocs_before = allocations.load();
    for (auto _ : state) {
        const danchu::finding_table t = danchu::evaluate(*f.plan, *f.org, *f.ev, opt);
        benchmark::DoNotOptimize(t.verdicts().data());
        cells = t.rule_count() * t.unit_count();
    }
    state.counters["allocs_per_unit"] =
        static_cast<double>(allocations.load() - allocs_before) / static_cast<double>(state.iterations() * n);
    write_findings(f, opt); // after the timed loop: not measured
    const std::size_t rules = f.plan->rules().rules().size();
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * cells));
    state.counters["rules"] = static_cast<double>(rules);
    state.counters["units"] = static_cast<double>(n);
    // finding table: one verdict byte and one double credit per cell
    state.counters["table_bytes_per_unit"] =
        static_cast<double>(rules * (sizeof(danchu::verdict) + sizeof(double)));
    state.counters["values_in_evidence"] = static_cast<double>(f.ev->value_count());
}
BENCHMARK(bm_evaluate_decree04)
    ->ArgNames({"columnar"})
    ->Arg(1)
    ->Arg(0)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime();

} // namespace

BENCHMARK_MAIN();
