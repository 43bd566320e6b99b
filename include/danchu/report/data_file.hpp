#pragma once
/// @file
/// Validation of any danchu data file by what it is (`danchu validate FILE`):
/// a rule pack, a pack's rule tests, a scoring scheme, an obligations file, the
/// fact dictionary, an organisation, evidence, a holiday schedule (eras or a
/// year), a reporting convention, an events file or one of the event tables
/// (kinds, publicity items, years), schedule records, a findings file, an
/// assessment or a report document (`report.json`). A `.csv` file is told by
/// its header row: an organisation, evidence (wide or long), events or
/// declared nones, schedule records, or findings (csv_file_kinds()); its errors
/// name the line and column. Each file is loaded by danchu's own strict
/// loader, and what it refers to is checked: a scheme's rule ids against its
/// pack's rules, an obligations file's pack, a rule-test file's pack, a pack's
/// base packs and facts, the facts of evidence, the kinds of events, the
/// publicity items of event kinds.
///
/// One table (`data_file_kinds()`) says how each kind is recognised and checked;
/// it lives in the report layer because it loads every concept's files.

#include <danchu/calendar/holiday.hpp>
#include <danchu/calendar/period.hpp>
#include <danchu/core/detail/suggest.hpp>
#include <danchu/core/error.hpp>
#include <danchu/evidence/event_io.hpp>
#include <danchu/evidence/event_kinds_io.hpp>
#include <danchu/evidence/fact.hpp>
#include <danchu/evidence/io.hpp>
#include <danchu/io/detail/json_text.hpp>
#include <danchu/io/detail/csv_reader.hpp>
#include <danchu/io/detail/text_file.hpp>
#include <danchu/organisation/io.hpp>
#include <danchu/report/json.hpp>
#include <danchu/rules/evaluate.hpp>
#include <danchu/rules/pack.hpp>
#include <danchu/rules/rule_test.hpp>
#include <danchu/schedule/io.hpp>
#include <danchu/schedule/obligation.hpp>
#include <danchu/scoring/io.hpp>
#include <danchu/scoring/scorecard.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace danchu {

/// What a data file is checked against.
struct data_file_context {
    std::string data_dir;                         ///< the data folder (packs, events tables)
    std::shared_ptr<const fact_dictionary> facts; ///< null: `<data_dir>/facts.json`
    const organisation* org = nullptr;            ///< units of evidence and events; null: their own units
};

/// The outcome of a check that passed.
struct data_file_check {
    std::string kind;    ///< the kind id, e.g. "scoring_scheme"
    std::string summary; ///< one line, e.g. "scoring scheme X: every rule it names is in pack P"
};

/// One kind of data file: its id, its JSON Schema (in `data/schemas/`), how a
/// document is recognised, and how it is checked.
struct data_file_kind {
    std::string id;
    std::string schema; ///< file name in data/schemas/ ("" if none)
    std::function<bool(const nlohmann::json& doc)> matches;
    std::function<std::string(const nlohmann::json& doc, const std::string& file,
                              const data_file_context& ctx)>
        check;
};

