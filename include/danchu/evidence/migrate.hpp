#pragma once
/// @file
/// From per-period facts to dated events (issue 11): `migrate_evidence`
/// turns one period's evidence into the events and declared nones it records,
/// the facts that stay facts (a standing state such as the citizens'
/// reception place), and one note per fact it cannot convert, saying why
/// (docs/events-migration.md gives the table and the messages).
///
/// What converts: a date becomes an event on that date (the conference's
/// other facts become its fields); a list of dates becomes one event per
/// date; "no" or zero for something that happens becomes a declared none over
/// the period. What does not: a "yes" or a count without dates (a
/// consultation held, three supervisions), and counts that do not say which
/// items (publicity). With `synthetic` set (the sample province only) those
/// get invented dates inside the period, each event marked SYNTHETIC in its
/// note, so that the sample exercises every derived fact.

#include <danchu/core/date.hpp>
#include <danchu/core/error.hpp>
#include <danchu/core/period.hpp>
#include <danchu/evidence/derive.hpp>
#include <danchu/evidence/event.hpp>
#include <danchu/evidence/evidence.hpp>
#include <danchu/evidence/windows.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace danchu {

/// A fact `migrate_evidence` could not convert, or converted with an inference to check.
struct migration_note {
    std::string file;
    std::string unit;
    std::string fact;
    std::string message;
    bool converted = false; ///< true: converted, but check the inference the message names
};

/// What migration produced, accumulated over one or more evidence files.
struct migration {
    nlohmann::json events = nlohmann::json::array();
    nlohmann::json nones = nlohmann::json::array();
    nlohmann::json standing = nlohmann::json::object(); ///< period label -> {unit -> {fact -> value}}
    std::vector<migration_note> notes;

    /// Notes of facts that were not converted.
    std::size_t unconverted() const {
        return static_cast<std::size_t>(
            std::count_if(notes.begin(), notes.end(), [](const migration_note& n) { return !n.converted; }));
    }
    /// The events file (`data/schemas/events.schema.json`): the same event or
    /// declaration given by two files is written once.
    nlohmann::json events_document() const { return {{"events", unique(events)}, {"none", unique(nones)}}; }
    /// The facts that stay facts, for one period (an evidence document).
    nlohmann::json standing_document(const std::string& period) const {
        nlohmann::json doc{{"period", period}, {"units", nlohmann::json::object()}};
        if (standing.contains(period)) doc["units"] = standing.at(period);
        return doc;
    }

private:
    static nlohmann::json unique(const nlohmann::json& a) {
        nlohmann::json out = nlohmann::json::array();
        std::set<std::string> seen;
        for (const auto& x : a) {
            nlohmann::json key = x;
            key.erase("source");
            key.erase("note");
            if (seen.insert(key.dump()).second) out.push_back(x);
        }
        return out;
    }
};

namespace detail {

class evidence_migrator {
public:
    evidence_migrator(const evidence& ev, std::string file, const assessment_period& period,
                      const event_kinds& kinds, const event_windows& windows, bool synthetic, migration& out)
        : ev_(ev), dict_(*ev.dictionary()), file_(std::move(file)), period_(period),
          from_(period.first().days()), to_(period.last().days()), kinds_(kinds), windows_(windows),
          synthetic_(synthetic), out_(out) {}

    void run() {
        for (u_ = 0; u_ < ev_.unit_count(); ++u_) {
            done_.clear();
            first_event_ = out_.events.size();
            conference();
            extraordinary();
            board();
            lists();
            dated();
            yes_no();
            publicity();
            rest();
        }
    }

private:
    // --- reading the evidence -------------------------------------------------
    nlohmann::json get(std::string_view key) {
        const std::size_t f = dict_.find(key);
        if (f == fact_dictionary::npos) return nullptr;
        done_.insert(f);
        return ev_.value_json(u_, f);
    }
    bool yes(std::string_view key) {
        const nlohmann::json v = get(key);
        return v.is_boolean() && v.get<bool>();
    }
    bool no(const nlohmann::json& v) const {
        return (v.is_boolean() && !v.get<bool>()) || (v.is_number() && v.get<double>() == 0.0);
    }
    const std::string& unit() const { return ev_.unit_ids()[u_]; }
    nlohmann::json source_of(std::string_view key) const {
        nlohmann::json s{{"file", file_}};
        const std::size_t f = dict_.find(key);
        if (f != fact_dictionary::npos)
            if (const provenance* p = ev_.source(u_, f)) {
                if (!p->document.empty()) s["document"] = p->document;
                if (!p->issuer.empty()) s["issuer"] = p->issuer;
            }
        return s;
    }

