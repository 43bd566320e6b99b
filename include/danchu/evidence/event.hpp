#pragma once
/// @file
/// Dated events: what happened in each unit (a conference held, a request
/// received, a board elected, an item publicised, a report sent), each with
/// its date, its typed fields and its provenance, and what a unit declares did
/// not happen in a window ("declared none"). One record for rules, schedule
/// and reports (issue 11; the wiring is described in docs/events-migration.md).
///
/// - `event_kinds` is the table of kinds, loaded from `data/events/kinds.json`
///   and `data/events/publicity-items.json` (see `event_io.hpp`): each kind's
///   fields, the articles that speak of it per regime, and the regimes' validity.
/// - `event` and `declared_none` are the records as entered.
/// - `event_log` holds them for one organisation, column by column, sorted by
///   unit, kind and date, with an index (unit, kind) -> range.
/// - `event_log_builder` checks each record and builds the log.
///
/// This header needs no JSON library; `event_io.hpp` reads the files.

#include <danchu/core/civil.hpp>
#include <danchu/core/error.hpp>
#include <danchu/organisation/unit.hpp>
#include <danchu/rules/finding.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace danchu {

/// Text shown to users, in Vietnamese and English (the shape of
/// `bilingual_text`, repeated here so that this header needs no JSON library).
struct event_text {
    std::string vi;
    std::string en;
};

/// The type of an event field.
enum class event_field_type : std::uint8_t {
    date,        ///< an ISO date; stored as a day number
    integer,     ///< a whole number
    number,      ///< a real number
    string,      ///< free text
    boolean,     ///< true or false
    enumeration, ///< one word of the field's `values` ("enum" in the files); stored as its index
    list,        ///< a list of items of `item_type` (objects: `item_fields`)
    object,      ///< only as a list's item type: named fields `item_fields`
};

inline constexpr std::string_view to_string(event_field_type t) noexcept {
    switch (t) {
    case event_field_type::date: return "date";
    case event_field_type::integer: return "integer";
    case event_field_type::number: return "number";
    case event_field_type::string: return "string";
    case event_field_type::boolean: return "boolean";
    case event_field_type::enumeration: return "enum";
    case event_field_type::list: return "list";
    case event_field_type::object: return "object";
    }
    return "string";
}

/// @throws argument_error naming the accepted values.
inline event_field_type event_field_type_from_string(std::string_view s) {
    for (auto t : {event_field_type::date, event_field_type::integer, event_field_type::number,
                   event_field_type::string, event_field_type::boolean, event_field_type::enumeration,
                   event_field_type::list, event_field_type::object})
        if (to_string(t) == s) return t;
    throw argument_error("unknown field type \"" + std::string(s) +
                         "\": expected date, integer, number, string, boolean, enum, list or object");
}

/// One typed field of an event kind.
struct event_field {
    std::string name;
    event_field_type type = event_field_type::string;
    bool required = false;
    event_text description;
    std::vector<std::string> values;      ///< enumeration: the accepted words
    std::string values_from;              ///< enumeration filled from a table ("publicity_items")
    std::optional<double> minimum, maximum; ///< integer and number bounds
    event_field_type item_type = event_field_type::string; ///< list: the items' type
    std::vector<event_field> item_fields; ///< list of objects: the items' fields

    /// Index of an enumeration word, or npos.
    std::size_t find_value(std::string_view word) const noexcept {
        for (std::size_t i = 0; i < values.size(); ++i)
            if (values[i] == word) return i;
        return npos;
    }
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

/// An article that speaks of an event kind, with the confidence the legal
/// briefs give it. `document` is the id of a pack's regime document (ND04,
/// TT01, ND159, L10, ND59, ND64, BG2018).
struct event_citation {
    std::string document, article, clause, point, note;
    confidence conf = confidence::uncertain;
};

/// The articles of one regime that speak of an event kind.
struct event_regime_citations {
    std::string regime; ///< a regime id of the table (a pack id)
    std::vector<event_citation> citations;
};

/// One kind of event.
struct event_kind {
    std::string id;
    event_text title;
    event_text date_means;                 ///< what the event's date is (received on, held on...)
    std::string note;
    std::vector<event_field> fields;
    std::vector<std::size_t> identity;     ///< fields that, with unit, kind and date, identify an event
    std::vector<event_regime_citations> regimes;

