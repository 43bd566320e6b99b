#pragma once
/// @file
/// Reading dated events (docs/evidence.md, "Dated events";
/// `data/schemas/events.schema.json`) from JSON, and from CSV through
/// `event_csv.hpp`; it includes the table loaders (`event_kinds_io.hpp`).
///
/// An events file:
/// ```json
/// {"events": [{"unit": "SNV", "kind": "conference_held", "date": "2025-03-20",
///              "session": "regular", "covers_year": 2024, "present": 58,
///              "source": {"document": "05/BB-SNV", "entered_by": "Nguyễn Văn A"}}],
///  "none": [{"unit": "SNV", "kind": "extraordinary_conference_requested",
///            "from": "2025-01-01", "to": "2025-06-30"}]}
/// ```
/// The loader is strict: an unknown kind, an unknown field, a value of the
/// wrong type, a missing required field, a date no regime of the table
/// covers, a unit not in the organisation, the same event twice and a
/// declared none beside an event of its kind inside its window are each an
/// error naming the file and the JSON pointer. With a problem sink it is
/// lenient: each such record is left out and the problem recorded (the
/// structure of the document itself is still checked strictly).

#include <danchu/core/data.hpp>
#include <danchu/evidence/event.hpp>
#include <danchu/evidence/event_log.hpp>
#include <danchu/evidence/evidence.hpp>
#include <danchu/evidence/event_csv.hpp>
#include <danchu/evidence/event_kinds_io.hpp>
#include <danchu/evidence/windows.hpp>
#include <danchu/io/detail/csv_reader.hpp>
#include <danchu/io/detail/json_object.hpp>
#include <danchu/io/detail/json_stream.hpp>
#include <danchu/io/detail/json_text.hpp>
#include <danchu/io/detail/text_file.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace danchu {
namespace detail {

/// One JSON value as an event value of field `f` (throws parse_error at `ptr`).
inline event_value read_event_value(const event_field& f, event_field_type type, const nlohmann::json& v,
                                    const std::string& file, const std::string& ptr) {
    event_value out;
    out.present = true;
    auto expected = [&](const char* what) {
        return parse_error(
            file, ptr,
            "field \"" + f.name + "\": expected " + what + ", found " + json_type_name(v) +
                (v.is_string() ? " \"" + preview(v.get_ref<const std::string&>()) + "\"" : std::string()));
    };
    switch (type) {
    case event_field_type::date: out.number = read_event_date(v, file, ptr); break;
    case event_field_type::integer:
        if (!v.is_number_integer()) {
            if (!v.is_number_float() || v.get<double>() != std::floor(v.get<double>()) ||
                std::abs(v.get<double>()) > 9.0e15)
                throw expected("a whole number");
        }
        out.number = v.get<double>();
        break;
    case event_field_type::number:
        if (!v.is_number()) throw expected("a number");
        out.number = v.get<double>();
        break;
    case event_field_type::boolean:
        if (!v.is_boolean()) throw expected("true or false");
        out.number = v.get<bool>() ? 1 : 0;
        break;
    case event_field_type::string:
        if (!v.is_string()) throw expected("a string");
        out.text = v.get<std::string>();
        break;
    case event_field_type::enumeration: {
        if (!v.is_string()) throw expected("a word");
        const std::size_t i = f.find_value(v.get_ref<const std::string&>());
        if (i == event_field::npos) {
            std::string list;
            for (const auto& w : f.values) list += (list.empty() ? "" : ", ") + w;
            throw parse_error(file, ptr,
                              "field \"" + f.name + "\": \"" + preview(v.get_ref<const std::string&>()) +
                                  "\" is not one of " + list);
        }
        out.number = static_cast<double>(i);
        break;
    }
    case event_field_type::object: {
        std::vector<std::string_view> allowed;
        for (const auto& sf : f.item_fields) allowed.push_back(sf.name);
        if (!v.is_object()) throw expected("an object");
        for (auto it = v.begin(); it != v.end(); ++it)
            if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end())
                throw parse_error(file, child(ptr, it.key()),
                                  "unknown field \"" + it.key() + "\" in an item of \"" + f.name + "\"");
        for (const auto& sf : f.item_fields) {
            auto it = v.find(sf.name);
            if (it == v.end() || it->is_null()) {
                if (sf.required) throw parse_error(file, ptr, "missing required field \"" + sf.name + "\"");
                out.items.emplace_back();
            } else {
                out.items.push_back(read_event_value(sf, sf.type, *it, file, child(ptr, sf.name)));
            }
        }
        break;
    }
    case event_field_type::list:
        if (!v.is_array()) throw expected("an array");
        for (std::size_t i = 0; i < v.size(); ++i)
            out.items.push_back(read_event_value(f, f.item_type, v[i], file, child(ptr, i)));
        break;
    }
    if (type == event_field_type::integer || type == event_field_type::number)
        if (auto bad = event_log_builder::check_value(f, type, out, false); !bad.empty())
            throw parse_error(file, ptr, bad);
    return out;
}

