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
/// - `event_log` (`event_log.hpp`) holds them for one organisation, column by
///   column, with the builder that checks each record.
///
/// This header needs no JSON library; `event_io.hpp` reads the files.

#include <danchu/core/date.hpp>
#include <danchu/core/enum_names.hpp>
#include <danchu/core/error.hpp>
#include <danchu/core/text.hpp>
#include <danchu/core/citation.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace danchu {

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

DANCHU_ENUM_NAMES(event_field_type, "field type", {event_field_type::date, "date"},
                  {event_field_type::integer, "integer"}, {event_field_type::number, "number"},
                  {event_field_type::string, "string"}, {event_field_type::boolean, "boolean"},
                  {event_field_type::enumeration, "enum"}, {event_field_type::list, "list"},
                  {event_field_type::object, "object"})

/// @throws argument_error naming the accepted values.
inline event_field_type event_field_type_from_string(std::string_view s) {
    return from_string<event_field_type>(s);
}

/// One typed field of an event kind.
struct event_field {
    std::string name;
    event_field_type type = event_field_type::string;
    bool required = false;
    bilingual_text description;
    std::vector<std::string> values;        ///< enumeration: the accepted words
    std::string values_from;                ///< enumeration filled from a table ("publicity_items")
    std::optional<double> minimum, maximum; ///< integer and number bounds
    event_field_type item_type = event_field_type::string; ///< list: the items' type
    std::vector<event_field> item_fields;                  ///< list of objects: the items' fields
    std::vector<std::string> refers_to; ///< string holding another event's id: its possible kinds

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
struct event_citation : citation {
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
    bilingual_text title;
    bilingual_text date_means; ///< what the event's date is (received on, held on...)
    std::string note;
    std::vector<event_field> fields;
    std::vector<std::size_t> identity; ///< fields that, with unit, kind and date, identify an event
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
    bilingual_text title;
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

DANCHU_ENUM_NAMES(publicity_applies, "publicity applies", {publicity_applies::always, "always"},
                  {publicity_applies::triggered, "triggered"}, {publicity_applies::configured, "configured"})

/// One item of a regime's list of contents to publicise (Decree 04/2015
/// Art. 7, Law 10/2022 Art. 46).
struct publicity_item {
    std::string id;     ///< e.g. "l10-art46-5"
    std::string regime; ///< a regime id of the table
    event_citation citation;
    bilingual_text title;
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
            if (kd.fields.size() > 64) fail("event kind \"" + kd.id + "\" has more than 64 fields");
            for (std::size_t f : kd.identity)
                if (f >= kd.fields.size()) fail("event kind \"" + kd.id + "\": identity names no field");
            for (const auto& r : kd.regimes)
                if (find_regime(r.regime) == npos)
                    fail("event kind \"" + kd.id + "\" cites unknown regime \"" + r.regime + "\"");
        }
        for (const auto& kd : kinds_)
            for (const auto& f : kd.fields)
                for (const auto& r : f.refers_to) {
                    if (f.type != event_field_type::string)
                        fail("event kind \"" + kd.id + "\", field \"" + f.name +
                             "\": refers_to needs a string field");
                    if (find(r) == npos)
                        fail("event kind \"" + kd.id + "\", field \"" + f.name +
                             "\" refers to unknown kind \"" + r + "\"");
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
        auto it = index_.find(id);
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
    bool covers(day_number d) const {
        for (std::size_t r = 0; r < regimes_.size(); ++r) {
            const auto [from, to] = in_force(r);
            if (d >= from && (!to || d <= *to)) return true;
        }
        return false;
    }

private:
    void check_fields(std::vector<event_field>& fields, const std::string& what,
                      const std::vector<std::string>& item_ids, bool top) const {
        static constexpr std::string_view reserved[] = {"unit", "kind", "date", "id", "source", "note"};
        for (std::size_t i = 0; i < fields.size(); ++i) {
            auto& f = fields[i];
            const std::string where = what + ", field \"" + f.name + "\"";
            if (f.name.empty())
                throw evidence_error(source_ + ": " + what + " has a field with an empty name");
            if (top && std::find(std::begin(reserved), std::end(reserved), f.name) != std::end(reserved))
                throw evidence_error(source_ + ": " + where + ": the name is reserved for the event itself");
            for (std::size_t j = 0; j < i; ++j)
                if (fields[j].name == f.name) throw evidence_error(source_ + ": " + where + " appears twice");
            if (f.type == event_field_type::object)
                throw evidence_error(source_ + ": " + where + ": object is only a list's item type");
            if (f.type == event_field_type::enumeration) {
                if (f.values_from == "publicity_items")
                    f.values = item_ids;
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
                        throw evidence_error(source_ + ": " + where +
                                             ": a list of objects needs item fields");
                    check_fields(f.item_fields, where, item_ids, false);
                }
            }
        }
    }

    std::vector<event_kind> kinds_;
    std::vector<event_regime> regimes_;
    std::vector<publicity_item> items_;
    std::string source_;
    std::map<std::string, std::size_t, std::less<>>
        index_; ///< transparent: finds by string_view without allocating
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
    std::string id; ///< optional; unique per unit; other events refer to it
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

} // namespace danchu