    /// Index of a field, or npos.
    std::size_t find_field(std::string_view name) const noexcept {
        for (std::size_t i = 0; i < fields.size(); ++i)
            if (fields[i].name == name) return i;
        return npos;
    }
    /// The citations of a regime, or nullptr if that regime does not speak of the kind.
    const event_regime_citations* regime(std::string_view id) const noexcept {
        for (const auto& r : regimes)
            if (r.regime == id) return &r;
        return nullptr;
    }
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

/// A body of law with its validity (the packs' `regime.valid_from/valid_to`).
/// An overlay names its `base`; it is in force no longer than the base.
struct event_regime {
    std::string id;
    event_text title;
    day_number valid_from = 0;
    std::optional<day_number> valid_to;
    std::string base;
    std::string note;
};

/// When a publicity item is due.
enum class publicity_applies : std::uint8_t {
    always,     ///< every year
    triggered,  ///< only after an event of a kind in `triggered_by`
    configured, ///< only where a unit's democracy regulation (or another law) names it
};

inline constexpr std::string_view to_string(publicity_applies a) noexcept {
    switch (a) {
    case publicity_applies::always: return "always";
    case publicity_applies::triggered: return "triggered";
    case publicity_applies::configured: return "configured";
    }
    return "always";
}

/// One item of a regime's list of contents to publicise (Decree 04/2015
/// Art. 7, Law 10/2022 Art. 46).
struct publicity_item {
    std::string id;     ///< e.g. "l10-art46-5"
    std::string regime; ///< a regime id of the table
    event_citation citation;
    event_text title;
    publicity_applies when = publicity_applies::always;
    std::vector<std::string> triggered_by; ///< event kinds; for `always`, events that each start a clock
    confidence applies_conf = confidence::uncertain; ///< of the always/triggered reading
    std::string applies_note;
};

/// The table of event kinds, regimes and publicity items, validated once.
class event_kinds {
public:
    event_kinds() = default;

    /// Validates: ids unique (kinds, regimes, items); field names unique and
    /// none reserved (unit, kind, date, id, source, note); enumerations with
    /// values; identity fields and regimes known; overlays' bases known;
    /// items' regimes and trigger kinds known. Fields with `values_from:
    /// "publicity_items"` get the item ids as their values.
    /// @param source named in error messages (a file name or "<memory>").
    /// @throws evidence_error naming the source, the kind and what is wrong.
    event_kinds(std::vector<event_kind> kinds, std::vector<event_regime> regimes,
                std::vector<publicity_item> items, std::string source = "<memory>")
        : kinds_(std::move(kinds)), regimes_(std::move(regimes)), items_(std::move(items)),
          source_(std::move(source)) {
        auto fail = [&](const std::string& m) { throw evidence_error(source_ + ": " + m); };
        for (std::size_t i = 0; i < regimes_.size(); ++i)
            for (std::size_t j = 0; j < i; ++j)
                if (regimes_[i].id == regimes_[j].id) fail("regime \"" + regimes_[i].id + "\" appears twice");
        for (const auto& r : regimes_) {
            if (!r.base.empty() && find_regime(r.base) == npos)
                fail("regime \"" + r.id + "\" has unknown base \"" + r.base + "\"");
            if (r.valid_to && *r.valid_to < r.valid_from)
                fail("regime \"" + r.id + "\" ends (" + to_iso(*r.valid_to) + ") before it starts (" +
                     to_iso(r.valid_from) + ")");
        }
        std::vector<std::string> item_ids;
        for (const auto& it : items_) {
            if (std::find(item_ids.begin(), item_ids.end(), it.id) != item_ids.end())
                fail("publicity item \"" + it.id + "\" appears twice");
            item_ids.push_back(it.id);
            if (find_regime(it.regime) == npos)
                fail("publicity item \"" + it.id + "\" names unknown regime \"" + it.regime + "\"");
        }
        for (std::size_t k = 0; k < kinds_.size(); ++k) {
            auto& kd = kinds_[k];
            if (kd.id.empty()) fail("an event kind has an empty id");
            if (!index_.emplace(kd.id, k).second) fail("event kind \"" + kd.id + "\" appears twice");
            check_fields(kd.fields, "event kind \"" + kd.id + "\"", item_ids, true);
            for (std::size_t f : kd.identity)
                if (f >= kd.fields.size()) fail("event kind \"" + kd.id + "\": identity names no field");
            for (const auto& r : kd.regimes)
                if (find_regime(r.regime) == npos)
                    fail("event kind \"" + kd.id + "\" cites unknown regime \"" + r.regime + "\"");
        }
        for (const auto& it : items_)
            for (const auto& t : it.triggered_by)
                if (find(t) == npos)
                    fail("publicity item \"" + it.id + "\" is triggered by unknown event kind \"" + t + "\"");
    }

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    std::size_t size() const noexcept { return kinds_.size(); }
    const event_kind& operator[](std::size_t k) const noexcept { return kinds_[k]; }
    const std::vector<event_kind>& kinds() const noexcept { return kinds_; }
    const std::vector<event_regime>& regimes() const noexcept { return regimes_; }
    const std::vector<publicity_item>& items() const noexcept { return items_; }
    const std::string& source() const noexcept { return source_; }