namespace detail {

inline bool has_key(const nlohmann::json& doc, const char* key) { return doc.contains(key); }

inline std::shared_ptr<const fact_dictionary> facts_of(const data_file_context& ctx) {
    return ctx.facts ? ctx.facts
                     : std::make_shared<const fact_dictionary>(load_default_fact_dictionary(ctx.data_dir));
}

/// `id` must name a pack of the library.
/// @throws parse_error at `file` and `ptr`, suggesting the nearest pack id.
inline void check_pack_id(const pack_library& lib, const std::string& id, const std::string& file,
                          const std::string& ptr, const std::string& what) {
    const auto ids = lib.ids();
    if (std::find(ids.begin(), ids.end(), id) == ids.end())
        throw parse_error(file, ptr,
                          what + " \"" + id + "\" is not a pack of " + lib.data_dir() + "/packs" +
                              did_you_mean(id, ids));
}

/// An organisation of the unit ids a document names (each a root), for
/// evidence and events checked without an organisation file: what needs the
/// real one (the units, bounds such as "at most unit.staff") is not checked,
/// so each unit has as many staff as any bound may need.
inline organisation units_of(const std::set<std::string>& ids) {
    std::vector<unit> units;
    for (const auto& id : ids) {
        unit u;
        u.id = id;
        u.staff = std::int64_t{1} << 50;
        units.push_back(std::move(u));
    }
    return organisation(std::move(units), "<the file's units>");
}

inline organisation units_named(const nlohmann::json& doc) {
    std::set<std::string> ids;
    if (auto u = doc.find("units"); u != doc.end() && u->is_object())
        for (auto it = u->begin(); it != u->end(); ++it) ids.insert(it.key());
    for (const char* m : {"events", "none", "overrides"})
        if (auto a = doc.find(m); a != doc.end() && a->is_array())
            for (const auto& r : *a)
                if (r.is_object() && r.contains("unit") && r["unit"].is_string())
                    ids.insert(r["unit"].get<std::string>());
    return units_of(ids);
}

inline std::string units_note(const data_file_context& ctx) {
    return ctx.org ? std::string() : " (units not checked: give an organisation)";
}

inline std::string check_records(const nlohmann::json& doc, const std::string& file,
                                 const data_file_context& ctx) {
    const schedule_records r = schedule_records_from_json(doc, file);
    auto known = [&](const std::string& unit, const std::string& ptr) {
        if (ctx.org && ctx.org->find(unit) == organisation::npos)
            throw parse_error(file, ptr, "unit \"" + unit + "\" is not in the organisation");
    };
    for (std::size_t i = 0; i < r.submissions.size(); ++i)
        known(r.submissions[i].unit, "/submissions/" + std::to_string(i) + "/unit");
    for (std::size_t i = 0; i < r.events.size(); ++i)
        known(r.events[i].unit, "/events/" + std::to_string(i) + "/unit");
    return "schedule records: " + std::to_string(r.submissions.size()) + " submissions, " +
           std::to_string(r.events.size()) + " triggering events" + units_note(ctx);
}

inline std::string check_pack(const nlohmann::json&, const std::string& file, const data_file_context& ctx) {
    const pack_library lib(ctx.data_dir);
    const rule_pack p = load_rule_pack_file(file);
    const evaluation_plan plan(lib.resolve(p), facts_of(ctx));
    std::size_t own = 0, advisory = 0;
    for (const auto& r : plan.rules().rules()) {
        own += r.pack == p.id;
        advisory += r.advisory();
    }
    return "pack " + p.id + (p.extends.empty() ? std::string() : " (extends " + p.extends + ")") + ": " +
           std::to_string(plan.rules().rules().size()) + " rules in force (" + std::to_string(own) +
           " defined here, " + std::to_string(advisory) + " advisory), " +
           std::to_string(plan.facts_read().size()) + " facts read";
}

inline std::string check_rule_tests(const nlohmann::json& doc, const std::string& file,
                                    const data_file_context& ctx) {
    const pack_library lib(ctx.data_dir);
    if (doc.is_object() && doc.contains("pack") && doc["pack"].is_string())
        check_pack_id(lib, doc["pack"].get<std::string>(), file, "/pack", "pack");
    const auto rep = run_rule_tests(doc, file, lib, facts_of(ctx));
    return "rule tests of pack " + rep.pack + ": " + std::to_string(rep.cases) + " cases, " +
           std::to_string(rep.checks) + " checks (" + std::to_string(rep.failures.size()) + " failing, " +
           std::to_string(rep.coverage_gaps.size()) + " coverage gaps: see `danchu test`)";
}

inline std::string check_scheme(const nlohmann::json& doc, const std::string& file,
                                const data_file_context& ctx) {
    const auto scheme = std::make_shared<const scoring_scheme>(scoring_scheme_from_json(doc, file));
    std::string line = "scoring scheme " + scheme->id();
    if (const std::string& pack = scheme->spec().pack; !pack.empty()) {
        const pack_library lib(ctx.data_dir);
        check_pack_id(lib, pack, file, "/pack", "pack");
        // Score an empty table of the pack's rules: every rule the scheme
        // names must be one of them.
        const auto dict = facts_of(ctx);
        const evaluation_plan plan(lib.load_set(pack), dict);
        const organisation none;
        const evidence ev =
            evidence_from_json(nlohmann::json{{"units", nlohmann::json::object()}}, file, dict, none);
        (void)score(scheme, evaluate(plan, none, ev, evaluation_options(assessment_period("2020"))),
                    assessment{});
        line += ": every rule it names is in pack " + pack;
    }
    return line;
}

inline std::string check_obligations(const nlohmann::json& doc, const std::string& file,
                                     const data_file_context& ctx) {
    obligation_set obs;
    obs.add(doc, file);
    const pack_library lib(ctx.data_dir);
    std::string line = std::to_string(obs.size()) + " obligations";
    // `regime`: the pack whose regime the file implements, or "province" (a
    // province's own letter, tied to its pack by the file name).
    if (auto r = doc.find("regime"); r != doc.end() && r->is_string() && *r != "province") {
        check_pack_id(lib, r->get<std::string>(), file, "/regime", "regime");
        line += " of pack " + r->get<std::string>();
    }
    // A file of the library's obligations folder is read for the pack of its
    // name (`<data>/obligations/<pack id>.json`): any other name is never read.
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path p(file);
    if (fs::equivalent(p.parent_path(), fs::path(ctx.data_dir) / "obligations", ec)) {
        const auto ids = lib.ids();
        const std::string stem = p.stem().string();
        if (std::find(ids.begin(), ids.end(), stem) == ids.end())
            throw parse_error(
                file, "",
                "the obligations of " + ctx.data_dir +
                    "/obligations/ are read for the pack of their file name, and there is no pack \"" + stem +
                    "\"" + did_you_mean(stem, ids));
        if (line.find(" of pack ") == std::string::npos) line += " of pack " + stem;
    }
    return line;
}

inline std::string check_facts(const nlohmann::json& doc, const std::string& file, const data_file_context&) {
    return "fact dictionary of " + std::to_string(fact_dictionary_from_json(doc, file).size()) + " facts";
}

inline std::string check_organisation(const nlohmann::json& doc, const std::string& file,
                                      const data_file_context&) {
    return "organisation of " + std::to_string(organisation_from_json(doc, file).size()) + " units";
}

inline std::string check_evidence(const nlohmann::json& doc, const std::string& file,
                                  const data_file_context& ctx) {
    const organisation own = ctx.org ? organisation() : units_named(doc);
    const organisation& org = ctx.org ? *ctx.org : own;
    const evidence ev = evidence_from_json(doc, file, facts_of(ctx), org);
    std::size_t with = 0;
    for (const auto& u : doc["units"].items()) with += !u.value().empty();
    return "evidence" + (ev.period().empty() ? std::string() : " for " + ev.period()) + " of " +
           std::to_string(doc["units"].size()) + " units (" + std::to_string(with) + " with facts)" +
           units_note(ctx);
}

inline std::string check_events(const nlohmann::json& doc, const std::string& file,
                                const data_file_context& ctx) {
    const organisation own = ctx.org ? organisation() : units_named(doc);
    const organisation& org = ctx.org ? *ctx.org : own;
    const event_log log = load_events_checked({file}, load_event_kinds(ctx.data_dir), org);
    const std::size_t none = doc.contains("none") && doc["none"].is_array() ? doc["none"].size() : 0;
    return "events file of " + std::to_string(log.size()) + " events and " + std::to_string(none) +
           " declared nones, every reference resolved" + units_note(ctx);
}

/// The publicity items that go with a kinds file (and the other way round):
/// the sibling file if there is one, else the data folder's.
inline std::string sibling_or_bundled(const std::string& file, const std::string& name,
                                      const data_file_context& ctx) {
    std::error_code ec;
    const auto sib = std::filesystem::path(file).parent_path() / name;
    if (std::filesystem::is_regular_file(sib, ec)) return sib.string();
    return ctx.data_dir + "/events/" + name;
}

inline std::string check_event_kinds(const nlohmann::json& doc, const std::string& file,
                                     const data_file_context& ctx) {
    const std::string items = sibling_or_bundled(file, "publicity-items.json", ctx);
    const event_kinds k = event_kinds_from_json(doc, file, read_json_file(items), items);
    return "event kinds table of " + std::to_string(k.size()) + " kinds (with " + items + ")";
}

inline std::string check_publicity_items(const nlohmann::json& doc, const std::string& file,
                                         const data_file_context& ctx) {
    const std::string kinds = sibling_or_bundled(file, "kinds.json", ctx);
    const event_kinds k = event_kinds_from_json(read_json_file(kinds), kinds, doc, file);
    return "publicity items table of " + std::to_string(k.items().size()) + " items (with " + kinds + ")";
}

inline std::string check_event_years(const nlohmann::json& doc, const std::string& file,
                                     const data_file_context&) {
    const event_windows w = event_windows_from_json(doc, file);
    return "event years table: " + std::to_string(w.annual_conference.size()) + " annual-conference rules, " +
           std::to_string(w.time_limits.size()) + " time limits";
}

inline std::string check_holidays(const nlohmann::json& doc, const std::string& file,
                                  const data_file_context&) {
    holiday_data h;
    h.add_json(doc, file);
    if (!h.eras().empty()) return "holiday eras: " + std::to_string(h.eras().size()) + " eras";
    const auto& [year, s] = *h.schedules().begin();
    return "holiday schedule of " + std::to_string(year) + ": " + std::to_string(s.entries.size()) +
           " entries";
}

inline std::string check_convention(const nlohmann::json& doc, const std::string& file,
                                    const data_file_context&) {
    convention_set c;
    c.add_json(doc, file);
    return "reporting convention " + c.all().begin()->first;
}

inline std::string check_findings(const nlohmann::json& doc, const std::string& file,
                                  const data_file_context& ctx) {
    const finding_table t = findings_from_json(doc, file);
    if (ctx.org)
        for (std::size_t u = 0; u < t.unit_count(); ++u)
            if (ctx.org->find(t.unit_ids()[u]) == organisation::npos)
                throw parse_error(file, "/units/" + std::to_string(u),
                                  "unit \"" + t.unit_ids()[u] + "\" is not in the organisation");
    return "findings of " + std::to_string(t.unit_count()) + " units × " + std::to_string(t.rule_count()) +
           " rules, " + std::to_string(t.overrides().size()) + " overrides" + units_note(ctx);
}

inline std::string check_assessment(const nlohmann::json& doc, const std::string& file,
                                    const data_file_context& ctx) {
    const assessment a = assessment_from_json(doc, file);
    if (ctx.org) {
        for (std::size_t i = 0; i < a.points.size(); ++i)
            if (ctx.org->find(a.points[i].unit) == organisation::npos)
                throw parse_error(file, "/points/" + std::to_string(i) + "/unit",
                                  "unit \"" + a.points[i].unit + "\" is not in the organisation");
        for (std::size_t i = 0; i < a.ineligible.size(); ++i)
            if (ctx.org->find(a.ineligible[i].unit) == organisation::npos)
                throw parse_error(file, "/ineligible/" + std::to_string(i) + "/unit",
                                  "unit \"" + a.ineligible[i].unit + "\" is not in the organisation");
    }
    return "assessment: " + std::to_string(a.points.size()) + " points entries, " +
           std::to_string(a.ineligible.size()) + " declared ineligible" + units_note(ctx);
}

inline std::string check_report(const nlohmann::json& doc, const std::string& file,
                                const data_file_context&) {
    const report::document d = report::from_json(doc, file);
    return "report document for " + d.head.period.id + ": " + std::to_string(d.units.size()) + " units, " +
           std::to_string(d.problems.size()) + " problems";
}

// --- CSV -------------------------------------------------------------------

/// A CSV file's header (trimmed) and the line of each data row.
struct csv_input {
    std::string text;
    std::vector<csv_row> rows;
    std::vector<std::string> header;
    bool has(std::string_view name) const {
        return std::find(header.begin(), header.end(), name) != header.end();
    }
    std::size_t column(std::string_view name) const {
        return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    }
};

/// The units named in column `c` of every row (each a root, as units_named).
/// @throws parse_error at the line and column of an id danchu does not accept.
inline organisation csv_units_named(const csv_input& t, std::size_t c, const std::string& file) {
    std::set<std::string> ids;
    for (std::size_t r = 1; r < t.rows.size(); ++r) {
        if (c >= t.rows[r].fields.size()) continue; // the loader names a short row
        const std::string id(trim(t.rows[r].fields[c]));
        if (id.empty()) continue; // the loader names an empty id
        if (!is_valid_unit_id(id))
            throw parse_error(file, "line " + std::to_string(t.rows[r].line) + ", column " + t.header[c],
                              "unit id \"" + preview(id) +
                                  "\": expected 1 to 128 ASCII letters, digits and . _ - : +");
        ids.insert(id);
    }
    return units_of(ids);
}

/// With an organisation, every unit in column `c` must be in it.
/// @throws parse_error at the line and column of the first that is not.
inline void csv_units_known(const csv_input& t, std::size_t c, const std::string& file,
                            const data_file_context& ctx) {
    if (!ctx.org) return;
    for (std::size_t r = 1; r < t.rows.size(); ++r)
        if (c < t.rows[r].fields.size())
            if (const std::string id(trim(t.rows[r].fields[c]));
                !id.empty() && ctx.org->find(id) == organisation::npos)
                throw parse_error(file, "line " + std::to_string(t.rows[r].line) + ", column " + t.header[c],
                                  "unit \"" + preview(id) + "\" is not in the organisation");
}

inline std::string csv_check_organisation(const csv_input& t, const std::string& file,
                                          const data_file_context&) {
    return "organisation of " + std::to_string(organisation_from_csv(t.text, file).size()) + " units";
}

inline std::string csv_check_records(const csv_input& t, const std::string& file,
                                     const data_file_context& ctx) {
    const schedule_records r = schedule_records_from_csv(t.text, file);
    csv_units_known(t, 0, file, ctx);
    return "schedule records: " + std::to_string(r.submissions.size()) + " submissions, " +
           std::to_string(r.events.size()) + " triggering events" + units_note(ctx);
}

inline std::string csv_check_events(const csv_input& t, const std::string& file,
                                    const data_file_context& ctx) {
    const organisation own = ctx.org ? organisation() : csv_units_named(t, 0, file);
    const event_log log =
        load_events_checked({file}, load_event_kinds(ctx.data_dir), ctx.org ? *ctx.org : own);
    return "events file (CSV) of " + std::to_string(log.size()) +
           (t.header.size() > 2 && t.header[2] == "from" ? " declared nones" : " events") +
           ", every reference resolved" + units_note(ctx);
}

inline std::string csv_check_findings(const csv_input& t, const std::string& file,
                                      const data_file_context& ctx) {
    const finding_table f = findings_from_csv(t.text, file);
    csv_units_known(t, t.column("unit"), file, ctx);
    return "findings of " + std::to_string(f.unit_count()) + " units × " + std::to_string(f.rule_count()) +
           " rules" + units_note(ctx);
}

inline std::string csv_check_evidence(const csv_input& t, const std::string& file,
                                      const data_file_context& ctx) {
    const std::size_t c = t.column("unit");
    const organisation own = ctx.org ? organisation() : csv_units_named(t, c, file);
    const evidence ev = evidence_from_csv(t.text, file, facts_of(ctx), ctx.org ? *ctx.org : own);
    const bool long_form = t.has("fact") && t.has("value");
    return std::string("evidence (CSV, ") + (long_form ? "long" : "wide") + ") of " +
           std::to_string(ev.unit_count()) + " units, " + std::to_string(t.rows.size() - 1) + " rows" +
           units_note(ctx);
}

} // namespace detail