    // --- writing ----------------------------------------------------------------
    nlohmann::json& event(const char* kind, const nlohmann::json& date, std::string_view from_fact) {
        out_.events.push_back(
            {{"unit", unit()}, {"kind", kind}, {"date", date}, {"source", source_of(from_fact)}});
        return out_.events.back();
    }
    nlohmann::json& invented(const char* kind, std::string_view fact, int salt = 0) {
        nlohmann::json& e = event(kind, to_iso(invent_day(fact, salt)), fact);
        e["note"] = "SYNTHETIC: date invented by the sample generator from the fact " + std::string(fact);
        return e;
    }
    day_number invent_day(std::string_view fact, int salt) const {
        std::uint64_t h = 1469598103934665603ULL;
        for (char c : unit() + std::string(fact)) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
        h += static_cast<std::uint64_t>(salt) * 7919U;
        const auto span = static_cast<std::uint64_t>(to_ - from_ + 1);
        return from_ + static_cast<day_number>(h % span);
    }
    void none(const char* kind, std::string_view fact, day_number from, day_number to) {
        out_.nones.push_back({{"unit", unit()},
                              {"kind", kind},
                              {"from", to_iso(from)},
                              {"to", to_iso(to)},
                              {"source", source_of(fact)}});
    }
    void note(std::string_view fact, std::string message, bool converted = false) {
        out_.notes.push_back({file_, unit(), std::string(fact), std::move(message), converted});
    }
    /// Copies a fact's value onto an event field when given.
    void field(nlohmann::json& e, const char* name, std::string_view fact) {
        nlohmann::json v = get(fact);
        if (!v.is_null()) e[name] = std::move(v);
    }
    /// Event field <- fact, for the facts that become fields of one event.
    struct field_of {
        const char* field;
        const char* fact;
    };
    static constexpr field_of conference_fields[] = {
        {"form", "conference.type"},
        {"form_agreed_with_union", "conference.type_agreed_with_union"},
        {"presided_by_head", "conference.head_presided"},
        {"union_co_organised", "conference.union_co_organised"},
        {"summoned", "conference.summoned"},
        {"present", "conference.attendance"},
        {"votes_for", "conference.resolution_votes_for"},
        {"inspection_board_reported", "conference.bttnd_reported"},
        {"inspection_board_programme_presented", "conference.bttnd_programme_presented"}};
    static constexpr field_of board_fields[] = {
        {"member_count", "bttnd.members"},
        {"deputy_count", "bttnd.deputies"},
        {"members_head_or_deputy", "bttnd.members_head_or_deputy"},
        {"members_chief_accountant", "bttnd.members_chief_accountant"},
        {"special_case_decision", "bttnd.special_case_decision"},
        {"recognised_on", "bttnd.recognised_on"}};
    template <std::size_t N> void fields(nlohmann::json& e, const field_of (&table)[N]) {
        for (const auto& m : table) field(e, m.field, m.fact);
    }
    /// "Yes" with no date: an invented date (synthetic) or a note; "no": a declared none.
    void happened_or_none(std::string_view fact, const char* kind, const char* why) {
        const nlohmann::json v = get(fact);
        if (v.is_null()) return;
        if (no(v)) {
            none(kind, fact, from_, to_);
        } else if (synthetic_) {
            invented(kind, fact);
        } else {
            note(fact, why);
        }
    }

