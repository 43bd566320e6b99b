#pragma once
/// @file
/// Evidence loaders: JSON, wide CSV and long CSV (see docs/evidence.md).
///
/// JSON:
/// ```json
/// {"period": "2018",
///  "units": {"SNV": {"conference.held_on": "2018-01-12",
///                    "conference.attendance": {"value": 50,
///                        "source": {"document": "05/BB-SNV", "issuer": "Sở Nội vụ",
///                                   "date": "2018-01-12"}}}},
///  "overrides": [{"unit": "SNV", "rule": "D04-ART4-EVAL-ANNUAL", "verdict": "pass",
///                 "who": "…", "date": "2019-01-10", "reason": "…", "authority": "…"}]}
/// ```
/// Wide CSV: header `unit,<fact>,<fact>,…` (a column `<fact>#document`,
/// `<fact>#issuer` or `<fact>#date` adds provenance). Long CSV: header with
/// `unit,fact,value` and optionally `document,issuer,date`; the template's
/// informational columns `type,measure,allowed,description_vi,description_en,rules`
/// are accepted and not read.

#include <danchu/io/detail/csv_reader.hpp>
#include <danchu/io/detail/json_stream.hpp>
#include <danchu/io/detail/json_object.hpp>
#include <danchu/io/detail/text_file.hpp>
#include <danchu/evidence/evidence.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <istream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace danchu {

namespace detail {

inline provenance read_provenance(const nlohmann::json& j, const std::string& file, const std::string& ptr) {
    expect_object(j, file, ptr, {"document", "issuer", "date"});
    return {optional_string(j, "document", file, ptr),
            optional_string(j, "issuer", file, ptr),
            optional_string(j, "date", file, ptr),
            {},
            {}};
}

inline override_record read_override(const nlohmann::json& j, const std::string& file,
                                     const std::string& ptr) {
    expect_object(j, file, ptr, {"unit", "rule", "verdict", "who", "date", "reason", "authority"});
    override_record r;
    r.unit_id = require_string(j, "unit", file, ptr);
    r.rule_id = require_string(j, "rule", file, ptr);
    try {
        r.replacement = verdict_from_string(require_string(j, "verdict", file, ptr));
    } catch (const argument_error& e) {
        throw parse_error(file, child(ptr, "verdict"), e.what());
    }
    r.who = require_string(j, "who", file, ptr);
    r.date = require_string(j, "date", file, ptr);
    if (!civil_day::try_parse(r.date))
        throw parse_error(file, child(ptr, "date"), "expected an existing date YYYY-MM-DD");
    r.reason = require_string(j, "reason", file, ptr);
    r.authority = require_string(j, "authority", file, ptr);
    return r;
}

} // namespace detail