/// One kind of CSV data file: its id, how its header row is recognised, and
/// how it is checked.
struct csv_file_kind {
    std::string id;
    std::function<bool(const std::vector<std::string>& header)> matches;
    std::function<std::string(const detail::csv_input&, const std::string& file, const data_file_context&)>
        check;
};

/// The kinds of CSV data file, in the order a header is tried.
inline const std::vector<csv_file_kind>& csv_file_kinds() {
    using H = std::vector<std::string>;
    auto has = [](const H& h, const char* n) { return std::find(h.begin(), h.end(), n) != h.end(); };
    static const std::vector<csv_file_kind> kinds = {
        {"records",
         [](const H& h) {
             return h.size() >= 2 && h[0] == "unit" && (h[1] == "obligation" || h[1] == "event");
         },
         detail::csv_check_records},
        {"events", [](const H& h) { return h.size() >= 2 && h[0] == "unit" && h[1] == "kind"; },
         detail::csv_check_events},
        {"findings", [has](const H& h) { return has(h, "unit") && has(h, "rule") && has(h, "verdict"); },
         detail::csv_check_findings},
        {"organisation", [has](const H& h) { return has(h, "id") && has(h, "kind") && has(h, "staff"); },
         detail::csv_check_organisation},
        {"evidence", [has](const H& h) { return has(h, "unit"); }, detail::csv_check_evidence},
    };
    return kinds;
}