    // --- the facts ----------------------------------------------------------------
    void conference() {
        const nlohmann::json held = get("conference.held_on");
        static const char* const others[] = {"conference.type",
                                             "conference.type_agreed_with_union",
                                             "conference.head_presided",
                                             "conference.union_co_organised",
                                             "conference.summoned",
                                             "conference.attendance",
                                             "conference.resolution_votes_for",
                                             "conference.bttnd_reported",
                                             "conference.bttnd_programme_presented",
                                             "conference.d04_contents_covered",
                                             "conference.l10_contents_covered",
                                             "conference.prep_meeting_held"};
        if (held.is_null()) {
            for (const char* k : others)
                if (!get(k).is_null())
                    note(k,
                         synthetic_ ? "SYNTHETIC: left out with the conference's date (not reported)"
                                    : "conference facts without conference.held_on: the event needs its date",
                         synthetic_);
            return;
        }
        nlohmann::json& e = event("conference_held", held, "conference.held_on");
        e["session"] = "regular";
        const day_number d = parse_iso_date(held.get<std::string>());
        auto y = covers_year(d);
        if (!y && synthetic_) y = civil_from_days(d).year - 1; // a late conference for the year before
        if (y) {
            e["covers_year"] = *y;
            note("conference.held_on",
                 "covers_year " + std::to_string(*y) + " inferred from the date; check it", true);
        } else {
            note("conference.held_on",
                 "the date falls in no regime's annual-conference window: covers_year is "
                 "left out (add the year the conference reviewed)");
        }
        fields(e, conference_fields);
        nlohmann::json contents = nlohmann::json::array();
        for (const char* prefix : {"d04", "l10"}) {
            const std::string key = std::string("conference.") + prefix + "_contents_covered";
            const nlohmann::json n = get(key);
            if (n.is_null()) continue;
            if (!synthetic_) {
                note(key, "a count does not say which contents; list them in the conference's contents (ids "
                          "such as l10-art51-3-a)");
                continue;
            }
            for (std::int64_t i = 1; i <= n.get<std::int64_t>(); ++i)
                contents.push_back(std::string(prefix) + "-synthetic-content-" + std::to_string(i));
        }
        if (!contents.empty()) e["contents"] = contents;
        const nlohmann::json prep = get("conference.prep_meeting_held");
        if (!prep.is_null() && prep.get<bool>()) {
            if (synthetic_)
                e["prepared_on"] = to_iso(d - 7);
            else
                note("conference.prep_meeting_held",
                     "the preparatory meeting needs its date (Circular 01/2016 Art. 6)");
        }
    }

    /// The year a regular conference on day `d` covers, when `d` falls in
    /// exactly one year's window of the regimes in force on `d`.
    std::optional<int> covers_year(day_number d) const {
        std::set<int> years;
        const int y0 = civil_from_days(d).year;
        for (std::size_t r : kinds_.regimes_on(d)) {
            const annual_window_rule* rule = windows_.annual_rule(kinds_.regimes()[r].id);
            if (!rule) continue;
            for (int y = y0 - 2; y <= y0; ++y)
                if (annual_conference_window(windows_.years, *rule, year_basis::working_year, y).contains(d))
                    years.insert(y);
        }
        if (years.size() == 1) return *years.begin();
        return std::nullopt;
    }

    void extraordinary() {
        const nlohmann::json received = get("extra.request_received");
        const nlohmann::json on = get("extra.requested_on");
        const nlohmann::json convened = get("extra.convened");
        const nlohmann::json convened_on = get("extra.convened_on");
        if (received.is_null()) return;
        if (!received.get<bool>()) {
            none("extraordinary_conference_requested", "extra.request_received", from_, to_);
            return;
        }
        nlohmann::json* r = nullptr;
        if (!on.is_null())
            r = &event("extraordinary_conference_requested", on, "extra.requested_on");
        else if (synthetic_)
            r = &invented("extraordinary_conference_requested", "extra.request_received");
        if (!r) {
            note("extra.request_received",
                 "the request needs the date it was received (the 15 days of Circular "
                 "01/2016 Art. 9(1) run from it)");
            return;
        }
        const std::string id = "YC-" + (*r)["date"].get<std::string>();
        (*r)["id"] = id;
        field(*r, "requested_by", "extra.requester");
        field(*r, "signatures", "extra.request_signatures");
        if (convened.is_boolean() && convened.get<bool>()) {
            if (convened_on.is_null()) {
                note("extra.convened", "the extraordinary conference needs the day it was convened");
                return;
            }
            nlohmann::json& c = event("conference_held", convened_on, "extra.convened_on");
            c["session"] = "extraordinary";
            c["request"] = id;
            c["convened_on"] = convened_on;
            note("extra.convened_on", "the day the conference met is taken to be the day it was convened",
                 true);
        }
    }

