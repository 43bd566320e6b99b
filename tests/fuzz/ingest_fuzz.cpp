// libFuzzer target for the simdjson reader of evidence and events files
// (danchu::ingest, issue 14) against the reference reader of the header-only
// core. The first byte picks the file kind (even: evidence, odd: events) and
// the buffer sizes (bit 1: tiny blocks and batches, so every boundary is
// crossed); the rest is the file. Both readers, strict and lenient, must give
// the same outcome: the same values, problems and error messages. A
// difference traps; only danchu::error may escape a reader.
//   build/<fuzz>/tests/fuzz/ingest_fuzz -max_total_time=60 -rss_limit_mb=1024 -timeout=5 tests/fuzz/corpus/ingest

#include <danchu/evidence/event_io.hpp>
#include <danchu/evidence/io.hpp>
#include <danchu/ingest/json.hpp>
#include <danchu/organisation/io.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <typeinfo>
#include <unistd.h>
#include <vector>

namespace {

struct world {
    std::shared_ptr<const danchu::fact_dictionary> dict;
    std::shared_ptr<const danchu::event_kinds> kinds;
    danchu::organisation org;
    std::string file;
    world() {
        const std::string data = DANCHU_DATA_DIR_DEFAULT;
        dict = std::make_shared<const danchu::fact_dictionary>(danchu::load_default_fact_dictionary(data));
        kinds = danchu::load_event_kinds(data);
        org = danchu::organisation_from_csv(
            "id,kind,staff,role\nA,department,64,home_affairs\nB,school,5,\nC,commune,250,\n", "units.csv");
        file = "/tmp/danchu-ingest-fuzz-" + std::to_string(::getpid()) + ".json";
    }
};

const world& get() {
    static const world w;
    return w;
}

std::string value_text(const danchu::event_value& v) {
    std::string s = v.present ? "P" + std::to_string(v.number) + "|" + v.text + "[" : "-";
    for (const auto& i : v.items) s += value_text(i) + ",";
    return s + "]";
}

std::string fingerprint(const danchu::evidence& ev) {
    std::ostringstream o;
    o << ev.period() << '\n';
    const auto& dict = *ev.dictionary();
    for (std::size_t f = 0; f < dict.size(); ++f) {
        const auto& c = ev.column(f);
        for (std::size_t u = 0; u < c.present.size(); ++u) {
            if (!c.present[u]) continue;
            o << f << ' ' << u << '=';
            if (!c.numbers.empty()) o << c.numbers[u] << (std::signbit(c.numbers[u]) ? "-" : "");
            if (!c.strings.empty()) o << c.strings[u];
            if (!c.event_begin.empty())
                for (auto d : c.events(u)) o << d << ';';
            if (const auto* p = ev.source(u, f))
                o << '(' << p->document << '|' << p->issuer << '|' << p->date << ')';
            o << '\n';
        }
    }
    for (const auto& r : ev.overrides())
        o << r.unit_id << ' ' << r.rule_id << ' ' << r.who << ' ' << r.date << '\n';
    return o.str();
}

std::string fingerprint(const danchu::event_log& log) {
    std::ostringstream o;
    for (std::size_t e = 0; e < log.size(); ++e) {
        const auto& kd = (*log.kinds())[log.kind(e)];
        o << log.unit(e) << ' ' << kd.id << ' ' << log.date(e) << ' ' << log.id(e) << ' ' << log.note(e);
        for (std::size_t f = 0; f < kd.fields.size(); ++f) o << ' ' << value_text(log.value(e, f));
        const auto& s = log.source(e);
        o << " (" << s.document << '|' << s.file << '|' << s.row << '|' << s.entered_on << ") "
          << log.origin(e).text() << '\n';
    }
    for (std::size_t j = 0; j < log.nones().size(); ++j)
        o << "none " << log.none_units()[j] << ' ' << log.nones()[j].from << ' ' << log.nones()[j].to << ' '
          << log.none_origin(j).text() << '\n';
    return o.str();
}

template <class F> std::string outcome(F&& read) {
    try {
        return "ok\n" + read();
    } catch (const danchu::error& e) {
        return std::string("error ") + typeid(e).name() + e.what();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1 || size > 64 * 1024) return 0;
    const world& w = get();
    {
        std::ofstream out(w.file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
    }
    const bool events = data[0] & 1;
    if (data[0] & 2)
        danchu::ingest::set_buffer_sizes(1 + data[0] / 4, 1 + data[0] / 8);
    else
        danchu::ingest::set_buffer_sizes(0, 0);
    for (const bool lenient : {false, true}) {
        std::string ref, fast;
        if (events) {
            auto run = [&](bool use_fast) {
                return outcome([&] {
                    danchu::event_log_builder b(w.kinds, w.org);
                    std::vector<danchu::event_issue> issues;
                    if (lenient) b.set_problem_sink(&issues);
                    if (use_fast)
                        danchu::ingest::add_events_json(b, *w.kinds, w.file, lenient ? &issues : nullptr);
                    else
                        danchu::detail::add_events_json_reference(b, *w.kinds, w.file,
                                                                  lenient ? &issues : nullptr);
                    std::string s = fingerprint(b.build());
                    for (const auto& i : issues) s += i.kind + i.location + i.subject + i.message + '\n';
                    return s;
                });
            };
            ref = run(false);
            fast = run(true);
        } else {
            auto run = [&](bool use_fast) {
                return outcome([&] {
                    std::vector<danchu::input_problem> ps;
                    auto* sink = lenient ? &ps : nullptr;
                    std::string s = fingerprint(
                        use_fast ? danchu::ingest::load_evidence_json(w.file, w.dict, w.org, sink)
                                 : danchu::detail::load_evidence_json_reference(w.file, w.dict, w.org, sink));
                    for (const auto& p : ps) s += p.kind + p.location + p.subject + p.message + '\n';
                    return s;
                });
            };
            ref = run(false);
            fast = run(true);
        }
        if (ref != fast) {
            std::fprintf(stderr, "reference:\n%s\nfast:\n%s\n", ref.c_str(), fast.c_str());
            __builtin_trap();
        }
    }
    return 0;
}
