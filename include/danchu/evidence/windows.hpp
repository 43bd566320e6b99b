#pragma once
/// @file
/// The windows the law writes, as functions of data (`data/events/years.json`,
/// loaded by `event_io.hpp`), and what an event log says about a window:
/// something happened (with the events), the unit declared that nothing did,
/// or it did not report.
///
/// - Years: a unit's working year or school year, with boundaries from data
///   and the basis chosen per unit kind.
/// - The annual conference for year Y: the regular conference that covers Y
///   (its `covers_year` field), wherever it falls; the lawful window is a
///   data rule per regime (Law 10/2022 Art. 51(1): from the day after year Y
///   ends to the last day of the third month of the next year).
/// - Time limits: within N (working) days of a date, or at least N days long.
///
/// Month steps clamp to the end of the month (31 August + 3 months is
/// 30 November); nothing here knows the date a law came into force.

#include <danchu/core/date.hpp>
#include <danchu/core/enum_names.hpp>
#include <danchu/core/error.hpp>
#include <danchu/core/text.hpp>
#include <danchu/evidence/event.hpp>
#include <danchu/evidence/event_log.hpp>
#include <danchu/organisation/unit.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace danchu {

/// An inclusive range of days.
struct day_window {
    day_number from = 0;
    day_number to = 0;
    bool contains(day_number d) const noexcept { return d >= from && d <= to; }
};

/// A month and day (the first day of a year, for example).
struct month_day {
    int month = 1;
    int day = 1;
};

/// What a unit's year is counted in.
enum class year_basis : std::uint8_t { working_year, school_year };

DANCHU_ENUM_NAMES(year_basis, "year basis", {year_basis::working_year, "working_year"},
                  {year_basis::school_year, "school_year"})

/// @throws argument_error naming the accepted values.
inline year_basis year_basis_from_string(std::string_view s) { return from_string<year_basis>(s); }

/// `d` moved by `months` months, the day clamped to the target month's length.
inline day_number add_months(day_number d, int months) {
    const civil_date c = civil_from_days(d);
    const int m0 = c.year * 12 + (c.month - 1) + months;
    const int y = m0 >= 0 ? m0 / 12 : (m0 - 11) / 12;
    const int m = m0 - y * 12 + 1;
    return days_from_civil(y, m, std::min(c.day, days_in_month(y, m)));
}

/// Year boundaries: where working and school years start, and which one each
/// unit kind counts in.
struct year_settings {
    month_day working_year_start{1, 1};
    month_day school_year_start{9, 1};
    year_basis default_basis = year_basis::working_year;
    std::map<std::string, year_basis> by_unit_kind; ///< unit kind name -> basis

    /// The basis a unit of kind `k` counts its years in.
    year_basis basis_for(unit_kind k) const {
        auto it = by_unit_kind.find(std::string(to_string(k)));
        return it == by_unit_kind.end() ? default_basis : it->second;
    }
    /// Year `y` in basis `b`: the year that starts in calendar year `y`
    /// (school year 2024 is 2024–2025).
    /// @throws calendar_error for a start day that does not exist in year `y`.
    day_window year(year_basis b, int y) const {
        const month_day s = b == year_basis::school_year ? school_year_start : working_year_start;
        const day_number from = make_day(y, s.month, s.day).days();
        return {from, make_day(y + 1, s.month, std::min(s.day, days_in_month(y + 1, s.month))).days() - 1};
    }
    /// The year (in basis `b`) that contains day `d`.
    int year_of(year_basis b, day_number d) const {
        const int y = civil_from_days(d).year;
        return d >= year(b, y).from ? y : y - 1;
    }
};

/// The lawful window of the regular (annual) conference under one regime, as
/// month offsets from the first day B of the year after the year reviewed:
/// [B + opens_months, B + closes_months - 1 day].
struct annual_window_rule {
    std::string regime;
    int opens_months = 0;
    int closes_months = 3;
    event_citation citation;
    bool setting = false; ///< not fixed by law (a provincial setting)
};

/// The window of the annual conference for year `y` (in basis `b`).
inline day_window annual_conference_window(const year_settings& years, const annual_window_rule& rule,
                                           year_basis b, int y) {
    const day_number next = years.year(b, y + 1).from;
    return {add_months(next, rule.opens_months), add_months(next, rule.closes_months) - 1};
}

/// A time limit the law sets: `within` (done no later than N days, or the Nth
/// working day, after the start) or `at_least` (lasting at least N
/// consecutive days from the start, the start counted).
struct time_limit {
    std::string id;
    std::string regime;
    bool at_least = false;
    int days = 0;
    bool working_days = false;
    bilingual_text from; ///< what the start date is
    event_citation citation;
};

