#pragma once
// Shared by the C++ tests (tests/cpp/ingest_test.cpp) and the fuzz target
// (tests/fuzz/ingest_fuzz.cpp) of the simdjson reader (danchu::ingest): an
// evidence, an event log, an organisation, their problems and a read's outcome as text, so
// that the fast reader's result can be compared with the reference's.

#include <danchu/evidence/event_io.hpp>
#include <danchu/evidence/evidence.hpp>
#include <danchu/evidence/io.hpp>
#include <danchu/organisation/io.hpp>

#include <cmath>
#include <sstream>
#include <string>
#include <typeinfo>
#include <vector>

namespace danchu_ingest_test {

inline std::string text_of(const danchu::event_value& v) {
    std::string s = v.present ? "P" + std::to_string(v.number) + "|" + v.text + "[" : "-";
    for (const auto& i : v.items) s += text_of(i) + ",";
    return s + "]";
}

/// Everything the evidence holds, as text (-0 told from 0).
inline std::string fingerprint(const danchu::evidence& ev) {
    std::ostringstream o;
    o << "period " << ev.period() << '\n';
    const auto& dict = *ev.dictionary();
    for (std::size_t f = 0; f < dict.size(); ++f) {
        const auto& c = ev.column(f);
        o << dict[f].key << ':';
        for (std::size_t u = 0; u < c.present.size(); ++u) {
            if (!c.present[u]) continue;
            o << ' ' << u << '=';
            if (!c.numbers.empty()) o << c.numbers[u] << (std::signbit(c.numbers[u]) ? "-" : "");
            if (!c.strings.empty()) o << c.strings[u];
            if (!c.event_begin.empty())
                for (auto d : c.events(u)) o << d << ';';
        }
        for (std::size_t u = 0; u < c.none.size(); ++u)
            if (c.none[u]) o << " none" << u;
        for (std::size_t u = 0; u < ev.unit_count(); ++u)
            if (const auto* p = ev.source(u, f))
                o << " src" << u << '(' << p->document << '|' << p->issuer << '|' << p->date << '|'
                  << p->read_from << '|' << p->entered_by << ')';
        o << '\n';
    }
    for (const auto& r : ev.overrides())
        o << "override " << r.unit_id << ' ' << r.rule_id << ' ' << danchu::to_string(r.replacement) << ' '
          << r.who << ' ' << r.date << ' ' << r.reason << ' ' << r.authority << '\n';
    return o.str();
}

/// Everything the event log holds, as text.
inline std::string fingerprint(const danchu::event_log& log) {
    std::ostringstream o;
    for (std::size_t e = 0; e < log.size(); ++e) {
        const auto& kd = (*log.kinds())[log.kind(e)];
        o << log.unit(e) << ' ' << kd.id << ' ' << log.date(e) << ' ' << log.id(e) << ' ' << log.note(e);
        for (std::size_t f = 0; f < kd.fields.size(); ++f) o << ' ' << text_of(log.value(e, f));
        const auto& s = log.source(e);
        o << " (" << s.document << '|' << s.issuer << '|' << s.file << '|' << s.sheet << '|' << s.row << '|'
          << s.entered_by << '|' << s.entered_on << ") " << log.origin(e).text() << '\n';
    }
    for (std::size_t j = 0; j < log.nones().size(); ++j) {
        const auto& n = log.nones()[j];
        o << "none " << log.none_units()[j] << ' ' << log.none_kinds()[j] << ' ' << n.from << ' ' << n.to
          << ' ' << n.note << ' ' << n.source.document << ' ' << log.none_origin(j).text() << '\n';
    }
    return o.str();
}

/// Everything the organisation holds, as text.
inline std::string org_text(const danchu::organisation& o) {
    std::string s;
    for (const auto& u : o.units()) {
        s += u.id + "|" + u.name + "|" + std::string(danchu::to_string(u.kind)) + "|" + u.parent + "|" +
             std::to_string(u.staff);
        for (const auto& [k, v] : u.labels) s += "|" + k + "=" + v;
        s += "\n";
    }
    return s;
}

inline std::string problems_text(const std::vector<danchu::input_problem>& ps) {
    std::string s;
    for (const auto& p : ps)
        s += p.kind + "|" + p.source + "|" + p.location + "|" + p.subject + "|" + p.message + "\n";
    return s;
}

inline std::string issues_text(const std::vector<danchu::event_issue>& ps) {
    std::string s;
    for (const auto& p : ps)
        s += p.kind + "|" + p.file + "|" + p.location + "|" + p.subject + "|" + p.message + "\n";
    return s;
}

/// The outcome of one read: the error's type and message, or "ok" and the text `read` gives.
template <class F> std::string outcome(F&& read) {
    try {
        return "ok\n" + read();
    } catch (const danchu::error& e) {
        return std::string("error ") + typeid(e).name() + ": " + e.what();
    }
}

} // namespace danchu_ingest_test