    void board() {
        const nlohmann::json exists = get("bttnd.exists");
        const nlohmann::json elected = get("bttnd.elected_on");
        if (!elected.is_null()) {
            nlohmann::json& e = event("inspection_board_elected", elected, "bttnd.elected_on");
            fields(e, board_fields);
        } else if (!exists.is_null() && exists.get<bool>() && synthetic_) {
            nlohmann::json& e = invented("inspection_board_elected", "bttnd.exists");
            fields(e, board_fields);
        } else if (!exists.is_null()) {
            if (!exists.get<bool>()) {
                none("inspection_board_elected", "bttnd.exists",
                     synthetic_ ? from_ : add_months(to_ + 1, -24), to_);
                note("bttnd.exists",
                     "no board: a declared none of inspection_board_elected over the two years "
                     "ending with the period",
                     true);
            } else {
                note("bttnd.exists", "the board's election needs its date");
            }
            for (const auto& m : board_fields)
                if (!get(m.fact).is_null())
                    note(m.fact,
                         synthetic_ ? "SYNTHETIC: left out (the sample's unit has no board)"
                                    : "board facts without bttnd.elected_on: the election needs its date",
                         synthetic_);
        }
        happened_or_none("bttnd.programme_adopted", "inspection_board_programme_adopted",
                         "the programme needs its date and period");
        counted("bttnd.supervisions_held", "inspection_board_supervision", "each supervision needs its date");
        recommendations();
        dates_each("bttnd.reports_to_union", "inspection_board_reported",
                   [](nlohmann::json& e) { e["to"] = "union"; });
        for (const char* k : {"bttnd.min_plan_notice_days", "bttnd.min_plan_notice_working_days"})
            if (!get(k).is_null() && !synthetic_)
                note(k, "the notice is measured from each supervision's plan_sent_on");
    }

    /// A count of things that happen: 0 is a declared none; more needs dates.
    void counted(std::string_view fact, const char* kind, const char* why) {
        const nlohmann::json n = get(fact);
        if (n.is_null()) return;
        if (no(n)) {
            none(kind, fact, from_, to_);
            return;
        }
        if (!synthetic_) {
            note(fact, why);
            return;
        }
        const nlohmann::json notice = get("bttnd.min_plan_notice_days");
        for (std::int64_t i = 0; i < n.get<std::int64_t>(); ++i) {
            nlohmann::json& e = invented(kind, fact, static_cast<int>(i));
            e["subject"] = "synthetic-" + std::to_string(i + 1);
            if (!notice.is_null())
                e["plan_sent_on"] = to_iso(parse_iso_date(e["date"].get<std::string>()) - notice.get<int>());
        }
    }

    void recommendations() {
        const nlohmann::json received = get("bttnd.recommendations_received");
        const nlohmann::json resolved = get("bttnd.recommendations_resolved");
        const nlohmann::json in_time = get("bttnd.recommendations_answered_15d");
        if (received.is_null()) return;
        if (no(received)) {
            none("inspection_board_recommendation", "bttnd.recommendations_received", from_, to_);
            return;
        }
        if (!synthetic_) {
            note("bttnd.recommendations_received", "each recommendation needs the date it was received");
            return;
        }
        const std::int64_t n = received.get<std::int64_t>();
        for (std::int64_t i = 0; i < n; ++i) {
            nlohmann::json& r = invented("inspection_board_recommendation", "bttnd.recommendations_received",
                                         static_cast<int>(i));
            const std::string id = "KN-" + period_.label() + "-" + std::to_string(i + 1);
            r["id"] = id;
            r["subject"] = "synthetic-" + std::to_string(i + 1);
            const day_number d = parse_iso_date(r["date"].get<std::string>());
            nlohmann::json a = r;
            a.erase("id");
            a.erase("subject");
            a["kind"] = "recommendation_answered";
            a["recommendation"] = id;
            a["date"] = to_iso(d + (in_time.is_null() || i < in_time.get<std::int64_t>() ? 10 : 20));
            a["resolved"] = resolved.is_null() || i < resolved.get<std::int64_t>();
            out_.events.push_back(std::move(a));
        }
    }

    template <class Fill> void dates_each(std::string_view fact, const char* kind, Fill&& fill) {
        const nlohmann::json dates = get(fact);
        if (dates.is_null()) return;
        if (dates.empty()) none(kind, fact, from_, to_);
        for (const auto& d : dates) fill(event(kind, d, fact));
    }

