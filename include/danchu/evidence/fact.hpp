#pragma once
/// @file
/// The fact dictionary: the one documented vocabulary of evidence facts that
/// every rule pack reads (in the spirit of OpenFisca's variables). Each fact has
/// a key, a type, a unit, an allowed range or set of values, and a Vietnamese
/// and English description. Loading a pack checks every `var` in its
/// conditions against this dictionary; loading evidence checks every value.
///
/// Some facts come from the organisation file, not from evidence (marked
/// `from_organisation`): `unit.staff` (the unit's staff count), `unit.kind`
/// (its kind) and string facts `unit.label.<name>` (the unit's label <name>).

#include <danchu/io/detail/csv_reader.hpp>
#include <danchu/io/detail/json_object.hpp>
#include <danchu/core/enum_names.hpp>
#include <danchu/core/error.hpp>
#include <danchu/core/text.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace danchu {

/// The value type of a fact.
enum class fact_type : std::uint8_t {
    boolean, ///< true / false
    number,  ///< a real number (a ratio, an amount)
    integer, ///< a whole number (a count, a number of days)
    string,  ///< a word from the fact's `enum`, or free text
    date,    ///< an ISO date "YYYY-MM-DD"
    events,  ///< a list of dates (one per event: meetings held, postings made)
};

DANCHU_ENUM_NAMES(fact_type, "fact type", {fact_type::boolean, "boolean"}, {fact_type::number, "number"},
                  {fact_type::integer, "integer"}, {fact_type::string, "string"}, {fact_type::date, "date"},
                  {fact_type::events, "events"})

/// @throws argument_error naming the accepted values.
inline fact_type fact_type_from_string(std::string_view s) { return from_string<fact_type>(s); }

/// One fact of the dictionary.
struct fact_def {
    std::string key; ///< e.g. "conference.held_on"
    fact_type type = fact_type::boolean;
    std::string unit;                 ///< unit of measure ("persons", "days"), may be empty
    std::optional<double> minimum;    ///< numbers and integers: smallest allowed value
    std::optional<double> maximum;    ///< numbers and integers: largest allowed value
    std::string at_most;              ///< another numeric fact (or "unit.staff") bounding it
    std::vector<std::string> allowed; ///< strings: the allowed words (empty = free text)
    bilingual_text description;       ///< what to report, shown in evidence templates
    bool from_organisation = false;   ///< supplied by the organisation file, not evidence
    /// Read by rules only when given (the annual conference's window, which
    /// dated events supply and period facts do not): an explanation does not
    /// list it as missing evidence.
    bool optional = false;
};

/// The fact dictionary: facts in file order, looked up by key. Immutable once
/// built; cheap to share by const reference across threads.
class fact_dictionary {
public:
    fact_dictionary() = default;

    /// Builds and validates a dictionary (unique keys, consistent bounds,
    /// `at_most` naming a known numeric fact).
    /// @throws rule_error naming `source` and the fact.
    explicit fact_dictionary(std::vector<fact_def> facts, std::string source = "<memory>")
        : facts_(std::move(facts)), source_(std::move(source)) {
        for (std::size_t i = 0; i < facts_.size(); ++i) {
            const auto& f = facts_[i];
            if (f.key.empty())
                throw rule_error(source_ + ": fact #" + std::to_string(i) + " has an empty key");
            if (!index_.emplace(f.key, i).second)
                throw rule_error(source_ + ": fact \"" + f.key + "\" is defined twice");
            if (f.minimum && f.maximum && *f.minimum > *f.maximum)
                throw rule_error(source_ + ": fact \"" + f.key + "\" has minimum > maximum");
            const bool numeric = f.type == fact_type::number || f.type == fact_type::integer;
            if ((f.minimum || f.maximum || !f.at_most.empty()) && !numeric)
                throw rule_error(source_ + ": fact \"" + f.key +
                                 "\": minimum, maximum and at_most apply to number and integer facts only");
            if (!f.allowed.empty() && f.type != fact_type::string)
                throw rule_error(source_ + ": fact \"" + f.key + "\": enum applies to string facts only");
        }
        for (const auto& f : facts_) {
            if (f.at_most.empty()) continue;
            auto j = find(f.at_most);
            if (j == npos || (facts_[j].type != fact_type::number && facts_[j].type != fact_type::integer))
                throw rule_error(source_ + ": fact \"" + f.key + "\": at_most names \"" + f.at_most +
                                 "\", which is not a number or integer fact of the dictionary");
        }
    }

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    std::size_t size() const noexcept { return facts_.size(); }
    const fact_def& operator[](std::size_t i) const noexcept { return facts_[i]; }
    const std::vector<fact_def>& facts() const noexcept { return facts_; }
    /// Where the dictionary was loaded from (for messages).
    const std::string& source() const noexcept { return source_; }

