#pragma once
/// @file
/// Evidence: per unit, typed facts of the fact dictionary for one assessed
/// period, with optional provenance (document number, issuing body, date),
/// stored column by column (one column per fact) for batch evaluation.
///
/// Loaders read JSON, wide CSV (one row per unit, one column per fact) and long
/// CSV (unit, fact, value[, document, issuer, date]). Every value is checked
/// against the dictionary: unknown fact keys, unknown units, type mismatches and
/// impossible values (negative counts, attendance above staff, dates that do not
/// exist) throw evidence_error naming the place, the unit, the fact and what was
/// expected. Nothing a user supplied is silently dropped. An empty CSV cell or a
/// JSON null means "not supplied": rules that need it give `unknown`.

#include <danchu/evidence/detail/cell.hpp>
#include <danchu/core/error.hpp>
#include <danchu/core/problem.hpp>
#include <danchu/evidence/fact.hpp>
#include <danchu/core/verdict.hpp>
#include <danchu/logic/logic.hpp>
#include <danchu/organisation/unit.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace danchu {

/// Where a value comes from (all optional).
struct provenance {
    std::string document;   ///< document number, e.g. "12/BC-SNV"
    std::string issuer;     ///< issuing body
    std::string date;       ///< ISO date of the document
    std::string read_from;  ///< where danchu read the record ("events.json:/events/3"); may be empty
    std::string entered_by; ///< who entered the record (and when); may be empty
    bool empty() const noexcept {
        return document.empty() && issuer.empty() && date.empty() && read_from.empty() && entered_by.empty();
    }
};

/// The sorted dates (days since 1970-01-01) of one unit's events fact: a
/// view into its column, valid while the evidence lives.
class day_list {
public:
    day_list() = default;
    day_list(const std::int32_t* first, const std::int32_t* last) noexcept : first_(first), last_(last) {}
    const std::int32_t* begin() const noexcept { return first_; }
    const std::int32_t* end() const noexcept { return last_; }
    std::size_t size() const noexcept { return static_cast<std::size_t>(last_ - first_); }
    bool empty() const noexcept { return first_ == last_; }
    std::int32_t operator[](std::size_t i) const noexcept { return first_[i]; }

private:
    const std::int32_t* first_ = nullptr;
    const std::int32_t* last_ = nullptr;
};

/// One fact's values for every unit.
struct fact_column {
    std::vector<std::uint8_t> present; ///< 1 if supplied (empty: none supplied)
    std::vector<double> numbers;       ///< boolean (0/1), number, integer, date (days since 1970-01-01)
    std::vector<std::string> strings;  ///< string facts
    /// Events facts, every unit's sorted dates in one block: unit u's are
    /// `event_days[event_begin[u] .. event_begin[u + 1])` (n + 1 offsets;
    /// empty when no unit has a value). Read them with `events(u)`.
    std::vector<std::size_t> event_begin;
    std::vector<std::int32_t> event_days;
    /// The dates of unit `u` (empty when not supplied).
    day_list events(std::size_t u) const noexcept {
        if (u + 1 >= event_begin.size()) return {};
        return {event_days.data() + event_begin[u], event_days.data() + event_begin[u + 1]};
    }
    /// String facts as condition-language values, built once so that
    /// evaluation never allocates (equal strings share one value). Events
    /// facts keep only their day numbers (`event_days`); the interpreter builds
    /// their condition-language lists as it reads them (rules/evaluate.hpp).
    std::vector<logic::value> values;
    /// 1 where the unit declared that the event the fact describes did not
    /// happen (a fact derived from events, `derive.hpp`); the value is then
    /// not present. Empty: no declaration.
    std::vector<std::uint8_t> none;
};

class evidence_builder;

/// Immutable, columnar evidence for the units of one organisation.
class evidence {
public:
    evidence() = default;

    const std::shared_ptr<const fact_dictionary>& dictionary() const noexcept { return dict_; }
    /// The assessed period the evidence is for ("2018", "2018-H1"), or "" if not stated.
    const std::string& period() const noexcept { return period_; }
    const std::vector<std::string>& unit_ids() const noexcept {
        static const std::vector<std::string> none;
        return unit_ids_ ? *unit_ids_ : none; // null only when moved from
    }
    /// The list of unit ids, shared with the organisation it was built for.
    const std::shared_ptr<const std::vector<std::string>>& shared_unit_ids() const noexcept {
        return unit_ids_;
    }
    std::size_t unit_count() const noexcept { return unit_ids().size(); }

