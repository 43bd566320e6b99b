#pragma once
/// @file
/// The schedule: every occurrence of every obligation for every unit in a date
/// range, with its due date and its status from the recorded submissions and
/// events (done on time; done late, by how many working days; overdue; due
/// soon; upcoming; unknown when nothing anchors a term-based obligation), and
/// the agenda view (what is due in the next N days, by unit).

#include <danchu/core/date.hpp>
#include <danchu/core/period.hpp>
#include <danchu/schedule/obligation.hpp>
#include <danchu/organisation/unit.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace danchu {

/// A recorded fulfilment: unit `unit` did occurrence `occurrence` of
/// obligation `obligation` on `done_on` (for example the 2018 conference, the
/// 2018-H1 report, the extraordinary conference answering request "req-7").
/// For term-based obligations (elections) the occurrence may be left empty.
struct submission {
    std::string unit;
    std::string obligation;
    std::string occurrence;
    civil_day done_on;
    std::string document; ///< document number, optional
};

/// A triggering event (an extraordinary-conference request, a People's
/// Inspection Board recommendation).
struct trigger_event {
    std::string unit;
    std::string event; ///< matches an obligation's recurrence event
    std::string id;    ///< the occurrence key of the obligation it triggers
    civil_day date;
};

enum class occurrence_status : std::uint8_t {
    done_on_time,
    done_late,
    overdue,
    due_soon,
    upcoming,
    unknown, ///< nothing anchors it (no record of the last election)
};

DANCHU_ENUM_NAMES(occurrence_status, "occurrence status", {occurrence_status::done_on_time, "done_on_time"},
                  {occurrence_status::done_late, "done_late"}, {occurrence_status::overdue, "overdue"},
                  {occurrence_status::due_soon, "due_soon"}, {occurrence_status::upcoming, "upcoming"},
                  {occurrence_status::unknown, "unknown"})

/// One dated occurrence of one obligation for one unit.
struct occurrence {
    std::size_t obligation = 0;     ///< index into the obligation_set
    std::size_t unit = 0;           ///< index into the organisation
    std::string key;                ///< "2018", "2018-H1", an event id, or "term after 2016-12-20"
    std::optional<civil_day> opens; ///< earliest valid fulfilment date, if any
    std::optional<civil_day> due;   ///< empty only for status unknown
    std::optional<civil_day> done_on;
    std::string document;
    occurrence_status status = occurrence_status::upcoming;
    int working_days_late = 0; ///< done_late: at completion; overdue: as of the as-of date
};

/// A problem with the input, reported by name; the schedule is still built for
/// everything that is valid.
struct schedule_problem {
    std::string where; ///< e.g. "submission #3"
    std::string message;
};

/// Options for `build_schedule`.
struct schedule_options {
    civil_day from;  ///< first due date included
    civil_day to;    ///< last due date included
    civil_day as_of; ///< the status date
    int due_soon_days = 30;
    /// Working-day test (the civil-servant calendar); empty = Monday to Friday.
    std::function<bool(civil_day)> is_working_day;
};

struct schedule {
    std::vector<occurrence> items;
    std::vector<schedule_problem> problems;
};

namespace detail {

inline occurrence make_occurrence(std::size_t ob, std::size_t u, std::string key) {
    occurrence oc;
    oc.obligation = ob;
    oc.unit = u;
    oc.key = std::move(key);
    return oc;
}

inline bool working(const schedule_options& o, civil_day d) {
    if (o.is_working_day) return o.is_working_day(d);
    const auto w = d.day_of_week();
    return w != weekday::sat && w != weekday::sun;
}

inline civil_day adjust_due(const schedule_options& o, non_working_policy p, civil_day d) {
    // Bounded: no Vietnamese break is longer than a few weeks.
    for (int i = 0; i < 60 && p != non_working_policy::keep && !working(o, d); ++i)
        d += p == non_working_policy::next_working_day ? 1 : -1;
    return d;
}

/// Working days in (a, b]; 0 if b <= a.
inline int working_days_after(const schedule_options& o, civil_day a, civil_day b) {
    int n = 0;
    for (civil_day d = a + 1; d <= b; ++d) n += working(o, d) ? 1 : 0;
    return n;
}

inline civil_day clamp_day(int y, int m, int d) {
    return civil_day::from_days(danchu::days_from_civil(y, m, std::min(d, danchu::days_in_month(y, m))));
}

inline civil_day add_years(civil_day d, int years) {
    const danchu::civil_date c = d.ymd();
    return clamp_day(c.year + years, c.month, c.day);
}

/// [start, end] of half `h` (1 or 2) of year `y` under a period convention.
inline std::pair<civil_day, civil_day> half_window(const std::string& regime, int y, int h) {
    const auto day = [](int yy, int m, int d) {
        return civil_day::from_days(danchu::days_from_civil(yy, m, d));
    };
    if (regime == "decree-09-2019") // Decree 09/2019/NĐ-CP Art. 12: 15/12 – 14/06, 15/06 – 14/12
        return h == 1 ? std::pair{day(y - 1, 12, 15), day(y, 6, 14)}
                      : std::pair{day(y, 6, 15), day(y, 12, 14)};
    const assessment_period p = assessment_period::of(period_kind::half, y, h);
    return {p.first(), p.last()};
}

/// True if `key` names an occurrence of `o`: a year "YYYY", a half-year
/// "YYYY-H1"/"YYYY-H2", or the id of a recorded triggering event.
inline bool key_matches(const obligation& o, const std::string& key, const std::set<std::string>& event_ids) {
    const auto period = assessment_period::try_parse(key);
    switch (o.recurrence) {
    case recurrence_kind::yearly: return period && period->kind() == period_kind::year;
    case recurrence_kind::half_yearly: return period && period->kind() == period_kind::half;
    case recurrence_kind::event: return event_ids.count(key) != 0;
    case recurrence_kind::every_years: return true;
    }
    return true;
}

} // namespace detail

