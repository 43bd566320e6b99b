#pragma once
/// @file
/// Working-day calendars: which days are working days for Vietnamese civil
/// servants (official schedules where published, the statutory rules
/// elsewhere) or for any other weekly rest pattern, and working-day arithmetic.
///
/// Nothing is computed before it is asked for. `entries(y)`, `holidays(y)` and
/// `find(d)` compute year y alone on first use (its official schedule file, or
/// its era's rules with the lunar months they need; a neighbouring year too when
/// its derived days could spill into y) and keep it. The first working-day
/// query (`is_working_day`, `add_working_days`, `working_days_between`, the
/// batch forms, `working_day_predicate`) builds the day index of
/// 1900-01-01..2199-12-31 (a flag and a running count per day, from every
/// year), so `is_working_day` is then one array read, `working_days_between`
/// two, and `add_working_days` a binary search. Calendars are immutable in
/// what they answer and cheap to copy (shared state); the lazy parts are
/// computed once, thread-safely, and shared by the copies.
///
/// Conventions (also in docs/calendar.md):
///   - `working_days_between(a, b)` counts working days d with a < d <= b
///     (start excluded, end included); it is negative, -(count over (b, a]),
///     when b < a.  So for n >= 0, `working_days_between(d, add_working_days(d, n)) == n`.
///   - `add_working_days(d, n)`: n > 0 gives the n-th working day after d, n < 0
///     the |n|-th working day before d, n == 0 gives d itself (even if d is not
///     a working day; use `roll_forward`/`roll_backward` for that).

#include <danchu/core/date.hpp>
#include <danchu/core/data.hpp>
#include <danchu/core/error.hpp>
#include <danchu/calendar/holiday.hpp>
#include <danchu/calendar/lunar.hpp>
#include <danchu/calendar/detail/lazy.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace danchu {

/// The weekly rest days as a bit set (bit i set = weekday i is a rest day,
/// Monday = bit 0 .. Sunday = bit 6).
struct weekly_rest {
    std::uint8_t mask = 0x60; ///< Saturday and Sunday

    /// Saturday and Sunday (state agencies: Decree 4/1999 and successors fix a
    /// five-day week for civil servants).
    static constexpr weekly_rest saturday_sunday() noexcept { return weekly_rest{0x60}; }
    /// Sunday only.
    static constexpr weekly_rest sunday_only() noexcept { return weekly_rest{0x40}; }
    constexpr bool contains(weekday w) const noexcept { return (mask >> static_cast<int>(w)) & 1U; }
};

namespace detail {
/// The calendar entries of `year` for a rest pattern (see calendar::build).
inline std::vector<holiday> year_entries(const holiday_data& data, int year, weekly_rest rest,
                                         bool civil_servant) {
    const year_schedule* sched = data.schedule_for(year);
    if (civil_servant && sched != nullptr) return sched->entries;
    std::vector<holiday> out;
    if (sched != nullptr) {
        for (const holiday& h : sched->entries)
            if (h.kind == holiday_kind::statutory) out.push_back(h);
    } else {
        out = data.statutory_by_rule(year);
    }
    const holiday_era* era = data.era_for(year);
    if (era == nullptr || !era->compensation) return out;
    // Labour Code 2019 Art. 111(3) (2012: Art. 115(3)): a holiday on a weekly
    // rest day gives the next working day off.
    std::set<civil_day> taken;
    for (const holiday& h : out) taken.insert(h.date);
    std::vector<holiday> comp;
    for (const holiday& h : out) {
        if (!rest.contains(weekday_of(h.date))) continue;
        civil_day c = h.date + 1;
        while (rest.contains(weekday_of(c)) || taken.count(c) != 0) ++c;
        taken.insert(c);
        holiday x;
        x.date = c;
        x.kind = holiday_kind::compensatory;
        x.holiday_id = h.holiday_id;
        x.name = {"Nghỉ bù " + h.name.vi, "Compensatory day off for " + h.name.en};
        x.source = era->compensation_source;
        x.conf = era->conf;
        x.derived = true;
        comp.push_back(std::move(x));
    }
    out.insert(out.end(), comp.begin(), comp.end());
    std::stable_sort(out.begin(), out.end(),
                     [](const holiday& a, const holiday& b) { return a.date < b.date; });
    return out;
}
} // namespace detail