    /// Index of a fact, or npos.
    std::size_t find(std::string_view key) const {
        auto it = index_.find(key);
        return it == index_.end() ? npos : it->second;
    }

    /// The fact with this key.
    /// @throws rule_error naming the unknown key.
    const fact_def& at(std::string_view key) const {
        auto i = find(key);
        if (i == npos) throw rule_error(source_ + ": unknown fact \"" + std::string(key) + "\"");
        return facts_[i];
    }

private:
    std::vector<fact_def> facts_;
    std::string source_;
    std::map<std::string, std::size_t, std::less<>>
        index_; ///< transparent: finds by string_view without allocating
};

/// Reads bilingual text {"vi": ..., "en": ...} at `ptr`.
/// @throws parse_error naming file and pointer.
inline bilingual_text read_bilingual_text(const nlohmann::json& j, const std::string& file,
                                          const std::string& ptr) {
    detail::expect_object(j, file, ptr, {"vi", "en"});
    return {detail::require_string(j, "vi", file, ptr), detail::require_string(j, "en", file, ptr)};
}

/// Builds a fact dictionary from its JSON document (see data/schemas/facts.schema.json).
/// @throws parse_error naming file and JSON pointer; rule_error for inconsistent facts.
inline fact_dictionary fact_dictionary_from_json(const nlohmann::json& doc, const std::string& file) {
    namespace d = detail;
    d::expect_object(doc, file, "", {"$schema", "version", "facts"});
    const auto& arr = d::require(doc, "facts", file, "");
    if (!arr.is_array()) throw parse_error(file, "/facts", "expected an array of facts");
    std::vector<fact_def> facts;
    facts.reserve(arr.size());
    for (std::size_t i = 0; i < arr.size(); ++i) {
        const std::string ptr = d::child("/facts", i);
        const auto& f = arr[i];
        d::expect_object(f, file, ptr,
                         {"key", "type", "unit", "minimum", "maximum", "at_most", "enum", "description",
                          "from_organisation", "optional"});
        fact_def def;
        def.key = d::require_string(f, "key", file, ptr);
        const std::string type = d::require_string(f, "type", file, ptr);
        try {
            def.type = fact_type_from_string(type);
        } catch (const argument_error& e) {
            throw parse_error(file, d::child(ptr, "type"), e.what());
        }
        def.unit = d::optional_string(f, "unit", file, ptr);
        if (f.contains("minimum")) def.minimum = d::optional_number(f, "minimum", 0, file, ptr);
        if (f.contains("maximum")) def.maximum = d::optional_number(f, "maximum", 0, file, ptr);
        def.at_most = d::optional_string(f, "at_most", file, ptr);
        if (auto it = f.find("enum"); it != f.end()) {
            if (!it->is_array() || it->empty())
                throw parse_error(file, d::child(ptr, "enum"), "expected a non-empty array of strings");
            for (std::size_t k = 0; k < it->size(); ++k) {
                if (!(*it)[k].is_string())
                    throw parse_error(file, d::child(d::child(ptr, "enum"), k), "expected a string");
                def.allowed.push_back((*it)[k].get<std::string>());
            }
        }
        def.description =
            read_bilingual_text(d::require(f, "description", file, ptr), file, d::child(ptr, "description"));
        if (auto it = f.find("from_organisation"); it != f.end()) {
            if (!it->is_boolean())
                throw parse_error(file, d::child(ptr, "from_organisation"), "expected true or false");
            def.from_organisation = it->get<bool>();
        }
        if (auto it = f.find("optional"); it != f.end()) {
            if (!it->is_boolean())
                throw parse_error(file, d::child(ptr, "optional"), "expected true or false");
            def.optional = it->get<bool>();
        }
        facts.push_back(std::move(def));
    }
    return fact_dictionary(std::move(facts), file);
}

/// Loads a fact dictionary file.
/// @throws parse_error (unreadable file, malformed JSON, schema violation), rule_error.
inline fact_dictionary load_fact_dictionary(const std::string& path) {
    return fact_dictionary_from_json(detail::parse_json_text(detail::read_text_file(path), path), path);
}

/// Loads the bundled dictionary `<data_dir>/facts.json`.
inline fact_dictionary load_default_fact_dictionary(const std::string& data_dir) {
    return load_fact_dictionary(data_dir + "/facts.json");
}

} // namespace danchu
