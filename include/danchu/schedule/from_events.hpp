#pragma once
/// @file
/// The schedule's records read from dated events (issue 11): the events the
/// rules read also decide the schedule's statuses, so no date is entered
/// twice. Each obligation names the events that fulfil it
/// (`fulfilled_by_event`: kind, field values, the field naming the
/// occurrence, the date field) and, for one triggered by events, the kind of
/// its triggers (`recurrence.event_kind`, each event's id the occurrence's
/// key). Records files (`schedule/io.hpp`) stay readable beside them.

#include <danchu/core/date.hpp>
#include <danchu/core/error.hpp>
#include <danchu/core/problem.hpp>
#include <danchu/evidence/event_log.hpp>
#include <danchu/schedule/io.hpp>
#include <danchu/schedule/obligation.hpp>
#include <danchu/schedule/schedule.hpp>

#include <nlohmann/json.hpp>

#include <exception>
#include <string>
#include <vector>

namespace danchu {

namespace detail {

/// An event's field as the text an occurrence key or a `where` compares:
/// words for enumerations, ISO dates, whole numbers without decimals.
inline std::string event_field_text(const event_log& log, std::size_t e, std::size_t f) {
    const event_value& v = log.value(e, f);
    if (!v.present) return {};
    const event_field& field = (*log.kinds())[log.kind(e)].fields[f];
    switch (field.type) {
    case event_field_type::enumeration: {
        const auto i = static_cast<std::size_t>(v.number);
        return i < field.values.size() ? field.values[i] : v.text;
    }
    case event_field_type::date: return to_iso(static_cast<day_number>(v.number));
    case event_field_type::integer: return std::to_string(static_cast<long long>(v.number));
    case event_field_type::boolean: return v.number != 0.0 ? "true" : "false";
    default: return v.text;
    }
}

} // namespace detail

/// Where each record of `schedule_records_from_events` comes from (the event's
/// file and pointer), index by index.
struct event_record_origins {
    std::vector<event_origin> submissions, triggers;
};

/// The submissions and triggering events the dated events give for the
/// obligations of `obs`, for the units of `org` that owe (or perform) each
/// obligation: an event of a unit that does not owe it (a board a small unit
/// elected anyway) stays evidence for the rules and is no record. An event that matches an obligation's kind and
/// `where` but lacks the field naming its occurrence (a regular conference
/// without `covers_year`) fulfils nothing: it is listed in `problems`, never
/// dropped silently; so is a triggering event without an id.
/// @throws argument_error when an obligation names an event kind or field the
///   log's kinds table does not have (the obligations file and the kinds
///   table disagree).
inline schedule_records schedule_records_from_events(const event_log& log, const obligation_set& obs,
                                                     const organisation& org,
                                                     std::vector<input_problem>* problems = nullptr,
                                                     event_record_origins* origins = nullptr) {
    if (!log.kinds()) throw argument_error("schedule_records_from_events: the event log has no kinds table");
    if (log.unit_ids().size() != org.size())
        throw argument_error(
            "schedule_records_from_events: the event log was built for another organisation");
    auto owes = [&](const obligation& o, std::size_t e) {
        const unit& u = org[log.unit(e)];
        return o.applies(u) || performs(o.performed_by, u);
    };
    const event_kinds& kinds = *log.kinds();
    auto kind_of = [&](const obligation& o, const std::string& id) {
        const std::size_t k = kinds.find(id);
        if (k == event_kinds::npos)
            throw argument_error("obligation \"" + o.id + "\" names event kind \"" + id + "\", which " +
                                 kinds.source() + " does not have");
        return k;
    };
    auto field_of = [&](const obligation& o, std::size_t k, const std::string& name) {
        const std::size_t f = kinds[k].find_field(name);
        if (f == event_kind::npos)
            throw argument_error("obligation \"" + o.id + "\" names field \"" + name + "\" of event kind \"" +
                                 kinds[k].id + "\", which has no such field");
        return f;
    };
    auto listed = [&](std::size_t e, const std::string& message) {
        if (!problems) return;
        const event_origin o = log.origin(e);
        problems->push_back({"unmatched_event", o.file, o.pointer, log.unit_ids()[log.unit(e)], message});
    };
    schedule_records out;
    for (const obligation& o : obs.items()) {
        if (!o.trigger_kind.empty()) {
            const std::size_t k = kind_of(o, o.trigger_kind);
            for (std::size_t e = 0; e < log.size(); ++e) {
                if (log.kind(e) != k || !owes(o, e)) continue;
                if (log.id(e).empty()) {
                    listed(e, "this " + kinds[k].id + " event has no id, so the " + o.id +
                                  " it triggers cannot be told apart: give it an id");
                    continue;
                }
                out.events.push_back(
                    {log.unit_ids()[log.unit(e)], o.event, log.id(e), civil_day::from_days(log.date(e))});
                if (origins) origins->triggers.push_back(log.origin(e));
            }
        }
        if (!o.fulfilled_by_event) continue;
        const event_match& m = *o.fulfilled_by_event;
        const std::size_t k = kind_of(o, m.kind);
        std::vector<std::pair<std::size_t, std::string>> where;
        for (const auto& [name, value] : m.where) where.emplace_back(field_of(o, k, name), value);
        const std::size_t f_occurrence =
            m.occurrence.empty() ? event_kind::npos : field_of(o, k, m.occurrence);
        const std::size_t f_done = m.done_on.empty() ? event_kind::npos : field_of(o, k, m.done_on);
        const std::size_t f_document = kinds[k].find_field("document");
        for (std::size_t e = 0; e < log.size(); ++e) {
            if (log.kind(e) != k || !owes(o, e)) continue;
            bool match = true;
            for (const auto& [f, value] : where)
                match = match && detail::event_field_text(log, e, f) == value;
            if (!match) continue;
            submission s;
            s.unit = log.unit_ids()[log.unit(e)];
            s.obligation = o.id;
            if (f_occurrence != event_kind::npos) {
                s.occurrence = detail::event_field_text(log, e, f_occurrence);
                if (s.occurrence.empty() && m.occurrence_default == "year_of_date")
                    s.occurrence = std::to_string(civil_day::from_days(log.date(e)).year());
                if (s.occurrence.empty()) {
                    listed(e, "this " + kinds[k].id + " event has no " + m.occurrence +
                                  ", so it fulfils no occurrence of " + o.id + ": give its " + m.occurrence);
                    continue;
                }
            }
            const event_value& done = f_done == event_kind::npos ? event_value{} : log.value(e, f_done);
            s.done_on =
                civil_day::from_days(done.present ? static_cast<day_number>(done.number) : log.date(e));
            if (f_document != event_kind::npos) s.document = detail::event_field_text(log, e, f_document);
            if (s.document.empty()) s.document = log.source(e).document;
            out.submissions.push_back(std::move(s));
            if (origins) origins->submissions.push_back(log.origin(e));
        }
    }
    return out;
}

/// The inverse, for `danchu migrate` and older records files: the dated
/// events a schedule's records stand for, as an events document (`{"events":
/// [...]}`), by the same declarations (`fulfilled_by_event`, the trigger
/// kind). A submission of an obligation that names no events, or for a unit
/// the record does not name, is listed in `problems` and not converted.
/// @throws argument_error as `schedule_records_from_events`.
inline nlohmann::json schedule_records_to_events(const schedule_records& rec, const obligation_set& obs,
                                                 const event_kinds& kinds,
                                                 std::vector<input_problem>* problems = nullptr) {
    nlohmann::json events = nlohmann::json::array();
    auto typed = [&](std::size_t k, const std::string& name, const std::string& text) -> nlohmann::json {
        const std::size_t f = kinds[k].find_field(name);
        if (f == event_kind::npos)
            throw argument_error("field \"" + name + "\" of event kind \"" + kinds[k].id +
                                 "\" does not exist");
        if (kinds[k].fields[f].type == event_field_type::integer) {
            try {
                return std::stoll(text);
            } catch (const std::exception&) {
                return text; // the loader says what was expected
            }
        }
        return text;
    };
    auto kind_index = [&](const obligation& o, const std::string& id) {
        const std::size_t k = kinds.find(id);
        if (k == event_kinds::npos)
            throw argument_error("obligation \"" + o.id + "\" names event kind \"" + id + "\", which " +
                                 kinds.source() + " does not have");
        return k;
    };
    for (std::size_t i = 0; i < rec.submissions.size(); ++i) {
        const submission& s = rec.submissions[i];
        const std::size_t oi = obs.find(s.obligation);
        if (oi == obligation_set::npos || !obs.items()[oi].fulfilled_by_event) {
            if (problems)
                problems->push_back(
                    {"not_converted", "", "/submissions/" + std::to_string(i), s.unit,
                     "obligation \"" + s.obligation + "\" names no events that fulfil it: not converted"});
            continue;
        }
        const obligation& o = obs.items()[oi];
        const event_match& m = *o.fulfilled_by_event;
        const std::size_t k = kind_index(o, m.kind);
        nlohmann::json e = {{"unit", s.unit}, {"kind", m.kind}, {"date", to_iso(s.done_on.days())}};
        for (const auto& [name, value] : m.where) e[name] = typed(k, name, value);
        if (!m.occurrence.empty() && !s.occurrence.empty())
            e[m.occurrence] = typed(k, m.occurrence, s.occurrence);
        if (!m.done_on.empty()) e[m.done_on] = to_iso(s.done_on.days());
        if (!s.document.empty() && kinds[k].find_field("document") != event_kind::npos)
            e["document"] = s.document;
        events.push_back(std::move(e));
    }
    for (std::size_t i = 0; i < rec.events.size(); ++i) {
        const trigger_event& t = rec.events[i];
        const obligation* by = nullptr;
        for (const auto& o : obs.items())
            if (o.event == t.event && !o.trigger_kind.empty()) by = &o;
        if (!by) {
            if (problems)
                problems->push_back(
                    {"not_converted", "", "/events/" + std::to_string(i), t.unit,
                     "no obligation names the event kind of \"" + t.event + "\": not converted"});
            continue;
        }
        (void)kind_index(*by, by->trigger_kind);
        events.push_back(
            {{"unit", t.unit}, {"kind", by->trigger_kind}, {"id", t.id}, {"date", to_iso(t.date.days())}});
    }
    return {{"events", std::move(events)}};
}

} // namespace danchu