    void lists() {
        auto plain = [](nlohmann::json&) {};
        dates_each("briefings.held_on", "briefing_held", plain);
        dates_each("citizens.head_reception_days", "head_received_citizens", plain);
        dates_each("bg.staff_dialogues", "staff_dialogue", plain);
        const bool notified = yes("resolution.check_results_notified");
        const nlohmann::json checks = get("resolution.checks_on");
        dates_each("resolution.checks_on", "resolution_checked", [&](nlohmann::json& e) {
            const day_number d = parse_iso_date(e["date"].get<std::string>());
            const civil_date c = civil_from_days(d);
            e["period"] = std::to_string(c.year) + (c.month <= 6 ? "-H1" : "-H2");
            if (notified && synthetic_) e["staff_notified_on"] = to_iso(d + 3);
        });
        if (notified && !synthetic_ && !checks.is_null())
            note("resolution.check_results_notified",
                 "the notice needs its date (staff_notified_on on each check)");
        const nlohmann::json sessions = get("bg.dissemination_sessions");
        const nlohmann::json reached = get("bg.staff_reached");
        bool first = true;
        dates_each("bg.dissemination_sessions", "dissemination_session", [&](nlohmann::json& e) {
            // One session carries the count; the sample puts it all on the first.
            if (!reached.is_null() && first && (sessions.size() == 1 || synthetic_))
                e["participants"] = reached;
            first = false;
        });
        const bool carried = synthetic_ && sessions.is_array() && !sessions.empty();
        if (!reached.is_null() && !carried && (sessions.is_null() || sessions.size() != 1))
            note("bg.staff_reached",
                 synthetic_ ? "SYNTHETIC: left out (no session to carry it)"
                            : "say how many took part in each session (participants)",
                 synthetic_);
        dates_each("bg.reports_to_chairman", "report_sent", [&](nlohmann::json& e) {
            e["to"] = "role:chairman";
            e["period"] = period_.label();
        });
        if (!get("bg.reports_to_chairman").is_null())
            note("bg.reports_to_chairman", "the report's period is taken to be the evidence's period", true);
    }

    void dated() {
        const nlohmann::json eval = get("staff_evaluation.completed_on");
        if (!eval.is_null())
            field(event("staff_evaluation_completed", eval, "staff_evaluation.completed_on"),
                  "staff_comments_used", "feedback.used_in_evaluation");
        else if (!get("feedback.used_in_evaluation").is_null())
            note("feedback.used_in_evaluation",
                 synthetic_ ? "SYNTHETIC: left out with the evaluation's date"
                            : "the staff evaluation needs its date",
                 synthetic_);
        const nlohmann::json issued = get("regulation.issued_on");
        if (!issued.is_null()) {
            nlohmann::json& e = event("democracy_regulation", issued, "regulation.issued_on");
            e["action"] = "issued";
            field(e, "union_opinion_on", "regulation.union_opinion_on");
        }
        const nlohmann::json reviewed = get("regulation.reviewed_on");
        if (!reviewed.is_null())
            event("democracy_regulation", reviewed, "regulation.reviewed_on")["action"] = "reviewed";
        const nlohmann::json inspection = get("bg.inspection_held_on");
        if (!inspection.is_null())
            event("review_held", inspection, "bg.inspection_held_on")["form"] = "inspection";
        const nlohmann::json review = get("bg.annual_review_on");
        if (!review.is_null()) event("review_held", review, "bg.annual_review_on");
    }

    void yes_no() {
        happened_or_none("consultation.held", "staff_consulted",
                         "each consultation needs its date and matter");
        happened_or_none("report.democracy_report_sent", "report_sent",
                         "the report needs its date, recipient and period");
        happened_or_none("bg.training_held", "training", "the training needs its date");
        happened_or_none("bg.steering_committee_consolidated", "steering_committee_set_up",
                         "the steering committee's consolidation needs its date");
        happened_or_none("bg.front_coordination", "front_coordination", "the coordination needs its date");
        for (std::size_t i = first_event_; i < out_.events.size(); ++i) {
            nlohmann::json& e = out_.events[i];
            if (e["kind"] == "staff_consulted") {
                e["matter"] = "synthetic";
                if (yes("consultation.plan_made")) e["plan_made"] = true;
            } else if (e["kind"] == "report_sent" && !e.contains("to")) {
                e["to"] = "role:home_affairs";
                e["period"] = period_.label();
            } else if (e["kind"] == "steering_committee_set_up" && !e.contains("action")) {
                e["action"] = "consolidated";
            }
        }
        const nlohmann::json linked = get("bg.plan_linked_party_building");
        const nlohmann::json signed_ = get("bg.head_signed_plan");
        if (!linked.is_null() || !signed_.is_null()) {
            if (synthetic_) {
                nlohmann::json& p = invented("democracy_plan_issued", "bg.head_signed_plan");
                if (!linked.is_null()) p["linked_to_party_building"] = linked;
                if (!signed_.is_null()) p["signed_by_head"] = signed_;
            } else {
                note(linked.is_null() ? "bg.head_signed_plan" : "bg.plan_linked_party_building",
                     "the plan needs its date");
            }
        }
        for (const char* k : {"consultation.plan_made", "consultation.results_published",
                              "regulation.staff_consulted", "bg.head_chairs_steering"})
            if (!get(k).is_null() && !synthetic_)
                note(k, std::string(k) == "bg.head_chairs_steering"
                            ? "the letter does not say the head chairs the steering committee; not converted"
                            : "needs the consultation's event (staff_consulted) with its date");
    }

