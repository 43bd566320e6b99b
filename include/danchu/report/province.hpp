#pragma once
/// @file
/// The assembly step of the six-monthly report: from the pipeline's outputs
/// (organisation, rule set, findings of this and the previous period, scoring
/// scheme, obligation schedule) to a `danchu::report::document` that every
/// renderer accepts. Nothing is hard-coded per dataset: every figure is
/// computed from the inputs (see docs/report.md, "The assembly").
///
/// Bad input is collected, not fatal: `build_report_from_files` loads every
/// file leniently and lists what was wrong (a unit in the evidence that is not
/// in the organisation, a submission for an unknown obligation, a period that
/// does not exist, a file that cannot be read) in the document's `problems`,
/// and produces the report for everything that is valid.
///
/// @code
/// danchu::report_request rq;
/// rq.units = "province/organisation.json";
/// rq.evidence = "province/evidence/2018-H1.json";
/// rq.period = "2018-H1";
/// rq.pack = "vn.bac-giang.2018-05-09";
/// rq.records = {"province/records-vn.decree-04-2015.json"};
/// danchu::report::document doc = danchu::build_report_from_files(rq);
/// @endcode

#include <danchu/calendar/calendar.hpp>
#include <danchu/report/detail/assemble.hpp>
#include <danchu/core/error.hpp>
#include <danchu/rules/evaluate.hpp>
#include <danchu/evidence/io.hpp>
#include <danchu/rules/finding.hpp>
#include <danchu/calendar/ical.hpp>
#include <danchu/schedule/obligation.hpp>
#include <danchu/organisation/io.hpp>
#include <danchu/calendar/period.hpp>
#include <danchu/report/report.hpp>
#include <danchu/rules/pack.hpp>
#include <danchu/schedule/schedule.hpp>
#include <danchu/schedule/io.hpp>
#include <danchu/scoring/rollup.hpp>
#include <danchu/scoring/scorecard.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace danchu {

/// Which failings of the directive the failures of which rule tags evidence.
struct failing_tags {
    std::string failing_id;        ///< an id of `report::directive_failings()`
    std::vector<std::string> tags; ///< rules carrying any of these tags
};

/// The default mapping (tags of the Bắc Giang 2018 pack,
/// data/packs/vn.bac-giang.2018-05-09.json): bg:dissemination → dissemination,
/// bg:review → evaluation, bg:inspection-board → inspection_board,
/// bg:head-leads → leadership.
inline std::vector<failing_tags> default_failing_tags() {
    return {{"dissemination", {"bg:dissemination"}},
            {"evaluation", {"bg:review"}},
            {"inspection_board", {"bg:inspection-board"}},
            {"leadership", {"bg:head-leads"}}};
}

/// Everything the assembly reads. Pointers are non-owning and must outlive
/// the call; those marked optional may be null.
struct report_inputs {
    const organisation* org = nullptr;            ///< required
    const rule_set* rules = nullptr;              ///< required: titles, citations, tags
    const finding_table* findings = nullptr;      ///< required: the current period
    std::shared_ptr<const scoring_scheme> scheme; ///< required
    /// The scheme of the previous period, when its regime differs (a period
    /// judged under another law, or under two); default: `scheme`.
    std::shared_ptr<const scoring_scheme> previous_scheme;
    const assessment* assessed = nullptr; ///< optional manual points (current period)
    std::string period;                   ///< required, e.g. "2018-H1"
    /// The reporting regime whose windows give the data window (Decree
    /// 09/2019: `decree-09-2019`); null: the data window is the period itself.
    const reporting_convention* data_window = nullptr;
    const evidence* current_evidence = nullptr; ///< optional: tells units that sent nothing
    /// The evidence whose declared nones the unit rows count (a period judged
    /// by date: each segment's); default: `current_evidence`.
    std::vector<const evidence*> declared_none_sources;
    /// What a unit that sent no evidence at all counts as, in both periods.
    no_evidence_policy no_evidence = no_evidence_policy::missing_report;