inline event_source read_event_source(const nlohmann::json& j, const std::string& file,
                                      const std::string& ptr) {
    expect_object(j, file, ptr, {"document", "issuer", "file", "sheet", "row", "entered_by", "entered_on"});
    event_source s;
    s.document = optional_string(j, "document", file, ptr);
    s.issuer = optional_string(j, "issuer", file, ptr);
    s.file = optional_string(j, "file", file, ptr);
    s.sheet = optional_string(j, "sheet", file, ptr);
    if (auto r = j.find("row"); r != j.end()) {
        if (!r->is_number_integer() || r->get<long long>() < 1)
            throw parse_error(file, child(ptr, "row"), "expected a row number from 1");
        s.row = r->get<std::int64_t>();
    }
    s.entered_by = optional_string(j, "entered_by", file, ptr);
    if (auto d = j.find("entered_on"); d != j.end()) {
        (void)read_event_date(*d, file, child(ptr, "entered_on"));
        s.entered_on = d->get<std::string>();
    }
    return s;
}

/// One record of `/events`: parse_error for its structure and types.
inline event read_event(const event_kinds& table, const nlohmann::json& j, const std::string& file,
                        const std::string& ptr) {
    if (!j.is_object())
        throw parse_error(file, ptr, std::string("expected an event object, found ") + json_type_name(j));
    event e;
    e.unit = require_string(j, "unit", file, ptr);
    e.kind = require_string(j, "kind", file, ptr);
    const std::size_t k = table.find(e.kind);
    if (k == event_kinds::npos)
        throw parse_error(file, child(ptr, "kind"),
                          "unknown event kind \"" + preview(e.kind) + "\" (the kinds are in " +
                              table.source() + ")");
    const event_kind& kd = table[k];
    e.date = read_event_date(require(j, "date", file, ptr), file, child(ptr, "date"));
    e.id = optional_string(j, "id", file, ptr);
    e.note = optional_string(j, "note", file, ptr);
    if (auto s = j.find("source"); s != j.end()) e.source = read_event_source(*s, file, child(ptr, "source"));
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& key = it.key();
        if (key == "unit" || key == "kind" || key == "date" || key == "id" || key == "note" ||
            key == "source")
            continue;
        if (kd.find_field(key) == event_kind::npos) {
            std::string list;
            for (const auto& f : kd.fields) list += (list.empty() ? "" : ", ") + f.name;
            throw parse_error(file, child(ptr, key),
                              "unknown field \"" + preview(key) + "\" for kind \"" + kd.id +
                                  "\": expected one of " + list);
        }
    }
    e.values.resize(kd.fields.size());
    for (std::size_t f = 0; f < kd.fields.size(); ++f) {
        auto it = j.find(kd.fields[f].name);
        if (it == j.end() || it->is_null()) {
            if (kd.fields[f].required)
                throw parse_error(file, ptr,
                                  "missing required field \"" + kd.fields[f].name + "\" of kind \"" + kd.id +
                                      "\"");
            continue;
        }
        e.values[f] =
            read_event_value(kd.fields[f], kd.fields[f].type, *it, file, child(ptr, kd.fields[f].name));
    }
    return e;
}

/// One record of `/none`.
inline declared_none read_declared_none(const nlohmann::json& j, const std::string& file,
                                        const std::string& ptr) {
    expect_object(j, file, ptr, {"unit", "kind", "from", "to", "note", "source"});
    declared_none n;
    n.unit = require_string(j, "unit", file, ptr);
    n.kind = require_string(j, "kind", file, ptr);
    n.from = read_event_date(require(j, "from", file, ptr), file, child(ptr, "from"));
    n.to = read_event_date(require(j, "to", file, ptr), file, child(ptr, "to"));
    n.note = optional_string(j, "note", file, ptr);
    if (auto s = j.find("source"); s != j.end()) n.source = read_event_source(*s, file, child(ptr, "source"));
    return n;
}

