#pragma once
/// @file
/// Facts derived from dated events (issue 11): for one assessed period, the
/// facts of the fact dictionary that rules read, computed from an `event_log`
/// over the windows the law sets (`windows.hpp`), so that no date is entered
/// twice and the packs keep reading facts by name.
///
/// Each derived fact is three-valued:
/// - a value, from the events that decided it (kept in `derivation` for
///   explanations);
/// - declared none: the unit declared that no event of the kind happened in
///   the window. For counts, lists and yes/no facts that is a value (0, [],
///   false); for the date of a required event (the conference held on, the
///   review held on) the fact has no value and is marked declared none, so a
///   rule that needs it fails (`evaluate`, decision `declared_none`);
/// - not reported: no event and no declaration: the fact is not supplied and
///   rules that need it stay unknown.
///
/// Which annual conference a period judges: the one that falls due in it
/// (`conference.window_from` and `conference.window_to` give its window).
/// For each unit, the year judged is the latest working (or school) year whose
/// lawful window (the regime's `annual_conference` rule in `years.json`)
/// closes on or before the period's last day; its conference is the regular
/// `conference_held` that covers that year (`annual_conference_for`). A 2025
/// assessment under Law 10/2022 thus judges the conference covering 2024,
/// due by 31/03/2025, wherever it was held (docs/rules.md, "Which annual
/// conference a period judges").
///
/// Publicity: each item of the regime's list (`publicity-items.json`) that
/// applies in the period (`always`, or `triggered` by an event of its trigger
/// kinds inside the period; `configured` items are not judged) must have an
/// `item_publicised` event in the period. `publicity.items_missing` counts
/// the items due and not publicised; the derivation names them.

#include <danchu/core/date.hpp>
#include <danchu/core/error.hpp>
#include <danchu/core/period.hpp>
#include <danchu/core/problem.hpp>
#include <danchu/core/text.hpp>
#include <danchu/evidence/event_io.hpp>
#include <danchu/evidence/event_log.hpp>
#include <danchu/evidence/evidence.hpp>
#include <danchu/evidence/fact.hpp>
#include <danchu/evidence/windows.hpp>
#include <danchu/organisation/unit.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace danchu {

/// How one fact of one unit was derived.
struct fact_derivation {
    std::size_t unit = 0;
    std::size_t fact = 0; ///< dictionary index
    occurrence_state state = occurrence_state::happened;
    std::vector<std::size_t> events;       ///< indices into the log: the events that decided it
    std::vector<std::size_t> declarations; ///< indices into the log's nones(): the declarations used
    bilingual_text note;                   ///< what was found (missing publicity items, the year judged...)
};

/// Settings of a derivation.
struct derive_options {
    /// The regime judging the period (a base pack id such as
    /// "vn.law-10-2022"): its annual-conference window, publicity items and
    /// time limits.
    std::string regime;
    /// Working days for the publicity and recommendation limits; empty:
    /// Monday to Friday.
    std::function<bool(day_number)> is_working_day;
    /// Keep `derived_evidence::derivations` (for explanations); off for
    /// batch evaluation, which needs only the facts.
    bool trace = true;
    /// Lenient derivation: with a sink, a derived value that breaks its
    /// fact's `at_most` bound (more present than staff, say) is listed there
    /// and left out instead of throwing.
    std::vector<input_problem>* problems = nullptr;
};

/// Derived evidence and how each fact was derived.
struct derived_evidence {
    evidence facts;
    std::vector<fact_derivation> derivations;

    /// The derivation of fact `f` for unit `u`, or nullptr if not derived.
    const fact_derivation* find(std::size_t u, std::size_t f) const noexcept {
        for (const auto& d : derivations)
            if (d.unit == u && d.fact == f) return &d;
        return nullptr;
    }
};

/// The facts `derive_evidence` can set (a test checks it against what the
/// derivation sets): given beside events they would be given twice, so
/// `migrate_evidence` never keeps them as standing facts.
inline const std::vector<std::string>& derived_fact_keys() {
    static const std::vector<std::string> keys{"bg.annual_review_on",
                                               "bg.chairman_report_sent_on",
                                               "bg.dissemination_sessions",
                                               "bg.front_coordination",
                                               "bg.head_signed_plan",
                                               "bg.inspection_held_on",
                                               "bg.plan_linked_party_building",
                                               "bg.reports_to_chairman",
                                               "bg.staff_dialogues",
                                               "bg.staff_reached",
                                               "bg.steering_committee_consolidated",
                                               "bg.training_held",
                                               "briefings.held_on",
                                               "bttnd.deputies",
                                               "bttnd.elected_on",
                                               "bttnd.exists",
                                               "bttnd.members",
                                               "bttnd.members_chief_accountant",
                                               "bttnd.members_head_or_deputy",
                                               "bttnd.min_plan_notice_days",
                                               "bttnd.min_plan_notice_working_days",
                                               "bttnd.programme_adopted",
                                               "bttnd.recognised_on",
                                               "bttnd.recommendations_answered_15d",
                                               "bttnd.recommendations_received",
                                               "bttnd.recommendations_resolved",
                                               "bttnd.reports_to_union",
                                               "bttnd.special_case_decision",
                                               "bttnd.supervisions_held",
                                               "citizens.head_reception_days",
                                               "conference.attendance",
                                               "conference.bttnd_programme_presented",
                                               "conference.bttnd_reported",
                                               "conference.d04_contents_covered",
                                               "conference.head_presided",
                                               "conference.held_on",
                                               "conference.l10_contents_covered",
                                               "conference.prep_meeting_held",
                                               "conference.resolution_votes_for",
                                               "conference.summoned",
                                               "conference.type",
                                               "conference.type_agreed_with_union",
                                               "conference.union_co_organised",
                                               "conference.window_from",
                                               "conference.window_to",
                                               "consultation.held",
                                               "consultation.plan_made",
                                               "consultation.results_published",
                                               "extra.convened",
                                               "extra.convened_on",
                                               "extra.request_received",
                                               "extra.request_signatures",
                                               "extra.requested_on",
                                               "extra.requester",
                                               "feedback.used_in_evaluation",
                                               "publicity.forms_ok",
                                               "publicity.items_missing",
                                               "publicity.items_short_at_premises",
                                               "publicity.items_short_on_site",
                                               "publicity.max_delay_working_days",
                                               "publicity.min_posting_days",
                                               "regulation.issued_on",
                                               "regulation.reviewed_on",
                                               "regulation.union_opinion_on",
                                               "report.democracy_report_sent",
                                               "resolution.check_results_notified",
                                               "resolution.checks_on",
                                               "staff_evaluation.completed_on"};
    return keys;
}

