#pragma once
/// @file
/// Obligations: what every unit owes and when (the annual staff conference,
/// People's Inspection Board elections, extraordinary conferences within 15
/// days of a request, six-monthly reports...), as cited data per regime and
/// province. `schedule.hpp` turns them into dated occurrences with a status.
///
/// File format: `docs/obligations.md` and `data/schemas/obligations.schema.json`.

#include <danchu/core/date.hpp>
#include <danchu/core/error.hpp>
#include <danchu/evidence/fact.hpp>
#include <danchu/core/citation.hpp>
#include <danchu/organisation/unit.hpp>
#include <danchu/io/detail/json_object.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace danchu {

/// How an obligation recurs.
enum class recurrence_kind : std::uint8_t {
    yearly,      ///< once per calendar (working) year
    half_yearly, ///< once per half-year
    every_years, ///< every N years after the last time it was done (a term of office)
    event,       ///< after each triggering event (a request, a recommendation)
};

/// How the due date of one occurrence is computed.
enum class due_rule : std::uint8_t {
    fixed_date,               ///< month/day, in the occurrence year + year_offset
    period_end,               ///< the last day of the occurrence's period
    day_of_period_last_month, ///< day N of the period's last month
    days_after_event,         ///< N (working) days after the triggering event
    years_after_fact,         ///< N years after the last time it was done
};

DANCHU_ENUM_NAMES(recurrence_kind, "recurrence", {recurrence_kind::yearly, "year"},
                  {recurrence_kind::half_yearly, "half"}, {recurrence_kind::every_years, "every_years"},
                  {recurrence_kind::event, "event"})
DANCHU_ENUM_NAMES(due_rule, "due rule", {due_rule::fixed_date, "fixed_date"},
                  {due_rule::period_end, "period_end"},
                  {due_rule::day_of_period_last_month, "day_of_period_last_month"},
                  {due_rule::days_after_event, "days_after_event"},
                  {due_rule::years_after_fact, "years_after_fact"})

/// The dated events that fulfil an obligation (issue 11): events of `kind`
/// whose fields have the `where` values; the occurrence each fulfils is the
/// value of its field `occurrence` (the working year a conference covers, the
/// period a report is on, the request a conference answers; empty for a
/// term-based obligation), done on its `done_on` date field (empty: the
/// event's date). `schedule/from_events.hpp` reads them into records.
struct event_match {
    std::string kind;
    std::vector<std::pair<std::string, std::string>> where;
    std::string occurrence;
    std::string done_on;
    /// When the event lacks its `occurrence` field: "year_of_date" takes the
    /// year of its date (an annual review is of the year it is held in);
    /// empty: the event fulfils nothing (and is listed).
    std::string occurrence_default;
};

/// One obligation, with its citation.
struct obligation {
    std::string id;
    bilingual_text title;
    bilingual_text responsible;
    citation cite;
    confidence conf = confidence::verified;
    std::vector<unit_kind> applies_to;
    std::int64_t min_staff = 0; ///< not owed below this staff count
    std::string
        performed_by; ///< unit that performs it for the root: an id, or `role:<role label>` (the Department: `role:home_affairs`)
    recurrence_kind recurrence = recurrence_kind::yearly;
    int every_years = 0;
    std::string event;         ///< triggering event name (recurrence event)
    std::string period_regime; ///< report-period convention for half_yearly: "decree-09-2019" or "calendar"
    due_rule due = due_rule::fixed_date;
    int due_month = 0, due_day = 0, due_year_offset = 0, due_days = 0, due_years = 0;
    bool due_working_days = false;
    bool has_window = false; ///< the occurrence may only be done from window_opens
    int window_month = 0, window_day = 0, window_year_offset = 0;
    non_working_policy non_working = non_working_policy::keep;
    std::string fulfilled_by;                      ///< the evidence fact or "submission"
    std::optional<event_match> fulfilled_by_event; ///< the events that fulfil it
    std::string trigger_kind; ///< recurrence event: the event kind whose events (by id) trigger it
    /// The file's `effective.from` / `effective.to`: the obligation is owed
    /// only for occurrences that fall due (events: are triggered) within them.
    std::optional<civil_day> valid_from, valid_to;

