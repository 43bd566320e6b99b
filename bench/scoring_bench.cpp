// Scoring and rolling up 100,000 units (synthetic province, danchu::sample).
// Findings are generated deterministically for the rules of the bundled
// Law 10/2022 pack's default scheme; nothing here describes a real agency.
//
//   build/<dir>/bench/scoring_bench --benchmark_min_time=1

#include <danchu/scoring/io.hpp>
#include <danchu/core/data.hpp>
#include <danchu/scoring/rollup.hpp>
#include <sample/sample.hpp>
#include <danchu/scoring/scorecard.hpp>

#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

namespace {

struct fixture {
    danchu::organisation org;
    danchu::finding_table table;
    std::shared_ptr<const danchu::scoring_scheme> scorecard_scheme, xccdf_scheme;
};

const fixture& data(std::size_t n) {
    static std::unique_ptr<fixture> f;
    if (f && f->org.size() == n) return *f;
    f = std::make_unique<fixture>();
    f->org = danchu::sample::bac_giang_2018(n, 2018);
    const std::string dir = danchu::default_data_dir() + "/scoring/";
    f->scorecard_scheme = std::make_shared<const danchu::scoring_scheme>(
        danchu::load_scoring_scheme(dir + "default-vn.law-10-2022.json"));
    f->xccdf_scheme = std::make_shared<const danchu::scoring_scheme>(
        danchu::load_scoring_scheme(dir + "xccdf-default.json"));
    std::vector<danchu::rule_meta> rules;
    for (const auto& c : f->scorecard_scheme->criteria())
        for (const auto& it : c.items) {
            danchu::rule_meta m;
            m.id = it.rule;
            m.weight = 1.0 + static_cast<double>(rules.size() % 3);
            rules.push_back(m);
        }
    std::vector<std::string> ids;
    for (std::size_t i = 1; i < f->org.size(); ++i) ids.push_back(f->org[i].id); // not the root
    f->table = danchu::finding_table(rules, ids);
    danchu::sample::rng g(7);
    for (std::size_t u = 0; u < ids.size(); ++u)
        for (std::size_t r = 0; r < rules.size(); ++r) {
            const double x = g.uniform();
            const auto v = x < 0.70   ? danchu::verdict::pass
                           : x < 0.88 ? danchu::verdict::fail
                           : x < 0.96 ? danchu::verdict::not_applicable
                                      : danchu::verdict::unknown;
            f->table.set(u, r, v,
                         v == danchu::verdict::pass   ? 1.0f
                         : v == danchu::verdict::fail ? static_cast<float>(g.uniform())
                                                      : 0.0f);
        }
    return *f;
}

void BM_score_scorecard(benchmark::State& st) {
    const auto& f = data(static_cast<std::size_t>(st.range(0)));
    for (auto _ : st) {
        auto sc = danchu::score(f.scorecard_scheme, f.table);
        benchmark::DoNotOptimize(sc.totals().data());
    }
    st.SetItemsProcessed(st.iterations() * static_cast<std::int64_t>(f.table.unit_count()));
}

void BM_score_xccdf_default(benchmark::State& st) {
    const auto& f = data(static_cast<std::size_t>(st.range(0)));
    for (auto _ : st) {
        auto sc = danchu::score(f.xccdf_scheme, f.table);
        benchmark::DoNotOptimize(sc.totals().data());
    }
    st.SetItemsProcessed(st.iterations() * static_cast<std::int64_t>(f.table.unit_count()));
}

void BM_rollup(benchmark::State& st) {
    const auto& f = data(static_cast<std::size_t>(st.range(0)));
    const auto sc = danchu::score(f.scorecard_scheme, f.table);
    for (auto _ : st) {
        danchu::rollup r(f.org, sc);
        benchmark::DoNotOptimize(r.mean(0));
    }
    st.SetItemsProcessed(st.iterations() * static_cast<std::int64_t>(f.org.size()));
}

void BM_score_and_rollup(benchmark::State& st) {
    const auto& f = data(static_cast<std::size_t>(st.range(0)));
    for (auto _ : st) {
        const auto sc = danchu::score(f.scorecard_scheme, f.table);
        danchu::rollup r(f.org, sc);
        benchmark::DoNotOptimize(r.mean(0));
    }
    st.SetItemsProcessed(st.iterations() * static_cast<std::int64_t>(f.org.size()));
}

} // namespace

BENCHMARK(BM_score_scorecard)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_score_xccdf_default)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_rollup)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_score_and_rollup)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
