#pragma once
/// @file
/// The event log: the events and declared nones of one organisation, stored
/// column by column and sorted by unit, kind and date, with an index
/// (unit, kind) -> range; and the builder that checks each record (unit,
/// kind, values, date in force) and, across records, the same event twice and
/// a declared none beside an event of its kind. `event_io.hpp` fills it from
/// files; `windows.hpp` asks it what happened in a window.

#include <danchu/core/date.hpp>
#include <danchu/core/error.hpp>
#include <danchu/evidence/event.hpp>
#include <danchu/organisation/unit.hpp>

#include <algorithm>
#include <bitset>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <numeric>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace danchu {

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
    const std::vector<std::string>& unit_ids() const noexcept {
        static const std::vector<std::string> none;
        return unit_ids_ ? *unit_ids_ : none; // null only when moved from
    }
    /// The list of unit ids, shared with the organisation it was built for.
    const std::shared_ptr<const std::vector<std::string>>& shared_unit_ids() const noexcept {
        return unit_ids_;
    }

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
    /// (Only present values are stored: a mask per event says which.)
    const event_value& value(std::size_t e, std::size_t f) const noexcept {
        static const event_value absent{};
        const std::uint64_t m = present_[e];
        if (f >= 64 || !((m >> f) & 1u)) return absent;
        return values_[value_begin_[e] + std::bitset<64>(m & ((std::uint64_t{1} << f) - 1)).count()];
    }
    /// The value of the field named `name`, or nullptr if the kind has no such field.
    const event_value* value(std::size_t e, std::string_view name) const {
        const std::size_t f = (*kinds_)[kind_[e]].find_field(name);
        return f == event_kind::npos ? nullptr : &value(e, f);
    }
    /// The provenance as entered (empty if none was given).
    const event_source& source(std::size_t e) const noexcept {
        static const event_source none{};
        return source_index_[e] == no_source ? none : sources_[source_index_[e]];
    }
    /// Where danchu read the event.
    event_origin origin(std::size_t e) const { return {files_[origin_file_[e]], origin_pointer_[e]}; }

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
    event_origin none_origin(std::size_t j) const { return {files_[none_file_[j]], none_pointer_[j]}; }
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
    std::shared_ptr<const std::vector<std::string>> unit_ids_ =
        std::make_shared<const std::vector<std::string>>();
    std::vector<std::uint32_t> unit_, kind_;
    std::vector<day_number> date_;
    std::vector<std::string> ids_, notes_;
    std::vector<std::size_t> value_begin_;
    std::vector<std::uint64_t> present_; ///< bit f: field f has a value
    std::vector<event_value> values_;    ///< the present values, event by event
    static constexpr std::uint32_t no_source = static_cast<std::uint32_t>(-1);
    std::vector<std::uint32_t> source_index_; ///< into sources_, or no_source
    std::vector<event_source> sources_;
    std::vector<std::string> files_;         ///< the files read, once each
    std::vector<std::uint32_t> origin_file_; ///< index into files_
    std::vector<std::string> origin_pointer_;
    std::vector<std::size_t> slot_;
    std::unordered_map<std::string, std::size_t> by_id_;
    std::vector<declared_none> nones_;
    std::vector<std::uint32_t> none_unit_, none_kind_;
    std::vector<std::uint32_t> none_file_;
    std::vector<std::string> none_pointer_;
    std::vector<std::size_t> none_slot_;
};

