// Reading evidence (issue 14): a half-year's JSON evidence file of the
// synthetic province (N units; 20,000 units: about 76 MB) and its dated events
// (the sample province of 330 units: about 45 MB), by the reference reader of
// the header-only core (nlohmann's callback parser, streamed) and by
// danchu::ingest (simdjson in batches, values straight into the columns).
// Bytes/s is the file's size over the CPU time. Results in BENCHMARKS.md
// ("Evidence ingest"). The files are written once, under the temporary folder.
//
//   cmake --build build/bench --target ingest_bench && build/bench/bench/ingest_bench

#include <danchu/core/data.hpp>
#include <danchu/evidence/event_io.hpp>
#include <danchu/evidence/io.hpp>
#include <danchu/ingest/json.hpp>
#include <danchu/io/detail/json_text.hpp>
#include <danchu/io/detail/output_file.hpp>
#include <sample/evidence.hpp>
#include <sample/province.hpp>

#include <benchmark/benchmark.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

namespace {

namespace fs = std::filesystem;

struct evidence_fixture {
    danchu::organisation org;
    std::shared_ptr<const danchu::fact_dictionary> dict;
    std::string file;
    std::size_t bytes = 0;
};

const evidence_fixture& evidence_of(std::size_t units) {
    static std::map<std::size_t, evidence_fixture> cache;
    auto& f = cache[units];
    if (!f.file.empty()) return f;
    const std::string data = danchu::default_data_dir();
    f.org = danchu::sample::bac_giang_2018(units, 2018);
    f.dict = std::make_shared<const danchu::fact_dictionary>(danchu::load_default_fact_dictionary(data));
    f.file =
        (fs::temp_directory_path() / ("danchu-ingest-bench-" + std::to_string(units) + ".json")).string();
    if (!fs::exists(f.file)) {
        const auto profiles = danchu::detail::read_json_file(data + "/sample/profiles.json");
        const auto period =
            danchu::sample::period_from_label("2018-H1", danchu::sample::law_10_2022_from(data));
        const auto g = danchu::sample::generate_period(f.org, profiles, period, 2018);
        danchu::detail::write_output_file(f.file, g.evidence.dump(1) + "\n");
    }
    f.bytes = fs::file_size(f.file);
    return f;
}

void BM_evidence_reference(benchmark::State& state) {
    const auto& f = evidence_of(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state)
        benchmark::DoNotOptimize(
            danchu::detail::load_evidence_json_reference(f.file, f.dict, f.org, nullptr));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f.bytes));
}

void BM_evidence_fast(benchmark::State& state) {
    const auto& f = evidence_of(static_cast<std::size_t>(state.range(0)));
    danchu::ingest::set_buffer_sizes(0, static_cast<std::size_t>(state.range(1)));
    danchu::ingest::read_path path = danchu::ingest::read_path::fallback;
    for (auto _ : state)
        benchmark::DoNotOptimize(danchu::ingest::load_evidence_json(f.file, f.dict, f.org, nullptr, &path));
    if (path != danchu::ingest::read_path::fast) state.SkipWithError("the fast path gave up");
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f.bytes));
}

struct events_fixture {
    danchu::organisation org;
    std::shared_ptr<const danchu::event_kinds> kinds;
    std::string file;
    std::size_t bytes = 0;
};

const events_fixture& events_of() {
    static events_fixture f = [] {
        events_fixture x;
        const std::string data = danchu::default_data_dir();
        x.org = danchu::sample::bac_giang_2018(330, 2018);
        x.kinds = danchu::load_event_kinds(data);
        const fs::path dir = fs::temp_directory_path() / "danchu-ingest-bench-province";
        x.file = (dir / "events.json").string();
        if (!fs::exists(x.file)) {
            const auto profiles = danchu::detail::read_json_file(data + "/sample/profiles.json");
            danchu::sample::write_province(dir.string(), profiles, danchu::sample::law_10_2022_from(data),
                                           330, 2018, {}, data);
        }
        x.bytes = fs::file_size(x.file);
        return x;
    }();
    return f;
}

void BM_events_reference(benchmark::State& state) {
    const auto& f = events_of();
    for (auto _ : state) {
        danchu::event_log_builder b(f.kinds, f.org);
        danchu::detail::add_events_json_reference(b, *f.kinds, f.file, nullptr);
        benchmark::DoNotOptimize(b.build());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f.bytes));
}

void BM_events_fast(benchmark::State& state) {
    const auto& f = events_of();
    danchu::ingest::set_buffer_sizes(0, static_cast<std::size_t>(state.range(0)));
    danchu::ingest::read_path path = danchu::ingest::read_path::fallback;
    for (auto _ : state) {
        danchu::event_log_builder b(f.kinds, f.org);
        danchu::ingest::add_events_json(b, *f.kinds, f.file, nullptr, &path);
        benchmark::DoNotOptimize(b.build());
    }
    if (path != danchu::ingest::read_path::fast) state.SkipWithError("the fast path gave up");
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f.bytes));
}

} // namespace

BENCHMARK(BM_evidence_reference)->Arg(20000)->Unit(benchmark::kMillisecond);
// the second argument: the batch size handed to simdjson (0: the default)
BENCHMARK(BM_evidence_fast)->Args({20000, 0})->Args({20000, 1 << 16})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_events_reference)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_events_fast)->Arg(0)->Arg(1 << 16)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