/// The kinds of data file, in the order a document without `$schema` is tried:
/// the first whose `matches` accepts it is the one it is checked as.
inline const std::vector<data_file_kind>& data_file_kinds() {
    using detail::has_key;
    using J = nlohmann::json;
    static const std::vector<data_file_kind> kinds = {
        {"report", "report.schema.json",
         [](const J& d) { return has_key(d, "schema_version") && has_key(d, "header"); },
         detail::check_report},
        {"findings", "", [](const J& d) { return has_key(d, "findings"); }, detail::check_findings},
        {"assessment", "", [](const J& d) { return has_key(d, "points") || has_key(d, "ineligible"); },
         detail::check_assessment},
        {"pack", "pack.schema.json", [](const J& d) { return has_key(d, "rules"); }, detail::check_pack},
        {"rule_tests", "ruletest.schema.json", [](const J& d) { return has_key(d, "cases"); },
         detail::check_rule_tests},
        {"scoring_scheme", "scoring.schema.json",
         [](const J& d) { return has_key(d, "criteria") || has_key(d, "model") || has_key(d, "bands"); },
         detail::check_scheme},
        {"obligations", "obligations.schema.json", [](const J& d) { return has_key(d, "obligations"); },
         detail::check_obligations},
        {"facts", "facts.schema.json",
         [](const J& d) { return has_key(d, "facts") && !has_key(d, "synthetic"); }, detail::check_facts},
        {"organisation", "organisation.schema.json",
         [](const J& d) { return has_key(d, "units") && d["units"].is_array(); }, detail::check_organisation},
        {"evidence", "evidence.schema.json",
         [](const J& d) { return has_key(d, "units") && d["units"].is_object(); }, detail::check_evidence},
        {"records", "",
         [](const J& d) {
             const auto e = d.find("events");
             return has_key(d, "submissions") || (e != d.end() && e->is_array() && !e->empty() &&
                                                  (*e)[0].is_object() && (*e)[0].contains("event"));
         },
         detail::check_records},
        {"events", "events.schema.json",
         [](const J& d) { return has_key(d, "events") || has_key(d, "none"); }, detail::check_events},
        {"event_kinds", "events-kinds.schema.json",
         [](const J& d) { return has_key(d, "kinds") && has_key(d, "regimes"); }, detail::check_event_kinds},
        {"publicity_items", "events-publicity-items.schema.json",
         [](const J& d) { return has_key(d, "items"); }, detail::check_publicity_items},
        {"event_years", "events-years.schema.json",
         [](const J& d) {
             return has_key(d, "year_by_unit_kind") || has_key(d, "annual_conference") ||
                    has_key(d, "time_limits");
         },
         detail::check_event_years},
        {"holidays", "schedule.schema.json",
         [](const J& d) { return has_key(d, "eras") || (has_key(d, "year") && has_key(d, "entries")); },
         detail::check_holidays},
        {"reporting_convention", "regime.schema.json", [](const J& d) { return has_key(d, "periods"); },
         detail::check_convention},
    };
    return kinds;
}

