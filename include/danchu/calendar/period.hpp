#pragma once
/// @file
/// Report periods: the data window of a monthly, quarterly, six-monthly or
/// annual report and its deadline, under a reporting convention loaded from
/// data (`data/regimes/*.json`, format `data/schemas/regime.schema.json`; the
/// files keep the word "regime", the C++ type is `reporting_convention`
/// because `regime` names a body of law: see DEVELOPERS.md, "Naming").
///
/// Two window conventions:
///   - `cutoff` with cut-off day c (Decree 09/2019/NĐ-CP Art. 12, c = 14): the
///     window runs from day c+1 of the month before the period's first month to
///     day c of its last month (monthly 15/02-14/03 for March; annual 15/12 of
///     the previous year to 14/12);
///   - `calendar` (statistical regimes, Decree 60/2018/NĐ-CP): the 1st of the
///     first month to the last day of the last month.
///
/// Example:
/// @code
///   auto regimes = danchu::convention_set::load_directory(danchu::default_data_dir() + "/regimes");
///   auto cal = danchu::calendar::vietnam();
///   auto p = danchu::make_report_period(regimes.at("decree-09-2019"),
///                                       danchu::period_kind::half, 2026, 1, cal);
///   // p.start 2025-12-15, p.end 2026-06-14, p.deadline 2026-06-25
/// @endcode

#include <danchu/calendar/calendar.hpp>
#include <danchu/core/date.hpp>
#include <danchu/core/enum_names.hpp>
#include <danchu/core/period.hpp>
#include <danchu/calendar/deadline.hpp>
#include <danchu/io/detail/json_object.hpp>
#include <danchu/core/error.hpp>
#include <danchu/calendar/holiday.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace danchu {

namespace detail {
/// How a convention's data window runs (the `window.type` of its file).
enum class window_type : std::uint8_t { cutoff, calendar };
DANCHU_ENUM_NAMES(window_type, "window type", {window_type::cutoff, "cutoff"},
                  {window_type::calendar, "calendar"})
} // namespace detail

/// A reporting convention (a file of `data/regimes/`): window convention, the
/// period kinds it defines, and its deadline rule (absent if the file gives none).
struct reporting_convention {
    std::string id;
    bilingual_text name;
    bool cutoff_window = true; ///< false: calendar windows
    int cutoff_day = 14;       ///< last day of the window in the period's last month
    std::vector<period_kind> kinds;
    std::optional<deadline_rule> deadline;
    citation source;
    confidence conf = confidence::uncertain; ///< uncertain unless the file says otherwise
    std::string file;

    bool defines(period_kind k) const noexcept {
        return std::find(kinds.begin(), kinds.end(), k) != kinds.end();
    }
};

/// One report period of a reporting convention, with its window and deadline.
struct report_period {
    std::string convention_id;
    period_kind kind = period_kind::month;
    int year = 0;
    int index = 1;                             ///< 1-based: month 1..12, quarter 1..4, half 1..2, year 1
    civil_day start, end;                      ///< the data window, inclusive
    std::optional<civil_day> nominal_deadline; ///< the rule's date before the policy
    std::optional<civil_day> deadline;         ///< after the non-working-day policy
    /// Working days from the cut-off to the deadline (a < d <= b); Decree 09
    /// Art. 8(5)(b) asks for at least one.
    std::optional<std::int64_t> working_days_after_cutoff;

    /// The calendar period (`kind`, `year`, `index`) this report covers.
    assessment_period period() const { return assessment_period::of(kind, year, index); }
    /// A label like "2026-Q1", "2026-H2", "2026-03" or "2026".
    std::string label() const { return period().label(); }
};

/// The window [first, last] of period `index` of `kind` in `year`.
/// @throws argument_error for an index out of range.
inline std::pair<civil_day, civil_day> period_window(const reporting_convention& r, period_kind kind,
                                                     int year, int index) {
    const assessment_period p = assessment_period::of(kind, year, index);
    if (!r.cutoff_window) return {p.first(), p.last()};
    // Day c+1 of the month before the first month (January: December of year-1).
    const civil_date first = p.first().ymd(), last = p.last().ymd();
    const int py = first.month == 1 ? year - 1 : year;
    const int pm = first.month == 1 ? 12 : first.month - 1;
    return {civil_day::from_days(days_from_civil(py, pm, r.cutoff_day + 1)),
            civil_day::from_days(days_from_civil(year, last.month, r.cutoff_day))};
}