    /// The column of fact `f` (dictionary index).
    const fact_column& column(std::size_t f) const noexcept { return columns_[f]; }
    bool has(std::size_t unit, std::size_t f) const noexcept {
        const auto& p = columns_[f].present;
        return !p.empty() && p[unit] != 0;
    }
    /// True if the unit declared that the event fact `f` describes did not
    /// happen (no value: a rule that needs it fails instead of being unknown).
    bool declared_none(std::size_t unit, std::size_t f) const noexcept {
        const auto& n = columns_[f].none;
        return !n.empty() && n[unit] != 0;
    }
    /// Number of values supplied as evidence (organisation facts not counted).
    std::size_t value_count() const noexcept {
        std::size_t n = 0;
        for (std::size_t f = 0; f < columns_.size(); ++f)
            if (!(*dict_)[f].from_organisation)
                for (auto p : columns_[f].present) n += p;
        return n;
    }
    /// Provenance of one value, or nullptr.
    const provenance* source(std::size_t unit, std::size_t f) const {
        auto it = sources_.find({unit, f});
        return it == sources_.end() ? nullptr : &it->second;
    }
    /// Manual overrides supplied with the evidence (original verdict filled in by evaluation).
    const std::vector<override_record>& overrides() const noexcept { return overrides_; }

    /// One value as JSON (null when not supplied): dates as ISO strings,
    /// events as arrays of ISO strings.
    nlohmann::json value_json(std::size_t unit, std::size_t f) const;

private:
    friend class evidence_builder;
    std::shared_ptr<const fact_dictionary> dict_;
    std::string period_;
    std::shared_ptr<const std::vector<std::string>> unit_ids_ =
        std::make_shared<const std::vector<std::string>>();
    std::vector<fact_column> columns_;
    std::map<std::pair<std::size_t, std::size_t>, provenance> sources_;
    std::vector<override_record> overrides_;
};

/// Collects evidence value by value, checks each value, and builds the
/// immutable `evidence` (which fills the organisation facts and checks bounds
/// between facts).
class evidence_builder {
public:
    /// @param dict the fact dictionary (shared, kept alive by the evidence).
    /// @param org the units evidence may be given for.
    evidence_builder(std::shared_ptr<const fact_dictionary> dict, const organisation& org) : org_(&org) {
        ev_.dict_ = std::move(dict);
        if (!ev_.dict_) throw argument_error("evidence_builder: the fact dictionary is null");
        ev_.unit_ids_ = org.unit_ids();
        ev_.columns_.resize(ev_.dict_->size());
        seen_.assign(ev_.dict_->size(), {});
        event_spans_.assign(ev_.dict_->size(), {});
    }

    void set_period(std::string p) { ev_.period_ = std::move(p); }

    /// Index of a unit.
    /// @throws evidence_error naming `where` if the unit is not in the organisation.
    std::size_t unit_index(std::string_view id, const std::string& where) const {
        auto i = org_->find(id);
        if (i == organisation::npos)
            throw evidence_error(where + ": unit \"" + std::string(id) +
                                 "\" is not in the organisation (check the units file)");
        return i;
    }

    /// Index of an evidence fact.
    /// @throws evidence_error for an unknown key or an organisation fact.
    std::size_t fact_index(std::string_view key, const std::string& where) const {
        auto f = ev_.dict_->find(key);
        if (f == fact_dictionary::npos)
            throw evidence_error(where + ": unknown fact \"" + std::string(key) +
                                 "\": not in the fact dictionary " + ev_.dict_->source());
        if ((*ev_.dict_)[f].from_organisation)
            throw evidence_error(where + ": fact \"" + std::string(key) +
                                 "\" comes from the organisation file (units' kind and staff), "
                                 "not from evidence");
        return f;
    }

    /// Sets a value from JSON (the JSON loader and Python dicts). null = not supplied.
    /// @throws evidence_error naming where, unit, fact and the expected type.
    void set_json(std::size_t unit, std::size_t f, const nlohmann::json& v, const std::string& where) {
        mark(unit, f, where);
        if (v.is_null()) return;
        store(unit, f, detail::cell_from_json((*ev_.dict_)[f], v, describe(unit, f, where)));
    }

    /// Sets a value from CSV text. "" = not supplied.
    /// @throws evidence_error naming where, unit, fact and the expected type.
    void set_text(std::size_t unit, std::size_t f, std::string_view text, const std::string& where) {
        mark(unit, f, where);
        if (detail::trim(text).empty()) return;
        store(unit, f, detail::cell_from_text((*ev_.dict_)[f], text, describe(unit, f, where)));
    }