/// An immutable working-day calendar over 1900-01-01..2199-12-31.
class calendar {
public:
    /// The Vietnamese civil-servant calendar (Saturday+Sunday rest, official
    /// schedules with their swaps where published, statutory and compensatory
    /// days derived by rule elsewhere), from `<data_dir>/schedules`.
    /// @throws parse_error for a malformed data file.
    static calendar vietnam(const std::string& data_dir = default_data_dir()) {
        return civil_servant(holiday_data::load_directory(data_dir + "/schedules"));
    }

    /// The civil-servant calendar from already loaded data.
    static calendar civil_servant(const holiday_data& data) {
        return calendar(data, weekly_rest::saturday_sunday(), true);
    }

    /// A calendar for another weekly rest pattern: the statutory days (official
    /// dates where a schedule exists), compensatory days derived for that
    /// pattern, and no civil-servant swaps.
    /// @throws argument_error if every day of the week is a rest day.
    static calendar with_weekly_rest(const holiday_data& data, weekly_rest rest) {
        if ((rest.mask & 0x7F) == 0x7F)
            throw argument_error("weekly rest pattern: at least one weekday must be a working day");
        return calendar(data, rest, false);
    }

    /// First and last day the calendar covers.
    static constexpr civil_day first_day() noexcept { return civil_day::from_days(lunar_min_day); }
    static constexpr civil_day last_day() noexcept { return civil_day::from_days(lunar_max_day); }

    weekly_rest rest() const noexcept { return p_->rest; }
    /// True for the civil-servant calendar (official schedules and swaps applied).
    bool is_civil_servant() const noexcept { return p_->civil_servant; }
    /// True if `year` uses an official schedule (civil-servant calendar only).
    bool has_official_schedule(int year) const noexcept {
        return p_->civil_servant && p_->data.has_schedule(year);
    }

    /// Every entry of `year` (days off and make-up working days), by date;
    /// computed on the first call for that year (see the file comment).
    /// @throws calendar_error outside 1900..2199; parse_error if a data file the
    /// year needs is malformed.
    std::vector<holiday> entries(int year) const {
        check_year(year);
        return p_->lists_of(year).entries;
    }

    /// The days off of `year` (statutory, compensatory, swapped), by date,
    /// including holidays that fall on a weekly rest day.
    /// @throws as entries().
    std::vector<holiday> holidays(int year) const {
        check_year(year);
        return p_->lists_of(year).days_off;
    }

    /// The entry for day `d`, or nullptr if it is an ordinary day or outside
    /// the range; the pointer stays valid while a copy of this calendar lives.
    /// @throws parse_error if a data file the year needs is malformed.
    const holiday* find(civil_day d) const {
        if (d < first_day() || d > last_day()) return nullptr;
        const auto& e = p_->lists_of(d.year()).entries;
        const auto it = std::lower_bound(e.begin(), e.end(), d, by_date);
        return (it != e.end() && it->date == d) ? &*it : nullptr;
    }

    /// @throws calendar_error outside 1900-01-01..2199-12-31.
    bool is_working_day(civil_day d) const {
        check(d.days());
        return p_->days().working[index(d.days())] != 0;
    }

    /// The first working day strictly after `d`.
    civil_day next_working_day(civil_day d) const { return add_working_days(d, 1); }
    /// The last working day strictly before `d`.
    civil_day previous_working_day(civil_day d) const { return add_working_days(d, -1); }
    /// `d` if it is a working day, else the next one.
    civil_day roll_forward(civil_day d) const { return is_working_day(d) ? d : add_working_days(d, 1); }
    /// `d` if it is a working day, else the previous one.
    civil_day roll_backward(civil_day d) const { return is_working_day(d) ? d : add_working_days(d, -1); }