/// The kind of a parsed document: the one its `$schema` names (by file name),
/// else the first whose members it has.
/// @throws parse_error naming the file when no kind fits.
inline const data_file_kind& data_file_kind_of(const nlohmann::json& doc, const std::string& file) {
    const auto& kinds = data_file_kinds();
    if (!doc.is_object()) throw parse_error(file, "", "expected a JSON object (a danchu data file)");
    if (auto s = doc.find("$schema"); s != doc.end() && s->is_string()) {
        const std::string name = std::filesystem::path(s->get<std::string>()).filename().string();
        for (const auto& k : kinds)
            if (!k.schema.empty() && k.schema == name) return k;
    }
    for (const auto& k : kinds)
        if (k.matches(doc)) return k;
    std::string ids;
    for (const auto& k : kinds) ids += (ids.empty() ? "" : ", ") + k.id;
    throw parse_error(file, "", "not a danchu data file this version knows (expected one of: " + ids + ")");
}

/// Loads `path` with the strict loader of its kind and checks what it refers
/// to (see the file comment).
/// @throws parse_error, rule_error, evidence_error, scoring_error naming the file
/// and, where there is one, the JSON pointer.
inline data_file_check validate_data_file(const std::string& path, const data_file_context& ctx) {
    if (path.size() >= 4) {
        std::string ext = path.substr(path.size() - 4);
        for (auto& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        if (ext == ".csv") {
            detail::csv_input t;
            t.text = detail::read_text_file(path);
            t.rows = detail::parse_csv(t.text, path);
            if (t.rows.empty()) throw parse_error(path, "line 1", "empty file: expected a header row");
            for (const auto& h : t.rows[0].fields) t.header.emplace_back(detail::trim(h));
            for (const auto& k : csv_file_kinds())
                if (k.matches(t.header)) return {k.id, k.check(t, path, ctx)};
            throw parse_error(path, "line 1",
                              "not a danchu CSV file this version knows: expected a header with id, kind, "
                              "staff (organisation); unit, obligation or unit, event (schedule records); "
                              "unit, kind (events); unit, rule, verdict (findings); or unit and facts "
                              "(evidence)");
        }
    }
    const nlohmann::json doc = detail::read_json_file(path);
    const data_file_kind& k = data_file_kind_of(doc, path);
    return {k.id, k.check(doc, path, ctx)};
}

} // namespace danchu
