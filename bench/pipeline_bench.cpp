// The whole six-monthly pipeline on a generated province (issue 6,
// "Performance"): a SYNTHETIC Bắc Giang-shaped organisation of N units, its
// 2017-H2 and 2018-H1 evidence as JSON documents (what units send), then
//   load evidence -> evaluate (Bắc Giang pack over Decree 04/2015) -> score
//   (default scorecard) -> roll up and compare with 2017-H2 -> schedule the
//   year's obligations with statuses as of 14/06/2018.
// Generating the input is not timed: the stages start from the two evidence
// files' text (what units send), streamed one unit at a time. Each stage's
// time is a counter (ms, for the last iteration); `peak_MiB` is the peak
// resident memory while the pipeline ran (Linux VmHWM, reset after the
// input was generated), `input_MiB` the evidence text it started from.
//
//   cmake --build build/bench --target pipeline_bench && build/bench/bench/pipeline_bench

#include <danchu/scoring/io.hpp>
#include <danchu/calendar/calendar.hpp>
#include <danchu/core/data.hpp>
#include <danchu/rules/evaluate.hpp>
#include <danchu/evidence/io.hpp>
#include <danchu/scoring/rollup.hpp>
#include <sample/evidence.hpp>
#include <danchu/schedule/schedule.hpp>
#include <danchu/scoring/score.hpp>

#include <benchmark/benchmark.h>

#include <malloc.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

namespace {

using clock_type = std::chrono::steady_clock;

double ms_since(clock_type::time_point t0) {
    return std::chrono::duration<double, std::milli>(clock_type::now() - t0).count();
}

/// VmHWM or VmRSS from /proc/self/status, in MiB.
double status_mib(const std::string& field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1)) / 1024.0; // kB
    return 0;
}

/// Forgets the peak so far (Linux: writing 5 to clear_refs resets VmHWM).
void reset_peak() {
    malloc_trim(0);
    std::ofstream("/proc/self/clear_refs") << "5";
}

struct inputs {
    danchu::organisation org;
    std::string now, before; // the evidence files' text
    danchu::schedule_records records;
};

inputs generate(std::size_t n) {
    const std::string data = danchu::default_data_dir();
    inputs in;
    in.org = danchu::sample::bac_giang_2018(n, 2018);
    const auto profiles = danchu::detail::read_json_file(data + "/sample/profiles.json");
    const auto d = [](int y, int m, int dd) { return danchu::days_from_civil(y, m, dd); };
    auto h1 =
        danchu::sample::generate_period(in.org, profiles, {"2018-H1", d(2018, 1, 1), d(2018, 6, 30), false});
    auto h2 =
        danchu::sample::generate_period(in.org, profiles, {"2017-H2", d(2017, 7, 1), d(2017, 12, 31), false});
    in.now = h1.evidence.dump();
    in.before = h2.evidence.dump();
    in.records = std::move(h1.records);
    return in;
}

void BM_pipeline(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const std::string data = danchu::default_data_dir();
    const inputs in = generate(n);
    // Loaded once per process in real use (packs, dictionary, calendar).
    auto dict = std::make_shared<const danchu::fact_dictionary>(danchu::load_default_fact_dictionary(data));
    const danchu::evaluation_plan plan(danchu::pack_library(data).load_set("vn.bac-giang.2018-05-09"), dict);
    auto scheme = std::make_shared<const danchu::scoring_scheme>(
        danchu::find_scoring_scheme("default-vn.bac-giang.2018-05-09", data));
    const danchu::calendar cal = danchu::calendar::vietnam(data);
    danchu::obligation_set obs;
    obs.add_file(data + "/obligations/vn.decree-04-2015.json");
    obs.add_file(data + "/obligations/vn.bac-giang.2018-05-09.json");

    double t_load = 0, t_eval = 0, t_score = 0, t_roll = 0, t_sched = 0;
    const double base_mib = status_mib("VmRSS");
    reset_peak();
    for (auto _ : state) {
        auto t0 = clock_type::now();
        std::istringstream s_now(in.now), s_before(in.before);
        const auto ev_now = danchu::evidence_from_json_stream(s_now, "2018-H1.json", dict, in.org);
        const auto ev_before = danchu::evidence_from_json_stream(s_before, "2017-H2.json", dict, in.org);
        t_load = ms_since(t0);

        t0 = clock_type::now();
        danchu::evaluation_options o_now(danchu::assessment_period("2018-H1"));
        danchu::evaluation_options o_before(danchu::assessment_period("2017-H2"));
        o_now.is_working_day =
            o_before.is_working_day = [&cal](danchu::civil_day day) { return cal.is_working_day(day); };
        const auto f_now = danchu::evaluate(plan, in.org, ev_now, o_now);
        const auto f_before = danchu::evaluate(plan, in.org, ev_before, o_before);
        t_eval = ms_since(t0);

        t0 = clock_type::now();
        const auto sc_now = danchu::score(scheme, f_now);
        const auto sc_before = danchu::score(scheme, f_before);
        t_score = ms_since(t0);

        t0 = clock_type::now();
        const danchu::rollup r_now(in.org, sc_now), r_before(in.org, sc_before);
        const auto changes = danchu::compare(r_now, r_before);
        t_roll = ms_since(t0);

        t0 = clock_type::now();
        danchu::schedule_options so;
        so.from = danchu::civil_day(2018, 1, 1);
        so.to = danchu::civil_day(2018, 12, 31);
        so.as_of = danchu::civil_day(2018, 6, 14);
        so.is_working_day = [&cal](danchu::civil_day day) { return cal.is_working_day(day); };
        const auto sched = danchu::build_schedule(obs, in.org, in.records.submissions, in.records.events, so);
        t_sched = ms_since(t0);

        benchmark::DoNotOptimize(changes.data());
        benchmark::DoNotOptimize(sched.items.data());
    }
    state.counters["load_ms"] = t_load;
    state.counters["evaluate_ms"] = t_eval;
    state.counters["score_ms"] = t_score;
    state.counters["rollup_ms"] = t_roll;
    state.counters["schedule_ms"] = t_sched;
    state.counters["total_ms"] = t_load + t_eval + t_score + t_roll + t_sched;
    state.counters["input_MiB"] = static_cast<double>(in.now.size() + in.before.size()) / (1024.0 * 1024.0);
    state.counters["before_MiB"] = base_mib;
    state.counters["peak_MiB"] = status_mib("VmHWM");
}

} // namespace

BENCHMARK(BM_pipeline)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(1);

BENCHMARK_MAIN();