    /// Index of a kind, or npos.
    std::size_t find(std::string_view id) const {
        auto it = index_.find(std::string(id));
        return it == index_.end() ? npos : it->second;
    }
    /// Index of a regime, or npos.
    std::size_t find_regime(std::string_view id) const noexcept {
        for (std::size_t i = 0; i < regimes_.size(); ++i)
            if (regimes_[i].id == id) return i;
        return npos;
    }
    /// The publicity item with this id, or nullptr.
    const publicity_item* find_item(std::string_view id) const noexcept {
        for (const auto& it : items_)
            if (it.id == id) return &it;
        return nullptr;
    }

    /// The days regime `r` is in force: its own validity, bounded by its
    /// base's (an overlay lapses with the regime it overlays).
    std::pair<day_number, std::optional<day_number>> in_force(std::size_t r) const {
        day_number from = regimes_[r].valid_from;
        std::optional<day_number> to = regimes_[r].valid_to;
        for (std::size_t b = find_regime(regimes_[r].base), steps = 0; b != npos && steps <= regimes_.size();
             b = find_regime(regimes_[b].base), ++steps) {
            from = std::max(from, regimes_[b].valid_from);
            if (regimes_[b].valid_to) to = to ? std::min(*to, *regimes_[b].valid_to) : *regimes_[b].valid_to;
        }
        return {from, to};
    }
    /// The regimes in force on day `d` (indices into regimes()).
    std::vector<std::size_t> regimes_on(day_number d) const {
        std::vector<std::size_t> out;
        for (std::size_t r = 0; r < regimes_.size(); ++r) {
            const auto [from, to] = in_force(r);
            if (d >= from && (!to || d <= *to)) out.push_back(r);
        }
        return out;
    }
    /// True if some regime of the table is in force on day `d`.
    bool covers(day_number d) const { return !regimes_on(d).empty(); }

private:
    void check_fields(std::vector<event_field>& fields, const std::string& what,
                      const std::vector<std::string>& item_ids, bool top) const {
        static constexpr std::string_view reserved[] = {"unit", "kind", "date", "id", "source", "note"};
        for (std::size_t i = 0; i < fields.size(); ++i) {
            auto& f = fields[i];
            const std::string where = what + ", field \"" + f.name + "\"";
            if (f.name.empty()) throw evidence_error(source_ + ": " + what + " has a field with an empty name");
            if (top && std::find(std::begin(reserved), std::end(reserved), f.name) != std::end(reserved))
                throw evidence_error(source_ + ": " + where + ": the name is reserved for the event itself");
            for (std::size_t j = 0; j < i; ++j)
                if (fields[j].name == f.name) throw evidence_error(source_ + ": " + where + " appears twice");
            if (f.type == event_field_type::object)
                throw evidence_error(source_ + ": " + where + ": object is only a list's item type");
            if (f.type == event_field_type::enumeration) {
                if (f.values_from == "publicity_items") f.values = item_ids;
                else if (!f.values_from.empty())
                    throw evidence_error(source_ + ": " + where + ": unknown values_from \"" + f.values_from +
                                         "\": expected publicity_items");
                if (f.values.empty()) throw evidence_error(source_ + ": " + where + ": an enum needs values");
            }
            if (f.type == event_field_type::list) {
                if (f.item_type == event_field_type::enumeration && f.values.empty())
                    throw evidence_error(source_ + ": " + where + ": a list of enum items needs values");
                if (f.item_type == event_field_type::list)
                    throw evidence_error(source_ + ": " + where + ": a list of lists is not supported");
                if (f.item_type == event_field_type::object) {
                    if (f.item_fields.empty())
                        throw evidence_error(source_ + ": " + where + ": a list of objects needs item fields");
                    check_fields(f.item_fields, where, item_ids, false);
                }
            }
        }
    }