    void publicity() {
        for (const char* regime : {"vn.decree-04-2015", "vn.law-10-2022"}) {
            const std::string key =
                std::string("publicity.") + (regime[3] == 'd' ? "d04" : "l10") + "_items_published";
            const nlohmann::json n = get(key);
            if (n.is_null()) continue;
            if (!synthetic_) {
                note(key,
                     "a count does not say which items were publicised; record one item_publicised event per "
                     "item (data/events/publicity-items.json)");
                continue;
            }
            const nlohmann::json delay = get("publicity.max_delay_working_days");
            const nlohmann::json posting = get("publicity.min_posting_days");
            const bool notice = yes("publicity.written_notice_all_staff");
            const bool site = yes("publicity.has_internal_site"); // Law 10 Art. 48(1): posted there
            std::int64_t left = n.get<std::int64_t>();
            int i = 0;
            for (const auto& it : kinds_.items()) {
                if (it.regime != regime || left <= 0) continue;
                --left;
                nlohmann::json& e = invented("item_publicised", key, i++);
                e["item"] = it.id;
                e["subject"] = "synthetic";
                e["form"] = site ? "internal_system" : notice ? "written_notice_all_staff" : "posting";
                const day_number d = parse_iso_date(e["date"].get<std::string>());
                if (!delay.is_null()) {
                    day_number dec = d;
                    for (int w = 0; w < delay.get<int>();) w += weekday_of(--dec) < weekday::sat ? 1 : 0;
                    e["decided_on"] = to_iso(dec);
                }
                if (!posting.is_null()) {
                    e["posted_from"] = to_iso(d);
                    e["posted_to"] = to_iso(d + posting.get<int>() - 1);
                }
            }
        }
        for (const char* k : {"publicity.forms_ok", "publicity.max_delay_working_days",
                              "publicity.min_posting_days", "publicity.written_notice_all_staff"})
            if (!get(k).is_null() && !synthetic_)
                note(k, "measured on each item_publicised event; not converted");
    }

    /// Every other fact supplied stays a fact of the period, unless events
    /// give it (it would then be given twice).
    void rest() {
        const auto& derived = derived_fact_keys();
        for (std::size_t f = 0; f < dict_.size(); ++f) {
            if (dict_[f].from_organisation || done_.count(f) || !ev_.has(u_, f)) continue;
            if (std::find(derived.begin(), derived.end(), dict_[f].key) == derived.end())
                out_.standing[period_.label()][unit()][dict_[f].key] = ev_.value_json(u_, f);
            else
                note(dict_[f].key,
                     synthetic_ ? "SYNTHETIC: left out (it is derived from events)"
                                : "it is derived from events, but the event it belongs to is not given",
                     synthetic_);
        }
    }

    const evidence& ev_;
    const fact_dictionary& dict_;
    std::string file_;
    const assessment_period& period_;
    day_number from_, to_;
    const event_kinds& kinds_;
    const event_windows& windows_;
    bool synthetic_;
    migration& out_;
    std::size_t u_ = 0;
    std::size_t first_event_ = 0; ///< the current unit's first event in out_.events
    std::set<std::size_t> done_;
};

} // namespace detail

/// Adds one period's evidence (read from `file`) to `out`: its events,
/// declared nones, standing facts and notes.
/// @param synthetic invent dates inside the period for what needs them (the
/// sample province only; every such event says so in its note).
/// @throws argument_error if the evidence has no fact dictionary.
inline void migrate_evidence(const evidence& ev, const std::string& file, const assessment_period& period,
                             const event_kinds& kinds, const event_windows& windows, migration& out,
                             bool synthetic = false) {
    if (!ev.dictionary()) throw argument_error("migrate_evidence: the evidence has no fact dictionary");
    detail::evidence_migrator(ev, file, period, kinds, windows, synthetic, out).run();
}

} // namespace danchu
