// libFuzzer target for the XLSX reader (issue 13, danchu::office): the zip
// container (libzip), the workbook, relationships, shared strings, styles and
// sheets (pugixml), then the evidence-workbook reader into an event log,
// lenient and strict. Only danchu::error may escape; anything else (a crash,
// a leak, a hang, UB) is a bug. The seeds are workbooks danchu writes.
//   build/<fuzz>/tests/fuzz/xlsx_fuzz -max_total_time=60 -rss_limit_mb=1024 -timeout=5 tests/fuzz/corpus/xlsx

#include <danchu/evidence/event_io.hpp>
#include <danchu/office/xlsx.hpp>
#include <danchu/organisation/io.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace {

struct world {
    std::shared_ptr<const danchu::event_kinds> kinds;
    danchu::organisation org;
    world() {
        const std::string data = DANCHU_DATA_DIR_DEFAULT;
        kinds = danchu::load_event_kinds(data);
        org = danchu::organisation_from_csv(
            "id,kind,staff,role\nA,department,64,home_affairs\nB,school,5,\nSNV,department,60,\n",
            "units.csv");
    }
};

const world& get() {
    static const world w;
    return w;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 256 * 1024) return 0;
    const world& w = get();
    danchu::office::xlsx_limits limits;
    limits.max_part_bytes = 4u << 20;
    limits.max_cells = 100000;
    try {
        const auto wb = danchu::office::read_xlsx_bytes(
            std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.xlsx", limits);
        {
            danchu::event_log_builder b(w.kinds, w.org);
            std::vector<danchu::event_issue> issues;
            b.set_problem_sink(&issues);
            danchu::office::add_events_xlsx(b, *w.kinds, wb, &issues);
            (void)danchu::unresolved_references(b.build());
        }
        danchu::event_log_builder strict(w.kinds, w.org);
        danchu::office::add_events_xlsx(strict, *w.kinds, wb);
        (void)strict.build();
    } catch (const danchu::error&) {}
    return 0;
}