namespace detail {

/// Loads one member of an evidence document's `units` (a unit id and its
/// facts) into the builder; see evidence_from_json for `problems`.
inline void load_unit_json(evidence_builder& b, const organisation& org, const std::string& id,
                           const nlohmann::json& facts, const std::string& file,
                           std::vector<input_problem>* problems) {
    const std::string uptr = child("/units", id);
    if (problems && org.find(id) == organisation::npos) {
        problems->push_back({"unknown_unit", file, uptr, id,
                             "unit \"" + id +
                                 "\" is not in the organisation (check the units "
                                 "file); its evidence is left out"});
        return;
    }
    const std::size_t ui = b.unit_index(id, file + ":" + uptr);
    if (!facts.is_object()) {
        parse_error e(file, uptr, "expected an object keyed by fact");
        if (!problems) throw e;
        problems->push_back({"invalid_value", file, uptr, id, e.what()});
        return;
    }
    for (auto f = facts.begin(); f != facts.end(); ++f) {
        const std::string fptr = child(uptr, f.key());
        const std::string where = file + ":" + fptr;
        try {
            const std::size_t fi = b.fact_index(f.key(), where);
            if (f->is_object()) {
                expect_object(*f, file, fptr, {"value", "source"});
                b.set_json(ui, fi, require(*f, "value", file, fptr), where);
                if (auto s = f->find("source"); s != f->end())
                    b.set_source(ui, fi, read_provenance(*s, file, child(fptr, "source")), where);
            } else {
                b.set_json(ui, fi, *f, where);
            }
        } catch (const error& e) {
            if (!problems) throw;
            problems->push_back({"invalid_value", file, fptr, id, e.what()});
        }
    }
}

/// Everything of an evidence document (top-level keys, period, units,
/// overrides) into the builder, and the evidence built.
inline evidence load_evidence_document(evidence_builder& b, const nlohmann::json& doc,
                                       const organisation& org, const std::string& file,
                                       std::vector<input_problem>* problems) {
    expect_object(doc, file, "", {"$schema", "$comment", "period", "units", "overrides", "help"});
    b.set_file(file);
    b.set_period(optional_string(doc, "period", file, ""));
    const auto& units = require(doc, "units", file, "");
    if (!units.is_object()) throw parse_error(file, "/units", "expected an object keyed by unit id");
    for (auto u = units.begin(); u != units.end(); ++u) load_unit_json(b, org, u.key(), *u, file, problems);
    if (auto o = doc.find("overrides"); o != doc.end()) {
        if (!o->is_array()) throw parse_error(file, "/overrides", "expected an array of overrides");
        for (std::size_t i = 0; i < o->size(); ++i) {
            const std::string optr = child("/overrides", i);
            try {
                auto r = read_override((*o)[i], file, optr);
                b.unit_index(r.unit_id, file + ":" + optr + "/unit");
                b.add_override(std::move(r));
            } catch (const error& e) {
                if (!problems) throw;
                const auto* unit =
                    (*o)[i].is_object() && (*o)[i].contains("unit") && (*o)[i]["unit"].is_string()
                        ? &(*o)[i]["unit"].get_ref<const std::string&>()
                        : nullptr;
                problems->push_back({"invalid_override", file, optr, unit ? *unit : std::string(), e.what()});
            }
        }
    }
    return b.build();
}

} // namespace detail

/// Builds evidence from its JSON document.
/// @param problems optional sink for lenient loading: a unit that is not in
///   the organisation is skipped, a value that does not fit its fact (or an
///   unknown fact, or a malformed override) is left out, each recorded here
///   with the file, JSON pointer and unit; the structure of the document
///   itself (top-level keys, `units` an object) is still checked strictly.
///   Without a sink (the default) the first problem throws.
/// @throws parse_error (structure, naming file and JSON pointer), evidence_error
/// (values, naming file, pointer, unit, fact and the expected type).
inline evidence evidence_from_json(const nlohmann::json& doc, const std::string& file,
                                   std::shared_ptr<const fact_dictionary> dict, const organisation& org,
                                   std::vector<input_problem>* problems = nullptr) {
    evidence_builder b(std::move(dict), org);
    if (problems) b.set_problem_sink(problems, file);
    return detail::load_evidence_document(b, doc, org, file, problems);
}

/// Builds evidence from JSON read from a stream, one unit at a time: memory
/// holds the evidence being built and one unit's document, never the whole
/// document (a 100,000-unit province is about 200 MB of JSON). Same checks,
/// errors and `problems` as evidence_from_json; a unit given twice is an error
/// (or a problem), where a parsed document would silently keep the last.
inline evidence evidence_from_json_stream(std::istream& in, const std::string& file,
                                          std::shared_ptr<const fact_dictionary> dict,
                                          const organisation& org,
                                          std::vector<input_problem>* problems = nullptr) {
    evidence_builder b(std::move(dict), org);
    if (problems) b.set_problem_sink(problems, file);
    const nlohmann::json rest = detail::parse_streaming_members(
        in, file, {{"units", false}},
        [&](const std::string&, const std::string& id, const nlohmann::json& facts) {
            detail::load_unit_json(b, org, id, facts, file, problems);
        });
    return detail::load_evidence_document(b, rest, org, file, problems);
}