/// The references that do not resolve: a string field with `refers_to` (a
/// conference's `request`, an answer's `recommendation`, a publication's
/// `trigger`) must name the `id` of an event of one of those kinds in the same
/// unit. The loaders do not check this, because the event referred to may be
/// in a file not loaded yet; call it once the log is complete. Each issue
/// (`unresolved_reference`) names the record's file and JSON pointer.
inline std::vector<event_issue> unresolved_references(const event_log& log) {
    std::vector<event_issue> out;
    const auto& table = *log.kinds();
    for (std::size_t e = 0; e < log.size(); ++e) {
        const event_kind& kd = table[log.kind(e)];
        for (std::size_t f = 0; f < kd.fields.size(); ++f) {
            const auto& refs = kd.fields[f].refers_to;
            const event_value& v = log.value(e, f);
            if (refs.empty() || !v.present) continue;
            const std::size_t t = log.find_id(log.unit(e), v.text);
            if (t != event_log::npos &&
                std::find(refs.begin(), refs.end(), table[log.kind(t)].id) != refs.end())
                continue;
            std::string kinds;
            for (const auto& r : refs) kinds += (kinds.empty() ? "" : ", ") + r;
            const event_origin o = log.origin(e);
            const std::string pointer = o.pointer + "/" + kd.fields[f].name;
            out.push_back(
                {"unresolved_reference", o.file, pointer, log.unit_ids()[log.unit(e)],
                 o.file + ":" + pointer + ": \"" + v.text + "\" is not the id of " +
                     (t == event_log::npos ? std::string("any event") : "an event of kind " + kinds) +
                     " in unit \"" + log.unit_ids()[log.unit(e)] + "\"" +
                     (t == event_log::npos ? " (expected " + kinds + ")" : std::string())});
        }
    }
    return out;
}

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
        log_.unit_ids_ = org.unit_ids();
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
            return problem("unknown_unit", where, e.unit, "",
                           "unit \"" + e.unit + "\" is not in the organisation (check the units file)");
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
        // Keep only the present values (most fields of most events are absent).
        std::uint64_t mask = 0;
        std::vector<event_value> present;
        for (std::size_t f = 0; f < e.values.size(); ++f)
            if (e.values[f].present) {
                mask |= std::uint64_t{1} << f;
                present.push_back(std::move(e.values[f]));
            }
        e.values = std::move(present);
        std::string().swap(e.unit); // the indices say it
        std::string().swap(e.kind);
        pending_.push_back({static_cast<std::uint32_t>(u), static_cast<std::uint32_t>(k), std::move(e),
                            intern(std::move(where)), mask});
        return true;
    }

    /// Adds a declared none: unit known, kind known, from <= to.
    /// @return false if it was left out (lenient mode).
    bool add_none(declared_none n, event_origin where) {
        const std::size_t u = org_->find(n.unit);
        if (u == organisation::npos)
            return problem("unknown_unit", where, n.unit, "",
                           "unit \"" + n.unit + "\" is not in the organisation (check the units file)");
        const std::size_t k = log_.kinds_->find(n.kind);
        if (k == event_kinds::npos)
            return problem("unknown_kind", where, n.unit, "/kind", "unknown event kind \"" + n.kind + "\"");
        if (n.from > n.to)
            return problem("invalid_none", where, n.unit, "/to",
                           "the window ends (" + to_iso(n.to) + ") before it starts (" + to_iso(n.from) +
                               ")");
        pending_none_.push_back({static_cast<std::uint32_t>(u), static_cast<std::uint32_t>(k), std::move(n),
                                 intern(std::move(where))});
        return true;
    }

    /// How far the builder has got: the records and problems added so far.
    struct checkpoint {
        std::size_t events = 0, nones = 0, problems = 0;
    };
    checkpoint mark() const noexcept {
        return {pending_.size(), pending_none_.size(), sink_ ? sink_->size() : 0};
    }
    /// Drops the records and problems added since `c` (a reader that reads a
    /// file again from its start, danchu::ingest, goes back to where it began).
    void rollback(const checkpoint& c) {
        if (c.events < pending_.size())
            pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(c.events), pending_.end());
        if (c.nones < pending_none_.size())
            pending_none_.erase(pending_none_.begin() + static_cast<std::ptrdiff_t>(c.nones),
                                pending_none_.end());
        if (sink_ && c.problems < sink_->size())
            sink_->erase(sink_->begin() + static_cast<std::ptrdiff_t>(c.problems), sink_->end());
    }

    /// Sorts, indexes and checks across records: the same event twice (same
    /// unit, kind, date and identity fields), an id used twice in a unit, and
    /// a declared none beside an event of its kind inside its window (the
    /// declaration is left out in lenient mode).
    /// @throws evidence_error (strict mode) naming both records' origins.
    event_log build() {
        const std::size_t nk = log_.kinds_->size(), nu = log_.unit_ids_->size();
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
                if (same_identity(kd, p, q)) {
                    dup = true;
                    problem("duplicate_event", text_of(p.where), (*log_.unit_ids_)[p.unit], "",
                            "the same " + kd.id + " event (unit, date" + identity_names(kd) +
                                ") is already recorded at " + text_of(q.where).text());
                    break;
                }
            }
            if (!dup && !p.e.id.empty()) {
                const std::string key = std::to_string(p.unit) + '\x1f' + p.e.id;
                auto [it, fresh] = ids_.emplace(key, i);
                if (!fresh) {
                    dup = true;
                    problem("duplicate_id", text_of(p.where), (*log_.unit_ids_)[p.unit], "/id",
                            "event id \"" + p.e.id + "\" is already used in unit \"" +
                                (*log_.unit_ids_)[p.unit] + "\" at " +
                                text_of(pending_[it->second].where).text());
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
            L.present_.push_back(p.mask);
            std::vector<event_value>().swap(p.e.values);
            if (is_empty(p.e.source)) {
                L.source_index_.push_back(event_log::no_source);
            } else {
                L.source_index_.push_back(static_cast<std::uint32_t>(L.sources_.size()));
                L.sources_.push_back(std::move(p.e.source));
            }
            L.origin_file_.push_back(p.where.file);
            L.origin_pointer_.push_back(std::move(p.where.pointer));
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
                problem("none_conflict", text_of(p.where), p.n.unit, "",
                        "declares no " + p.n.kind + " event from " + to_iso(p.n.from) + " to " +
                            to_iso(p.n.to) + ", but one dated " + to_iso(L.date_[e]) + " is recorded at " +
                            L.origin(e).text() + "; the declaration is left out");
                continue;
            }
            ++L.none_slot_[p.unit * nk + p.kind + 1];
            L.none_unit_.push_back(p.unit);
            L.none_kind_.push_back(p.kind);
            L.nones_.push_back(std::move(p.n));
            L.none_file_.push_back(p.where.file);
            L.none_pointer_.push_back(std::move(p.where.pointer));
        }
        for (std::size_t s = 1; s < L.none_slot_.size(); ++s) L.none_slot_[s] += L.none_slot_[s - 1];
        pending_.clear();
        pending_none_.clear();
        ids_.clear();
        file_index_.clear();
        return std::move(log_);
    }

    /// Checks one value against its field; "" if it fits, else what is wrong.
    static std::string check_value(const event_field& f, const event_value& v) {
        return check_value(f, f.type, v, f.required);
    }

    /// Checks one value as type `type` (a list field's item type for its
    /// items) against the bounds and words of field `f`.
    static std::string check_value(const event_field& f, event_field_type type, const event_value& v,
                                   bool required) {
        auto name = [&] { return "field \"" + f.name + "\""; };
        if (!v.present) return required ? "missing required field \"" + f.name + "\"" : std::string();
        switch (type) {
        case event_field_type::integer:
        case event_field_type::number:
            if (type == event_field_type::integer && v.number != std::floor(v.number))
                return name() + ": expected a whole number";
            if (f.minimum && v.number < *f.minimum) return name() + ": below the minimum " + num(*f.minimum);
            if (f.maximum && v.number > *f.maximum) return name() + ": above the maximum " + num(*f.maximum);
            return {};
        case event_field_type::boolean:
            return v.number == 0 || v.number == 1 ? std::string() : name() + ": expected true or false";
        case event_field_type::enumeration:
            return v.number >= 0 && v.number < static_cast<double>(f.values.size()) &&
                           v.number == static_cast<double>(static_cast<std::size_t>(v.number))
                       ? std::string()
                       : name() + ": not one of its values";
        case event_field_type::list:
            for (const auto& x : v.items) {
                if (f.item_type == event_field_type::object) {
                    if (x.items.size() != f.item_fields.size())
                        return name() + ": an item has the wrong number of fields";
                    for (std::size_t i = 0; i < f.item_fields.size(); ++i)
                        if (auto bad = check_value(f.item_fields[i], x.items[i]); !bad.empty())
                            return name() + ": " + bad;
                } else if (auto bad = check_value(f, f.item_type, x, false); !bad.empty()) {
                    return bad;
                }
            }
            return {};
        default: return {};
        }
    }

