#pragma once
/// @file
/// Reading dated events from CSV (docs/evidence.md, "Dated events"): one row
/// per event (`unit,kind,date` then `id`, `note`, `source.*` and field
/// columns) or per declared none (`unit,kind,from,to[,note]`). Errors name the
/// file, the line and the column.

#include <danchu/core/date.hpp>
#include <danchu/core/error.hpp>
#include <danchu/evidence/event.hpp>
#include <danchu/evidence/event_log.hpp>
#include <danchu/io/detail/csv_reader.hpp>
#include <danchu/io/detail/date_text.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace danchu {

namespace detail {

/// One CSV cell (not empty) as a value of type `type` for field `f`.
/// Booleans: true/false/1/0/yes/no/có/không; dates: YYYY-MM-DD or dd/mm/yyyy
/// (io/detail/date_text.hpp); lists of scalars: items separated by ';'.
inline event_value event_value_from_text(const event_field& f, event_field_type type, std::string_view raw,
                                         const std::string& file, const std::string& where) {
    const std::string t(trim(raw));
    event_value out;
    out.present = true;
    auto bad = [&](const char* expected) {
        return parse_error(
            file, where, "field \"" + f.name + "\": expected " + expected + ", found \"" + preview(t) + "\"");
    };
    switch (type) {
    case event_field_type::date: try { out.number = parse_date_text(t, "date");
        } catch (const calendar_error& e) {
            throw parse_error(file, where, "field \"" + f.name + "\": " + e.what());
        }
        break;
    case event_field_type::integer:
    case event_field_type::number: {
        char* end = nullptr;
        out.number = std::strtod(t.c_str(), &end);
        if (t.empty() || end != t.c_str() + t.size() || !std::isfinite(out.number))
            throw bad(type == event_field_type::integer ? "a whole number" : "a number");
        if (auto why = event_log_builder::check_value(f, type, out, false); !why.empty())
            throw parse_error(file, where, why);
        break;
    }
    case event_field_type::boolean:
        if (t == "true" || t == "1" || t == "yes" || t == "có" || t == "TRUE" || t == "True")
            out.number = 1;
        else if (t == "false" || t == "0" || t == "no" || t == "không" || t == "FALSE" || t == "False")
            out.number = 0;
        else
            throw bad("true or false");
        break;
    case event_field_type::string: out.text = t; break;
    case event_field_type::enumeration: {
        const std::size_t i = f.find_value(t);
        if (i == event_field::npos) throw bad("one of the field's words");
        out.number = static_cast<double>(i);
        break;
    }
    case event_field_type::list: {
        if (f.item_type == event_field_type::object)
            throw parse_error(file, where,
                              "field \"" + f.name + "\": a list of objects cannot be given in CSV; use JSON");
        std::size_t start = 0;
        while (start <= t.size()) {
            std::size_t semi = t.find(';', start);
            if (semi == std::string::npos) semi = t.size();
            out.items.push_back(event_value_from_text(
                f, f.item_type, std::string_view(t).substr(start, semi - start), file, where));
            start = semi + 1;
        }
        break;
    }
    case event_field_type::object: throw parse_error(file, where, "an object cannot be given in a CSV cell");
    }
    return out;
}

} // namespace detail