    /// True if the obligation is in force on `d`.
    bool in_force(civil_day d) const {
        return !(valid_from && d < *valid_from) && !(valid_to && d > *valid_to);
    }

    /// True if `u` owes it: of a kind it applies to, not below min_staff, and
    /// not a grouping-only node (is_grouping: it is not assessed, so owes nothing).
    bool applies(const unit& u) const {
        if (is_grouping(u)) return false;
        if (u.staff < min_staff && u.kind != unit_kind::province) return false;
        for (auto k : applies_to)
            if (k == u.kind) return true;
        return false;
    }
};

/// A set of obligations loaded from one or more files (ids unique across them).
class obligation_set {
public:
    obligation_set() = default;

    /// Adds the obligations of one parsed document.
    /// @throws parse_error naming `file` and the JSON pointer.
    void add(const nlohmann::json& doc, const std::string& file);

    /// Loads and adds a file.
    void add_file(const std::string& path) { add(detail::read_json_file(path), path); }

    const std::vector<obligation>& items() const noexcept { return items_; }
    std::size_t size() const noexcept { return items_.size(); }
    /// Index of an obligation id, or npos.
    std::size_t find(std::string_view id) const noexcept {
        for (std::size_t i = 0; i < items_.size(); ++i)
            if (items_[i].id == id) return i;
        return npos;
    }
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    /// The ids of the documents loaded.
    const std::vector<std::string>& sources() const noexcept { return sources_; }

private:
    std::vector<obligation> items_;
    std::vector<std::string> sources_;
};

namespace detail {

inline bilingual_text read_text(const nlohmann::json& obj, std::string_view key, const std::string& file,
                                const std::string& ptr) {
    const auto& t = require(obj, key, file, ptr);
    const std::string p = child(ptr, key);
    expect_object(t, file, p, {"vi", "en"});
    return {require_string(t, "vi", file, p), require_string(t, "en", file, p)};
}

inline int read_int(const nlohmann::json& obj, std::string_view key, int lo, int hi, const std::string& file,
                    const std::string& ptr, bool required = true) {
    auto it = obj.find(std::string(key));
    if (it == obj.end()) {
        if (required) throw parse_error(file, ptr, "missing required key \"" + std::string(key) + "\"");
        return 0;
    }
    if (!it->is_number_integer() || it->get<long long>() < lo || it->get<long long>() > hi)
        throw parse_error(file, child(ptr, key),
                          "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi) +
                              ", found " + it->dump());
    return it->get<int>();
}

/// The enumerator named by string member `key`, from its id table.
/// @param allowed the values accepted here (empty: every value of `Enum`).
/// @throws parse_error naming the member and every accepted id.
template <class Enum>
Enum read_enum_id(const nlohmann::json& obj, std::string_view key, const std::string& file,
                  const std::string& ptr, std::initializer_list<Enum> allowed = {}) {
    const std::string s = require_string(obj, key, file, ptr);
    auto ok = [&](Enum v) {
        return allowed.size() == 0 || std::find(allowed.begin(), allowed.end(), v) != allowed.end();
    };
    if (auto v = try_from_string<Enum>(s); v && ok(*v)) return *v;
    std::string list;
    for (const auto& id : enum_ids<Enum>())
        if (ok(from_string<Enum>(id))) list += (list.empty() ? "" : ", ") + id;
    throw parse_error(file, child(ptr, key), "unknown value \"" + s + "\": expected one of " + list);
}

inline obligation read_obligation(const nlohmann::json& j, const std::string& file, const std::string& ptr) {
    expect_object(j, file, ptr,
                  {"id", "title", "source", "confidence", "responsible", "applies_to", "min_staff",
                   "performed_by", "recurrence", "window", "due", "non_working_day", "fulfilled_by",
                   "fulfilled_by_event"});
    obligation o;
    o.id = require_string(j, "id", file, ptr);
    o.title = read_text(j, "title", file, ptr);
    o.responsible = read_text(j, "responsible", file, ptr);
    const auto& src = require(j, "source", file, ptr);
    const std::string sp = child(ptr, "source");
    expect_object(src, file, sp, {"document", "article", "clause", "point", "url", "note"});
    o.cite.document = require_string(src, "document", file, sp);
    o.cite.article = optional_string(src, "article", file, sp);
    o.cite.clause = optional_string(src, "clause", file, sp);
    o.cite.point = optional_string(src, "point", file, sp);
    o.cite.url = optional_string(src, "url", file, sp);
    o.cite.note = optional_string(src, "note", file, sp);
    try {
        o.conf = confidence_from_string(require_string(j, "confidence", file, ptr));
    } catch (const argument_error& e) {
        throw parse_error(file, child(ptr, "confidence"), e.what());
    }
    const auto& kinds = require(j, "applies_to", file, ptr);
    if (!kinds.is_array() || kinds.empty())
        throw parse_error(file, child(ptr, "applies_to"), "expected a non-empty array of unit kinds");
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        const std::string kp = child(child(ptr, "applies_to"), i);
        if (!kinds[i].is_string()) throw parse_error(file, kp, "expected a unit kind (string)");
        try {
            o.applies_to.push_back(unit_kind_from_string(kinds[i].get<std::string>()));
        } catch (const argument_error& e) {
            throw parse_error(file, kp, e.what());
        }
    }
    o.min_staff = read_int(j, "min_staff", 0, 1000000, file, ptr, false);
    o.performed_by = optional_string(j, "performed_by", file, ptr);
    o.fulfilled_by = require_string(j, "fulfilled_by", file, ptr);
    if (j.contains("fulfilled_by_event")) {
        const auto& m = j["fulfilled_by_event"];
        const std::string mp = child(ptr, "fulfilled_by_event");
        expect_object(m, file, mp, {"kind", "where", "occurrence", "occurrence_default", "done_on"});
        event_match e;
        e.kind = require_string(m, "kind", file, mp);
        e.occurrence = optional_string(m, "occurrence", file, mp);
        e.done_on = optional_string(m, "done_on", file, mp);
        e.occurrence_default = optional_string(m, "occurrence_default", file, mp);
        if (!e.occurrence_default.empty() && e.occurrence_default != "year_of_date")
            throw parse_error(file, child(mp, "occurrence_default"), "expected \"year_of_date\"");
        if (m.contains("where")) {
            const std::string wp = child(mp, "where");
            if (!m["where"].is_object()) throw parse_error(file, wp, "expected an object of field: value");
            for (auto it = m["where"].begin(); it != m["where"].end(); ++it) {
                if (!it.value().is_string())
                    throw parse_error(file, child(wp, it.key()), "expected the field's value as text");
                e.where.emplace_back(it.key(), it.value().get<std::string>());
            }
        }
        o.fulfilled_by_event = std::move(e);
    }