    std::vector<event_kind> kinds_;
    std::vector<event_regime> regimes_;
    std::vector<publicity_item> items_;
    std::string source_;
    std::unordered_map<std::string, std::size_t> index_;
};

/// One field's value in an event. Numbers, booleans (0/1), dates (day
/// numbers) and enumerations (index of the word) are in `number`; strings in
/// `text`; a list's items (and an object item's fields, in the order of the
/// kind's item fields) in `items`.
struct event_value {
    bool present = false;
    double number = 0;
    std::string text;
    std::vector<event_value> items;
};

/// Where a record comes from, as entered (all optional).
struct event_source {
    std::string document;   ///< number of the recording document (minutes, decision)
    std::string issuer;     ///< issuing body
    std::string file;       ///< the unit's own file the record was copied from
    std::string sheet;      ///< its sheet
    std::int64_t row = 0;   ///< its row (0: not given)
    std::string entered_by; ///< who entered the record
    std::string entered_on; ///< ISO date it was entered
};

/// Where danchu read a record: the file and the JSON pointer (or "line N").
struct event_origin {
    std::string file;
    std::string pointer;
    std::string text() const { return file + (pointer.empty() ? std::string() : ":" + pointer); }
};

/// One event as entered: `values` holds one value per field of its kind, in
/// the kind's order (absent ones not `present`).
struct event {
    std::string unit;
    std::string kind;
    day_number date = 0;
    std::string id;   ///< optional; unique per unit; other events refer to it
    std::string note;
    std::vector<event_value> values;
    event_source source;
};

/// A unit's declaration that no event of `kind` happened from `from` to `to`
/// (inclusive). It is evidence: rules pass or fail on it. What a unit did not
/// report at all stays unknown.
struct declared_none {
    std::string unit;
    std::string kind;
    day_number from = 0, to = 0;
    std::string note;
    event_source source;
};

/// A problem found while building an event log leniently: the record
/// concerned is left out (for a declared none beside an event: the
/// declaration). `kind`: unknown_unit, unknown_kind, unknown_field,
/// invalid_value, missing_field, uncovered_date, duplicate_event,
/// duplicate_id, none_conflict, invalid_none.
struct event_issue {
    std::string kind;
    std::string file;
    std::string location; ///< JSON pointer or "line N"
    std::string subject;  ///< the unit
    std::string message;
};

/// The events and declared nones of one organisation, immutable, stored
/// column by column and sorted by (unit, kind, date, input order). Units are
/// the organisation's indices; kinds the table's.
class event_log {
public:
    event_log() = default;

