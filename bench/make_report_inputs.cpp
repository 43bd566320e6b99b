// The inputs of the `danchu report` benchmark at a large size (issue 14):
// the SYNTHETIC province's organisation and its evidence for two half-years
// under Decree 04/2015 (2017-H1 and 2017-H2), the same files `danchu sample`
// writes, without the rest of the province (events, facts, records), so that
// 100,000 units fit in memory. One half-year is generated, written and freed
// at a time.
//
//   cmake --build build/bench --target make_report_inputs
//   build/bench/bench/make_report_inputs /tmp/p100k 100000
//   danchu -q report --units /tmp/p100k/organisation.json \
//     --evidence /tmp/p100k/evidence/2017-H2.json --previous-evidence /tmp/p100k/evidence/2017-H1.json \
//     --period 2017-H2 --previous-period 2017-H1 --pack vn.decree-04-2015 \
//     --as-of 2017-12-14 --generated-on 2018-01-01 -o /tmp/p100k-report

#include <danchu/core/data.hpp>
#include <danchu/io/detail/json_text.hpp>
#include <danchu/io/detail/output_file.hpp>
#include <danchu/organisation/io.hpp>
#include <sample/evidence.hpp>
#include <sample/province.hpp>
#include <sample/sample.hpp>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>

int main(int argc, char** argv) {
    if (argc < 2 || argc > 4) {
        std::fprintf(stderr, "usage: make_report_inputs OUT_DIR [UNITS=100000] [SEED=2018]\n");
        return 2;
    }
    namespace fs = std::filesystem;
    try {
        const fs::path out(argv[1]);
        const std::size_t units = argc > 2 ? std::stoul(argv[2]) : 100000;
        const std::uint64_t seed = argc > 3 ? std::stoull(argv[3]) : 2018;
        const std::string data = danchu::default_data_dir();
        const auto profiles = danchu::detail::read_json_file(data + "/sample/profiles.json");
        const auto l10 = danchu::sample::law_10_2022_from(data);
        const danchu::organisation org = danchu::sample::bac_giang_2018(units, seed);
        fs::create_directories(out / "evidence");
        danchu::detail::write_output_file((out / "organisation.json").string(),
                                          danchu::organisation_to_json(org).dump(1) + '\n');
        for (const char* label : {"2017-H1", "2017-H2"}) {
            const auto period = danchu::sample::period_from_label(label, l10);
            std::string text = danchu::sample::generate_period(org, profiles, period, seed).evidence.dump(1);
            text += '\n';
            danchu::detail::write_output_file((out / "evidence" / (std::string(label) + ".json")).string(),
                                              text);
        }
        std::printf("SYNTHETIC: %zu units, evidence for 2017-H1 and 2017-H2 in %s\n", org.size(), argv[1]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "make_report_inputs: %s\n", e.what());
        return 1;
    }
    return 0;
}