namespace detail {

class fact_deriver {
public:
    fact_deriver(const event_log& log, const event_windows& windows,
                 std::shared_ptr<const fact_dictionary> dict, const organisation& org,
                 const assessment_period& period, const derive_options& opt, const evidence* given)
        : log_(log), table_(*log.kinds()), windows_(windows), dict_(*dict),
          org_(org), period_{period.first().days(), period.last().days()}, label_(period.label()), opt_(opt),
          b_(dict, org), given_(given) {
        b_.set_period(period.label());
        if (opt.problems) b_.set_problem_sink(opt.problems, "events");
        resolve_items();
        conference_ = annual_conference_fields::of(table_);
        if (given && given->dictionary().get() != &dict_)
            throw argument_error("derive_evidence: the given facts were loaded with another fact dictionary");
        if (given && given->unit_ids() != log.unit_ids())
            throw argument_error("derive_evidence: the given facts are for another organisation");
        if (given && !given->period().empty() && given->period() != period.label()) {
            // Standing facts of a period hold for each part of it (a segment
            // judged under one regime, rules/by_date.hpp).
            const auto g = assessment_period::try_parse(given->period());
            if (!g || g->first() > period.first() || g->last() < period.last())
                throw argument_error("derive_evidence: the given facts are for period \"" + given->period() +
                                     "\", which does not contain \"" + period.label() + "\"");
        }
        if (table_.find_regime(opt.regime) == event_kinds::npos)
            throw argument_error("derive_evidence: regime \"" + opt.regime + "\" is not in the event kinds " +
                                 table_.source());
        if (log.unit_ids().size() != org.size())
            throw argument_error("derive_evidence: the event log was built for another organisation (" +
                                 std::to_string(log.unit_ids().size()) + " units, not " +
                                 std::to_string(org.size()) + ")");
        if (log.shared_unit_ids() != org.unit_ids()) // built for this organisation: the same list
            for (std::size_t u = 0; u < org.size(); ++u)
                if (log.unit_ids()[u] != org[u].id)
                    throw argument_error(
                        "derive_evidence: the event log was built for another organisation (unit #" +
                        std::to_string(u) + " is \"" + log.unit_ids()[u] + "\", not \"" + org[u].id + "\")");
    }

    derived_evidence run() {
        if (given_) copy_given();
        for (u_ = 0; u_ < org_.size(); ++u_) {
            answers_used_ = 0;
            if (!reported_in_period()) continue; // nothing recorded for the period: not reported
            annual_conference();
            extraordinary();
            board();
            board_activity();
            lists();
            dated();
            yes_no();
            publicity();
        }
        derived_evidence out;
        out.facts = b_.build();
        out.derivations = std::move(trace_);
        return out;
    }

private:
    /// The facts given beside the events (a standing state the events do not
    /// record); a fact both given and derived is reported as given twice.
    void copy_given() {
        for (std::size_t f = 0; f < dict_.size(); ++f) {
            if (dict_[f].from_organisation) continue;
            for (std::size_t u = 0; u < org_.size(); ++u) {
                if (!given_->has(u, f)) continue;
                const std::string where = "the facts given beside the events";
                b_.set_json(u, f, given_->value_json(u, f), where);
                if (const provenance* p = given_->source(u, f)) b_.set_source(u, f, *p, where);
            }
        }
        for (const auto& o : given_->overrides()) b_.add_override(o);
    }

    // --- lookups ------------------------------------------------------------
    /// A direct-mapped cache of lookups by name. The names this file looks up
    /// are mostly string literals, so a slot is found by the name's address;
    /// it is used only if the found entry's own name (kept by the table, not
    /// the caller) is still equal, so a reused address is never mistaken.
    struct name_memo {
        struct slot {
            const char* at = nullptr;
            std::size_t scope = 0, index = 0;
        };
        std::array<slot, 256> slots{};
        template <class Find, class Name>
        std::size_t get(std::string_view name, std::size_t scope, Find&& find, Name&& name_of) {
            const auto h = (reinterpret_cast<std::uintptr_t>(name.data()) >> 3) ^ (scope * 0x9E37u);
            slot& s = slots[h % slots.size()];
            if (s.at == name.data() && s.scope == scope && name_of(s.index) == name) return s.index;
            const std::size_t i = find();
            s = {name.data(), scope, i};
            return i;
        }
    };

    std::size_t kind(std::string_view id) const {
        return kind_memo_.get(
            id, 0, [&] { return find_kind(id); },
            [&](std::size_t k) -> std::string_view { return table_[k].id; });
    }
    std::size_t find_kind(std::string_view id) const {
        const std::size_t k = table_.find(id);
        if (k == event_kinds::npos)
            throw argument_error("derive_evidence: the event kinds " + table_.source() + " have no kind \"" +
                                 std::string(id) + "\"");
        return k;
    }
    std::size_t field(std::size_t k, std::string_view name) const {
        return field_memo_.get(
            name, k,
            [&] {
                const std::size_t f = table_[k].find_field(name);
                if (f == event_kind::npos)
                    throw argument_error("derive_evidence: event kind \"" + table_[k].id +
                                         "\" has no field \"" + std::string(name) + "\"");
                return f;
            },
            [&](std::size_t f) -> std::string_view { return table_[k].fields[f].name; });
    }
    const event_value& val(std::size_t e, std::size_t k, std::string_view name) const {
        return log_.value(e, field(k, name));
    }
    /// The word of an enumeration value ("" when absent).
    std::string word(std::size_t e, std::size_t k, std::string_view name) const {
        const std::size_t f = field(k, name);
        const event_value& v = log_.value(e, f);
        if (!v.present) return {};
        const auto& values = table_[k].fields[f].values;
        const auto i = static_cast<std::size_t>(v.number);
        return i < values.size() ? values[i] : std::string();
    }
    std::size_t fact(std::string_view key) const {
        return fact_memo_.get(
            key, 0, [&] { return find_fact(key); },
            [&](std::size_t f) -> std::string_view { return dict_[f].key; });
    }
    std::size_t find_fact(std::string_view key) const {
        const std::size_t f = dict_.find(key);
        if (f == fact_dictionary::npos)
            throw argument_error("derive_evidence: the fact dictionary " + dict_.source() +
                                 " has no fact \"" + std::string(key) + "\"");
        return f;
    }
    bool working(day_number d) const {
        if (opt_.is_working_day) return opt_.is_working_day(d);
        return weekday_of(d) < weekday::sat; // Monday to Friday
    }
    int working_days_between(day_number a, day_number b) const {
        int n = 0;
        for (day_number d = a + 1; d <= b; ++d) n += working(d) ? 1 : 0;
        return a <= b ? n : -working_days_between(b, a);
    }