inline void to_problems(const std::vector<event_issue>& issues, std::vector<input_problem>* problems) {
    for (const auto& i : issues) problems->push_back({i.kind, i.file, i.location, i.subject, i.message});
}

/// Adds one streamed or parsed record to the builder; parse errors of one
/// record become problems in lenient mode.
inline void add_event_record(event_log_builder& b, const event_kinds& table, const std::string& member,
                             const nlohmann::json& item, const std::string& file, const std::string& ptr,
                             std::vector<event_issue>* issues) {
    try {
        if (member == "events")
            b.add(read_event(table, item, file, ptr), {file, ptr});
        else
            b.add_none(read_declared_none(item, file, ptr), {file, ptr});
    } catch (const parse_error& e) {
        if (!issues) throw;
        const std::string m = e.what();
        const char* kind = m.find("unknown event kind") != std::string::npos ? "unknown_kind"
                           : m.find("unknown field") != std::string::npos    ? "unknown_field"
                           : m.find("missing required") != std::string::npos ? "missing_field"
                                                                             : "invalid_value";
        const auto* unit = item.is_object() && item.contains("unit") && item["unit"].is_string()
                               ? &item["unit"].get_ref<const std::string&>()
                               : nullptr;
        issues->push_back({kind, file, e.pointer(), unit ? *unit : std::string(), m});
    }
}

inline void check_events_document(const nlohmann::json& doc, const std::string& file) {
    expect_object(doc, file, "", {"$schema", "$comment", "events", "none"});
    for (const char* m : {"events", "none"})
        if (doc.contains(m) && !doc[m].is_array())
            throw parse_error(file, std::string("/") + m, "expected an array");
}

} // namespace detail

/// Adds the records of one events document to a builder (several files may
/// feed one builder: duplicates and conflicts are found across them).
/// @param issues lenient mode: records with problems are left out and listed
///   here; null: the first problem throws.
/// @throws parse_error (structure, types, unknown kinds and fields) naming the
/// file and JSON pointer.
inline void add_events_json(event_log_builder& b, const event_kinds& table, const nlohmann::json& doc,
                            const std::string& file, std::vector<event_issue>* issues = nullptr) {
    detail::check_events_document(doc, file);
    for (const char* m : {"events", "none"})
        if (auto it = doc.find(m); it != doc.end())
            for (std::size_t i = 0; i < it->size(); ++i)
                detail::add_event_record(b, table, m, (*it)[i], file,
                                         "/" + std::string(m) + "/" + std::to_string(i), issues);
}

/// A reader of events files that a compiled library provides: the XLSX
/// workbooks of danchu::office (`<danchu/office/xlsx.hpp>`), which sets it
/// with `office::enable_xlsx_events()` (the tool and the Python extension do).
using events_file_reader = void (*)(event_log_builder&, const event_kinds&, const std::string&,
                                    std::vector<event_issue>*);
/// The process's XLSX events reader, or null.
inline events_file_reader& xlsx_events_reader() noexcept {
    static events_file_reader reader = nullptr;
    return reader;
}
/// The process's fast JSON events reader, or null (the reference below):
/// danchu::ingest (`<danchu/ingest/json.hpp>`, simdjson) sets it with
/// `ingest::enable_fast_json()`; it reads the same records, and hands any file
/// it does not expect back to the reference reader.
inline events_file_reader& json_events_reader() noexcept {
    static events_file_reader reader = nullptr;
    return reader;
}

namespace detail {
/// The reference reader of a JSON events file: streamed one record at a time.
inline void add_events_json_reference(event_log_builder& b, const event_kinds& table, const std::string& path,
                                      std::vector<event_issue>* issues) {
    std::ifstream in = detail::open_input_file(path);
    const nlohmann::json rest = detail::parse_streaming_members(
        in, path, {{"events", true}, {"none", true}},
        [&](const std::string& member, const std::string& index, const nlohmann::json& item) {
            detail::add_event_record(b, table, member, item, path, "/" + member + "/" + index, issues);
        });
    detail::check_events_document(rest, path);
}
} // namespace detail

namespace detail {
inline bool has_suffix(const std::string& path, std::string_view lower) {
    if (path.size() < lower.size()) return false;
    for (std::size_t i = 0; i < lower.size(); ++i) {
        char c = path[path.size() - lower.size() + i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != lower[i]) return false;
    }
    return true;
}
} // namespace detail