    const finding_table* previous_findings = nullptr; ///< optional
    const assessment* previous_assessed = nullptr;    ///< optional
    const evidence* previous_evidence = nullptr;      ///< optional
    /// Instead of `previous_evidence`: the units of the previous period that
    /// sent no evidence at all (`report::detail::silent_units`), all that the
    /// report reads of it; a caller may then free that evidence once judged.
    const std::vector<std::string>* previous_silent_units = nullptr;
    std::string previous_period; ///< required with previous_findings

    const schedule* sched = nullptr;             ///< optional: overdue and upcoming
    const obligation_set* obligations = nullptr; ///< required with sched
    const schedule_records* records = nullptr;   ///< optional: checks occurrence keys
    /// (file, location) of submission #k and event #k of `records` (k from 1),
    /// so that schedule problems name their file; may be shorter.
    std::vector<std::pair<std::string, std::string>> submission_origin, event_origin;
    std::optional<civil_day> as_of;                ///< required with sched
    int horizon_days = 30;                         ///< upcoming: due within as_of + horizon
    std::function<bool(civil_day)> is_working_day; ///< empty: Monday to Friday

    std::optional<bilingual_text> province, reporting_body, recipient; ///< defaults: see docs
    std::vector<report::source_ref> regimes, packs;                    ///< defaults: from the rule set
    std::vector<report::citation> legal_basis_extra; ///< added after the rule set's documents
    std::optional<civil_day> generated_on;           ///< default: today (UTC+7)
    std::vector<failing_tags> failing_map = default_failing_tags();
    /// A unit is listed under changes when its band changed or its score moved
    /// by at least this many points.
    double change_threshold = 5.0;
    std::string evidence_source = "<memory>"; ///< named by missing_evidence problems
    std::string records_source = "<memory>";  ///< named by schedule problems without origin
    std::vector<input_problem> problems;      ///< collected while loading
};

namespace detail {

/// Today's date in Vietnam (UTC+7, no daylight saving): a report made before
/// 07:00 there is dated that day, not the day before.
inline std::string
today_iso(std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())) {
    const auto days = static_cast<day_number>((static_cast<std::int64_t>(t) + 7 * 3600) / 86400);
    return to_iso(days);
}

inline std::string strip_prefix(std::string s, const std::vector<std::string>& prefixes) {
    for (const auto& p : prefixes)
        if (s.size() > p.size() && s.compare(0, p.size(), p) == 0) return s.substr(p.size());
    return s;
}

/// The data window of an assessed period under a reporting regime (2018-H1
/// under Decree 09/2019: 15/12/2017 – 14/06/2018), or none when the period is
/// not a whole quarter, half-year or year the regime defines.
inline std::optional<std::pair<civil_day, civil_day>> data_window_of(const reporting_convention& r,
                                                                     const assessment_period& p) {
    // A month is not a reporting period of the assessment (only quarter, half, year).
    const auto c = p.as_calendar_period();
    if (!c || *c->kind() == period_kind::month || !r.defines(*c->kind())) return std::nullopt;
    return period_window(r, *c->kind(), c->year(), c->index());
}

/// Details of at most this many problems of each kind are kept in a report.
inline constexpr std::size_t problems_per_kind = 200;

/// Keeps the first problems_per_kind problems of each kind, in order, and
/// replaces the rest of a kind by one entry that counts them: a million
/// unknown units must not make a report of hundreds of megabytes, and every
/// problem is still counted.
inline void cap_problems(std::vector<input_problem>& problems) {
    std::map<std::string, std::size_t> seen;
    std::vector<input_problem> kept;
    for (auto& p : problems)
        if (++seen[p.kind] <= problems_per_kind) kept.push_back(std::move(p));
    for (const auto& [kind, n] : seen)
        if (n > problems_per_kind)
            kept.push_back({kind, "", "", "",
                            "… and " + std::to_string(n - problems_per_kind) +
                                " more problems of the kind \"" + kind + "\" (" + std::to_string(n) +
                                " in all; only the first " + std::to_string(problems_per_kind) +
                                " are listed)"});
    problems = std::move(kept);
}

} // namespace detail