/// Builds evidence from wide or long CSV text (long when the header has
/// `fact` and `value` columns).
/// @param problems optional sink for lenient loading (see evidence_from_json):
///   rows of units not in the organisation are skipped, bad cells left out,
///   each recorded with the file and line; the header is still checked strictly.
/// @throws parse_error, evidence_error naming file, line, unit and fact.
inline evidence evidence_from_csv(std::string_view text, const std::string& file,
                                  std::shared_ptr<const fact_dictionary> dict, const organisation& org,
                                  std::string period = {}, std::vector<input_problem>* problems = nullptr) {
    const auto rows = detail::parse_csv(text, file);
    if (rows.empty()) throw parse_error(file, "line 1", "empty file: expected a header row");
    std::vector<std::string> header;
    for (const auto& h : rows[0].fields) header.emplace_back(detail::trim(h));
    auto col = [&](std::string_view name) {
        for (std::size_t c = 0; c < header.size(); ++c)
            if (header[c] == name) return c;
        return std::string::npos;
    };
    evidence_builder b(std::move(dict), org);
    if (problems) b.set_problem_sink(problems, file);
    b.set_file(file);
    b.set_period(std::move(period));
    // Lenient: a row of a unit not in the organisation is skipped and recorded.
    auto known_unit = [&](const std::string& uid, const detail::csv_row& row) {
        if (!problems || org.find(uid) != organisation::npos) return true;
        problems->push_back({"unknown_unit", file, "line " + std::to_string(row.line), uid,
                             "unit \"" + uid +
                                 "\" is not in the organisation (check the units file); "
                                 "its row is left out"});
        return false;
    };
    const std::size_t c_unit = col("unit");
    if (c_unit == std::string::npos) throw parse_error(file, "line 1", "missing the \"unit\" column");
    const bool long_form = col("fact") != std::string::npos && col("value") != std::string::npos;
    auto check_width = [&](const detail::csv_row& r) {
        if (r.fields.size() != header.size())
            throw parse_error(file, "line " + std::to_string(r.line),
                              "expected " + std::to_string(header.size()) + " fields, found " +
                                  std::to_string(r.fields.size()));
    };
    if (long_form) {
        const std::size_t c_fact = col("fact"), c_value = col("value");
        const std::size_t c_doc = col("document"), c_iss = col("issuer"), c_date = col("date");
        for (std::size_t c = 0; c < header.size(); ++c) {
            static const char* known[] = {"unit",    "fact",           "value",          "document",
                                          "issuer",  "date",           "type",           "measure",
                                          "allowed", "description_vi", "description_en", "rules"};
            if (std::find(std::begin(known), std::end(known), header[c]) == std::end(known))
                throw parse_error(file, "line 1",
                                  "unknown column \"" + header[c] +
                                      "\" in a long-form evidence file: expected unit, fact, "
                                      "value, document, issuer, date");
        }
        for (std::size_t r = 1; r < rows.size(); ++r) {
            const auto& row = rows[r];
            check_width(row);
            const std::string where = file + ":line " + std::to_string(row.line);
            const std::string uid(detail::trim(row.fields[c_unit]));
            try {
                if (uid.empty()) throw evidence_error(where + ": empty unit id");
                if (!known_unit(uid, row)) continue;
                const std::size_t ui = b.unit_index(uid, where);
                const std::size_t fi = b.fact_index(detail::trim(row.fields[c_fact]), where);
                b.set_text(ui, fi, row.fields[c_value], where);
                provenance p;
                if (c_doc != std::string::npos) p.document = row.fields[c_doc];
                if (c_iss != std::string::npos) p.issuer = row.fields[c_iss];
                if (c_date != std::string::npos) p.date = std::string(detail::trim(row.fields[c_date]));
                b.set_source(ui, fi, std::move(p), where);
            } catch (const evidence_error& e) {
                if (!problems) throw;
                problems->push_back(
                    {"invalid_value", file, "line " + std::to_string(row.line), uid, e.what()});
            }
        }
        return b.build();
    }
    // wide form: resolve every column first, so an unknown column fails even with no rows
    struct wide_col {
        std::size_t fact;
        int part;
    }; // part 0 value, 1 document, 2 issuer, 3 date
    std::vector<wide_col> cols(header.size(), {std::string::npos, 0});
    for (std::size_t c = 0; c < header.size(); ++c) {
        if (c == c_unit) continue;
        std::string key = header[c];
        int part = 0;
        if (auto hash = key.find('#'); hash != std::string::npos) {
            const std::string suffix = key.substr(hash + 1);
            part = suffix == "document" ? 1 : suffix == "issuer" ? 2 : suffix == "date" ? 3 : -1;
            if (part < 0)
                throw parse_error(file, "line 1",
                                  "column \"" + key + "\": expected a suffix #document, #issuer or #date");
            key.resize(hash);
        }
        cols[c] = {b.fact_index(key, file + ":line 1, column \"" + header[c] + "\""), part};
    }
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        check_width(row);
        const std::string where = file + ":line " + std::to_string(row.line);
        const std::string uid(detail::trim(row.fields[c_unit]));
        if (uid.empty()) {
            evidence_error e(where + ": empty unit id");
            if (!problems) throw e;
            problems->push_back({"invalid_value", file, "line " + std::to_string(row.line), uid, e.what()});
            continue;
        }
        if (!known_unit(uid, row)) continue;
        const std::size_t ui = b.unit_index(uid, where);
        std::map<std::size_t, provenance> prov;
        for (std::size_t c = 0; c < header.size(); ++c) {
            if (c == c_unit) continue;
            const auto& wc = cols[c];
            const std::string cell_where = where + ", column \"" + header[c] + "\"";
            try {
                if (wc.part == 0)
                    b.set_text(ui, wc.fact, row.fields[c], cell_where);
                else if (wc.part == 1)
                    prov[wc.fact].document = row.fields[c];
                else if (wc.part == 2)
                    prov[wc.fact].issuer = row.fields[c];
                else
                    prov[wc.fact].date = std::string(detail::trim(row.fields[c]));
            } catch (const evidence_error& e) {
                if (!problems) throw;
                problems->push_back({"invalid_value", file,
                                     "line " + std::to_string(row.line) + ", column " + header[c], uid,
                                     e.what()});
            }
        }
        for (auto& [f, p] : prov) {
            try {
                b.set_source(ui, f, std::move(p), where);
            } catch (const evidence_error& e) {
                if (!problems) throw;
                problems->push_back(
                    {"invalid_value", file, "line " + std::to_string(row.line), uid, e.what()});
            }
        }
    }
    return b.build();
}

