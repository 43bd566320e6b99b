// libFuzzer target for the DOCX template reader (danchu_office: libzip +
// pugixml): arbitrary bytes as a template, read, its placeholders listed and
// filled, and, when it is a usable template, the report example written into
// it and read back. Only danchu::error may escape; anything else (a crash, a
// leak, a hang, an out-of-bounds read) is a bug.
//   build/<fuzz>/tests/fuzz/docx_fuzz -max_total_time=60 -rss_limit_mb=1024 -timeout=5 tests/fuzz/corpus/docx

#include <danchu/office/docx.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

danchu::report::document small_report() {
    namespace r = danchu::report;
    r::document d;
    d.head.province = {"Bắc Giang", "Bắc Giang"};
    d.head.reporting_body = {"Sở Nội vụ", "Department of Home Affairs"};
    d.head.recipient = {"Chủ tịch UBND tỉnh", "Chairman"};
    d.head.period = {"2018-H1", "2018-01-01", "2018-06-30", "2017-12-15", "2018-06-14"};
    d.head.generated_on = "2018-06-18";
    d.head.regimes = {{"nd04-2015", {"Nghị định 04/2015/NĐ-CP", "Decree 04/2015"}, ""}};
    d.head.legal_basis = {{"Nghị định 04/2015/NĐ-CP", "Điều 1", "", "", "", "verified"}};
    d.current.period_id = "2018-H1";
    d.current.band_counts.assign(d.bands.size(), 0);
    return d;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    try {
        auto t = danchu::office::docx_template::from_bytes(bytes, "fuzz.docx");
        (void)t.placeholders();
        (void)t.styles();
        t.set_text({{"number", "=1<&>\n"}, {"summary", "x"}});
        const auto d = small_report();
        const std::string out = danchu::office::to_docx(d, danchu::office::default_config(d), t);
        (void)danchu::office::docx_template::from_bytes(out, "out.docx").placeholders();
    } catch (const danchu::error&) {
    }
    return 0;
}