private:
    /// Where a record was read: the file (index into the log's files) and pointer.
    struct place {
        std::uint32_t file;
        std::string pointer;
    };
    place intern(event_origin&& o) {
        auto [it, fresh] = file_index_.emplace(o.file, static_cast<std::uint32_t>(log_.files_.size()));
        if (fresh) log_.files_.push_back(std::move(o.file));
        return {it->second, std::move(o.pointer)};
    }
    event_origin text_of(const place& p) const { return {log_.files_[p.file], p.pointer}; }

    struct pending {
        std::uint32_t unit, kind;
        event e; ///< its values: the present ones only (see mask)
        place where;
        std::uint64_t mask; ///< bit f: field f has a value
    };
    struct pending_none {
        std::uint32_t unit, kind;
        declared_none n;
        place where;
    };

    static std::string num(double x) {
        const long long i = static_cast<long long>(x);
        return static_cast<double>(i) == x ? std::to_string(i) : std::to_string(x);
    }
    static bool is_empty(const event_source& s) noexcept {
        return s.document.empty() && s.issuer.empty() && s.file.empty() && s.sheet.empty() && s.row == 0 &&
               s.entered_by.empty() && s.entered_on.empty();
    }
    static bool same_value(const event_value& a, const event_value& b) {
        if (a.present != b.present) return false;
        if (a.number != b.number || a.text != b.text || a.items.size() != b.items.size()) return false;
        for (std::size_t i = 0; i < a.items.size(); ++i)
            if (!same_value(a.items[i], b.items[i])) return false;
        return true;
    }
    static const event_value& value_of(const pending& p, std::size_t f) {
        static const event_value absent{};
        if (!((p.mask >> f) & 1u)) return absent;
        return p.e.values[std::bitset<64>(p.mask & ((std::uint64_t{1} << f) - 1)).count()];
    }
    static bool same_identity(const event_kind& kd, const pending& a, const pending& b) {
        for (std::size_t f : kd.identity)
            if (!same_value(value_of(a, f), value_of(b, f))) return false;
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
        // JSON: a child pointer; CSV ("line N"): the column.
        const bool csv = where.pointer.compare(0, 5, "line ") == 0;
        const std::string pointer = where.pointer + (csv && !sub.empty() ? ", column " + sub.substr(1) : sub);
        if (!sink_) throw evidence_error(where.file + ":" + pointer + ": " + message);
        sink_->push_back({kind, where.file, pointer, unit, where.file + ":" + pointer + ": " + message});
        return false;
    }

    const organisation* org_;
    event_log log_;
    std::vector<pending> pending_;
    std::vector<pending_none> pending_none_;
    std::unordered_map<std::string, std::size_t> ids_;
    std::unordered_map<std::string, std::uint32_t> file_index_;
    std::vector<event_issue>* sink_ = nullptr;
};

} // namespace danchu