/// The last day a time limit allows (within) or the first day that fulfils it
/// (at least), from `start`. `is_working(day)` says whether a day is a working
/// day (a calendar's predicate); it is called only for working-day limits.
template <class IsWorking>
day_number time_limit_end(const time_limit& limit, day_number start, IsWorking&& is_working) {
    if (limit.days < 0) throw argument_error("time limit \"" + limit.id + "\": negative number of days");
    if (limit.at_least) return start + limit.days - 1;
    if (!limit.working_days) return start + limit.days;
    day_number d = start;
    for (int n = 0; n < limit.days;) n += is_working(++d) ? 1 : 0;
    return d;
}

/// Everything `data/events/years.json` holds.
struct event_windows {
    year_settings years;
    std::vector<annual_window_rule> annual_conference;
    std::vector<time_limit> time_limits;

    /// The annual-conference rule of a regime, or nullptr.
    const annual_window_rule* annual_rule(std::string_view regime) const noexcept {
        for (const auto& r : annual_conference)
            if (r.regime == regime) return &r;
        return nullptr;
    }
    /// A time limit by id, or nullptr.
    const time_limit* limit(std::string_view id) const noexcept {
        for (const auto& t : time_limits)
            if (t.id == id) return &t;
        return nullptr;
    }
};

/// What an event log says about one unit, kind and window.
enum class occurrence_state : std::uint8_t {
    happened,      ///< at least one event inside the window
    declared_none, ///< no event, and the unit declared none for the whole window
    not_reported,  ///< no event and no declaration covering the window: unknown
};

DANCHU_ENUM_NAMES(occurrence_state, "occurrence state", {occurrence_state::happened, "happened"},
                  {occurrence_state::declared_none, "declared_none"},
                  {occurrence_state::not_reported, "not_reported"})

/// The answer for a window: the events found (indices into the log) or the
/// declarations that cover it (indices into `nones()`).
struct window_answer {
    occurrence_state state = occurrence_state::not_reported;
    std::vector<std::size_t> events;
    std::vector<std::size_t> declarations;
};

namespace detail {
/// The declared nones of (u, k) that together cover `w` without a gap, into
/// `used` (emptied first; left empty if they do not cover `w`).
inline void covering_nones(const event_log& log, std::size_t u, std::size_t k, day_window w,
                           std::vector<std::size_t>& used) {
    used.clear();
    const auto [first, last] = log.none_range(u, k);
    day_number covered_to = w.from - 1; // sorted by `from`: extend the covered prefix
    for (std::size_t j = first; j < last && covered_to < w.to; ++j) {
        const auto& n = log.nones()[j];
        if (n.from > covered_to + 1) break;
        if (n.to > covered_to) {
            covered_to = n.to;
            used.push_back(j);
        }
    }
    if (covered_to < w.to) used.clear();
}
/// The events of kind `k` in unit `u` dated inside `w` that `keep` accepts, into `events`.
template <class Keep>
void events_in(const event_log& log, std::size_t u, std::size_t k, day_window w, Keep&& keep,
               std::vector<std::size_t>& events) {
    events.clear();
    const auto [first, last] = log.range(u, k);
    const auto& dates = log.date_column();
    const auto lo = std::lower_bound(dates.begin() + static_cast<std::ptrdiff_t>(first),
                                     dates.begin() + static_cast<std::ptrdiff_t>(last), w.from);
    const auto hi = std::upper_bound(lo, dates.begin() + static_cast<std::ptrdiff_t>(last), w.to);
    if (lo != hi) events.reserve(static_cast<std::size_t>(hi - lo)); // one allocation, not one per doubling
    for (auto e = static_cast<std::size_t>(lo - dates.begin());
         e < static_cast<std::size_t>(hi - dates.begin()); ++e)
        if (keep(e)) events.push_back(e);
}
/// The answer's state from its events; without any, from the declarations
/// that cover `w` (read only then).
inline void settle(const event_log& log, std::size_t u, std::size_t k, day_window w, window_answer& out) {
    out.declarations.clear();
    if (!out.events.empty()) {
        out.state = occurrence_state::happened;
        return;
    }
    covering_nones(log, u, k, w, out.declarations);
    out.state = out.declarations.empty() ? occurrence_state::not_reported : occurrence_state::declared_none;
}
} // namespace detail

