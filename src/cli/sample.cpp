// `danchu sample`: writes a SYNTHETIC province (organisation, evidence per
// half-year, schedule records per regime) for demos, notebooks and benchmarks.

#include "cli.hpp"

#include <sample/province.hpp>

#include <filesystem>
#include <iostream>
#include <memory>

namespace danchu::cli {

namespace {

struct sample_args {
    std::string out = "sample-province";
    std::size_t units = 330;
    std::uint64_t seed = 2018;
};

int run_sample(const options& opts, const sample_args& a) {
    namespace fs = std::filesystem;
    const fs::path data = resolve_data_dir(opts);
    const nlohmann::json profiles = detail::read_json_file((data / "sample" / "profiles.json").string());
    progress bar(opts, "sample");
    // One implementation with danchu.sample.write (include/sample/province.hpp).
    const sample::province_summary sum = sample::write_province(
        a.out, profiles, sample::law_10_2022_from(data.string()), a.units, a.seed,
        [&bar](std::size_t done, std::size_t total) { bar.step(done, total, "half-years x unit shards"); },
        data.string());
    bar.finish();
    std::cout << "SYNTHETIC sample province: " << sum.units << " units, " << sum.periods
              << " half-years of evidence (" << sum.silent << " unit-periods without evidence) written to "
              << a.out << '\n';
    return 0;
}

} // namespace

void add_sample_command(CLI::App& app, options& opts) {
    auto args = std::make_shared<sample_args>();
    auto* cmd = app.add_subcommand(
        "sample",
        bi("Viết một tỉnh GIẢ LẬP giống Bắc Giang 2018 (tổ chức, minh chứng, hồ sơ)",
           "Write a SYNTHETIC province shaped like Bắc Giang in 2018 (organisation, evidence, records)"));
    cmd->add_option("-o,--output", args->out, bi("Thư mục ghi", "Output folder"))->capture_default_str();
    cmd->add_option("--units", args->units, bi("Số đơn vị (ít nhất 31)", "Number of units (at least 31)"))
        ->capture_default_str();
    cmd->add_option("--seed", args->seed,
                    bi("Hạt giống ngẫu nhiên (cùng hạt, cùng dữ liệu)", "Random seed (same seed, same data)"))
        ->capture_default_str();
    cmd->callback([&opts, args] { opts.run = [&opts, args] { return run_sample(opts, *args); }; });
}

} // namespace danchu::cli