    /// Sets a typed value without JSON (facts derived from events): numbers,
    /// booleans (0/1) and dates (day numbers) in `number`, strings in `text`
    /// (taken), events facts in `dates` (sorted and copied: the caller may
    /// reuse the list's storage for the next value); checked like set_json.
    /// @throws evidence_error naming where, unit, fact and the expected value.
    void set_cell(std::size_t unit, std::size_t f, detail::evidence_cell&& c, const std::string& where) {
        mark(unit, f, where);
        const fact_def& def = (*ev_.dict_)[f];
        switch (def.type) {
        case fact_type::number:
        case fact_type::integer: detail::check_number(def, c.number, describe(unit, f, where)); break;
        case fact_type::string: detail::check_string(def, c.text, describe(unit, f, where)); break;
        case fact_type::events: std::sort(c.dates.begin(), c.dates.end()); break;
        case fact_type::boolean:
        case fact_type::date: break;
        }
        store(unit, f, c);
    }

    /// Many values of one boolean, number, integer or date fact at once (a
    /// reader that gathers a column's values before storing them, src/ingest):
    /// `numbers[i]` for unit `units[i]`, each checked and stored as set_cell
    /// would, in order.
    /// @throws evidence_error as set_cell, at the first value it refuses.
    void set_numbers(std::size_t f, const std::uint32_t* units, const double* numbers, std::size_t n,
                     const std::string& where) {
        const fact_def& def = (*ev_.dict_)[f];
        if (def.type == fact_type::string || def.type == fact_type::events)
            throw argument_error("evidence_builder::set_numbers: fact \"" + def.key + "\" is not a number");
        ensure(f);
        auto& col = ev_.columns_[f];
        auto& seen = seen_[f];
        if (seen.empty()) seen.assign(ev_.unit_ids_->size(), 0);
        const bool check = def.type == fact_type::number || def.type == fact_type::integer;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t u = checked_unit(units[i], "set_numbers");
            if (seen[u]) throw evidence_error(describe(u, f, where).str() + " is given twice");
            seen[u] = 1;
            if (check) detail::check_number(def, numbers[i], describe(u, f, where));
            col.present[u] = 1;
            col.numbers[u] = numbers[i];
        }
    }

    /// The same for an events fact: unit `units[i]` gets the dates
    /// `days[ends[i - 1] .. ends[i])` (from 0 for the first), sorted here
    /// (in `days`) if they are not.
    /// @throws evidence_error as set_cell, at the first value it refuses.
    void set_event_days(std::size_t f, const std::uint32_t* units, std::int32_t* days,
                        const std::size_t* ends, std::size_t n, const std::string& where) {
        const fact_def& def = (*ev_.dict_)[f];
        if (def.type != fact_type::events)
            throw argument_error("evidence_builder::set_event_days: fact \"" + def.key +
                                 "\" is not an events fact");
        ensure(f);
        auto& col = ev_.columns_[f];
        auto& spans = event_spans_[f];
        auto& seen = seen_[f];
        if (seen.empty()) seen.assign(ev_.unit_ids_->size(), 0);
        std::size_t from = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t u = checked_unit(units[i], "set_event_days");
            if (ends[i] < from)
                throw argument_error("evidence_builder::set_event_days: ends[" + std::to_string(i) + "] (" +
                                     std::to_string(ends[i]) + ") is before the previous end (" +
                                     std::to_string(from) + ")");
            if (seen[u]) throw evidence_error(describe(u, f, where).str() + " is given twice");
            seen[u] = 1;
            std::int32_t *first = days + from, *last = days + ends[i];
            if (!std::is_sorted(first, last)) std::sort(first, last);
            col.present[u] = 1;
            // Appended as they come; put in unit order by build().
            spans[u] = {col.event_days.size(), ends[i] - from};
            col.event_days.insert(col.event_days.end(), first, last);
            from = ends[i];
        }
    }

    /// Attaches provenance to a value.
    /// @throws evidence_error for a provenance date that does not exist.
    void set_source(std::size_t unit, std::size_t f, provenance p, const std::string& where) {
        if (p.empty()) return;
        if (!p.date.empty() && !civil_day::try_parse(p.date))
            throw evidence_error(describe(unit, f, where).str() + ": source date \"" + p.date +
                                 "\" is not an existing date YYYY-MM-DD");
        ev_.sources_[{unit, f}] = std::move(p);
    }

    /// Records that the unit declared the event fact `f` describes did not
    /// happen: the fact has no value and is not "not reported".
    /// @throws evidence_error if the fact is given twice.
    void set_declared_none(std::size_t unit, std::size_t f, const std::string& where) {
        mark(unit, f, where);
        auto& n = ev_.columns_[f].none;
        if (n.empty()) n.assign(ev_.unit_ids_->size(), 0);
        n[unit] = 1;
    }

    void add_override(override_record r) { ev_.overrides_.push_back(std::move(r)); }

    /// Lenient building: with a sink, a value that breaks an `at_most` bound
    /// is recorded there and left out (not supplied) instead of throwing.
    void set_problem_sink(std::vector<input_problem>* sink, std::string file) {
        sink_ = sink;
        file_ = std::move(file);
    }

    /// The file the values come from, named in the errors `build` raises.
    void set_file(std::string file) { file_ = std::move(file); }

    /// Fills `unit.*` facts from the organisation, checks `at_most` bounds, and
    /// returns the evidence. The builder is left empty.
    /// @throws evidence_error naming the unit and both facts when a bound is broken.
    evidence build() {
        const auto& dict = *ev_.dict_;
        const std::size_t n = ev_.unit_ids_->size();
        for (std::size_t f = 0; f < dict.size(); ++f) {
            if (!dict[f].from_organisation) continue;
            auto& col = ev_.columns_[f];
            if (dict[f].key == "unit.staff") {
                ensure(f);
                for (std::size_t u = 0; u < n; ++u) {
                    col.present[u] = 1;
                    col.numbers[u] = static_cast<double>((*org_)[u].staff);
                }
            } else if (dict[f].key == "unit.kind") {
                ensure(f);
                for (std::size_t u = 0; u < n; ++u) {
                    col.present[u] = 1;
                    col.strings[u] = std::string(to_string((*org_)[u].kind));
                }
            } else if (dict[f].key.rfind("unit.label.", 0) == 0 && dict[f].type == fact_type::string) {
                const std::string label = dict[f].key.substr(11);
                ensure(f);
                for (std::size_t u = 0; u < n; ++u) {
                    auto it = (*org_)[u].labels.find(label);
                    if (it == (*org_)[u].labels.end()) continue; // no label: the fact is missing
                    col.present[u] = 1;
                    col.strings[u] = it->second;
                }
            } else {
                throw evidence_error(dict.source() + ": fact \"" + dict[f].key +
                                     "\" is marked from_organisation but is not unit.staff, unit.kind "
                                     "or a string fact unit.label.<name>");
            }
        }
        for (std::size_t f = 0; f < dict.size(); ++f) {
            if (dict[f].at_most.empty() || ev_.columns_[f].present.empty()) continue;
            const std::size_t g = dict.find(dict[f].at_most);
            auto& a = ev_.columns_[f];
            const auto& b = ev_.columns_[g];
            if (b.present.empty()) continue;
            for (std::size_t u = 0; u < n; ++u)
                if (a.present[u] && b.present[u] && a.numbers[u] > b.numbers[u]) {
                    const std::string msg = (file_.empty() ? std::string() : file_ + ": ") + "unit \"" +
                                            (*ev_.unit_ids_)[u] + "\", fact \"" + dict[f].key + "\": value " +
                                            detail::format_number(a.numbers[u]) +
                                            " is impossible: it must be at most \"" + dict[g].key + "\" (" +
                                            detail::format_number(b.numbers[u]) + ")";
                    if (!sink_) throw evidence_error(msg);
                    sink_->push_back(
                        {"invalid_value", file_, "", (*ev_.unit_ids_)[u], msg + "; the value is left out"});
                    a.present[u] = 0;
                    ev_.sources_.erase({u, f});
                }
        }
        for (std::size_t f = 0; f < dict.size(); ++f) {
            auto& col = ev_.columns_[f];
            if (col.present.empty()) continue;
            if (dict[f].type == fact_type::string) {
                std::unordered_map<std::string, logic::value> interned;
                col.values.resize(n);
                for (std::size_t u = 0; u < n; ++u) {
                    if (!col.present[u]) continue;
                    auto it = interned.find(col.strings[u]);
                    if (it == interned.end())
                        it = interned.emplace(col.strings[u], logic::value(col.strings[u])).first;
                    col.values[u] = it->second;
                }
            } else if (dict[f].type == fact_type::events) {
                close_events(f);
            }
        }
        evidence out = std::move(ev_);
        ev_ = evidence{};
        return out;
    }