/// Events of kind `k` in unit `u` dated inside `w` that `keep(event index)`
/// accepts: `happened` with them; else `declared_none` if the unit's
/// declarations of that kind cover all of `w`; else `not_reported`. The
/// answer is written into `out`, whose lists are reused (a caller answering
/// unit after unit allocates nothing once they have grown).
/// @throws argument_error if `w` ends before it starts.
template <class Keep>
void happened_in(const event_log& log, std::size_t u, std::size_t k, day_window w, Keep&& keep,
                 window_answer& out) {
    if (w.from > w.to)
        throw argument_error("happened_in: the window ends (" + to_iso(w.to) + ") before it starts (" +
                             to_iso(w.from) + ")");
    detail::events_in(log, u, k, w, std::forward<Keep>(keep), out.events);
    detail::settle(log, u, k, w, out);
}

/// happened_in as a new answer.
template <class Keep>
window_answer happened_in(const event_log& log, std::size_t u, std::size_t k, day_window w, Keep&& keep) {
    window_answer out;
    happened_in(log, u, k, w, std::forward<Keep>(keep), out);
    return out;
}

/// happened_in for every event of the kind.
inline window_answer happened_in(const event_log& log, std::size_t u, std::size_t k, day_window w) {
    return happened_in(log, u, k, w, [](std::size_t) { return true; });
}

/// The regular conference that covers year `y` of unit `u`, and whether it
/// fell inside the regime's lawful window.
struct annual_conference_answer {
    window_answer answer;      ///< `happened` with the conferences covering `y`
    day_window window;         ///< the lawful window
    std::vector<bool> on_time; ///< per event of `answer.events`: inside `window`
};

/// The `conference_held` kind and the fields the annual conference is found
/// by, resolved once for a batch of units.
struct annual_conference_fields {
    std::size_t kind = 0, session = 0, covers_year = 0, regular = 0;

    /// @throws argument_error if the table has no `conference_held` kind with
    /// `session` and `covers_year` fields.
    static annual_conference_fields of(const event_kinds& table) {
        annual_conference_fields out;
        out.kind = table.find("conference_held");
        if (out.kind == event_kinds::npos)
            throw argument_error("annual_conference_for: no conference_held kind in the table");
        const event_kind& kd = table[out.kind];
        out.session = kd.find_field("session");
        out.covers_year = kd.find_field("covers_year");
        if (out.session == event_kind::npos || out.covers_year == event_kind::npos)
            throw argument_error(
                "annual_conference_for: conference_held needs the fields session and covers_year");
        out.regular = kd.fields[out.session].find_value("regular");
        return out;
    }
};

/// The annual conference for year `y` of unit `u`, with the kind's fields
/// resolved (`annual_conference_fields::of`), the lawful `window` and the
/// year's first day `year_from` given: the batch form of the function below,
/// written into `out` (its lists reused from unit to unit).
inline void annual_conference_for(const event_log& log, const annual_conference_fields& c, day_window window,
                                  day_number year_from, std::size_t u, int y, annual_conference_answer& out) {
    out.window = window;
    // A conference covering y may fall outside the window: look a year either side.
    const day_window search{year_from, add_months(window.to + 1, 12) - 1};
    detail::events_in(
        log, u, c.kind, search,
        [&](std::size_t e) {
            const event_value& s = log.value(e, c.session);
            if (!s.present || static_cast<std::size_t>(s.number) != c.regular) return false;
            const event_value& cy = log.value(e, c.covers_year);
            return cy.present ? static_cast<int>(cy.number) == y : window.contains(log.date(e));
        },
        out.answer.events);
    detail::settle(log, u, c.kind, window, out.answer); // declarations cover the lawful window
    out.on_time.clear();
    for (std::size_t e : out.answer.events) out.on_time.push_back(window.contains(log.date(e)));
}
inline annual_conference_answer annual_conference_for(const event_log& log, const annual_conference_fields& c,
                                                      day_window window, day_number year_from, std::size_t u,
                                                      int y) {
    annual_conference_answer out;
    annual_conference_for(log, c, window, year_from, u, y, out);
    return out;
}

/// The annual conference for year `y` of unit `u` under `rule`: the
/// `conference_held` events with `session` regular whose `covers_year` is `y`,
/// wherever they fall; an event that does not say which year it covers
/// counts for `y` if it falls inside the window. With none, a declaration of
/// no `conference_held` covering the window gives `declared_none`.
/// @throws argument_error if the table has no `conference_held` kind with
/// `session` and `covers_year` fields.
inline annual_conference_answer annual_conference_for(const event_log& log, const year_settings& years,
                                                      const annual_window_rule& rule, std::size_t u,
                                                      unit_kind kind, int y) {
    const year_basis b = years.basis_for(kind);
    return annual_conference_for(log, annual_conference_fields::of(*log.kinds()),
                                 annual_conference_window(years, rule, b, y), years.year(b, y).from, u, y);
}

} // namespace danchu