    const auto& rec = require(j, "recurrence", file, ptr);
    const std::string rp = child(ptr, "recurrence");
    expect_object(rec, file, rp, {"every", "every_years", "from_fact", "event", "event_kind", "regime"});
    if (rec.contains("every")) {
        o.recurrence =
            read_enum_id(rec, "every", file, rp, {recurrence_kind::yearly, recurrence_kind::half_yearly});
        o.period_regime = optional_string(rec, "regime", file, rp);
        if (o.period_regime.empty()) o.period_regime = "calendar";
        if (o.period_regime != "calendar" && o.period_regime != "decree-09-2019")
            throw parse_error(file, child(rp, "regime"), "expected \"calendar\" or \"decree-09-2019\"");
    } else if (rec.contains("every_years")) {
        o.recurrence = recurrence_kind::every_years;
        o.every_years = read_int(rec, "every_years", 1, 20, file, rp);
    } else if (rec.contains("event")) {
        o.recurrence = recurrence_kind::event;
        o.event = require_string(rec, "event", file, rp);
        o.trigger_kind = optional_string(rec, "event_kind", file, rp);
    } else {
        throw parse_error(file, rp, "expected one of \"every\", \"every_years\" or \"event\"");
    }

    const auto& due = require(j, "due", file, ptr);
    const std::string dp = child(ptr, "due");
    expect_object(due, file, dp, {"rule", "month", "day", "year_offset", "days", "working_days", "years"});
    o.due = read_enum_id<due_rule>(due, "rule", file, dp);
    switch (o.due) {
    case due_rule::fixed_date:
        o.due_month = read_int(due, "month", 1, 12, file, dp);
        o.due_day = read_int(due, "day", 1, 31, file, dp);
        o.due_year_offset = read_int(due, "year_offset", 0, 5, file, dp, false);
        break;
    case due_rule::day_of_period_last_month: o.due_day = read_int(due, "day", 1, 28, file, dp); break;
    case due_rule::days_after_event:
        o.due_days = read_int(due, "days", 0, 3650, file, dp);
        if (due.contains("working_days") && !due["working_days"].is_boolean())
            throw parse_error(file, child(dp, "working_days"), "expected true or false");
        o.due_working_days = due.value("working_days", false);
        break;
    case due_rule::years_after_fact: o.due_years = read_int(due, "years", 1, 20, file, dp); break;
    case due_rule::period_end: break;
    }
    const bool needs_event = o.due == due_rule::days_after_event;
    if (needs_event != (o.recurrence == recurrence_kind::event))
        throw parse_error(file, child(dp, "rule"),
                          "\"days_after_event\" goes with an \"event\" recurrence, and only with it");
    if ((o.due == due_rule::years_after_fact) != (o.recurrence == recurrence_kind::every_years))
        throw parse_error(file, child(dp, "rule"),
                          "\"years_after_fact\" goes with an \"every_years\" recurrence, and only with it");
    if ((o.due == due_rule::period_end || o.due == due_rule::day_of_period_last_month) &&
        o.recurrence != recurrence_kind::half_yearly && o.recurrence != recurrence_kind::yearly)
        throw parse_error(file, child(dp, "rule"), "a period rule needs a yearly or half-yearly recurrence");