    /// The n-th working day after `d` (n > 0), before it (n < 0), or `d` (n == 0).
    /// @throws calendar_error if `d` or the result is outside the range.
    civil_day add_working_days(civil_day d, std::int64_t n) const {
        return civil_day::from_days(add_days(d.days(), n));
    }

    /// Working days d with a < d <= b (negative when b < a; see the file comment).
    /// @throws calendar_error outside the range.
    std::int64_t working_days_between(civil_day a, civil_day b) const { return between(a.days(), b.days()); }

    /// A predicate for the condition language (`eval_context::is_working_day`);
    /// it shares this calendar's state and returns false outside the range.
    /// It builds the day index now (see the file comment).
    std::function<bool(civil_day)> working_day_predicate() const {
        auto p = p_;
        const std::uint8_t* w = p->days().working.data();
        return [p, w](civil_day c) {
            const day_number d = c.days();
            return d >= first() && d <= last() && w[static_cast<std::size_t>(d - first())] != 0;
        };
    }

    /// Batch form: out[i] = is_working_day(in[i]) for n days (days since 1970-01-01).
    /// @throws calendar_error naming the first day outside the range.
    void is_working_day(const day_number* in, std::uint8_t* out, std::size_t n) const {
        const std::uint8_t* w = p_->days().working.data();
        for (std::size_t i = 0; i < n; ++i) {
            const day_number d = in[i];
            if (d < first() || d > last()) check(d);
            out[i] = w[d - first()];
        }
    }

    /// Batch form of add_working_days with a shared or per-element count
    /// (`counts` of length n, or length 1 for a shared count).
    void add_working_days(const day_number* in, const std::int64_t* counts, std::size_t n_counts,
                          day_number* out, std::size_t n) const {
        for (std::size_t i = 0; i < n; ++i) out[i] = add_days(in[i], counts[n_counts == 1 ? 0 : i]);
    }

    /// Batch form of working_days_between.
    void working_days_between(const day_number* a, const day_number* b, std::int64_t* out,
                              std::size_t n) const {
        for (std::size_t i = 0; i < n; ++i) out[i] = between(a[i], b[i]);
    }

private:
    static constexpr day_number first() noexcept { return lunar_min_day; }
    static constexpr day_number last() noexcept { return lunar_max_day; }

    day_number add_days(day_number d, std::int64_t n) const {
        check(d);
        if (n == 0) return d;
        const auto& cum = p_->days().cum;
        const std::size_t i = index(d);
        if (n > 0) {
            const std::int64_t target = cum[i] + n;
            const auto it = std::lower_bound(cum.begin() + static_cast<std::ptrdiff_t>(i), cum.end(), target);
            if (it == cum.end())
                throw calendar_error("adding " + std::to_string(n) + " working days to " + to_iso(d) +
                                     " goes past " + to_iso(last()));
            return first() + static_cast<day_number>(it - cum.begin());
        }
        const std::int64_t target = cum[i] - p_->days().working[i] + n + 1;
        if (target < 1)
            throw calendar_error("subtracting " + std::to_string(-n) + " working days from " + to_iso(d) +
                                 " goes before " + to_iso(first()));
        const auto it = std::lower_bound(cum.begin(), cum.begin() + static_cast<std::ptrdiff_t>(i), target);
        return first() + static_cast<day_number>(it - cum.begin());
    }

    std::int64_t between(day_number a, day_number b) const {
        check(a);
        check(b);
        const auto& cum = p_->days().cum;
        return static_cast<std::int64_t>(cum[index(b)]) - cum[index(a)];
    }