    // --- recording ----------------------------------------------------------
    static const std::string& where(std::string_view) {
        static const std::string w =
            "derived from the events (a fact derived from events may not also be given beside them)";
        return w;
    }
    /// A derived value: a number, a yes/no, a date, a word or a list of dates.
    struct value {
        detail::evidence_cell cell;
        value(bool b) { cell.number = b ? 1.0 : 0.0; }                  // NOLINT: implicit on purpose
        value(int n) { cell.number = n; }                               // NOLINT
        value(std::int64_t n) { cell.number = static_cast<double>(n); } // NOLINT
        value(double x) { cell.number = x; }                            // NOLINT
        value(std::string t) { cell.text = std::move(t); }              // NOLINT
        static value date(day_number d) {
            value v(0);
            v.cell.number = d;
            return v;
        }
        static value dates(std::vector<std::int32_t> ds) {
            value v(0);
            v.cell.dates = std::move(ds);
            return v;
        }
    };
    void record(std::size_t f, occurrence_state s, const std::vector<std::size_t>& events,
                const std::vector<std::size_t>& declarations, bilingual_text note = {}) {
        if (!opt_.trace) return; // copied only when tracing: the answers are scratch
        trace_.push_back({u_, f, s, events, declarations, std::move(note)});
    }
    /// A value decided by events `events` (the first one's recording document is the provenance).
    void set(std::string_view key, value v, const std::vector<std::size_t>& events,
             bilingual_text note = {}) {
        set(key, std::move(v.cell), events, std::move(note));
    }
    void set(std::string_view key, detail::evidence_cell&& cell, const std::vector<std::size_t>& events,
             bilingual_text note = {}) {
        const std::size_t f = fact(key);
        b_.set_cell(u_, f, std::move(cell), where(key));
        if (!events.empty() && (opt_.trace || has_source(events.front()))) {
            // Provenance: the recording document as entered and, when tracing
            // (an explanation), where danchu read the event and who entered it.
            const std::size_t e = events.front();
            const event_source& s = log_.source(e);
            provenance p{s.document, s.issuer, to_iso(log_.date(e)), {}, {}};
            if (opt_.trace) {
                p.read_from = log_.origin(e).text();
                if (!s.file.empty())
                    p.read_from += " (" + s.file + (s.sheet.empty() ? "" : "!" + s.sheet) +
                                   (s.row > 0 ? " row " + std::to_string(s.row) : "") + ")";
                p.entered_by = s.entered_by + (s.entered_on.empty() ? "" : " (" + s.entered_on + ")");
            }
            b_.set_source(u_, f, std::move(p), where(key));
        }
        if (opt_.trace) record(f, occurrence_state::happened, events, {}, std::move(note));
    }
    /// A value decided by one event, or by none (the window's own facts).
    void set(std::string_view key, value v, std::size_t e, bilingual_text note = {}) {
        if (!opt_.trace && !has_source(e)) return set(key, std::move(v), none_, std::move(note));
        one_.assign(1, e);
        set(key, std::move(v), one_, std::move(note));
    }
    void set_law(std::string_view key, value v, bilingual_text note) {
        set(key, std::move(v), none_, std::move(note));
    }
    bool has_source(std::size_t e) const {
        const event_source& s = log_.source(e);
        return !s.document.empty() || !s.issuer.empty();
    }

    /// A value decided by declarations (0, [], false).
    void set_none_value(std::string_view key, value v, const window_answer& a) {
        const std::size_t f = fact(key);
        b_.set_cell(u_, f, std::move(v.cell), where(key));
        record(f, occurrence_state::declared_none, {}, a.declarations);
    }
    /// The date of a required event the unit declared did not happen.
    void set_declared_none(std::string_view key, const window_answer& a) {
        const std::size_t f = fact(key);
        b_.set_declared_none(u_, f, where(key));
        record(f, occurrence_state::declared_none, {}, a.declarations);
    }
    void set_if_present(std::string_view key, std::size_t e, std::size_t k, std::string_view name) {
        const std::size_t f = field(k, name);
        const event_value& v = log_.value(e, f);
        if (!v.present) return;
        switch (table_[k].fields[f].type) {
        case event_field_type::boolean: set(key, v.number != 0.0, e); break;
        case event_field_type::integer: set(key, static_cast<std::int64_t>(v.number), e); break;
        case event_field_type::number: set(key, v.number, e); break;
        case event_field_type::date: set(key, value::date(static_cast<day_number>(v.number)), e); break;
        case event_field_type::enumeration: set(key, word(e, k, name), e); break;
        default: set(key, v.text, e); break;
        }
    }
    /// Events of kind `k` in window `w` (happened_in), answered into one of
    /// the unit's scratch answers: valid until the next unit, and no
    /// allocation once the scratch lists have grown.
    template <class Keep> const window_answer& in_window(std::size_t k, day_window w, Keep&& keep) {
        if (answers_used_ == answers_.size()) answers_.emplace_back(); // a deque: earlier answers stay put
        window_answer& a = answers_[answers_used_++];
        happened_in(log_, u_, k, w, std::forward<Keep>(keep), a);
        return a;
    }
    const window_answer& in_window(std::size_t k, day_window w) {
        return in_window(k, w, [](std::size_t) { return true; });
    }
    const window_answer& in_period(std::size_t k) { return in_window(k, period_); }
    template <class Keep> const window_answer& in_period(std::size_t k, Keep&& keep) {
        return in_window(k, period_, std::forward<Keep>(keep));
    }