/// Fills a report document from the pipeline's outputs (see docs/report.md,
/// "The assembly", for where each figure comes from). The result passes
/// `report::validate`.
/// @throws argument_error when a required input is missing or inconsistent
///   (naming it); scoring_error from scoring.
inline report::document assemble_report(const report_inputs& in) {
    namespace r = report;
    namespace rd = report::detail;
    if (!in.org || !in.rules || !in.findings || !in.scheme)
        throw argument_error("assemble_report: the organisation, rule set, findings and scoring "
                             "scheme are required");
    if (in.period.empty()) throw argument_error("assemble_report: the period is empty");
    if (in.previous_findings && in.previous_period.empty())
        throw argument_error("assemble_report: previous findings given without their period id");
    if (in.sched && (!in.obligations || !in.as_of))
        throw argument_error("assemble_report: a schedule needs its obligation set and as-of date");
    if (in.horizon_days < 0) throw argument_error("assemble_report: the horizon is negative");
    const organisation& org = *in.org;
    const assessment none;
    r::document doc;
    doc.problems = in.problems; // what loading found first, then coverage and schedule

    // --- header ----------------------------------------------------------
    const assessment_period period(in.period);
    std::size_t root = organisation::npos, home = organisation::npos;
    bool synthetic = false;
    for (std::size_t i = 0; i < org.size(); ++i) {
        if (root == organisation::npos && org.parent(i) == organisation::npos) root = i;
        const auto& l = org[i].labels;
        if (home == organisation::npos)
            if (auto it = l.find("role"); it != l.end() && it->second == "home_affairs") home = i;
        if (auto it = l.find("synthetic"); it != l.end() && it->second == "true") synthetic = true;
    }
    std::string province_name = root == organisation::npos ? std::string() : org[root].name;
    if (root != organisation::npos) {
        if (auto it = org[root].labels.find("province"); it != org[root].labels.end())
            province_name = it->second;
        else
            province_name =
                detail::strip_prefix(province_name, {"UBND tỉnh ", "UBND thành phố ", "Ủy ban nhân dân tỉnh ",
                                                     "Ủy ban nhân dân thành phố "});
    }
    if (province_name.empty() && root != organisation::npos) province_name = org[root].id;
    auto& h = doc.head;
    h.province = in.province ? *in.province : bilingual_text{province_name, province_name};
    if (in.reporting_body) {
        h.reporting_body = *in.reporting_body;
    } else {
        const std::string vi =
            home != organisation::npos && !org[home].name.empty() ? org[home].name : "Sở Nội vụ";
        h.reporting_body = {vi + " tỉnh " + h.province.vi, h.province.en + " Department of Home Affairs"};
    }
    h.recipient = in.recipient
                      ? *in.recipient
                      : bilingual_text{"Chủ tịch Ủy ban nhân dân tỉnh " + h.province.vi,
                                       "Chairman of the " + h.province.en + " Provincial People's Committee"};
    h.period.id = in.period;
    h.period.start = period.first().iso();
    h.period.end = period.last().iso();
    h.period.data_from = h.period.start;
    h.period.data_to = h.period.end;
    if (in.data_window)
        if (const auto w = detail::data_window_of(*in.data_window, period)) {
            h.period.data_from = to_iso(w->first);
            h.period.data_to = to_iso(w->second);
        }
    h.generated_on = in.generated_on ? in.generated_on->iso() : detail::today_iso();
    const rule_set& rules = *in.rules;
    h.packs = in.packs;
    if (h.packs.empty()) h.packs.push_back({rules.id(), {rules.title().vi, rules.title().en}, ""});
    h.regimes = in.regimes;
    if (h.regimes.empty()) h.regimes.push_back(h.packs.front());
    for (const auto& d : rules.regime().documents) {
        // An amending document counts from its effective day: a report on an
        // earlier period is not under it (issue 12: Law 97/2025/QH15 on Law 10/2022).
        if (!d.amends.empty() && d.effective && period.last() < *d.effective) continue;
        r::citation c;
        c.document = d.number.empty() ? d.id : d.number;
        c.note = d.title.vi;
        c.confidence = std::string(to_string(d.conf));
        h.legal_basis.push_back(std::move(c));
    }
    if (in.data_window) {
        const auto& s = in.data_window->source;
        r::citation c;
        c.document = s.document.empty() ? in.data_window->id : s.document;
        c.article = s.article;
        c.note =
            "data window " + h.period.data_from + " – " + h.period.data_to + " (" + in.data_window->id + ")";
        c.confidence = std::string(to_string(in.data_window->conf));
        h.legal_basis.push_back(std::move(c));
    }
    for (const auto& c : in.legal_basis_extra) h.legal_basis.push_back(c);
    h.synthetic = synthetic;
    if (synthetic)
        h.synthetic_note = {"Các đơn vị mang nhãn synthetic=true trong tệp tổ chức.",
                            "The units carry the label synthetic=true in the organisation file."};

    // --- legend, rows, figures ------------------------------------------
    // A unit that sent no evidence at all counts as in.no_evidence says; the
    // figures name the policy and the units.
    auto period_of = [&](const finding_table& table, const assessment* assessed, const evidence* ev,
                         const std::string& period_id, rd::period_result& result,
                         const std::shared_ptr<const scoring_scheme>& scheme,
                         const std::vector<std::string>* silent) {
        score_options so;
        so.no_evidence = in.no_evidence;
        so.no_evidence_units = silent ? *silent : rd::silent_units(org, table, ev);
        const scorecard card = score(scheme, table, assessed ? *assessed : none, so);
        result = rd::period_rows(org, table, card);
        r::figures f = rd::figures_of(result, doc.bands, period_id);
        f.no_evidence_policy = std::string(to_string(in.no_evidence));
        // Listed: those counted as missing reports, or scored as not passing
        // (not a grouping-only node, nor a unit to which nothing applies).
        for (const auto& id : *so.no_evidence_units)
            if (const std::size_t i = org.find(id), u = card.find(id);
                i != organisation::npos && u != scorecard::npos && !result.roll.grouping_only(i) &&
                (card.status(u) == class_status::missing_report || result.roll.own_slot(i) != rollup::npos))
                f.no_evidence_units.push_back(id);
        return f;
    };
    doc.bands = rd::legend_for(in.scheme->bands());
    rd::period_result now_result;
    doc.current =
        period_of(*in.findings, in.assessed, in.current_evidence, in.period, now_result, in.scheme, nullptr);
    const auto& rows = now_result.rows;
    std::vector<std::size_t> finding_row(org.size(), organisation::npos);
    for (std::size_t t = 0; t < in.findings->unit_count(); ++t)
        if (const std::size_t i = org.find(in.findings->unit_ids()[t]); i != organisation::npos)
            finding_row[i] = t;
    std::vector<const evidence*> declared_sources = in.declared_none_sources;
    if (declared_sources.empty() && in.current_evidence) declared_sources.push_back(in.current_evidence);
    for (const auto& row : rows) {
        const unit& u = org[row.org_index];
        report::unit_row r{u.id,
                           u.name.empty() ? u.id : u.name,
                           rd::district_of(org, row.org_index),
                           rd::sector_of(u),
                           row.score,
                           row.band,
                           row.complete,
                           row.rank,
                           0,
                           0};
        if (const std::size_t t = finding_row[row.org_index]; t != organisation::npos)
            for (std::size_t k = 0; k < in.findings->rule_count(); ++k)
                r.not_reported += (*in.findings)(t, k) == verdict::unknown;
        for (const evidence* ev : declared_sources) // evidence rows follow the organisation's
            if (const std::size_t e = row.org_index; e < ev->unit_count() && ev->unit_ids()[e] == u.id)
                for (std::size_t f = 0; f < ev->dictionary()->size(); ++f)
                    r.declared_none += ev->declared_none(e, f);
        doc.units.push_back(std::move(r));
    }
    // Evidence for a grouping-only unit is not assessed (its units are): said, not dropped.
    if (const evidence* ev = in.current_evidence)
        for (std::size_t k = 0; k < ev->unit_count(); ++k)
            if (const std::size_t i = org.find(ev->unit_ids()[k]);
                i != organisation::npos && is_grouping(org[i]) && !rd::no_evidence(*ev, k))
                doc.problems.push_back(
                    {"grouping_evidence", in.evidence_source, "", org[i].id,
                     "evidence for unit \"" + org[i].id +
                         "\", a grouping-only node (label grouping=true), is left out: it is "
                         "not assessed itself, only its units are"});
    for (const auto& id : doc.current.no_evidence_units)
        doc.problems.push_back({"missing_evidence", in.evidence_source, "", id,
                                "no evidence for unit \"" + id + "\" in the period " + in.period +
                                    (in.no_evidence == no_evidence_policy::missing_report
                                         ? ": counted as a missing report, not among the units assessed, "
                                           "their band counts or the mean (no-evidence policy missing_report)"
                                         : ": scored as not passing (no-evidence policy not_passing)")});
    // A rule that could not be evaluated (verdict `error`) for some units is
    // listed, never scored silently: the scheme's counting.error says how
    // those cells count (docs/scoring.md).
    for (std::size_t r = 0; r < in.findings->rule_count(); ++r) {
        std::vector<std::string> units;
        for (std::size_t u = 0; u < in.findings->unit_count(); ++u)
            if (in.findings->at(u, r) == verdict::error) units.push_back(in.findings->unit_ids()[u]);
        if (units.empty()) continue;
        const std::string& id = in.findings->rules()[r].id;
        std::string list;
        for (std::size_t i = 0; i < units.size() && i < 10; ++i) list += (i ? ", " : "") + units[i];
        if (units.size() > 10) list += ", …";
        doc.problems.push_back({"rule_error", "", "", id,
                                "rule \"" + id + "\" could not be evaluated for " +
                                    std::to_string(units.size()) + " unit(s) (" + list +
                                    "): each such cell counts as the scoring scheme's "
                                    "counting.error says (" +
                                    std::string(to_string(in.scheme->spec().counting.error)) +
                                    "); `danchu explain` shows why"});
    }
    {
        std::vector<std::string> district(org.size()), sector(org.size());
        for (std::size_t i = 0; i < org.size(); ++i)
            if (now_result.roll.own_slot(i) != rollup::npos) {
                district[i] = rd::district_of(org, i);
                sector[i] = rd::sector_of(org[i]);
            }
        doc.by_district = rd::groups_of(now_result, doc.bands, district);
        doc.by_sector = rd::groups_of(now_result, doc.bands, sector);
    }

    // --- previous period and changes -------------------------------------
    if (in.previous_findings) {
        rd::period_result before_result;
        doc.previous = period_of(
            *in.previous_findings, in.previous_assessed, in.previous_evidence, in.previous_period,
            before_result, in.previous_scheme ? in.previous_scheme : in.scheme, in.previous_silent_units);
        const auto& prows = before_result.rows;
        std::vector<const rd::period_row*> before(org.size(), nullptr), after(org.size(), nullptr);
        for (const auto& p : prows) before[p.org_index] = &p;
        for (const auto& p : rows) after[p.org_index] = &p;
        // A unit that sent no evidence in one of the two periods (a missing
        // report: no row) is a change too, with no band on that side.
        auto silent_in = [&](const r::figures& f, const std::string& id) {
            return std::find(f.no_evidence_units.begin(), f.no_evidence_units.end(), id) !=
                   f.no_evidence_units.end();
        };
        const rd::period_row none;
        for (std::size_t i = 0; i < org.size(); ++i) {
            const rd::period_row* was = before[i];
            const rd::period_row* now = after[i];
            const unit& u = org[i];
            if (!was && !now) continue;
            if (!was && !silent_in(*doc.previous, u.id)) continue;
            if (!now && !silent_in(doc.current, u.id)) continue;
            const rd::period_row& a = was ? *was : none;
            const rd::period_row& b = now ? *now : none;
            const bool band_changed = !was || !now || a.band != b.band;
            const bool moved =
                b.score && a.score && std::fabs(*b.score - *a.score) >= in.change_threshold - 1e-9;
            if (!band_changed && !moved) continue;
            doc.changes.push_back(
                {u.id, u.name.empty() ? u.id : u.name, a.score, b.score, a.rank, b.rank, a.band, b.band});
        }
        auto size = [](const r::unit_change& c) {
            return c.score_before && c.score_after ? std::fabs(*c.score_after - *c.score_before) : -1.0;
        };
        std::stable_sort(doc.changes.begin(), doc.changes.end(),
                         [&](const r::unit_change& a, const r::unit_change& b) { return size(a) > size(b); });
    }

    // --- failings --------------------------------------------------------
    {
        const auto named = r::directive_failings();
        std::vector<std::size_t> table_col(rules.rules().size(), static_cast<std::size_t>(-1));
        for (std::size_t k = 0; k < rules.rules().size(); ++k)
            for (std::size_t c = 0; c < in.findings->rule_count(); ++c)
                if (in.findings->rules()[c].id == rules.rules()[k].id) table_col[k] = c;
        std::unordered_map<std::string, std::size_t> row_of;
        for (std::size_t t = 0; t < in.findings->unit_count(); ++t)
            row_of.emplace(in.findings->unit_ids()[t], t);
        for (const auto& m : in.failing_map) {
            auto it = std::find_if(named.begin(), named.end(),
                                   [&](const r::failing& f) { return f.id == m.failing_id; });
            if (it == named.end())
                throw argument_error("assemble_report: failing \"" + m.failing_id +
                                     "\" is not one the directive names (dissemination, evaluation, "
                                     "inspection_board, leadership)");
            r::failing f = *it;
            std::vector<std::size_t> members; // rule indices
            for (std::size_t k = 0; k < rules.rules().size(); ++k) {
                const auto& rule = rules.rules()[k];
                const bool tagged =
                    std::any_of(rule.tags.begin(), rule.tags.end(), [&](const std::string& t) {
                        return std::find(m.tags.begin(), m.tags.end(), t) != m.tags.end();
                    });
                if (!tagged) continue;
                members.push_back(k);
                f.rules.push_back({rule.id, {rule.title.vi, rule.title.en}, {rd::cite_rule(rules, rule)}});
            }
            for (const auto& row : rows) {
                const unit& u = org[row.org_index];
                const auto t = row_of.find(u.id);
                if (t == row_of.end()) continue;
                r::failing_unit fu{
                    u.id, u.name.empty() ? u.id : u.name, rd::district_of(org, row.org_index), {}};
                for (std::size_t k : members)
                    if (table_col[k] != static_cast<std::size_t>(-1) &&
                        in.findings->at(t->second, table_col[k]) == verdict::fail)
                        fu.rule_ids.push_back(rules.rules()[k].id);
                if (!fu.rule_ids.empty()) f.units.push_back(std::move(fu));
            }
            doc.failings.push_back(std::move(f));
        }
    }

    // --- schedule --------------------------------------------------------
    if (in.sched) {
        const auto& obs = *in.obligations;
        const civil_day as_of = *in.as_of;
        auto working = [&](civil_day d) {
            if (in.is_working_day) return in.is_working_day(d);
            const auto w = d.day_of_week();
            return w != weekday::sat && w != weekday::sun;
        };
        auto working_between = [&](civil_day a, civil_day b) {
            int n = 0;
            for (civil_day d = a + 1; d <= b; ++d) n += working(d) ? 1 : 0;
            return n;
        };
        doc.schedule.as_of = to_iso(as_of);
        doc.schedule.horizon_days = in.horizon_days;
        for (const auto& oc : in.sched->items) {
            if (oc.done_on || !oc.due) continue;
            const obligation& ob = obs.items()[oc.obligation];
            const unit& u = org[oc.unit];
            const std::string name = u.name.empty() ? u.id : u.name;
            const bilingual_text title{ob.title.vi, ob.title.en};
            const int late = *oc.due < as_of ? working_between(*oc.due, as_of) : 0;
            if (late >= 1) {
                doc.schedule.overdue.push_back(
                    {u.id, name, ob.id, title, to_iso(*oc.due), late, rd::cite_obligation(ob)});
            } else if (*oc.due <= as_of + in.horizon_days) {
                // includes a due date passed less than a full working day ago
                const int left = *oc.due > as_of ? working_between(as_of, *oc.due) : 0;
                doc.schedule.upcoming.push_back(
                    {u.id, name, ob.id, title, to_iso(*oc.due), left, rd::cite_obligation(ob)});
            }
        }
        auto origin = [&](const std::string& where) -> std::pair<std::string, std::string> {
            if (std::size_t n = rd::record_number(where, "submission"); n && n <= in.submission_origin.size())
                return in.submission_origin[n - 1];
            if (std::size_t n = rd::record_number(where, "event"); n && n <= in.event_origin.size())
                return in.event_origin[n - 1];
            return {in.records_source, where};
        };
        for (const auto& p : in.sched->problems) {
            const std::string kind = p.message.rfind("unknown obligation", 0) == 0 ? "unknown_obligation"
                                     : p.message.rfind("unknown unit", 0) == 0     ? "unknown_unit"
                                     : p.message.rfind("no obligation is triggered", 0) == 0 ? "unknown_event"
                                     : p.message.rfind("occurrence", 0) == 0 ? "unknown_period"
                                                                             : "schedule";
            const auto [file, loc] = origin(p.where);
            doc.problems.push_back(
                {kind, file, loc, rd::first_quoted(p.message), p.where + ": " + p.message});
        }
    }
    detail::cap_problems(doc.problems);
    r::validate(doc);
    return doc;
}