    struct year_lists {
        std::vector<holiday> entries;  ///< every entry dated in the year, by date
        std::vector<holiday> days_off; ///< the entries that are days off
    };
    struct day_index {
        std::vector<std::uint8_t> working;
        std::vector<std::int32_t> cum; ///< working days in [first_day, first_day + i]
    };
    static constexpr int first_year = 1900, last_year = 2199;
    static constexpr std::size_t n_years = static_cast<std::size_t>(last_year - first_year + 1);

    struct state {
        weekly_rest rest;
        bool civil_servant = false;
        holiday_data data;
        /// detail::year_entries of each year within the range, in its order.
        std::array<detail::once_slot<std::vector<holiday>>, n_years> raw;
        /// What entries(y) and holidays(y) give.
        std::array<detail::once_slot<year_lists>, n_years> lists;
        detail::once_slot<day_index> day_table;

        const std::vector<holiday>& raw_of(int y) const {
            return raw[static_cast<std::size_t>(y - first_year)].get([&] { return compute_raw(y); });
        }
        const year_lists& lists_of(int y) const {
            return lists[static_cast<std::size_t>(y - first_year)].get([&] { return compute_lists(y); });
        }
        const day_index& days() const {
            return day_table.get([&] { return compute_index(); });
        }

        /// True if year y's entries may lie outside y: those derived by rule
        /// (an official schedule's dates are all in its year).
        bool may_spill(int y) const { return !(civil_servant && data.has_schedule(y)); }

        std::vector<holiday> compute_raw(int y) const {
            std::vector<holiday> out;
            for (holiday& h : detail::year_entries(data, y, rest, civil_servant))
                if (h.date >= first_day() && h.date <= last_day()) out.push_back(std::move(h));
            return out;
        }

        // The entries dated in y: those of y-1, y and y+1 in that order (the
        // order of the full build), then stably sorted by date.
        year_lists compute_lists(int y) const {
            year_lists l;
            for (int n = y - 1; n <= y + 1; ++n) {
                if (n < first_year || n > last_year || (n != y && !may_spill(n))) continue;
                for (const holiday& h : raw_of(n))
                    if (h.date.year() == y) l.entries.push_back(h);
            }
            std::stable_sort(l.entries.begin(), l.entries.end(),
                             [](const holiday& a, const holiday& b) { return a.date < b.date; });
            for (const holiday& h : l.entries)
                if (is_day_off(h.kind)) l.days_off.push_back(h);
            return l;
        }

        day_index compute_index() const {
            day_index d;
            const auto n = static_cast<std::size_t>(last() - first() + 1);
            d.working.resize(n);
            for (std::size_t i = 0; i < n; ++i)
                d.working[i] = rest.contains(weekday_of(first() + static_cast<day_number>(i))) ? 0 : 1;
            for (int y = first_year; y <= last_year; ++y)
                for (const holiday& h : raw_of(y))
                    d.working[index(h.date.days())] = is_day_off(h.kind) ? 0 : 1;
            d.cum.resize(n);
            std::int32_t running = 0;
            for (std::size_t i = 0; i < n; ++i) d.cum[i] = running += d.working[i];
            return d;
        }
    };

    calendar(const holiday_data& data, weekly_rest rest, bool civil_servant) {
        auto s = std::make_shared<state>();
        s->rest = rest;
        s->civil_servant = civil_servant;
        s->data = data;
        p_ = std::move(s);
    }

    static bool by_date(const holiday& h, civil_day d) noexcept { return h.date < d; }
    static std::size_t index(day_number d) noexcept { return static_cast<std::size_t>(d - first()); }
    static void check(day_number d) {
        if (d < first() || d > last())
            throw calendar_error("date " + describe_day(d) +
                                 " is outside the calendar's range 1900-01-01..2199-12-31");
    }
    static void check_year(int y) {
        if (y < 1900 || y > 2199)
            throw calendar_error("year " + std::to_string(y) + " is outside the calendar's range 1900..2199");
    }

    std::shared_ptr<const state> p_;
};

} // namespace danchu