/// A reader of JSON evidence files that a compiled library provides:
/// danchu::ingest (`<danchu/ingest/json.hpp>`, simdjson) sets it with
/// `ingest::enable_fast_json()` (the tool and the Python extension do). It gives
/// the same evidence, problems and errors as the reference reader below.
using evidence_file_reader = evidence (*)(const std::string&, std::shared_ptr<const fact_dictionary>,
                                          const organisation&, std::vector<input_problem>*);
/// The process's fast JSON evidence reader, or null.
inline evidence_file_reader& json_evidence_reader() noexcept {
    static evidence_file_reader reader = nullptr;
    return reader;
}

namespace detail {
/// The reference reader of a JSON evidence file (evidence_from_json_stream).
inline evidence load_evidence_json_reference(const std::string& path,
                                             std::shared_ptr<const fact_dictionary> dict,
                                             const organisation& org, std::vector<input_problem>* problems) {
    std::ifstream in = detail::open_input_file(path);
    return evidence_from_json_stream(in, path, std::move(dict), org, problems);
}
} // namespace detail

/// Loads an evidence file: `.csv` as CSV (period from `period`), else JSON
/// (by json_evidence_reader when one is set).
/// @param problems optional sink for lenient loading (see evidence_from_json);
///   a file that cannot be read or parsed still throws.
/// @throws parse_error, evidence_error.
inline evidence load_evidence(const std::string& path, std::shared_ptr<const fact_dictionary> dict,
                              const organisation& org, std::string period = {},
                              std::vector<input_problem>* problems = nullptr) {
    const bool csv = path.size() >= 4 && (path.compare(path.size() - 4, 4, ".csv") == 0 ||
                                          path.compare(path.size() - 4, 4, ".CSV") == 0);
    if (csv)
        return evidence_from_csv(detail::read_text_file(path), path, std::move(dict), org, std::move(period),
                                 problems);
    if (json_evidence_reader()) return json_evidence_reader()(path, std::move(dict), org, problems);
    return detail::load_evidence_json_reference(path, std::move(dict), org, problems);
}

} // namespace danchu
