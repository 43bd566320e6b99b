#pragma once
/// @file
/// Loading the organisation's units (id, name, kind, parent, staff count,
/// free labels) from JSON or CSV.
///
/// JSON: `{"units": [{"id": "SNV", "name": "Sở Nội vụ", "kind": "department",
/// "parent": "UBND-TINH", "staff": 64, "labels": {"district": "…"}}]}`.
/// CSV: a header row naming at least `id`, `kind` and `staff`; `name` and
/// `parent` are optional; every other column becomes a label of that name.

#include <danchu/io/detail/csv_reader.hpp>
#include <danchu/io/detail/json_object.hpp>
#include <danchu/core/error.hpp>
#include <danchu/organisation/unit.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace danchu {

/// Builds an organisation from its JSON document.
/// @param file named in error messages.
/// @throws parse_error naming file and JSON pointer; scoring_error for an
/// invalid tree (duplicate ids, unknown parent, cycle).
inline organisation organisation_from_json(const nlohmann::json& doc, const std::string& file) {
    namespace d = detail;
    d::expect_object(doc, file, "", {"$schema", "units"});
    const auto& arr = d::require(doc, "units", file, "");
    if (!arr.is_array()) throw parse_error(file, "/units", "expected an array of units");
    std::vector<unit> units;
    std::vector<std::string> places;
    units.reserve(arr.size());
    places.reserve(arr.size());
    for (std::size_t i = 0; i < arr.size(); ++i) {
        const std::string ptr = d::child("/units", i);
        places.push_back(ptr);
        const auto& u = arr[i];
        d::expect_object(u, file, ptr, {"id", "name", "kind", "parent", "staff", "labels"});
        unit x;
        x.id = d::require_string(u, "id", file, ptr);
        x.name = d::optional_string(u, "name", file, ptr);
        try {
            x.kind = unit_kind_from_string(d::require_string(u, "kind", file, ptr));
        } catch (const argument_error& e) {
            throw parse_error(file, d::child(ptr, "kind"), e.what());
        }
        x.parent = d::optional_string(u, "parent", file, ptr);
        const auto& staff = d::require(u, "staff", file, ptr);
        if (!staff.is_number_integer() || staff.get<std::int64_t>() < 0)
            throw parse_error(file, d::child(ptr, "staff"),
                              "expected the staff count as a whole number >= 0");
        x.staff = staff.get<std::int64_t>();
        if (auto it = u.find("labels"); it != u.end()) {
            if (!it->is_object())
                throw parse_error(file, d::child(ptr, "labels"), "expected an object of strings");
            for (auto l = it->begin(); l != it->end(); ++l) {
                if (!l->is_string())
                    throw parse_error(file, d::child(d::child(ptr, "labels"), l.key()),
                                      "expected a string label");
                x.labels.emplace(l.key(), l->get<std::string>());
            }
        }
        units.push_back(std::move(x));
    }
    return organisation(std::move(units), file, places);
}

