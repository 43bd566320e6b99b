// Calendar engine benchmarks: lunar conversions, working-day queries and
// arithmetic, holiday listing (results in BENCHMARKS.md, "Calendar").

#include <danchu/calendar/calendar.hpp>
#include <danchu/core/data.hpp>
#include <danchu/calendar/lunar.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <vector>

namespace {

const danchu::calendar& vn() {
    static const danchu::calendar cal = danchu::calendar::vietnam(danchu::default_data_dir());
    return cal;
}

std::vector<danchu::day_number> all_days(int from_year, int to_year) {
    std::vector<danchu::day_number> v;
    for (auto d = danchu::days_from_civil(from_year, 1, 1); d <= danchu::days_from_civil(to_year, 12, 31);
         ++d)
        v.push_back(d);
    return v;
}

void bm_to_lunar(benchmark::State& state) {
    const auto days = all_days(1900, 2199);
    (void)danchu::to_lunar(danchu::civil_day::from_days(days.front())); // build the table outside the timing
    for (auto _ : state) {
        std::int64_t sum = 0;
        for (const auto d : days) sum += danchu::to_lunar(danchu::civil_day::from_days(d)).day;
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(days.size()));
}
BENCHMARK(bm_to_lunar)->Unit(benchmark::kMillisecond);

void bm_to_lunar_random(benchmark::State& state) {
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> pick(danchu::lunar_min_day, danchu::lunar_max_day);
    std::vector<danchu::day_number> days(1 << 16);
    for (auto& d : days) d = pick(rng);
    (void)danchu::to_lunar(danchu::civil_day::from_days(days.front()));
    for (auto _ : state) {
        std::int64_t sum = 0;
        for (const auto d : days) sum += danchu::to_lunar(danchu::civil_day::from_days(d)).month;
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(days.size()));
}
BENCHMARK(bm_to_lunar_random)->Unit(benchmark::kMillisecond);

void bm_to_solar(benchmark::State& state) {
    std::vector<danchu::lunar_date> dates;
    for (auto d : all_days(1901, 2198)) dates.push_back(danchu::to_lunar(danchu::civil_day::from_days(d)));
    for (auto _ : state) {
        std::int64_t sum = 0;
        for (const auto& l : dates) sum += danchu::to_solar(l).days();
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(dates.size()));
}
BENCHMARK(bm_to_solar)->Unit(benchmark::kMillisecond);

void bm_build_lunar_table(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(danchu::detail::build_lunar_table());
}
BENCHMARK(bm_build_lunar_table)->Unit(benchmark::kMillisecond);

// The whole calendar: load the data and build the day index of 1900-2199 (the
// calendar is lazy: the first working-day query builds it). The lunar months,
// computed once per process, are not counted.
void bm_build_calendar(benchmark::State& state) {
    (void)danchu::to_lunar(danchu::civil_day::from_days(danchu::lunar_min_day));
    for (auto _ : state) {
        const auto c = danchu::calendar::vietnam(danchu::default_data_dir());
        benchmark::DoNotOptimize(c.is_working_day(danchu::civil_day(2025, 1, 2)));
    }
}
BENCHMARK(bm_build_calendar)->Unit(benchmark::kMillisecond);

// One year from a new calendar: list and scan the data files, convert 2025's.
void bm_one_year_new_calendar(benchmark::State& state) {
    for (auto _ : state) {
        const auto c = danchu::calendar::vietnam(danchu::default_data_dir());
        benchmark::DoNotOptimize(c.holidays(2025));
    }
}
BENCHMARK(bm_one_year_new_calendar)->Unit(benchmark::kMicrosecond);

void bm_is_working_day_1901_2100(benchmark::State& state) {
    const auto days = all_days(1901, 2100);
    std::vector<std::uint8_t> out(days.size());
    const auto& c = vn();
    for (auto _ : state) {
        c.is_working_day(days.data(), out.data(), days.size());
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(days.size()));
}
BENCHMARK(bm_is_working_day_1901_2100)->Unit(benchmark::kMicrosecond);

void bm_add_working_days_100k(benchmark::State& state) {
    std::mt19937 rng(11);
    std::uniform_int_distribution<int> pick(danchu::days_from_civil(1902, 1, 1),
                                            danchu::days_from_civil(2099, 12, 31));
    std::vector<danchu::day_number> days(100000), out(days.size());
    for (auto& d : days) d = pick(rng);
    const std::int64_t n = 10;
    const auto& c = vn();
    for (auto _ : state) {
        c.add_working_days(days.data(), &n, 1, out.data(), days.size());
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(days.size()));
}
BENCHMARK(bm_add_working_days_100k)->Unit(benchmark::kMillisecond);

void bm_holidays_1901_2100(benchmark::State& state) {
    const auto& c = vn();
    for (auto _ : state) {
        std::size_t n = 0;
        for (int y = 1901; y <= 2100; ++y) n += c.holidays(y).size();
        benchmark::DoNotOptimize(n);
    }
}
BENCHMARK(bm_holidays_1901_2100)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