/// Builds a report period with its deadline.
/// @param policy overrides the regime's non-working-day policy if given.
/// @throws argument_error if the regime does not define `kind` or `index` is
/// out of range; calendar_error outside 1900..2199.
inline report_period make_report_period(const reporting_convention& r, period_kind kind, int year, int index,
                                        const calendar& cal,
                                        std::optional<non_working_policy> policy = std::nullopt) {
    if (!r.defines(kind))
        throw argument_error("regime \"" + r.id + "\" defines no " + std::string(to_string(kind)) +
                             " period");
    if (year < 1901 || year > 2199)
        throw calendar_error("report year " + std::to_string(year) + " is outside 1901..2199");
    report_period p;
    p.convention_id = r.id;
    p.kind = kind;
    p.year = year;
    p.index = index;
    std::tie(p.start, p.end) = period_window(r, kind, year, index);
    if (r.deadline) {
        deadline_rule rule = *r.deadline;
        if (policy) rule.policy = *policy;
        p.nominal_deadline = rule.nominal(p.end, cal);
        p.deadline = apply_policy(rule.policy, *p.nominal_deadline, cal);
        p.working_days_after_cutoff = cal.working_days_between(p.end, *p.deadline);
    }
    return p;
}

/// Every period of `kind` in `year`.
inline std::vector<report_period> report_periods(const reporting_convention& r, period_kind kind, int year,
                                                 const calendar& cal,
                                                 std::optional<non_working_policy> policy = std::nullopt) {
    std::vector<report_period> out;
    for (int i = 1; i <= periods_per_year(kind); ++i)
        out.push_back(make_report_period(r, kind, year, i, cal, policy));
    return out;
}

namespace detail {
inline reporting_convention read_convention(const json_at& j) {
    j.object({"$schema", "id", "name", "window", "periods", "deadline", "source", "confidence"});
    reporting_convention r;
    r.file = j.file;
    r.id = j.member("id").string();
    const json_at name = j.member("name");
    r.name = read_text(name);
    const json_at window = j.member("window");
    window.object({"type", "cutoff_day", "source"});
    if (window.has("source"))
        (void)read_source(window.member("source")); // the window's citation: checked, not kept
    r.cutoff_window = window.member("type").enumerated<detail::window_type>() == detail::window_type::cutoff;
    if (r.cutoff_window) r.cutoff_day = window.member("cutoff_day").integer(1, 27);
    const json_at kinds = j.member("periods");
    for (std::size_t i = 0; i < kinds.array().size(); ++i) {
        r.kinds.push_back(kinds.index(i).enumerated<period_kind>());
    }
    if (r.kinds.empty()) kinds.fail("expected at least one period kind");
    if (j.has("deadline")) {
        const json_at d = j.member("deadline");
        d.object({"type", "n", "nonworking_policy", "source", "confidence"});
        deadline_rule rule;
        rule.kind = d.member("type").enumerated<deadline_rule::type>();
        rule.n = d.member("n").integer(rule.kind == deadline_rule::type::day_of_last_month ? 1 : 0,
                                       rule.kind == deadline_rule::type::day_of_last_month ? 31 : 366);
        if (d.has("nonworking_policy"))
            rule.policy = d.member("nonworking_policy").enumerated<non_working_policy>();
        rule.source = read_source(d.member("source"));
        rule.conf = read_confidence(d.member("confidence"));
        if (r.cutoff_window && rule.kind == deadline_rule::type::day_of_last_month && rule.n <= r.cutoff_day)
            d.fail("deadline day " + std::to_string(rule.n) + " is not after the cut-off day " +
                   std::to_string(r.cutoff_day));
        r.deadline = rule;
    }
    r.source = read_source(j.member("source"));
    r.conf = read_confidence(j.member("confidence"));
    return r;
}
} // namespace detail

/// Reporting conventions by id.
class convention_set {
public:
    convention_set() = default;

    /// Loads every `*.json` of a directory (name order); a later id replaces an earlier one.
    /// @throws parse_error naming the file and JSON pointer.
    static convention_set load_directory(const std::string& dir) {
        namespace fs = std::filesystem;
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) throw parse_error(dir, "", "not a directory of regime files");
        std::vector<std::string> files;
        for (const auto& e : fs::directory_iterator(dir))
            if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path().string());
        std::sort(files.begin(), files.end());
        convention_set s;
        for (const auto& f : files) s.add_file(f);
        return s;
    }

    /// Adds one regime file.
    void add_file(const std::string& path) { add_json(detail::read_json_file(path), path); }
    /// Adds one parsed regime document; `name` is used in error messages.
    void add_json(const nlohmann::json& doc, const std::string& name) {
        reporting_convention r = detail::read_convention(detail::json_at{doc, name, ""});
        conventions_[r.id] = std::move(r);
    }

    /// @throws argument_error naming the known ids.
    const reporting_convention& at(const std::string& id) const {
        const auto it = conventions_.find(id);
        if (it != conventions_.end()) return it->second;
        std::string known;
        for (const auto& [k, v] : conventions_) known += (known.empty() ? "" : ", ") + k;
        throw argument_error("unknown reporting regime \"" + id + "\": known regimes are " +
                             (known.empty() ? std::string("(none loaded)") : known));
    }
    const std::map<std::string, reporting_convention>& all() const noexcept { return conventions_; }

private:
    std::map<std::string, reporting_convention> conventions_;
};

} // namespace danchu