private:
    std::size_t checked_unit(std::uint32_t u, const char* fn) const {
        if (u >= ev_.unit_ids_->size())
            throw argument_error(std::string("evidence_builder::") + fn + ": unit index " +
                                 std::to_string(u) + " is out of range (" +
                                 std::to_string(ev_.unit_ids_->size()) + " units)");
        return u;
    }
    detail::value_site describe(std::size_t unit, std::size_t f, const std::string& where) const {
        return {where, (*ev_.unit_ids_)[unit], (*ev_.dict_)[f].key};
    }
    void mark(std::size_t unit, std::size_t f, const std::string& where) {
        auto& s = seen_[f];
        if (s.empty()) s.assign(ev_.unit_ids_->size(), 0);
        if (s[unit]) throw evidence_error(describe(unit, f, where).str() + " is given twice");
        s[unit] = 1;
    }
    void ensure(std::size_t f) {
        auto& col = ev_.columns_[f];
        if (!col.present.empty()) return;
        const std::size_t n = ev_.unit_ids_->size();
        col.present.assign(n, 0);
        switch ((*ev_.dict_)[f].type) {
        case fact_type::string: col.strings.assign(n, {}); break;
        case fact_type::events: event_spans_[f].assign(n, {}); break;
        default: col.numbers.assign(n, 0.0); break;
        }
    }
    void store(std::size_t unit, std::size_t f, detail::evidence_cell& c) {
        auto& col = ev_.columns_[f];
        ensure(f);
        col.present[unit] = 1;
        switch ((*ev_.dict_)[f].type) {
        case fact_type::string: col.strings[unit] = std::move(c.text); break;
        case fact_type::events:
            // Appended as they come; put in unit order by build().
            event_spans_[f][unit] = {col.event_days.size(), c.dates.size()};
            col.event_days.insert(col.event_days.end(), c.dates.begin(), c.dates.end());
            break;
        default: col.numbers[unit] = c.number; break;
        }
    }
    void store(std::size_t unit, std::size_t f, detail::evidence_cell&& c) { store(unit, f, c); }
    /// Puts an events column's dates in unit order and sets its offsets
    /// (nothing is copied when the values came unit by unit in order).
    void close_events(std::size_t f) {
        auto& col = ev_.columns_[f];
        const auto& spans = event_spans_[f];
        const std::size_t n = spans.size();
        col.event_begin.assign(n + 1, 0);
        bool in_order = true;
        std::size_t at = 0;
        for (std::size_t u = 0; u < n; ++u) {
            in_order = in_order && (spans[u].second == 0 || spans[u].first == at);
            at += spans[u].second;
            col.event_begin[u + 1] = at;
        }
        if (!in_order) {
            std::vector<std::int32_t> days(at);
            for (std::size_t u = 0; u < n; ++u)
                std::copy_n(col.event_days.begin() + static_cast<std::ptrdiff_t>(spans[u].first),
                            spans[u].second, days.begin() + static_cast<std::ptrdiff_t>(col.event_begin[u]));
            col.event_days = std::move(days);
        }
        col.event_days.shrink_to_fit();
        std::vector<std::pair<std::size_t, std::size_t>>().swap(event_spans_[f]);
    }

    const organisation* org_;
    evidence ev_;
    std::vector<std::vector<std::uint8_t>> seen_;
    /// Per events fact and unit, while building: (first, count) in the column's event_days.
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> event_spans_;
    std::vector<input_problem>* sink_ = nullptr;
    std::string file_;
};

inline nlohmann::json evidence::value_json(std::size_t unit, std::size_t f) const {
    if (!has(unit, f)) return nullptr;
    const auto& col = columns_[f];
    switch ((*dict_)[f].type) {
    case fact_type::boolean: return col.numbers[unit] != 0.0;
    case fact_type::integer: return static_cast<std::int64_t>(col.numbers[unit]);
    case fact_type::number: return col.numbers[unit];
    case fact_type::string: return col.strings[unit];
    case fact_type::date: return to_iso(static_cast<day_number>(col.numbers[unit]));
    case fact_type::events: {
        nlohmann::json a = nlohmann::json::array();
        for (auto d : col.events(unit)) a.push_back(to_iso(d));
        return a;
    }
    }
    return nullptr;
}

} // namespace danchu