    // --- the facts ----------------------------------------------------------
    void annual_conference() {
        const annual_window_rule* rule = windows_.annual_rule(opt_.regime);
        if (!rule) return; // the regime sets no annual conference (an overlay's base does)
        // The year judged and its window depend only on the unit's year basis: computed once per basis.
        const year_basis basis = windows_.years.basis_for(org_[u_].kind);
        judged_year& j = judged_[static_cast<std::size_t>(basis)];
        if (!j.ready) {
            j.year = windows_.years.year_of(basis, period_.to);
            while (annual_conference_window(windows_.years, *rule, basis, j.year).to > period_.to) --j.year;
            j.window = annual_conference_window(windows_.years, *rule, basis, j.year);
            j.year_from = windows_.years.year(basis, j.year).from;
            j.ready = true;
        }
        const int y = j.year;
        annual_conference_for(log_, conference_, j.window, j.year_from, u_, y, conference_answer_);
        const annual_conference_answer& a = conference_answer_;
        const bilingual_text note =
            !opt_.trace
                ? bilingual_text{}
                : bilingual_text{"Hội nghị thường kỳ cho năm " + std::to_string(y) + " (hạn " +
                                     to_iso(a.window.from) + " – " + to_iso(a.window.to) + ")",
                                 "The regular conference for year " + std::to_string(y) + " (window " +
                                     to_iso(a.window.from) + " to " + to_iso(a.window.to) + ")"};
        // A window that closed before the period began fell due in an earlier
        // period (or, in a period that straddles a change of regime, under
        // the earlier regime): its window is given, so the rules' applicability
        // conditions find nothing due, and nothing else is judged.
        const bool due_in_period = a.window.to >= period_.from;
        if (due_in_period && a.answer.state == occurrence_state::not_reported) return; // nothing said
        set_law("conference.window_from", value::date(a.window.from), note);
        set_law("conference.window_to", value::date(a.window.to), note);
        if (!due_in_period) return;
        if (a.answer.state == occurrence_state::declared_none) {
            set_declared_none("conference.held_on", a.answer);
            if (opt_.trace) trace_.back().note = note;
            return;
        }
        if (a.answer.state != occurrence_state::happened) return;
        // Prefer a conference inside the window; else the first one (held late or early).
        std::size_t e = a.answer.events.front();
        for (std::size_t i = 0; i < a.answer.events.size(); ++i)
            if (a.on_time[i]) {
                e = a.answer.events[i];
                break;
            }
        const std::size_t k = log_.kind(e);
        set("conference.held_on", value::date(log_.date(e)), e, note);
        set_if_present("conference.type", e, k, "form");
        set_if_present("conference.type_agreed_with_union", e, k, "form_agreed_with_union");
        set_if_present("conference.head_presided", e, k, "presided_by_head");
        set_if_present("conference.union_co_organised", e, k, "union_co_organised");
        set_if_present("conference.summoned", e, k, "summoned");
        set_if_present("conference.attendance", e, k, "present");
        set_if_present("conference.resolution_votes_for", e, k, "votes_for");
        set_if_present("conference.bttnd_reported", e, k, "inspection_board_reported");
        set_if_present("conference.bttnd_programme_presented", e, k, "inspection_board_programme_presented");
        if (val(e, k, "prepared_on").present) set("conference.prep_meeting_held", true, e);
        const event_value& contents = val(e, k, "contents");
        if (contents.present) {
            std::int64_t d04 = 0, l10 = 0;
            for (const auto& c : contents.items) {
                d04 += c.text.rfind("d04-", 0) == 0 ? 1 : 0;
                l10 += c.text.rfind("l10-", 0) == 0 ? 1 : 0;
            }
            set("conference.d04_contents_covered", d04, e);
            set("conference.l10_contents_covered", l10, e);
        }
    }

    void extraordinary() {
        const std::size_t kr = kind("extraordinary_conference_requested");
        const window_answer& a = in_period(kr);
        if (a.state == occurrence_state::declared_none) set_none_value("extra.request_received", false, a);
        if (a.state != occurrence_state::happened) return;
        const std::size_t r = a.events.front();
        set("extra.request_received", true, a.events);
        set("extra.requested_on", value::date(log_.date(r)), r);
        set_if_present("extra.requester", r, kr, "requested_by");
        set_if_present("extra.request_signatures", r, kr, "signatures");
        // The extraordinary conference that answers the request: one that names
        // it, or (when the request has no id) the first extraordinary conference
        // on or after the request.
        const std::size_t kc = kind("conference_held");
        const std::size_t f_session = field(kc, "session"), f_request = field(kc, "request");
        const std::size_t extra = table_[kc].fields[f_session].find_value("extraordinary");
        const std::string& id = log_.id(r);
        const auto [first, last] = log_.range(u_, kc);
        for (std::size_t e = first; e < last; ++e) {
            const event_value& s = log_.value(e, f_session);
            const event_value& q = log_.value(e, f_request);
            if (!s.present || static_cast<std::size_t>(s.number) != extra || log_.date(e) < log_.date(r))
                continue;
            if (!id.empty() ? (q.present && q.text == id) : !q.present) {
                const event_value& c = val(e, kc, "convened_on");
                set("extra.convened", true, e);
                set("extra.convened_on",
                    value::date(c.present ? static_cast<day_number>(c.number) : log_.date(e)), e);
                return;
            }
        }
        set("extra.convened", false, r,
            {"Không có hội nghị bất thường nào đáp ứng đề nghị ngày " + to_iso(log_.date(r)),
             "No extraordinary conference answers the request of " + to_iso(log_.date(r))});
    }

    void board() {
        const std::size_t k = kind("inspection_board_elected");
        // The latest election on or before the period's end, and whether its term reaches the period.
        const auto [first, last] = log_.range(u_, k);
        std::size_t e = event_log::npos;
        for (std::size_t i = first; i < last && log_.date(i) <= period_.to; ++i) e = i;
        if (e == event_log::npos) {
            const day_number from = add_months(period_.to + 1, -24);
            const window_answer& a = in_window(k, {from, period_.to});
            if (a.state == occurrence_state::declared_none) {
                set_none_value("bttnd.exists", false, a);
                set_declared_none("bttnd.elected_on", a);
            }
            return;
        }
        const event_value& term = val(e, k, "term_years");
        // Two years unless the election says otherwise: Law 10/2022 Art. 60(3), Decree 159/2016 Art. 23.
        const int years = term.present ? static_cast<int>(term.number) : 2;
        const bool in_term = add_months(log_.date(e), 12 * years) > period_.from;
        set("bttnd.exists", in_term, e);
        set("bttnd.elected_on", value::date(log_.date(e)), e);
        const event_value& members = val(e, k, "members");
        if (val(e, k, "member_count").present)
            set_if_present("bttnd.members", e, k, "member_count");
        else if (members.present)
            set("bttnd.members", static_cast<std::int64_t>(members.items.size()), e);
        set_if_present("bttnd.deputies", e, k, "deputy_count");
        set_if_present("bttnd.members_head_or_deputy", e, k, "members_head_or_deputy");
        set_if_present("bttnd.members_chief_accountant", e, k, "members_chief_accountant");
        set_if_present("bttnd.special_case_decision", e, k, "special_case_decision");
        set_if_present("bttnd.recognised_on", e, k, "recognised_on");
    }