    const std::shared_ptr<const event_kinds>& kinds() const noexcept { return kinds_; }
    const std::vector<std::string>& unit_ids() const noexcept { return unit_ids_; }

    /// Number of events.
    std::size_t size() const noexcept { return date_.size(); }
    std::uint32_t unit(std::size_t e) const noexcept { return unit_[e]; }
    std::uint32_t kind(std::size_t e) const noexcept { return kind_[e]; }
    day_number date(std::size_t e) const noexcept { return date_[e]; }
    const std::vector<std::uint32_t>& unit_column() const noexcept { return unit_; }
    const std::vector<std::uint32_t>& kind_column() const noexcept { return kind_; }
    const std::vector<day_number>& date_column() const noexcept { return date_; }
    const std::string& id(std::size_t e) const noexcept { return ids_[e]; }
    const std::string& note(std::size_t e) const noexcept { return notes_[e]; }
    /// The value of field `f` (index in the kind's fields) of event `e`.
    const event_value& value(std::size_t e, std::size_t f) const noexcept { return values_[value_begin_[e] + f]; }
    /// The value of the field named `name`, or nullptr if the kind has no such field.
    const event_value* value(std::size_t e, std::string_view name) const {
        const std::size_t f = (*kinds_)[kind_[e]].find_field(name);
        return f == event_kind::npos ? nullptr : &value(e, f);
    }
    const event_source& source(std::size_t e) const noexcept { return sources_[e]; }
    const event_origin& origin(std::size_t e) const noexcept { return origins_[e]; }

    /// Events of unit `u` and kind `k`: [first, last), sorted by date.
    std::pair<std::size_t, std::size_t> range(std::size_t u, std::size_t k) const noexcept {
        if (slot_.empty()) return {0, 0};
        const std::size_t s = u * kinds_->size() + k;
        return {slot_[s], slot_[s + 1]};
    }
    /// The event of unit `u` with this id, or npos.
    std::size_t find_id(std::size_t u, std::string_view id) const {
        auto it = by_id_.find(std::to_string(u) + '\x1f' + std::string(id));
        return it == by_id_.end() ? npos : it->second;
    }

    /// Declared nones, sorted by (unit, kind, from).
    const std::vector<declared_none>& nones() const noexcept { return nones_; }
    const std::vector<std::uint32_t>& none_units() const noexcept { return none_unit_; }
    const std::vector<std::uint32_t>& none_kinds() const noexcept { return none_kind_; }
    const event_origin& none_origin(std::size_t j) const noexcept { return none_origins_[j]; }
    /// Declared nones of unit `u` and kind `k`: [first, last).
    std::pair<std::size_t, std::size_t> none_range(std::size_t u, std::size_t k) const noexcept {
        if (none_slot_.empty()) return {0, 0};
        const std::size_t s = u * kinds_->size() + k;
        return {none_slot_[s], none_slot_[s + 1]};
    }

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

private:
    friend class event_log_builder;
    std::shared_ptr<const event_kinds> kinds_;
    std::vector<std::string> unit_ids_;
    std::vector<std::uint32_t> unit_, kind_;
    std::vector<day_number> date_;
    std::vector<std::string> ids_, notes_;
    std::vector<std::size_t> value_begin_;
    std::vector<event_value> values_;
    std::vector<event_source> sources_;
    std::vector<event_origin> origins_;
    std::vector<std::size_t> slot_;
    std::unordered_map<std::string, std::size_t> by_id_;
    std::vector<declared_none> nones_;
    std::vector<std::uint32_t> none_unit_, none_kind_;
    std::vector<event_origin> none_origins_;
    std::vector<std::size_t> none_slot_;
};

/// Checks events and declared nones one by one and builds the `event_log`.
/// Each problem names the record's origin (file and JSON pointer). Without a
/// problem sink the first problem throws evidence_error; with one, the record
/// is left out and the problem recorded.
class event_log_builder {
public:
    /// @throws argument_error if `kinds` is null.
    event_log_builder(std::shared_ptr<const event_kinds> kinds, const organisation& org) : org_(&org) {
        if (!kinds) throw argument_error("event_log_builder: the event kinds table is null");
        log_.kinds_ = std::move(kinds);
        log_.unit_ids_.reserve(org.size());
        for (const auto& u : org.units()) log_.unit_ids_.push_back(u.id);
    }