/// Builds an organisation from CSV text (see the file comment).
/// @throws parse_error naming file and line; scoring_error for an invalid tree.
inline organisation organisation_from_csv(std::string_view text, const std::string& file) {
    const auto rows = detail::parse_csv(text, file);
    if (rows.empty()) throw parse_error(file, "line 1", "empty file: expected a header row");
    const auto& header = rows[0].fields;
    std::size_t c_id = std::string::npos, c_name = c_id, c_kind = c_id, c_parent = c_id, c_staff = c_id;
    for (std::size_t c = 0; c < header.size(); ++c) {
        const std::string h(detail::trim(header[c]));
        std::size_t* slot = h == "id"       ? &c_id
                            : h == "name"   ? &c_name
                            : h == "kind"   ? &c_kind
                            : h == "parent" ? &c_parent
                            : h == "staff"  ? &c_staff
                                            : nullptr;
        if (h.empty()) throw parse_error(file, "line 1", "column " + std::to_string(c + 1) + " has no name");
        for (std::size_t d = 0; d < c; ++d) // a label given twice: the second would be dropped silently
            if (detail::trim(header[d]) == h)
                throw parse_error(file, "line 1", "column \"" + detail::preview(h) + "\" appears twice");
        if (slot) *slot = c;
    }
    for (auto [c, name] : {std::pair{c_id, "id"}, {c_kind, "kind"}, {c_staff, "staff"}})
        if (c == std::string::npos)
            throw parse_error(file, "line 1",
                              std::string("missing required column \"") + name +
                                  "\" (expected id, kind, staff; optional name, parent)");
    std::vector<unit> units;
    std::vector<std::string> places;
    units.reserve(rows.size() - 1);
    places.reserve(rows.size() - 1);
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        const std::string where = "line " + std::to_string(row.line);
        places.push_back(where);
        if (row.fields.size() != header.size())
            throw parse_error(file, where,
                              "expected " + std::to_string(header.size()) + " fields, found " +
                                  std::to_string(row.fields.size()));
        unit x;
        x.id = std::string(detail::trim(row.fields[c_id]));
        if (x.id.empty()) throw parse_error(file, where, "empty unit id");
        if (c_name != std::string::npos) x.name = row.fields[c_name];
        if (c_parent != std::string::npos) x.parent = std::string(detail::trim(row.fields[c_parent]));
        try {
            x.kind = unit_kind_from_string(detail::trim(row.fields[c_kind]));
        } catch (const argument_error& e) {
            throw parse_error(file, where + ", column kind", e.what());
        }
        const std::string staff(detail::trim(row.fields[c_staff]));
        std::size_t used = 0;
        long long n = -1;
        try {
            n = std::stoll(staff, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (staff.empty() || used != staff.size() || n < 0)
            throw parse_error(file, where + ", column staff",
                              "expected the staff count as a whole number >= 0, found \"" + staff + "\"");
        x.staff = n;
        for (std::size_t c = 0; c < header.size(); ++c)
            if (c != c_id && c != c_name && c != c_kind && c != c_parent && c != c_staff &&
                !row.fields[c].empty())
                x.labels.emplace(std::string(detail::trim(header[c])), row.fields[c]);
        units.push_back(std::move(x));
    }
    return organisation(std::move(units), file, places);
}

/// A reader of JSON organisation files that a compiled library provides:
/// danchu::ingest (`<danchu/ingest/json.hpp>`, simdjson) sets it with
/// `ingest::enable_fast_json()`. It gives the same organisation and errors as
/// the reference reader below.
using organisation_file_reader = organisation (*)(const std::string&);
/// The process's fast JSON organisation reader, or null.
inline organisation_file_reader& json_organisation_reader() noexcept {
    static organisation_file_reader reader = nullptr;
    return reader;
}

namespace detail {
/// The reference reader of a JSON organisation file.
inline organisation load_organisation_json_reference(const std::string& path) {
    return organisation_from_json(detail::parse_json_text(detail::read_text_file(path), path), path);
}
} // namespace detail

/// Loads an organisation file: `.csv` as CSV, anything else as JSON (by
/// json_organisation_reader when one is set).
/// @throws parse_error, scoring_error.
inline organisation load_organisation(const std::string& path) {
    const bool csv = path.size() >= 4 && (path.compare(path.size() - 4, 4, ".csv") == 0 ||
                                          path.compare(path.size() - 4, 4, ".CSV") == 0);
    if (csv) return organisation_from_csv(detail::read_text_file(path), path);
    if (json_organisation_reader()) return json_organisation_reader()(path);
    return detail::load_organisation_json_reference(path);
}

/// The organisation as its JSON document (the format organisation_from_json reads).
inline nlohmann::json organisation_to_json(const organisation& org) {
    nlohmann::json units = nlohmann::json::array();
    for (const auto& u : org.units()) {
        nlohmann::json j{
            {"id", u.id}, {"name", u.name}, {"kind", std::string(to_string(u.kind))}, {"staff", u.staff}};
        if (!u.parent.empty()) j["parent"] = u.parent;
        if (!u.labels.empty()) j["labels"] = u.labels;
        units.push_back(std::move(j));
    }
    return nlohmann::json{{"units", std::move(units)}};
}

} // namespace danchu