    void board_activity() {
        const std::size_t kp = kind("inspection_board_programme_adopted");
        const window_answer& p = in_period(kp);
        if (p.state == occurrence_state::happened) set("bttnd.programme_adopted", true, p.events);
        if (p.state == occurrence_state::declared_none) set_none_value("bttnd.programme_adopted", false, p);

        const std::size_t ks = kind("inspection_board_supervision");
        const window_answer& s = in_period(ks);
        if (s.state == occurrence_state::declared_none) set_none_value("bttnd.supervisions_held", 0, s);
        if (s.state == occurrence_state::happened) {
            set("bttnd.supervisions_held", static_cast<std::int64_t>(s.events.size()), s.events);
            std::optional<int> days, wdays;
            std::vector<std::size_t> used;
            for (std::size_t e : s.events) {
                const event_value& sent = val(e, ks, "plan_sent_on");
                if (!sent.present) continue;
                const auto from = static_cast<day_number>(sent.number);
                const int d = log_.date(e) - from, w = working_days_between(from, log_.date(e));
                days = days ? std::min(*days, d) : d;
                wdays = wdays ? std::min(*wdays, w) : w;
                used.push_back(e);
            }
            if (days) {
                set("bttnd.min_plan_notice_days", *days, used);
                set("bttnd.min_plan_notice_working_days", *wdays, used);
            }
        }

        const std::size_t kr = kind("inspection_board_reported");
        const std::size_t f_to = field(kr, "to");
        const std::size_t union_word = table_[kr].fields[f_to].find_value("union");
        const window_answer& rep = in_period(kr, [&](std::size_t e) {
            const event_value& t = log_.value(e, f_to);
            return t.present && static_cast<std::size_t>(t.number) == union_word;
        });
        dates_fact("bttnd.reports_to_union", rep);

        const std::size_t kq = kind("inspection_board_recommendation");
        const window_answer& q = in_period(kq);
        if (q.state == occurrence_state::declared_none) {
            set_none_value("bttnd.recommendations_received", 0, q);
            set_none_value("bttnd.recommendations_resolved", 0, q);
            set_none_value("bttnd.recommendations_answered_15d", 0, q);
        }
        if (q.state != occurrence_state::happened) return;
        const std::size_t ka = kind("recommendation_answered");
        const std::size_t f_rec = field(ka, "recommendation"), f_res = field(ka, "resolved");
        const time_limit* limit = windows_.limit("l10-recommendation-answer");
        std::int64_t resolved = 0, on_time = 0;
        std::vector<std::size_t> used = q.events;
        const auto [first, last] = log_.range(u_, ka);
        for (std::size_t r : q.events) {
            for (std::size_t a = first; a < last; ++a) {
                const event_value& ref = log_.value(a, f_rec);
                if (!ref.present || log_.id(r).empty() || ref.text != log_.id(r)) continue;
                used.push_back(a);
                const event_value& res = log_.value(a, f_res);
                resolved += res.present && res.number != 0.0 ? 1 : 0;
                if (limit)
                    on_time += log_.date(a) <= time_limit_end(*limit, log_.date(r),
                                                              [&](day_number d) { return working(d); })
                                   ? 1
                                   : 0;
                break;
            }
        }
        set("bttnd.recommendations_received", static_cast<std::int64_t>(q.events.size()), q.events);
        set("bttnd.recommendations_resolved", resolved, used);
        if (limit) set("bttnd.recommendations_answered_15d", on_time, used);
    }

    /// A list-of-dates fact from the events of a window answer.
    void dates_fact(std::string_view key, const window_answer& a) {
        if (a.state == occurrence_state::declared_none) set_none_value(key, value::dates({}), a);
        if (a.state != occurrence_state::happened) return;
        // One list reused from unit to unit: set_cell copies the dates.
        dates_.dates.clear();
        for (std::size_t e : a.events) dates_.dates.push_back(log_.date(e));
        set(key, std::move(dates_), a.events);
    }

    void lists() {
        dates_fact("briefings.held_on", in_period(kind("briefing_held")));
        dates_fact("citizens.head_reception_days", in_period(kind("head_received_citizens")));
        const std::size_t kd = kind("dissemination_session");
        const window_answer& sessions = in_period(kd);
        dates_fact("bg.dissemination_sessions", sessions);
        if (sessions.state == occurrence_state::happened) {
            // Sessions may reach the same people: the largest session is what is known to be reached.
            std::int64_t reached = 0;
            bool any = false;
            for (std::size_t e : sessions.events)
                if (const event_value& p = val(e, kd, "participants"); p.present) {
                    reached = std::max(reached, static_cast<std::int64_t>(p.number));
                    any = true;
                }
            if (any) set("bg.staff_reached", reached, sessions.events);
        }
        dates_fact("bg.staff_dialogues", in_period(kind("staff_dialogue")));
        const std::size_t kc = kind("resolution_checked");
        const window_answer& checks = in_period(kc);
        dates_fact("resolution.checks_on", checks);
        if (checks.state == occurrence_state::happened) {
            bool all = true;
            for (std::size_t e : checks.events) all = all && val(e, kc, "staff_notified_on").present;
            set("resolution.check_results_notified", all, checks.events);
        }
        const std::size_t kr = kind("report_sent");
        const std::size_t f_to = field(kr, "to");
        dates_fact("bg.reports_to_chairman", in_period(kr, [&](std::size_t e) {
                       const event_value& t = log_.value(e, f_to);
                       return t.present && t.text == "role:chairman";
                   }));
        // The report on this very period, wherever it is dated (a late report
        // may be sent after the period ends): the rule measures its lateness.
        const std::size_t f_period = field(kr, "period");
        const auto [first, last] = log_.range(u_, kr);
        for (std::size_t e = first; e < last; ++e) {
            const event_value& t = log_.value(e, f_to);
            const event_value& p = log_.value(e, f_period);
            if (t.present && t.text == "role:chairman" && p.present && p.text == label_) {
                set("bg.chairman_report_sent_on", value::date(log_.date(e)),
                    e); // the earliest (dates sorted)
                break;
            }
        }
    }