/// The upcoming deadlines of a report as iCalendar events (one per unit and
/// obligation, all-day on the due date).
/// @param dtstamp "YYYYMMDDTHHMMSSZ"; default 00:00 in Vietnam on the report's
///        `generated_on` date, so the file is the same on every run.
/// @throws argument_error for a language other than vi or en.
inline std::string report_deadlines_ical(const report::document& doc, std::string_view lang = "vi",
                                         std::string dtstamp = {}) {
    if (lang != "vi" && lang != "en")
        throw argument_error("language \"" + std::string(lang) + "\": expected vi or en");
    if (dtstamp.empty())
        dtstamp = ical_timestamp(
            static_cast<std::int64_t>(parse_iso_date(doc.head.generated_on, "/header/generated_on")) * 86400 -
            7 * 3600);
    const bool vi = lang == "vi";
    std::vector<ical_event> events;
    for (const auto& it : doc.schedule.upcoming) {
        ical_event e;
        e.date = civil_day::parse(it.due, "due");
        e.uid = it.due + "-" + it.obligation_id + "-" + it.unit_id + "@danchu";
        e.summary = (vi ? it.obligation.vi : it.obligation.en) + " — " + it.unit_name;
        std::string src;
        if (it.source) {
            src = it.source->document;
            if (!it.source->article.empty()) src += ", " + it.source->article;
        }
        e.description = (vi ? "Đơn vị: " : "Unit: ") + it.unit_id +
                        (src.empty() ? std::string() : (vi ? ". Căn cứ: " : ". Source: ") + src);
        e.category = "deadline";
        events.push_back(std::move(e));
    }
    return to_ical(events,
                   std::string(vi ? "Hạn nghĩa vụ — " : "Deadlines — ") + doc.head.period.id + " — " +
                       (vi ? doc.head.province.vi : doc.head.province.en),
                   dtstamp);
}

} // namespace danchu