/// Reads one events file into a builder: `.csv` as CSV (add_events_csv),
/// `.xlsx` with the XLSX reader (xlsx_events_reader), anything else as JSON,
/// streamed one record at a time (by json_events_reader when one is set).
inline void add_events_file(event_log_builder& b, const event_kinds& table, const std::string& path,
                            std::vector<event_issue>* issues = nullptr) {
    if (detail::has_suffix(path, ".xlsx")) {
        if (!xlsx_events_reader())
            throw parse_error(
                path, "",
                "reading an XLSX workbook needs danchu's office library (the danchu command and "
                "the Python package have it; C++: link danchu::office and call "
                "danchu::office::enable_xlsx_events()), or save the sheets as CSV");
        return xlsx_events_reader()(b, table, path, issues);
    }
    if (path.size() >= 4 &&
        (path.compare(path.size() - 4, 4, ".csv") == 0 || path.compare(path.size() - 4, 4, ".CSV") == 0))
        return add_events_csv(b, table, detail::read_text_file(path), path, issues);
    if (json_events_reader()) return json_events_reader()(b, table, path, issues);
    detail::add_events_json_reference(b, table, path, issues);
}

/// Builds an event log from one parsed events document.
/// @param problems lenient mode (see the file comment); null: strict.
/// @throws parse_error, evidence_error naming the file and JSON pointer.
inline event_log events_from_json(const nlohmann::json& doc, const std::string& file,
                                  std::shared_ptr<const event_kinds> kinds, const organisation& org,
                                  std::vector<input_problem>* problems = nullptr) {
    event_log_builder b(kinds, org);
    std::vector<event_issue> issues;
    if (problems) b.set_problem_sink(&issues);
    add_events_json(b, *kinds, doc, file, problems ? &issues : nullptr);
    event_log log = b.build();
    if (problems) detail::to_problems(issues, problems);
    return log;
}

/// The events files a path names: the path itself, or for a folder its
/// `.json`, `.csv` and `.xlsx` files in name order (not its subfolders; files
/// starting with `~$`, Excel's lock files, left out).
inline std::vector<std::string> events_files_of(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_directory(path, ec)) return {path};
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(path, ec)) {
        const std::string p = e.path().string(), name = e.path().filename().string();
        if (name.rfind("~$", 0) == 0 || !e.is_regular_file(ec)) continue;
        if (detail::has_suffix(p, ".json") || detail::has_suffix(p, ".csv") || detail::has_suffix(p, ".xlsx"))
            out.push_back(p);
    }
    if (ec) throw parse_error(path, "", "cannot list the folder: " + ec.message());
    std::sort(out.begin(), out.end());
    if (out.empty()) throw parse_error(path, "", "the folder holds no events file (.json, .csv or .xlsx)");
    return out;
}

/// Loads event logs from files (JSON streamed, CSV, XLSX) or folders of them,
/// checking across them.
inline event_log load_events(const std::vector<std::string>& paths, std::shared_ptr<const event_kinds> kinds,
                             const organisation& org, std::vector<input_problem>* problems = nullptr) {
    event_log_builder b(kinds, org);
    std::vector<event_issue> issues;
    if (problems) b.set_problem_sink(&issues);
    for (const auto& p : paths)
        for (const auto& f : events_files_of(p)) add_events_file(b, *kinds, f, problems ? &issues : nullptr);
    event_log log = b.build();
    if (problems) detail::to_problems(issues, problems);
    return log;
}

/// Loads event logs from files and checks that every reference between events
/// resolves. Every problem of every file is named in the one error thrown
/// (the first 200, then a count), so a user fixes them in one pass.
/// @throws evidence_error listing the problems, each with file and pointer.
inline event_log load_events_checked(const std::vector<std::string>& paths,
                                     std::shared_ptr<const event_kinds> kinds, const organisation& org) {
    std::vector<input_problem> problems;
    event_log log = load_events(paths, std::move(kinds), org, &problems);
    for (auto& i : unresolved_references(log))
        problems.push_back({i.kind, i.file, i.location, i.subject, std::move(i.message)});
    if (problems.empty()) return log;
    std::string m = std::to_string(problems.size()) + " problem(s) in the events files:";
    for (std::size_t i = 0; i < problems.size() && i < 200; ++i) m += "\n  " + problems[i].message;
    if (problems.size() > 200) m += "\n  ... and " + std::to_string(problems.size() - 200) + " more";
    throw evidence_error(m);
}

} // namespace danchu