    /// A date fact: the latest event of `a`, or declared none.
    void latest_date(std::string_view key, const window_answer& a) {
        if (a.state == occurrence_state::declared_none) set_declared_none(key, a);
        if (a.state != occurrence_state::happened) return;
        const std::size_t e = a.events.back();
        set(key, value::date(log_.date(e)), e);
    }

    void dated() {
        const std::size_t ke = kind("staff_evaluation_completed");
        const window_answer& ev = in_period(ke);
        latest_date("staff_evaluation.completed_on", ev);
        if (ev.state == occurrence_state::happened)
            set_if_present("feedback.used_in_evaluation", ev.events.back(), ke, "staff_comments_used");

        const std::size_t kr = kind("democracy_regulation");
        const std::size_t f_action = field(kr, "action");
        auto action = [&](const char* w) {
            const std::size_t i = table_[kr].fields[f_action].find_value(w);
            return [this, f_action, i](std::size_t e) {
                const event_value& a = log_.value(e, f_action);
                return a.present && static_cast<std::size_t>(a.number) == i;
            };
        };
        // A regulation issued before the period stays in force: look back ten years.
        const window_answer& issued =
            in_window(kr, {add_months(period_.from, -120), period_.to}, action("issued"));
        latest_date("regulation.issued_on", issued);
        if (issued.state == occurrence_state::happened)
            set_if_present("regulation.union_opinion_on", issued.events.back(), kr, "union_opinion_on");
        latest_date("regulation.reviewed_on", in_period(kr, action("reviewed")));

        const std::size_t kv = kind("review_held");
        const std::size_t f_form = field(kv, "form");
        const std::size_t inspection = table_[kv].fields[f_form].find_value("inspection");
        latest_date("bg.inspection_held_on", in_period(kv, [&](std::size_t e) {
                        const event_value& f = log_.value(e, f_form);
                        return f.present && static_cast<std::size_t>(f.number) == inspection;
                    }));
        latest_date("bg.annual_review_on", in_period(kv));
    }

    /// A yes/no fact: an event of the kind in the period, or declared none.
    const window_answer& happened_fact(std::string_view key, std::string_view kind_id) {
        const window_answer& a = in_period(kind(kind_id));
        if (a.state == occurrence_state::happened) set(key, true, a.events);
        if (a.state == occurrence_state::declared_none) set_none_value(key, false, a);
        return a;
    }

    void yes_no() {
        const window_answer& c = happened_fact("consultation.held", "staff_consulted");
        if (c.state == occurrence_state::happened) {
            const std::size_t k = kind("staff_consulted");
            bool planned = false;
            for (std::size_t e : c.events) planned = planned || val(e, k, "plan_made").number != 0.0;
            set("consultation.plan_made", planned, c.events);
            // The results are publicised as the regime's consultation item, on or after the first consultation.
            const char* item = opt_.regime == "vn.law-10-2022" ? "l10-art46-10" : "d04-art7-8";
            const std::size_t kp = kind("item_publicised");
            const std::size_t f_item = field(kp, "item");
            const std::size_t word = table_[kp].fields[f_item].find_value(item);
            const window_answer& pub =
                in_window(kp, {log_.date(c.events.front()), period_.to}, [&](std::size_t e) {
                    const event_value& v = log_.value(e, f_item);
                    return v.present && static_cast<std::size_t>(v.number) == word;
                });
            std::vector<std::size_t> used = c.events;
            used.insert(used.end(), pub.events.begin(), pub.events.end());
            set("consultation.results_published", pub.state == occurrence_state::happened, used);
        }
        happened_fact("report.democracy_report_sent", "report_sent");
        happened_fact("bg.training_held", "training");
        happened_fact("bg.steering_committee_consolidated", "steering_committee_set_up");
        happened_fact("bg.front_coordination", "front_coordination");
        const std::size_t kp = kind("democracy_plan_issued");
        const window_answer& plan = in_period(kp);
        if (plan.state == occurrence_state::happened) {
            set_if_present("bg.plan_linked_party_building", plan.events.back(), kp,
                           "linked_to_party_building");
            set_if_present("bg.head_signed_plan", plan.events.back(), kp, "signed_by_head");
        }
    }

    /// True if unit u_ recorded anything for the period: an event dated in it
    /// or a declaration of none that overlaps it. A unit that did not is not
    /// reported for the period, whatever it recorded before (its older events
    /// decide nothing on their own).
    bool reported_in_period() const {
        for (std::size_t k = 0; k < table_.size(); ++k) {
            if (any_in_period(k)) return true;
            const auto [first, last] = log_.none_range(u_, k);
            for (std::size_t j = first; j < last; ++j)
                if (log_.nones()[j].from <= period_.to && log_.nones()[j].to >= period_.from) return true;
        }
        return false;
    }

    /// True if unit u_ has an event of kind `k` inside the period (no allocation).
    bool any_in_period(std::size_t k) const {
        const auto [first, last] = log_.range(u_, k);
        const auto& dates = log_.date_column();
        const auto it = std::lower_bound(dates.begin() + static_cast<std::ptrdiff_t>(first),
                                         dates.begin() + static_cast<std::ptrdiff_t>(last), period_.from);
        return it != dates.begin() + static_cast<std::ptrdiff_t>(last) && *it <= period_.to;
    }

    /// The regime's items, resolved once: the item's word in `item_publicised.item` and its trigger kinds.
    struct judged_item {
        const publicity_item* item;
        std::size_t word;
        std::vector<std::size_t> triggers;
    };
    void resolve_items() {
        kp_ = kind("item_publicised");
        f_item_ = field(kp_, "item");
        // The fields read for every publication, resolved once (not per event).
        f_decided_ = field(kp_, "decided_on");
        f_posted_from_ = field(kp_, "posted_from");
        f_posted_to_ = field(kp_, "posted_to");
        const auto& words = table_[kp_].fields[f_item_].values;
        for (const auto& it : table_.items()) {
            if (it.regime != opt_.regime || it.when == publicity_applies::configured) continue;
            judged_item j{
                &it,
                static_cast<std::size_t>(std::find(words.begin(), words.end(), it.id) - words.begin()),
                {}};
            if (it.when == publicity_applies::triggered)
                for (const auto& t : it.triggered_by) j.triggers.push_back(kind(t));
            items_.push_back(std::move(j));
        }
        published_.assign(words.size() + 1, 0);
    }