    /// Collect problems in `sink` instead of throwing.
    void set_problem_sink(std::vector<event_issue>* sink) noexcept { sink_ = sink; }

    /// Adds an event: its unit must be in the organisation, its kind in the
    /// table, its values one per field with every required field present,
    /// within bounds, and its date in force under some regime of the table.
    /// @return false if the event was left out (lenient mode).
    bool add(event e, event_origin where) {
        const std::size_t u = org_->find(e.unit);
        if (u == organisation::npos)
            return problem("unknown_unit", where, e.unit, "", "unit \"" + e.unit +
                           "\" is not in the organisation (check the units file)");
        const auto& table = *log_.kinds_;
        const std::size_t k = table.find(e.kind);
        if (k == event_kinds::npos)
            return problem("unknown_kind", where, e.unit, "/kind", "unknown event kind \"" + e.kind + "\"");
        const event_kind& kd = table[k];
        if (e.values.size() != kd.fields.size())
            return problem("invalid_value", where, e.unit, "",
                           "expected " + std::to_string(kd.fields.size()) + " values for kind \"" + kd.id +
                               "\", found " + std::to_string(e.values.size()));
        for (std::size_t f = 0; f < kd.fields.size(); ++f) {
            const std::string bad = check_value(kd.fields[f], e.values[f]);
            if (!bad.empty())
                return problem(e.values[f].present ? "invalid_value" : "missing_field", where, e.unit,
                               e.values[f].present ? "/" + kd.fields[f].name : "", bad);
        }
        if (!table.covers(e.date))
            return problem("uncovered_date", where, e.unit, "/date",
                           "no regime of " + table.source() + " is in force on " + to_iso(e.date) +
                               " (the events file can only record what some regime speaks of)");
        pending_.push_back({static_cast<std::uint32_t>(u), static_cast<std::uint32_t>(k), std::move(e),
                            std::move(where)});
        return true;
    }

    /// Adds a declared none: unit known, kind known, from <= to.
    /// @return false if it was left out (lenient mode).
    bool add_none(declared_none n, event_origin where) {
        const std::size_t u = org_->find(n.unit);
        if (u == organisation::npos)
            return problem("unknown_unit", where, n.unit, "", "unit \"" + n.unit +
                           "\" is not in the organisation (check the units file)");
        const std::size_t k = log_.kinds_->find(n.kind);
        if (k == event_kinds::npos)
            return problem("unknown_kind", where, n.unit, "/kind", "unknown event kind \"" + n.kind + "\"");
        if (n.from > n.to)
            return problem("invalid_none", where, n.unit, "/to",
                           "the window ends (" + to_iso(n.to) + ") before it starts (" + to_iso(n.from) + ")");
        pending_none_.push_back({static_cast<std::uint32_t>(u), static_cast<std::uint32_t>(k), std::move(n),
                                 std::move(where)});
        return true;
    }