/// Whether `u` performs an obligation's root duties: `performed_by` names it
/// by id, or by role (`role:home_affairs`, the unit's `role` label), as the
/// packs' rules find the Department of Home Affairs.
inline bool performs(const std::string& performed_by, const unit& u) {
    if (performed_by.empty()) return false;
    if (performed_by.rfind("role:", 0) == 0) {
        const auto it = u.labels.find("role");
        return it != u.labels.end() && it->second == performed_by.substr(5);
    }
    return performed_by == u.id;
}

/// Builds the schedule of `obligations` for the units of `org` with due dates
/// in [opts.from, opts.to], and each occurrence's status as of `opts.as_of`.
/// An obligation is owed only while its file is in force (`effective`): an
/// occurrence whose due date (before moving off a non-working day) or
/// triggering event lies outside it is left out, like one outside the range; a
/// term is left out if it ends after the file's end, or before its start unless
/// it is still open (the board stays until the next election, which is owed).
/// Submissions and events naming an unknown unit or obligation, or a unit the
/// obligation does not apply to, are listed in `problems`, never dropped
/// silently. Statuses are as of `opts.as_of`: a submission or event dated after
/// it has not happened yet on that date and does not count (so a past date can
/// be re-run against today's records).
/// @throws argument_error if from > to.
inline schedule build_schedule(const obligation_set& obligations, const organisation& org,
                               const std::vector<submission>& done, const std::vector<trigger_event>& events,
                               const schedule_options& opts) {
    if (opts.from > opts.to)
        throw argument_error("build_schedule: from (" + danchu::to_iso(opts.from) + ") is after to (" +
                             danchu::to_iso(opts.to) + ")");
    schedule out;
    // Resolve a unit id for an obligation: the root's obligations may be
    // recorded under the unit that performs them.
    auto resolve_unit = [&](const obligation& ob, const std::string& id) {
        std::size_t u = org.find(id);
        if (u == organisation::npos) return u;
        if (!ob.applies(org[u]) && performs(ob.performed_by, org[u]))
            for (std::size_t r = 0; r < org.size(); ++r)
                if (org.parent(r) == organisation::npos && ob.applies(org[r])) return r;
        return u;
    };
    // Index the submissions by (obligation, unit): key -> (done_on, document).
    using slot = std::pair<std::size_t, std::size_t>;
    std::map<slot, std::vector<const submission*>> by_slot;
    std::set<std::string> event_ids;
    for (const auto& e : events) event_ids.insert(e.id);
    for (std::size_t i = 0; i < done.size(); ++i) {
        const auto& s = done[i];
        const std::string where =
            "submission #" + std::to_string(i + 1) + " (" + s.unit + ", " + s.obligation + ")";
        const std::size_t ob = obligations.find(s.obligation);
        if (ob == obligation_set::npos) {
            out.problems.push_back({where, "unknown obligation \"" + s.obligation + "\""});
            continue;
        }
        const std::size_t u = resolve_unit(obligations.items()[ob], s.unit);
        if (u == organisation::npos) {
            out.problems.push_back({where, "unknown unit \"" + s.unit + "\""});
            continue;
        }
        if (!obligations.items()[ob].applies(org[u])) {
            out.problems.push_back(
                {where, "obligation \"" + s.obligation + "\" does not apply to unit \"" + s.unit + "\""});
            continue;
        }
        const auto& o = obligations.items()[ob];
        if (!s.occurrence.empty() && !detail::key_matches(o, s.occurrence, event_ids)) {
            const char* expected = o.recurrence == recurrence_kind::yearly ? "a year YYYY"
                                   : o.recurrence == recurrence_kind::half_yearly
                                       ? "a half-year YYYY-H1 or YYYY-H2"
                                       : "the id of a recorded triggering event";
            out.problems.push_back({where, "occurrence \"" + s.occurrence + "\" does not exist: expected " +
                                               expected + "; the submission is not counted"});
            continue;
        }
        by_slot[{ob, u}].push_back(&s);
    }
    std::map<slot, std::vector<const trigger_event*>> events_by_slot;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto& e = events[i];
        const std::string where = "event #" + std::to_string(i + 1) + " (" + e.unit + ", " + e.event + ")";
        bool matched = false;
        for (std::size_t ob = 0; ob < obligations.size(); ++ob) {
            const auto& o = obligations.items()[ob];
            if (o.recurrence != recurrence_kind::event || o.event != e.event) continue;
            matched = true;
            const std::size_t u = resolve_unit(o, e.unit);
            if (u == organisation::npos)
                out.problems.push_back({where, "unknown unit \"" + e.unit + "\""});
            else if (o.applies(org[u]) && e.date <= opts.as_of) // later events are not known yet
                events_by_slot[{ob, u}].push_back(&e);
        }
        if (!matched)
            out.problems.push_back({where, "no obligation is triggered by event \"" + e.event + "\""});
    }

    auto finish = [&](occurrence oc, const std::vector<const submission*>* subs) {
        if (subs != nullptr)
            for (const submission* s : *subs) {
                if (s->occurrence != oc.key) continue;
                if (s->done_on > opts.as_of) continue; // not yet done as of the status date
                if (oc.opens && s->done_on < *oc.opens) {
                    out.problems.push_back(
                        {"submission (" + s->unit + ", " + s->obligation + ", " + s->occurrence + ")",
                         "done on " + danchu::to_iso(s->done_on) + ", before the window opens on " +
                             danchu::to_iso(*oc.opens)});
                    continue;
                }
                if (!oc.done_on || s->done_on < *oc.done_on) {
                    oc.done_on = s->done_on;
                    oc.document = s->document;
                }
            }
        if (!oc.due) {
            oc.status = occurrence_status::unknown;
        } else if (oc.done_on) {
            oc.working_days_late = detail::working_days_after(opts, *oc.due, *oc.done_on);
            oc.status =
                *oc.done_on <= *oc.due ? occurrence_status::done_on_time : occurrence_status::done_late;
        } else if (opts.as_of > *oc.due) {
            oc.status = occurrence_status::overdue;
            oc.working_days_late = detail::working_days_after(opts, *oc.due, opts.as_of);
        } else {
            oc.status = *oc.due - opts.as_of <= opts.due_soon_days ? occurrence_status::due_soon
                                                                   : occurrence_status::upcoming;
        }
        out.items.push_back(std::move(oc));
    };

    const int y0 = opts.from.year() - 6, y1 = opts.to.year() + 1;
    for (std::size_t ob = 0; ob < obligations.size(); ++ob) {
        const obligation& o = obligations.items()[ob];
        for (std::size_t u = 0; u < org.size(); ++u) {
            if (!o.applies(org[u])) continue;
            const auto it = by_slot.find({ob, u});
            const auto* subs = it == by_slot.end() ? nullptr : &it->second;
            auto in_range = [&](civil_day d) { return d >= opts.from && d <= opts.to; };
            switch (o.recurrence) {
            case recurrence_kind::yearly:
            case recurrence_kind::half_yearly:
                for (int y = y0; y <= y1; ++y)
                    for (int h = 1; h <= (o.recurrence == recurrence_kind::yearly ? 1 : 2); ++h) {
                        occurrence oc = detail::make_occurrence(ob, u, std::to_string(y));
                        civil_day due;
                        if (o.recurrence == recurrence_kind::half_yearly) {
                            oc.key += h == 1 ? "-H1" : "-H2";
                            const auto [start, end] = detail::half_window(o.period_regime, y, h);
                            const danchu::civil_date last = end.ymd();
                            due = o.due == due_rule::period_end ? end
                                  : o.due == due_rule::day_of_period_last_month
                                      ? civil_day::from_days(
                                            danchu::days_from_civil(last.year, last.month, o.due_day))
                                      : detail::clamp_day(y + o.due_year_offset, o.due_month, o.due_day);
                            oc.opens = start;
                        } else {
                            due = o.due == due_rule::fixed_date
                                      ? detail::clamp_day(y + o.due_year_offset, o.due_month, o.due_day)
                                  : o.due == due_rule::day_of_period_last_month
                                      ? civil_day::from_days(danchu::days_from_civil(y, 12, o.due_day))
                                      : civil_day::from_days(danchu::days_from_civil(y, 12, 31));
                        }
                        if (o.has_window)
                            oc.opens =
                                detail::clamp_day(y + o.window_year_offset, o.window_month, o.window_day);
                        if (!o.in_force(due)) continue; // falls due outside the regime
                        due = detail::adjust_due(opts, o.non_working, due);
                        if (!in_range(due)) continue;
                        oc.due = due;
                        finish(std::move(oc), subs);
                    }
                break;
            case recurrence_kind::every_years: {
                // Anchor: the latest fulfilment on or before `to`; each later one
                // starts a new term.
                std::vector<civil_day> dates;
                if (subs != nullptr)
                    for (const submission* s : *subs)
                        if (s->done_on <= opts.to) dates.push_back(s->done_on);
                std::sort(dates.begin(), dates.end());
                if (dates.empty()) {
                    // Unanchored: listed only if the obligation is in force
                    // during some of the range.
                    if ((o.valid_from && *o.valid_from > opts.to) || (o.valid_to && *o.valid_to < opts.from))
                        break;
                    occurrence oc = detail::make_occurrence(ob, u, "term");
                    finish(std::move(oc), nullptr);
                    break;
                }
                for (std::size_t k = 0; k < dates.size(); ++k) {
                    const civil_day term_end = detail::add_years(dates[k], o.due_years);
                    const bool last = k + 1 == dates.size();
                    // A term ending after the regime is a later regime's; one
                    // that ended before it is an earlier regime's, unless it is
                    // still open (a board stays until the next election).
                    if (o.valid_to && term_end > *o.valid_to) continue;
                    if (o.valid_from && term_end < *o.valid_from && !last) continue;
                    const civil_day due = detail::adjust_due(opts, o.non_working, term_end);
                    // The open (last) term stays listed while overdue, even if
                    // it fell due before the range.
                    if (!(in_range(due) || (last && due < opts.from))) continue;
                    occurrence oc = detail::make_occurrence(ob, u, "term after " + danchu::to_iso(dates[k]));
                    oc.due = due;
                    oc.opens = dates[k] + 1;
                    if (!last) {
                        oc.done_on = dates[k + 1];
                        oc.working_days_late = detail::working_days_after(opts, due, dates[k + 1]);
                        oc.status = dates[k + 1] <= due ? occurrence_status::done_on_time
                                                        : occurrence_status::done_late;
                        out.items.push_back(std::move(oc));
                    } else {
                        finish(std::move(oc), nullptr);
                    }
                }
                break;
            }
            case recurrence_kind::event: {
                const auto ev = events_by_slot.find({ob, u});
                if (ev == events_by_slot.end()) break;
                for (const trigger_event* e : ev->second) {
                    if (!o.in_force(e->date)) continue; // triggered outside the regime
                    civil_day due = e->date;
                    if (o.due_working_days) {
                        for (int n = 0; n < o.due_days;) n += detail::working(opts, ++due) ? 1 : 0;
                    } else {
                        due += o.due_days;
                    }
                    due = detail::adjust_due(opts, o.non_working, due);
                    if (!in_range(due)) continue;
                    occurrence oc = detail::make_occurrence(ob, u, e->id);
                    oc.due = due;
                    oc.opens = e->date;
                    finish(std::move(oc), subs);
                }
                break;
            }
            }
        }
    }
    std::stable_sort(out.items.begin(), out.items.end(), [](const occurrence& a, const occurrence& b) {
        const civil_day never = civil_day::from_days(INT32_MAX);
        const civil_day da = a.due.value_or(never), db = b.due.value_or(never);
        return std::tie(da, a.unit, a.obligation) < std::tie(db, b.unit, b.obligation);
    });
    return out;
}

/// The agenda: occurrences not yet done whose due date falls within
/// [as_of, as_of + days], plus those already overdue, in due-date order.
inline std::vector<const occurrence*> agenda(const schedule& s, civil_day as_of, int days = 30,
                                             bool include_overdue = true) {
    std::vector<const occurrence*> out;
    for (const auto& oc : s.items) {
        if (oc.done_on || !oc.due) continue;
        const bool upcoming = *oc.due >= as_of && *oc.due <= as_of + days;
        const bool overdue = include_overdue && *oc.due < as_of;
        if (upcoming || overdue) out.push_back(&oc);
    }
    return out;
}

} // namespace danchu