    /// any_in_period(k) for the unit, each kind looked up once per unit
    /// (several items share a trigger).
    bool triggered(std::size_t k) {
        if (trigger_unit_ != u_) {
            trigger_unit_ = u_;
            std::fill(trigger_state_.begin(), trigger_state_.end(), 0);
        }
        if (trigger_state_.size() <= k) trigger_state_.resize(table_.size(), 0);
        char& st = trigger_state_[k];
        if (st == 0) st = any_in_period(k) ? 1 : 2;
        return st == 1;
    }

    void publicity() {
        const std::size_t kp = kp_;
        const window_answer& all = in_period(kp);
        if (all.state == occurrence_state::not_reported) return;
        std::fill(published_.begin(), published_.end(), 0);
        for (std::size_t e : all.events) {
            const event_value& v = log_.value(e, f_item_);
            if (v.present && static_cast<std::size_t>(v.number) < published_.size())
                published_[static_cast<std::size_t>(v.number)] = 1;
        }
        std::int64_t missing = 0;
        std::string missing_vi, missing_en;
        for (const auto& j : items_) {
            bool due = j.item->when == publicity_applies::always;
            for (std::size_t t : j.triggers) due = due || triggered(t);
            if (!due || published_[j.word]) continue;
            ++missing;
            if (!opt_.trace) continue;
            missing_vi += (missing_vi.empty() ? "" : "; ") + j.item->id + " (" + j.item->title.vi + ")";
            missing_en += (missing_en.empty() ? "" : "; ") + j.item->id + " (" + j.item->title.en + ")";
        }
        const std::vector<std::size_t>& used = all.events;
        const bilingual_text note =
            !opt_.trace ? bilingual_text{}
            : missing_vi.empty()
                ? bilingual_text{"Đã công khai mọi nội dung phải công khai trong kỳ",
                                 "Every item due in the period was publicised"}
                : bilingual_text{"Chưa công khai: " + missing_vi, "Not publicised: " + missing_en};
        if (all.state == occurrence_state::declared_none) {
            set_none_value("publicity.items_missing", missing, all);
            if (opt_.trace) trace_.back().note = note;
            return;
        }
        set("publicity.items_missing", missing, used, note);

        // Delays (working days from the decision) and posting lengths.
        std::optional<int> delay, posting;
        auto& delayed = scratch_[0];
        auto& posted = scratch_[1];
        delayed.clear();
        posted.clear();
        for (std::size_t e : all.events) {
            const event_value& decided = log_.value(e, f_decided_);
            if (decided.present) {
                const int w = working_days_between(static_cast<day_number>(decided.number), log_.date(e));
                delay = delay ? std::max(*delay, w) : w;
                delayed.push_back(e);
            }
            const event_value& from = log_.value(e, f_posted_from_);
            const event_value& to = log_.value(e, f_posted_to_);
            if (from.present && to.present) {
                const int n = static_cast<int>(to.number - from.number) + 1;
                posting = posting ? std::min(*posting, n) : n;
                posted.push_back(e);
            }
        }
        if (delay) set("publicity.max_delay_working_days", *delay, delayed);
        if (posting) set("publicity.min_posting_days", *posting, posted);
        // A form the law names (posting, internal system, meeting, written notice...), not "other".
        const std::size_t f_form = field(kp, "form");
        const std::size_t other = table_[kp].fields[f_form].find_value("other");
        auto& with_form = scratch_[2];
        with_form.clear();
        bool lawful = true;
        for (std::size_t e : all.events)
            if (const event_value& v = log_.value(e, f_form); v.present) {
                with_form.push_back(e);
                lawful = lawful && static_cast<std::size_t>(v.number) != other;
            }
        if (!with_form.empty()) set("publicity.forms_ok", lawful, with_form);
        posting_lengths(all.events, f_form);
    }

    /// Law 10/2022 Art. 48(1)-(2): each item publicised in the period stays
    /// 20 consecutive days on the internal site or system (a unit that has
    /// one), or posted at the premises unless a written notice went to all
    /// staff (a unit that has none). An item is its list entry and subject;
    /// its publications are the events with both. Whether the unit has an
    /// internal site is a standing fact (`publicity.has_internal_site`): both
    /// counts are derived and the rule reads the one that applies. An item
    /// whose publications give no form or no posting dates cannot be judged:
    /// the counts are then set only when some item already falls short.
    void posting_lengths(const std::vector<std::size_t>& events, std::size_t f_form) {
        const std::size_t kp = kp_;
        const std::size_t f_subject = field(kp, "subject");
        const auto& forms = table_[kp].fields[f_form];
        const std::size_t site = forms.find_value("internal_system"), premises = forms.find_value("posting"),
                          notice = forms.find_value("written_notice_all_staff");
        // Scratch kept across units (cleared, not freed): a unit's items and, per
        // event, the item it publishes; subjects point into the log.
        auto& items = posting_items_;
        auto& of_event = posting_events_;
        items.clear();
        of_event.clear();
        for (std::size_t e : events) {
            const event_value& w = log_.value(e, f_item_);
            if (!w.present) continue;
            const event_value& subj = log_.value(e, f_subject);
            const std::size_t word = static_cast<std::size_t>(w.number);
            const std::string_view subject = subj.present ? std::string_view(subj.text) : std::string_view();
            auto it = std::find_if(items.begin(), items.end(), [&](const posting_item& x) {
                return x.word == word && x.subject == subject;
            });
            if (it == items.end()) it = items.insert(items.end(), posting_item{word, subject});
            of_event.emplace_back(static_cast<std::size_t>(it - items.begin()), e);
            const event_value& form = log_.value(e, f_form);
            if (!form.present) continue;
            const std::size_t fm = static_cast<std::size_t>(form.number);
            if (fm == notice) {
                it->notice = it->judged = true;
                continue;
            }
            const event_value& from = log_.value(e, f_posted_from_);
            const event_value& to = log_.value(e, f_posted_to_);
            if ((fm != site && fm != premises) || !from.present || !to.present) continue;
            const int n = static_cast<int>(to.number - from.number) + 1;
            int& days = fm == site ? it->site_days : it->premises_days;
            days = std::max(days, n);
            it->judged = true;
        }
        std::int64_t short_site = 0, short_premises = 0;
        bool undecided = false;
        std::string names_site, names_premises;
        for (const auto& x : items) {
            if (!x.judged) {
                undecided = true;
                continue;
            }
            const bool site_short = x.site_days < 20, premises_short = x.premises_days < 20 && !x.notice;
            short_site += site_short ? 1 : 0;
            short_premises += premises_short ? 1 : 0;
            if (!opt_.trace) continue;
            const std::string name =
                table_[kp].fields[f_item_].values[x.word] +
                (x.subject.empty() ? std::string() : " (" + std::string(x.subject) + ")");
            if (site_short) names_site += (names_site.empty() ? "" : "; ") + name;
            if (premises_short) names_premises += (names_premises.empty() ? "" : "; ") + name;
        }
        auto& used = posting_used_;
        used.clear();
        for (const auto& [i, e] : of_event)
            if (items[i].judged) used.push_back(e);
        if (used.empty()) return;
        std::sort(used.begin(), used.end());
        auto note = [&](const std::string& names) {
            return !opt_.trace || names.empty() ? bilingual_text{}
                                                : bilingual_text{"Chưa đủ 20 ngày liên tục: " + names,
                                                                 "Short of 20 consecutive days: " + names};
        };
        if (short_site > 0 || !undecided)
            set("publicity.items_short_on_site", short_site, used, note(names_site));
        if (short_premises > 0 || !undecided)
            set("publicity.items_short_at_premises", short_premises, used, note(names_premises));
    }