    /// Sorts, indexes and checks across records: the same event twice (same
    /// unit, kind, date and identity fields), an id used twice in a unit, and
    /// a declared none beside an event of its kind inside its window (the
    /// declaration is left out in lenient mode).
    /// @throws evidence_error (strict mode) naming both records' origins.
    event_log build() {
        const std::size_t nk = log_.kinds_->size(), nu = log_.unit_ids_.size();
        std::vector<std::size_t> order(pending_.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const auto& x = pending_[a];
            const auto& y = pending_[b];
            if (x.unit != y.unit) return x.unit < y.unit;
            if (x.kind != y.kind) return x.kind < y.kind;
            return x.e.date < y.e.date;
        });
        std::vector<std::size_t> kept;
        kept.reserve(order.size());
        for (std::size_t i : order) {
            const pending& p = pending_[i];
            const event_kind& kd = (*log_.kinds_)[p.kind];
            bool dup = false;
            for (std::size_t j = kept.size(); j-- > 0;) { // same unit, kind and date only
                const pending& q = pending_[kept[j]];
                if (q.unit != p.unit || q.kind != p.kind || q.e.date != p.e.date) break;
                if (same_identity(kd, p.e, q.e)) {
                    dup = true;
                    problem("duplicate_event", p.where, p.e.unit, "",
                            "the same " + kd.id + " event (unit, date" + identity_names(kd) +
                                ") is already recorded at " + q.where.text());
                    break;
                }
            }
            if (!dup && !p.e.id.empty()) {
                const std::string key = std::to_string(p.unit) + '\x1f' + p.e.id;
                auto [it, fresh] = ids_.emplace(key, i);
                if (!fresh) {
                    dup = true;
                    problem("duplicate_id", p.where, p.e.unit, "/id",
                            "event id \"" + p.e.id + "\" is already used in unit \"" + p.e.unit + "\" at " +
                                pending_[it->second].where.text());
                }
            }
            if (!dup) kept.push_back(i);
        }
        event_log& L = log_;
        L.slot_.assign(nu * nk + 1, 0);
        for (std::size_t i : kept) ++L.slot_[pending_[i].unit * nk + pending_[i].kind + 1];
        for (std::size_t s = 1; s < L.slot_.size(); ++s) L.slot_[s] += L.slot_[s - 1];
        for (std::size_t i : kept) {
            pending& p = pending_[i];
            const std::size_t e = L.date_.size();
            L.unit_.push_back(p.unit);
            L.kind_.push_back(p.kind);
            L.date_.push_back(p.e.date);
            if (!p.e.id.empty()) L.by_id_.emplace(std::to_string(p.unit) + '\x1f' + p.e.id, e);
            L.ids_.push_back(std::move(p.e.id));
            L.notes_.push_back(std::move(p.e.note));
            L.value_begin_.push_back(L.values_.size());
            for (auto& v : p.e.values) L.values_.push_back(std::move(v));
            L.sources_.push_back(std::move(p.e.source));
            L.origins_.push_back(std::move(p.where));
        }
        // Declared nones: left out when an event of their kind falls in their window.
        std::vector<std::size_t> norder(pending_none_.size());
        std::iota(norder.begin(), norder.end(), std::size_t{0});
        std::stable_sort(norder.begin(), norder.end(), [&](std::size_t a, std::size_t b) {
            const auto& x = pending_none_[a];
            const auto& y = pending_none_[b];
            if (x.unit != y.unit) return x.unit < y.unit;
            if (x.kind != y.kind) return x.kind < y.kind;
            return x.n.from < y.n.from;
        });
        L.none_slot_.assign(nu * nk + 1, 0);
        for (std::size_t j : norder) {
            pending_none& p = pending_none_[j];
            const auto [first, last] = L.range(p.unit, p.kind);
            auto it = std::lower_bound(L.date_.begin() + static_cast<std::ptrdiff_t>(first),
                                       L.date_.begin() + static_cast<std::ptrdiff_t>(last), p.n.from);
            if (it != L.date_.begin() + static_cast<std::ptrdiff_t>(last) && *it <= p.n.to) {
                const std::size_t e = static_cast<std::size_t>(it - L.date_.begin());
                problem("none_conflict", p.where, p.n.unit, "",
                        "declares no " + p.n.kind + " event from " + to_iso(p.n.from) + " to " + to_iso(p.n.to) +
                            ", but one dated " + to_iso(L.date_[e]) + " is recorded at " + L.origins_[e].text() +
                            "; the declaration is left out");
                continue;
            }
            ++L.none_slot_[p.unit * nk + p.kind + 1];
            L.none_unit_.push_back(p.unit);
            L.none_kind_.push_back(p.kind);
            L.nones_.push_back(std::move(p.n));
            L.none_origins_.push_back(std::move(p.where));
        }
        for (std::size_t s = 1; s < L.none_slot_.size(); ++s) L.none_slot_[s] += L.none_slot_[s - 1];
        pending_.clear();
        pending_none_.clear();
        ids_.clear();
        return std::move(log_);
    }

