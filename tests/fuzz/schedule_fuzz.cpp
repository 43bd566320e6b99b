// libFuzzer target for the schedule's inputs: obligation files, and records
// (submissions and trigger events) as a JSON document, as a JSON stream and as
// CSV; each then builds a schedule for 2017–2019 over a small organisation
// (with a grouping-only district) and lists the agenda. The first byte picks
// the case; the rest is the document. Only danchu::error may escape; anything
// else (a crash, a leak, an nlohmann exception, UB, a hang) is a bug.
//   build/<fuzz>/tests/fuzz/schedule_fuzz -max_total_time=60 -rss_limit_mb=1024 -timeout=5 \
//     tests/fuzz/corpus/schedule

#include <danchu/organisation/io.hpp>
#include <danchu/schedule/io.hpp>
#include <danchu/schedule/obligation.hpp>
#include <danchu/schedule/schedule.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

namespace {

struct world {
    danchu::organisation org;
    danchu::obligation_set bundled;
    world() {
        org = danchu::organisation_from_csv(
            "id,kind,parent,staff,grouping\nP,province,,40,\nA,department,P,64,\n"
            "D,district,P,0,true\nDP,district,D,30,\nC,commune,D,250,\n"
            "S,school,D,5,\n",
            "units.csv");
        for (const char* f : {"vn.decree-04-2015", "vn.bac-giang.2018-05-09"})
            bundled.add_file(std::string(DANCHU_DATA_DIR_DEFAULT) + "/obligations/" + f + ".json");
    }
};

const world& get() {
    static const world w;
    return w;
}

void run(const danchu::obligation_set& obs, const danchu::schedule_records& r) {
    danchu::schedule_options o;
    o.from = danchu::make_day(2017, 1, 1);
    o.to = danchu::make_day(2019, 12, 31);
    o.as_of = danchu::make_day(2018, 6, 14);
    const auto s = danchu::build_schedule(obs, get().org, r.submissions, r.events, o);
    for (const auto& oc : s.items)
        if (oc.obligation >= obs.size() || oc.unit >= get().org.size()) std::abort();
    (void)danchu::agenda(s, o.as_of, 30);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1 || size > 64 * 1024) return 0;
    const world& w = get();
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        switch (data[0] % 4) {
        case 0: { // an obligation file
            danchu::obligation_set obs;
            obs.add(danchu::detail::parse_json_text(text, "obligations.json"), "obligations.json");
            run(obs, {});
            break;
        }
        case 1: // records as a JSON document
            run(w.bundled, danchu::schedule_records_from_json(
                               danchu::detail::parse_json_text(text, "records.json"), "records.json"));
            break;
        case 2: { // records as a JSON stream
            std::istringstream in(text);
            run(w.bundled, danchu::schedule_records_from_json_stream(in, "records.json"));
            break;
        }
        default: // records as CSV
            run(w.bundled, danchu::schedule_records_from_csv(text, "records.csv"));
            break;
        }
    } catch (const danchu::error&) {}
    return 0;
}