    if (j.contains("window")) {
        const std::string wp = child(ptr, "window");
        expect_object(j["window"], file, wp, {"opens"});
        const auto& op = require(j["window"], "opens", file, wp);
        const std::string opp = child(wp, "opens");
        expect_object(op, file, opp, {"month", "day", "year_offset"});
        o.has_window = true;
        o.window_month = read_int(op, "month", 1, 12, file, opp);
        o.window_day = read_int(op, "day", 1, 31, file, opp);
        o.window_year_offset = read_int(op, "year_offset", 0, 5, file, opp, false);
    }
    o.non_working = j.contains("non_working_day")
                        ? read_enum_id<non_working_policy>(j, "non_working_day", file, ptr)
                        : non_working_policy::keep;
    return o;
}

} // namespace detail

inline void obligation_set::add(const nlohmann::json& doc, const std::string& file) {
    detail::expect_object(doc, file, "",
                          {"$schema", "id", "title", "regime", "effective", "note", "obligations"});
    const std::string id = detail::require_string(doc, "id", file, "");
    detail::read_text(doc, "title", file, "");
    // The period the file's obligations are in force (its regime's, e.g. Decree
    // 04/2015/NĐ-CP to 30/06/2023).
    std::optional<civil_day> from, to;
    if (doc.contains("effective")) {
        const auto& eff = doc["effective"];
        detail::expect_object(eff, file, "/effective", {"from", "to"});
        auto date = [&](std::string_view key) -> std::optional<civil_day> {
            if (!eff.contains(std::string(key))) return std::nullopt;
            const std::string s = detail::require_string(eff, key, file, "/effective");
            const auto d = civil_day::try_parse(s);
            if (!d)
                throw parse_error(file, detail::child("/effective", key),
                                  "\"" + s + "\" is not an existing date YYYY-MM-DD");
            return d;
        };
        from = date("from");
        to = date("to");
        if (from && to && *to < *from)
            throw parse_error(file, "/effective/to", "the end of validity is before its start");
    }
    const auto& list = detail::require(doc, "obligations", file, "");
    if (!list.is_array()) throw parse_error(file, "/obligations", "expected an array");
    std::vector<obligation> added;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string p = "/obligations/" + std::to_string(i);
        obligation o = detail::read_obligation(list[i], file, p);
        o.valid_from = from;
        o.valid_to = to;
        if (find(o.id) != npos)
            throw parse_error(file, p + "/id", "obligation id \"" + o.id + "\" is already defined");
        for (const auto& a : added)
            if (a.id == o.id)
                throw parse_error(file, p + "/id", "obligation id \"" + o.id + "\" appears twice");
        added.push_back(std::move(o));
    }
    for (auto& o : added) items_.push_back(std::move(o));
    sources_.push_back(id);
}

} // namespace danchu