    /// Checks one value against its field; "" if it fits, else what is wrong.
    static std::string check_value(const event_field& f, const event_value& v) {
        if (!v.present) return f.required ? "missing required field \"" + f.name + "\"" : std::string();
        const std::string name = "field \"" + f.name + "\"";
        switch (f.type) {
        case event_field_type::integer:
        case event_field_type::number:
            if (f.type == event_field_type::integer && v.number != static_cast<double>(static_cast<long long>(v.number)))
                return name + ": expected a whole number";
            if (f.minimum && v.number < *f.minimum) return name + ": below the minimum " + num(*f.minimum);
            if (f.maximum && v.number > *f.maximum) return name + ": above the maximum " + num(*f.maximum);
            return {};
        case event_field_type::boolean:
            return v.number == 0 || v.number == 1 ? std::string() : name + ": expected true or false";
        case event_field_type::enumeration:
            return v.number >= 0 && v.number < static_cast<double>(f.values.size()) &&
                           v.number == static_cast<double>(static_cast<std::size_t>(v.number))
                       ? std::string()
                       : name + ": not one of its values";
        case event_field_type::list: {
            event_field item;
            item.name = f.name + " item";
            item.type = f.item_type;
            item.values = f.values;
            item.minimum = f.minimum;
            item.maximum = f.maximum;
            for (const auto& x : v.items) {
                if (f.item_type == event_field_type::object) {
                    if (x.items.size() != f.item_fields.size()) return name + ": an item has the wrong number of fields";
                    for (std::size_t i = 0; i < f.item_fields.size(); ++i)
                        if (auto bad = check_value(f.item_fields[i], x.items[i]); !bad.empty()) return name + ": " + bad;
                } else if (auto bad = check_value(item, x); !bad.empty()) {
                    return bad;
                }
            }
            return {};
        }
        default: return {};
        }
    }

private:
    struct pending {
        std::uint32_t unit, kind;
        event e;
        event_origin where;
    };
    struct pending_none {
        std::uint32_t unit, kind;
        declared_none n;
        event_origin where;
    };

    static std::string num(double x) {
        const long long i = static_cast<long long>(x);
        return static_cast<double>(i) == x ? std::to_string(i) : std::to_string(x);
    }
    static bool same_value(const event_value& a, const event_value& b) {
        if (a.present != b.present) return false;
        if (a.number != b.number || a.text != b.text || a.items.size() != b.items.size()) return false;
        for (std::size_t i = 0; i < a.items.size(); ++i)
            if (!same_value(a.items[i], b.items[i])) return false;
        return true;
    }
    static bool same_identity(const event_kind& kd, const event& a, const event& b) {
        for (std::size_t f : kd.identity)
            if (!same_value(a.values[f], b.values[f])) return false;
        return true;
    }
    static std::string identity_names(const event_kind& kd) {
        std::string out;
        for (std::size_t f : kd.identity) out += ", " + kd.fields[f].name;
        return out;
    }
    /// Records or throws; always returns false (the record is left out).
    bool problem(const char* kind, const event_origin& where, const std::string& unit, const std::string& sub,
                 const std::string& message) {
        const std::string pointer = where.pointer + sub;
        if (!sink_) throw evidence_error(where.file + ":" + pointer + ": " + message);
        sink_->push_back({kind, where.file, pointer, unit, where.file + ":" + pointer + ": " + message});
        return false;
    }

    const organisation* org_;
    event_log log_;
    std::vector<pending> pending_;
    std::vector<pending_none> pending_none_;
    std::unordered_map<std::string, std::size_t> ids_;
    std::vector<event_issue>* sink_ = nullptr;
};

} // namespace danchu