    const event_log& log_;
    const event_kinds& table_;
    const event_windows& windows_;
    const fact_dictionary& dict_;
    const organisation& org_;
    day_window period_;
    std::string label_; ///< the assessed period's label (a report names the period it covers)
    const derive_options& opt_;
    evidence_builder b_;
    const evidence* given_;
    mutable name_memo kind_memo_, field_memo_, fact_memo_;
    std::size_t kp_ = 0, f_item_ = 0, f_decided_ = 0, f_posted_from_ = 0, f_posted_to_ = 0;
    std::vector<judged_item> items_;
    std::vector<char> published_;
    std::vector<char> trigger_state_; ///< per kind, for unit trigger_unit_: 0 not looked up, 1 yes, 2 no
    std::size_t trigger_unit_ = static_cast<std::size_t>(-1);
    struct posting_item {
        std::size_t word;
        std::string_view subject;
        int site_days = -1, premises_days = -1;
        bool notice = false, judged = false;
    };
    std::vector<posting_item> posting_items_;                         ///< posting_lengths' scratch
    std::vector<std::pair<std::size_t, std::size_t>> posting_events_; ///< (item, event)
    std::vector<std::size_t> posting_used_;
    std::array<std::vector<std::size_t>, 3> scratch_; ///< publicity's lists of events (kept across units)
    struct judged_year {
        bool ready = false;
        int year = 0;
        day_window window;
        day_number year_from = 0;
    };
    judged_year judged_[2]; ///< by year_basis
    annual_conference_fields conference_;
    const std::vector<std::size_t> none_{};
    std::vector<fact_derivation> trace_;
    std::size_t u_ = 0;
    std::deque<window_answer> answers_; ///< the unit's scratch answers (in_window)
    std::size_t answers_used_ = 0;
    std::vector<std::size_t> one_; ///< one event, for set()
    detail::evidence_cell dates_;  ///< a list of dates, for dates_fact()
    annual_conference_answer conference_answer_;
};

} // namespace detail

/// The facts of `dict` derived from `log` for every unit of `org` over
/// `period`, judged under `opt.regime` (see the file comment).
/// @throws argument_error if the log was built for another organisation, the
/// regime is not in the log's table, or the table or dictionary lacks a kind,
/// field or fact the derivation reads.
/// @param given facts the events do not record (`citizens.reception_place`,
/// `union.performs_bttnd_tasks`...), with their overrides; null for none. A
/// fact both given and derived is an error naming the unit and the fact.
inline derived_evidence derive_evidence(const event_log& log, const event_windows& windows,
                                        std::shared_ptr<const fact_dictionary> dict, const organisation& org,
                                        const assessment_period& period, const derive_options& opt,
                                        const evidence* given = nullptr) {
    if (!dict) throw argument_error("derive_evidence: the fact dictionary is null");
    if (!log.kinds()) throw argument_error("derive_evidence: the event log has no kinds table");
    return detail::fact_deriver(log, windows, std::move(dict), org, period, opt, given).run();
}

/// The regime whose windows, publicity list and time limits judge events
/// under pack `pack_id`: the pack's own regime, or for an overlay (a regime
/// with a `base`) the base it overlays.
/// @throws argument_error naming the regimes of the table if the pack is none of them.
inline std::string judging_regime(const event_kinds& kinds, const std::string& pack_id) {
    std::string regime = pack_id;
    std::size_t r = kinds.find_regime(regime);
    for (std::size_t steps = 0;
         r != event_kinds::npos && !kinds.regimes()[r].base.empty() && steps <= kinds.regimes().size();
         ++steps)
        r = kinds.find_regime(regime = kinds.regimes()[r].base);
    if (r != event_kinds::npos) return regime;
    std::string known;
    for (const auto& g : kinds.regimes()) known += (known.empty() ? "" : ", ") + g.id;
    throw argument_error("pack \"" + pack_id + "\" is not a regime of " + kinds.source() +
                         ", so events cannot be judged under it (expected one of " + known + ")");
}

/// The facts of one period derived from events files under pack `pack_id`
/// (`judging_regime`), with the data folder's kinds and windows: what
/// `danchu evaluate --events` and `Evidence.from_events` do. With `trace`,
/// each value's provenance says where danchu read its event and who entered
/// it (for `danchu explain`).
/// @throws evidence_error listing every problem of every file
/// (`load_events_checked`); argument_error as `judging_regime`.
inline evidence derive_evidence_from_files(const std::vector<std::string>& paths, const std::string& data_dir,
                                           std::shared_ptr<const fact_dictionary> dict,
                                           const organisation& org, const assessment_period& period,
                                           const std::string& pack_id, const evidence* given = nullptr,
                                           bool trace = false) {
    const auto kinds = load_event_kinds(data_dir);
    const event_log log = load_events_checked(paths, kinds, org);
    const derive_options opt{judging_regime(*kinds, pack_id), {}, trace};
    return derive_evidence(log, load_event_windows(data_dir), std::move(dict), org, period, opt, given).facts;
}

} // namespace danchu
