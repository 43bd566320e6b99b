// Report renderers on a generated document of N units (2,000: a province;
// 10,000 and 100,000: the sizes, 100,000 ~ the whole country). Every
// unit is in the appendix; a tenth have changes, a fifth a failing, one in
// twenty an overdue obligation. Results in BENCHMARKS.md ("Report").

#include <danchu/report/report.hpp>
#include <danchu/report/json.hpp>

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

namespace {

namespace r = danchu::report;

r::document make_report(std::size_t n) {
    r::document d;
    d.head.province = {"Tỉnh mẫu", "Sample province"};
    d.head.reporting_body = {"Sở Nội vụ", "Department of Home Affairs"};
    d.head.recipient = {"Chủ tịch UBND tỉnh", "Chairman of the Provincial People's Committee"};
    d.head.period = {"2018-H1", "2018-01-01", "2018-06-30", "2017-12-15", "2018-06-14"};
    d.head.generated_on = "2018-06-18";
    d.head.regimes = {{"nd04-2015", {"Nghị định 04/2015/NĐ-CP", "Decree 04/2015/NĐ-CP"}, ""}};
    d.head.legal_basis = {{"Nghị định 04/2015/NĐ-CP", "", "", "", "", "verified"}};
    d.head.synthetic = true;
    const char* districts[] = {"TP Bắc Giang", "Lục Ngạn",   "Lục Nam",  "Sơn Động", "Yên Thế",
                               "Tân Yên",      "Lạng Giang", "Hiệp Hòa", "Việt Yên", "Yên Dũng"};
    const char* sectors[] = {"Quản lý nhà nước", "Giáo dục", "Y tế", "Văn hóa"};
    d.failings = r::directive_failings();
    for (auto& f : d.failings) f.rules = {{"RULE-" + f.id, {"Quy tắc", "Rule"}, {d.head.legal_basis[0]}}};
    std::vector<std::size_t> counts(d.bands.size(), 0);
    d.units.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t b = (i * 7) % 4;
        const double score = 40.0 + static_cast<double>((i * 37) % 600) / 10.0;
        const std::string id = "u" + std::to_string(i);
        d.units.push_back({id, "Trường Tiểu học số " + std::to_string(i), districts[i % 10], sectors[i % 4],
                           score, d.bands[b].id, i % 13 != 0, i + 1});
        ++counts[b];
        if (i % 10 == 0)
            d.changes.push_back({id, d.units.back().name, score - 2.5, score, i + 3, i + 1,
                                 d.bands[(b + 1) % 4].id, d.bands[b].id});
        if (i % 5 == 0)
            d.failings[i % 4].units.push_back(
                {id, d.units.back().name, districts[i % 10], {"RULE-" + d.failings[i % 4].id}});
        if (i % 20 == 0)
            d.schedule.overdue.push_back({id,
                                          d.units.back().name,
                                          "unit-report-h1",
                                          {"Báo cáo sáu tháng", "Six-monthly report"},
                                          "2018-06-08",
                                          6,
                                          std::nullopt});
    }
    d.schedule.as_of = "2018-06-18";
    d.current = {"2018-H1", n, n - (n + 12) / 13, 0.75, 69.9, counts};
    d.by_district = r::count_by_group(d, false);
    d.by_sector = r::count_by_group(d, true);
    return d;
}

template <class F> void run(benchmark::State& state, F render) {
    const auto doc = make_report(static_cast<std::size_t>(state.range(0)));
    std::size_t bytes = 0;
    for (auto _ : state) {
        const std::string out = render(doc);
        bytes = out.size();
        benchmark::DoNotOptimize(out.data());
    }
    state.counters["MB"] = static_cast<double>(bytes) / 1e6;
    state.counters["units/s"] =
        benchmark::Counter(static_cast<double>(state.range(0)) * static_cast<double>(state.iterations()),
                           benchmark::Counter::kIsRate);
}

void bm_html(benchmark::State& s) {
    run(s, [](const r::document& d) { return r::to_html(d); });
}
void bm_markdown(benchmark::State& s) {
    run(s, [](const r::document& d) { return r::to_markdown(d); });
}
void bm_units_csv(benchmark::State& s) {
    run(s, [](const r::document& d) { return r::units_csv(d); });
}
void bm_json_write(benchmark::State& s) {
    run(s, [](const r::document& d) { return r::to_json_text(d); });
}
void bm_json_read(benchmark::State& s) {
    const std::string text = r::to_json_text(make_report(static_cast<std::size_t>(s.range(0))));
    for (auto _ : s) {
        auto doc = r::from_json_text(text);
        benchmark::DoNotOptimize(doc.units.data());
    }
    s.counters["units/s"] = benchmark::Counter(
        static_cast<double>(s.range(0)) * static_cast<double>(s.iterations()), benchmark::Counter::kIsRate);
}

} // namespace

BENCHMARK(bm_html)->Arg(2000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(bm_markdown)->Arg(2000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(bm_units_csv)->Arg(2000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(bm_json_write)->Arg(2000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(bm_json_read)->Arg(2000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