/// Adds the records of CSV text to a builder: events with the header
/// `unit,kind,date` then any of `id`, `note`, `source.<key>` (document,
/// issuer, file, sheet, row, entered_by, entered_on) and field names; or
/// declared nones with the header `unit,kind,from,to[,note]`. An empty cell is
/// "not given"; a non-empty cell in a column that is not a field of the row's
/// kind is an error. Errors name the file, the line and the column.
inline void add_events_csv(event_log_builder& b, const event_kinds& table, std::string_view text,
                           const std::string& file, std::vector<event_issue>* issues = nullptr) {
    const auto rows = detail::parse_csv(text, file);
    if (rows.empty()) throw parse_error(file, "line 1", "empty file: expected a header row");
    std::vector<std::string> header;
    for (const auto& h : rows[0].fields) header.emplace_back(detail::trim(h));
    if (header.size() < 3 || header[0] != "unit" || header[1] != "kind")
        throw parse_error(file, "line 1",
                          "expected a header starting \"unit,kind,date\" (events) or "
                          "\"unit,kind,from,to\" (declared nones)");
    const bool nones = header[2] == "from";
    if (nones && (header.size() < 4 || header.size() > 5 || header[3] != "to" ||
                  (header.size() == 5 && header[4] != "note")))
        throw parse_error(file, "line 1", "expected the header \"unit,kind,from,to[,note]\"");
    if (!nones && header[2] != "date")
        throw parse_error(file, "line 1",
                          "expected \"date\" (events) or \"from\" (declared nones) in column 3");
    for (std::size_t c = 0; c < header.size(); ++c)
        for (std::size_t d = 0; d < c; ++d)
            if (header[c] == header[d])
                throw parse_error(file, "line 1", "column \"" + header[c] + "\" appears twice");
    static constexpr std::string_view source_keys[] = {"document", "issuer",     "file",      "sheet",
                                                       "row",      "entered_by", "entered_on"};
    if (!nones)
        for (std::size_t c = 3; c < header.size(); ++c) {
            const std::string& h = header[c];
            if (h == "id" || h == "note") continue;
            if (h.compare(0, 7, "source.") == 0) {
                if (std::find(std::begin(source_keys), std::end(source_keys),
                              std::string_view(h).substr(7)) == std::end(source_keys))
                    throw parse_error(file, "line 1",
                                      "unknown column \"" + h +
                                          "\": expected source.document, "
                                          "source.issuer, source.file, source.sheet, source.row, "
                                          "source.entered_by or source.entered_on");
                continue;
            }
            bool some = false;
            for (const auto& k : table.kinds()) some = some || k.find_field(h) != event_kind::npos;
            if (!some)
                throw parse_error(file, "line 1",
                                  "unknown column \"" + h + "\": no event kind has this field");
        }
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        const std::string line = "line " + std::to_string(row.line);
        auto cell = [&](std::size_t c) { return std::string(detail::trim(row.fields[c])); };
        auto at = [&](std::size_t c) { return line + ", column " + header[c]; };
        try {
            if (row.fields.size() != header.size())
                throw parse_error(file, line,
                                  "expected " + std::to_string(header.size()) + " fields, found " +
                                      std::to_string(row.fields.size()));
            if (nones) {
                declared_none n;
                n.unit = cell(0);
                n.kind = cell(1);
                for (std::size_t c : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{3}})
                    if (cell(c).empty()) throw parse_error(file, at(c), "empty value");
                for (std::size_t c : {std::size_t{2}, std::size_t{3}}) try {
                        (c == 2 ? n.from : n.to) = detail::parse_date_text(cell(c), header[c]);
                    } catch (const calendar_error& e) {
                        throw parse_error(file, at(c), e.what());
                    }
                if (header.size() == 5) n.note = row.fields[4];
                b.add_none(std::move(n), {file, line});
                continue;
            }
            event e;
            e.unit = cell(0);
            e.kind = cell(1);
            if (e.unit.empty()) throw parse_error(file, at(0), "empty value");
            const std::size_t k = table.find(e.kind);
            if (k == event_kinds::npos)
                throw parse_error(file, at(1), "unknown event kind \"" + detail::preview(e.kind) + "\"");
            const event_kind& kd = table[k];
            try {
                e.date = detail::parse_date_text(cell(2), "date");
            } catch (const calendar_error& x) {
                throw parse_error(file, at(2), x.what());
            }
            e.values.resize(kd.fields.size());
            for (std::size_t c = 3; c < header.size(); ++c) {
                const std::string v = cell(c);
                if (v.empty()) continue;
                const std::string& h = header[c];
                if (h == "id")
                    e.id = v;
                else if (h == "note")
                    e.note = row.fields[c];
                else if (h.compare(0, 7, "source.") == 0) {
                    const std::string key = h.substr(7);
                    if (key == "document")
                        e.source.document = v;
                    else if (key == "issuer")
                        e.source.issuer = v;
                    else if (key == "file")
                        e.source.file = v;
                    else if (key == "sheet")
                        e.source.sheet = v;
                    else if (key == "entered_by")
                        e.source.entered_by = v;
                    else if (key == "row") {
                        char* end = nullptr;
                        const long long n = std::strtoll(v.c_str(), &end, 10);
                        if (end != v.c_str() + v.size() || n < 1)
                            throw parse_error(file, at(c), "expected a row number from 1");
                        e.source.row = n;
                    } else {
                        try {
                            (void)danchu::parse_iso_date(v, "source.entered_on");
                        } catch (const calendar_error& x) {
                            throw parse_error(file, at(c), x.what());
                        }
                        e.source.entered_on = v;
                    }
                } else {
                    const std::size_t f = kd.find_field(h);
                    if (f == event_kind::npos)
                        throw parse_error(file, at(c),
                                          "unknown field \"" + h + "\" for kind \"" + kd.id + "\"");
                    e.values[f] =
                        detail::event_value_from_text(kd.fields[f], kd.fields[f].type, v, file, at(c));
                }
            }
            for (std::size_t f = 0; f < kd.fields.size(); ++f)
                if (kd.fields[f].required && !e.values[f].present)
                    throw parse_error(file, line,
                                      "missing required field \"" + kd.fields[f].name + "\" of kind \"" +
                                          kd.id + "\"");
            b.add(std::move(e), {file, line});
        } catch (const parse_error& x) {
            if (!issues) throw;
            const std::string m = x.what();
            const char* kind = m.find("unknown event kind") != std::string::npos ? "unknown_kind"
                               : m.find("unknown field") != std::string::npos    ? "unknown_field"
                               : m.find("missing required") != std::string::npos ? "missing_field"
                                                                                 : "invalid_value";
            issues->push_back({kind, file, x.pointer(), row.fields.empty() ? std::string() : cell(0), m});
        }
    }
}

} // namespace danchu
