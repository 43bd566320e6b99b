#pragma once
/// @file
/// Internal: parsing one rule object of a pack file (see data/schemas/pack.schema.json).

#include <danchu/core/date.hpp>
#include <danchu/io/detail/json_object.hpp>
#include <danchu/rules/rule.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace danchu::detail {

inline civil_day read_date(const nlohmann::json& obj, std::string_view key, const std::string& file,
                           const std::string& ptr) {
    const std::string s = require_string(obj, key, file, ptr);
    const auto d = civil_day::try_parse(s);
    if (!d) throw parse_error(file, child(ptr, key), "\"" + s + "\" is not an existing date YYYY-MM-DD");
    return *d;
}

inline bool valid_rule_id(std::string_view id) noexcept {
    if (id.empty() || id.size() > 80) return false;
    for (char c : id)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.'))
            return false;
    return true;
}

template <class Enum, class F>
Enum read_enum(const nlohmann::json& obj, std::string_view key, const std::string& file,
               const std::string& ptr, F from_string) {
    const std::string s = require_string(obj, key, file, ptr);
    try {
        return from_string(s);
    } catch (const argument_error& e) {
        throw parse_error(file, child(ptr, key), e.what());
    }
}

inline citation read_citation(const nlohmann::json& j, const std::string& file, const std::string& ptr) {
    expect_object(j, file, ptr, {"document", "article", "clause", "point", "url", "note"});
    return read_citation_fields(j, file, ptr);
}

inline applicability read_applicability(const nlohmann::json& j, const std::string& file,
                                        const std::string& ptr) {
    expect_object(j, file, ptr, {"kinds", "min_staff", "max_staff", "valid_from", "valid_to", "condition"});
    applicability a;
    if (auto it = j.find("kinds"); it != j.end()) {
        if (!it->is_array() || it->empty())
            throw parse_error(file, child(ptr, "kinds"), "expected a non-empty array of unit kinds");
        for (std::size_t i = 0; i < it->size(); ++i) {
            const auto& k = (*it)[i];
            if (!k.is_string())
                throw parse_error(file, child(child(ptr, "kinds"), i), "expected a unit kind");
            try {
                a.kinds.push_back(unit_kind_from_string(k.get<std::string>()));
            } catch (const argument_error& e) {
                throw parse_error(file, child(child(ptr, "kinds"), i), e.what());
            }
        }
    }
    for (auto [key, slot] : {std::pair{"min_staff", &a.min_staff}, {"max_staff", &a.max_staff}}) {
        if (auto it = j.find(key); it != j.end()) {
            if (!it->is_number_integer() || it->get<std::int64_t>() < 0)
                throw parse_error(file, child(ptr, key), "expected a whole number >= 0");
            *slot = it->get<std::int64_t>();
        }
    }
    if (a.min_staff && a.max_staff && *a.min_staff > *a.max_staff)
        throw parse_error(file, child(ptr, "max_staff"), "max_staff is below min_staff");
    if (j.contains("valid_from")) a.valid_from = read_date(j, "valid_from", file, ptr);
    if (j.contains("valid_to")) a.valid_to = read_date(j, "valid_to", file, ptr);
    if (a.valid_from && a.valid_to && *a.valid_from > *a.valid_to)
        throw parse_error(file, child(ptr, "valid_to"), "valid_to is before valid_from");
    if (auto it = j.find("condition"); it != j.end()) a.condition = *it;
    return a;
}

/// Parses one rule object at `ptr`.
/// @throws parse_error naming file and pointer.
inline rule read_rule(const nlohmann::json& j, const std::string& file, const std::string& ptr,
                      const std::string& pack_id) {
    expect_object(j, file, ptr,
                  {"id", "title", "note", "citation", "confidence", "applies_to", "frequency", "condition",
                   "credit", "weight", "severity", "tags", "facts", "amendments_checked"});
    rule r;
    r.id = require_string(j, "id", file, ptr);
    if (!valid_rule_id(r.id))
        throw parse_error(file, child(ptr, "id"),
                          "rule id \"" + r.id + "\" must be 1-80 letters, digits, '-', '_' or '.'");
    r.title = read_bilingual_text(require(j, "title", file, ptr), file, child(ptr, "title"));
    if (j.contains("note")) r.note = read_bilingual_text(j["note"], file, child(ptr, "note"));
    r.cite = read_citation(require(j, "citation", file, ptr), file, child(ptr, "citation"));
    r.conf = read_enum<confidence>(j, "confidence", file, ptr, confidence_from_string);
    if (j.contains("applies_to"))
        r.applies = read_applicability(j["applies_to"], file, child(ptr, "applies_to"));
    r.freq = read_enum<frequency>(j, "frequency", file, ptr, frequency_from_string);
    r.condition = require(j, "condition", file, ptr);
    if (auto it = j.find("credit"); it != j.end()) r.credit = *it;
    r.weight = optional_number(j, "weight", 1.0, file, ptr);
    if (!(r.weight > 0) || !std::isfinite(r.weight))
        throw parse_error(file, child(ptr, "weight"), "expected a finite weight > 0");
    if (j.contains("severity")) r.sev = read_enum<severity>(j, "severity", file, ptr, severity_from_string);
    for (auto [key, out] :
         {std::pair{"tags", &r.tags}, {"facts", &r.facts}, {"amendments_checked", &r.amendments_checked}}) {
        auto it = j.find(key);
        if (it == j.end()) continue;
        if (!it->is_array()) throw parse_error(file, child(ptr, key), "expected an array of strings");
        for (std::size_t i = 0; i < it->size(); ++i) {
            if (!(*it)[i].is_string() || (*it)[i].get_ref<const std::string&>().empty())
                throw parse_error(file, child(child(ptr, key), i), "expected a non-empty string");
            out->push_back((*it)[i].get<std::string>());
        }
    }
    r.pack = pack_id;
    r.file = file;
    r.pointer = ptr;
    return r;
}

} // namespace danchu::detail
