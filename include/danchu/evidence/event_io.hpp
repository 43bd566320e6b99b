#pragma once
/// @file
/// Reading dated events from JSON or CSV (docs/evidence.md, "Dated events";
/// `data/schemas/events.schema.json`), the table of event kinds
/// (`data/events/kinds.json` with `data/events/publicity-items.json`) and the
/// year and window settings (`data/events/years.json`).
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
#include <fstream>
#include <istream>
#include <memory>
#include <string>
#include <vector>

namespace danchu {

namespace detail {

inline event_text read_event_text(const nlohmann::json& obj, std::string_view key, const std::string& file,
                                  const std::string& ptr) {
    const auto& t = require(obj, key, file, ptr);
    const std::string p = child(ptr, key);
    expect_object(t, file, p, {"vi", "en"});
    return {require_string(t, "vi", file, p), require_string(t, "en", file, p)};
}

inline day_number read_event_date(const nlohmann::json& v, const std::string& file, const std::string& ptr) {
    if (!v.is_string())
        throw parse_error(file, ptr, std::string("expected a date YYYY-MM-DD, found ") + json_type_name(v));
    try {
        return danchu::parse_iso_date(v.get_ref<const std::string&>(), "date");
    } catch (const calendar_error& e) {
        throw parse_error(file, ptr, e.what());
    }
}

inline bool read_bool(const nlohmann::json& obj, std::string_view key, bool fallback, const std::string& file,
                      const std::string& ptr) {
    auto it = obj.find(std::string(key));
    if (it == obj.end()) return fallback;
    if (!it->is_boolean())
        throw parse_error(file, child(ptr, key), std::string("expected true or false, found ") + json_type_name(*it));
    return it->get<bool>();
}

inline confidence read_confidence(const nlohmann::json& obj, std::string_view key, const std::string& file,
                                  const std::string& ptr) {
    try {
        return confidence_from_string(require_string(obj, key, file, ptr));
    } catch (const argument_error& e) {
        throw parse_error(file, child(ptr, key), e.what());
    }
}

inline event_citation read_event_citation(const nlohmann::json& j, const std::string& file, const std::string& ptr,
                                          bool with_confidence) {
    if (with_confidence)
        expect_object(j, file, ptr, {"document", "article", "clause", "point", "confidence", "note"});
    else
        expect_object(j, file, ptr, {"document", "article", "clause", "point", "note"});
    event_citation c;
    c.document = require_string(j, "document", file, ptr);
    c.article = optional_string(j, "article", file, ptr);
    c.clause = optional_string(j, "clause", file, ptr);
    c.point = optional_string(j, "point", file, ptr);
    c.note = optional_string(j, "note", file, ptr);
    if (with_confidence) c.conf = read_confidence(j, "confidence", file, ptr);
    return c;
}

inline event_field read_event_field(const nlohmann::json& j, const std::string& file, const std::string& ptr) {
    expect_object(j, file, ptr, {"name", "type", "required", "description", "values", "values_from", "minimum",
                                 "maximum", "items", "refers_to"});
    event_field f;
    f.name = require_string(j, "name", file, ptr);
    try {
        f.type = event_field_type_from_string(require_string(j, "type", file, ptr));
    } catch (const argument_error& e) {
        throw parse_error(file, child(ptr, "type"), e.what());
    }
    f.required = read_bool(j, "required", false, file, ptr);
    f.description = read_event_text(j, "description", file, ptr);
    if (auto v = j.find("values"); v != j.end()) {
        if (!v->is_array()) throw parse_error(file, child(ptr, "values"), "expected an array of words");
        for (std::size_t i = 0; i < v->size(); ++i) {
            if (!(*v)[i].is_string()) throw parse_error(file, child(child(ptr, "values"), i), "expected a word");
            f.values.push_back((*v)[i].get<std::string>());
        }
    }
    f.values_from = optional_string(j, "values_from", file, ptr);
    if (auto r = j.find("refers_to"); r != j.end()) {
        if (!r->is_array() || r->empty()) throw parse_error(file, child(ptr, "refers_to"), "expected an array of event kinds");
        for (std::size_t i = 0; i < r->size(); ++i) {
            if (!(*r)[i].is_string()) throw parse_error(file, child(child(ptr, "refers_to"), i), "expected an event kind");
            f.refers_to.push_back((*r)[i].get<std::string>());
        }
    }
    if (j.contains("minimum")) f.minimum = optional_number(j, "minimum", 0, file, ptr);
    if (j.contains("maximum")) f.maximum = optional_number(j, "maximum", 0, file, ptr);
    if (auto it = j.find("items"); it != j.end()) {
        const std::string ip = child(ptr, "items");
        expect_object(*it, file, ip, {"type", "fields", "values"});
        try {
            f.item_type = event_field_type_from_string(require_string(*it, "type", file, ip));
        } catch (const argument_error& e) {
            throw parse_error(file, child(ip, "type"), e.what());
        }
        if (auto fs = it->find("fields"); fs != it->end()) {
            if (!fs->is_array()) throw parse_error(file, child(ip, "fields"), "expected an array of fields");
            for (std::size_t i = 0; i < fs->size(); ++i)
                f.item_fields.push_back(read_event_field((*fs)[i], file, child(child(ip, "fields"), i)));
        }
        if (auto v = it->find("values"); v != it->end()) {
            if (!v->is_array()) throw parse_error(file, child(ip, "values"), "expected an array of words");
            for (std::size_t i = 0; i < v->size(); ++i) {
                if (!(*v)[i].is_string()) throw parse_error(file, child(child(ip, "values"), i), "expected a word");
                f.values.push_back((*v)[i].get<std::string>());
            }
        }
    } else if (f.type == event_field_type::list) {
        throw parse_error(file, ptr, "a list field needs \"items\"");
    }
    return f;
}

inline event_kind read_event_kind(const nlohmann::json& j, const std::string& file, const std::string& ptr) {
    expect_object(j, file, ptr, {"id", "title", "date", "identity", "fields", "regimes", "note"});
    event_kind k;
    k.id = require_string(j, "id", file, ptr);
    k.title = read_event_text(j, "title", file, ptr);
    k.date_means = read_event_text(j, "date", file, ptr);
    k.note = optional_string(j, "note", file, ptr);
    const auto& fields = require(j, "fields", file, ptr);
    if (!fields.is_array()) throw parse_error(file, child(ptr, "fields"), "expected an array of fields");
    for (std::size_t i = 0; i < fields.size(); ++i)
        k.fields.push_back(read_event_field(fields[i], file, child(child(ptr, "fields"), i)));
    if (auto id = j.find("identity"); id != j.end()) {
        if (!id->is_array()) throw parse_error(file, child(ptr, "identity"), "expected an array of field names");
        for (std::size_t i = 0; i < id->size(); ++i) {
            const std::string p = child(child(ptr, "identity"), i);
            const std::size_t f = (*id)[i].is_string() ? k.find_field((*id)[i].get<std::string>()) : event_kind::npos;
            if (f == event_kind::npos) throw parse_error(file, p, "expected the name of one of the kind's fields");
            k.identity.push_back(f);
        }
    }
    const auto& regimes = require(j, "regimes", file, ptr);
    if (!regimes.is_array() || regimes.empty())
        throw parse_error(file, child(ptr, "regimes"), "expected a non-empty array: the regimes that speak of the kind");
    for (std::size_t i = 0; i < regimes.size(); ++i) {
        const std::string rp = child(child(ptr, "regimes"), i);
        expect_object(regimes[i], file, rp, {"regime", "citations"});
        event_regime_citations r;
        r.regime = require_string(regimes[i], "regime", file, rp);
        const auto& cs = require(regimes[i], "citations", file, rp);
        if (!cs.is_array() || cs.empty()) throw parse_error(file, child(rp, "citations"), "expected a non-empty array");
        for (std::size_t c = 0; c < cs.size(); ++c)
            r.citations.push_back(read_event_citation(cs[c], file, child(child(rp, "citations"), c), true));
        k.regimes.push_back(std::move(r));
    }
    return k;
}

inline std::vector<publicity_item> read_publicity_items(const nlohmann::json& doc, const std::string& file) {
    expect_object(doc, file, "", {"$schema", "version", "note", "items"});
    const auto& items = require(doc, "items", file, "");
    if (!items.is_array()) throw parse_error(file, "/items", "expected an array of items");
    std::vector<publicity_item> out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string p = child("/items", i);
        const auto& j = items[i];
        expect_object(j, file, p, {"id", "regime", "citation", "title", "confidence", "applies"});
        publicity_item it;
        it.id = require_string(j, "id", file, p);
        it.regime = require_string(j, "regime", file, p);
        it.citation = read_event_citation(require(j, "citation", file, p), file, child(p, "citation"), false);
        it.citation.conf = read_confidence(j, "confidence", file, p);
        it.title = read_event_text(j, "title", file, p);
        const std::string ap = child(p, "applies");
        const auto& a = require(j, "applies", file, p);
        expect_object(a, file, ap, {"when", "triggered_by", "confidence", "note"});
        const std::string when = require_string(a, "when", file, ap);
        if (when == "always") it.when = publicity_applies::always;
        else if (when == "triggered") it.when = publicity_applies::triggered;
        else if (when == "configured") it.when = publicity_applies::configured;
        else throw parse_error(file, child(ap, "when"), "expected always, triggered or configured");
        if (auto t = a.find("triggered_by"); t != a.end()) {
            if (!t->is_array()) throw parse_error(file, child(ap, "triggered_by"), "expected an array of event kinds");
            for (std::size_t k = 0; k < t->size(); ++k) {
                if (!(*t)[k].is_string())
                    throw parse_error(file, child(child(ap, "triggered_by"), k), "expected an event kind");
                it.triggered_by.push_back((*t)[k].get<std::string>());
            }
        }
        if (it.when == publicity_applies::triggered && it.triggered_by.empty())
            throw parse_error(file, ap, "a triggered item needs \"triggered_by\"");
        it.applies_conf = read_confidence(a, "confidence", file, ap);
        it.applies_note = optional_string(a, "note", file, ap);
        out.push_back(std::move(it));
    }
    return out;
}

} // namespace detail

/// Builds the table of event kinds from the kinds document and the publicity
/// items document.
/// @throws parse_error naming the file and JSON pointer; evidence_error for
/// cross-references (see event_kinds).
inline event_kinds event_kinds_from_json(const nlohmann::json& kinds_doc, const std::string& kinds_file,
                                         const nlohmann::json& items_doc, const std::string& items_file) {
    using namespace detail;
    expect_object(kinds_doc, kinds_file, "", {"$schema", "version", "note", "regimes", "kinds"});
    std::vector<event_regime> regimes;
    const auto& rs = require(kinds_doc, "regimes", kinds_file, "");
    if (!rs.is_array()) throw parse_error(kinds_file, "/regimes", "expected an array of regimes");
    for (std::size_t i = 0; i < rs.size(); ++i) {
        const std::string p = child("/regimes", i);
        expect_object(rs[i], kinds_file, p, {"id", "title", "valid_from", "valid_to", "base", "note"});
        event_regime r;
        r.id = require_string(rs[i], "id", kinds_file, p);
        r.title = read_event_text(rs[i], "title", kinds_file, p);
        r.valid_from = read_event_date(require(rs[i], "valid_from", kinds_file, p), kinds_file, child(p, "valid_from"));
        if (auto t = rs[i].find("valid_to"); t != rs[i].end())
            r.valid_to = read_event_date(*t, kinds_file, child(p, "valid_to"));
        r.base = optional_string(rs[i], "base", kinds_file, p);
        r.note = optional_string(rs[i], "note", kinds_file, p);
        regimes.push_back(std::move(r));
    }
    const auto& ks = require(kinds_doc, "kinds", kinds_file, "");
    if (!ks.is_array()) throw parse_error(kinds_file, "/kinds", "expected an array of event kinds");
    std::vector<event_kind> kinds;
    for (std::size_t i = 0; i < ks.size(); ++i) kinds.push_back(read_event_kind(ks[i], kinds_file, child("/kinds", i)));
    return event_kinds(std::move(kinds), std::move(regimes), read_publicity_items(items_doc, items_file),
                       kinds_file + " and " + items_file);
}

/// Loads a kinds file and a publicity items file.
inline std::shared_ptr<const event_kinds> load_event_kinds(const std::string& kinds_path,
                                                           const std::string& items_path) {
    return std::make_shared<const event_kinds>(event_kinds_from_json(
        detail::read_json_file(kinds_path), kinds_path, detail::read_json_file(items_path), items_path));
}

/// Loads the bundled table (`<data>/events/kinds.json` and
/// `publicity-items.json`; `data_dir` empty: default_data_dir()).
inline std::shared_ptr<const event_kinds> load_event_kinds(std::string data_dir = {}) {
    if (data_dir.empty()) data_dir = default_data_dir();
    return load_event_kinds(data_dir + "/events/kinds.json", data_dir + "/events/publicity-items.json");
}

/// Reads `years.json`: year boundaries, the basis per unit kind, the annual
/// conference windows and the time limits.
/// @throws parse_error naming the file and JSON pointer.
inline event_windows event_windows_from_json(const nlohmann::json& doc, const std::string& file) {
    using namespace detail;
    expect_object(doc, file, "", {"$schema", "version", "note", "years", "year_by_unit_kind", "annual_conference",
                                  "time_limits"});
    event_windows w;
    auto read_start = [&](const nlohmann::json& y, const std::string& p) {
        expect_object(y, file, p, {"starts", "confidence", "setting", "title", "note"});
        const auto& s = require(y, "starts", file, p);
        const std::string sp = child(p, "starts");
        expect_object(s, file, sp, {"month", "day"});
        month_day md;
        const auto& m = require(s, "month", file, sp);
        const auto& d = require(s, "day", file, sp);
        if (!m.is_number_integer() || m.get<int>() < 1 || m.get<int>() > 12)
            throw parse_error(file, child(sp, "month"), "expected a month 1..12");
        if (!d.is_number_integer() || d.get<int>() < 1 || d.get<int>() > days_in_month(2001, m.get<int>()))
            throw parse_error(file, child(sp, "day"), "expected a day that exists in every year of that month");
        md.month = m.get<int>();
        md.day = d.get<int>();
        return md;
    };
    const auto& years = require(doc, "years", file, "");
    expect_object(years, file, "/years", {"working_year", "school_year"});
    w.years.working_year_start = read_start(require(years, "working_year", file, "/years"), "/years/working_year");
    w.years.school_year_start = read_start(require(years, "school_year", file, "/years"), "/years/school_year");
    if (auto by = doc.find("year_by_unit_kind"); by != doc.end()) {
        if (!by->is_object()) throw parse_error(file, "/year_by_unit_kind", "expected an object");
        for (auto it = by->begin(); it != by->end(); ++it) {
            if (it.key() == "note") continue;
            const std::string p = child("/year_by_unit_kind", it.key());
            if (!it->is_string()) throw parse_error(file, p, "expected working_year or school_year");
            year_basis b;
            try {
                b = year_basis_from_string(it->get<std::string>());
                if (it.key() != "default") (void)unit_kind_from_string(it.key());
            } catch (const argument_error& e) {
                throw parse_error(file, p, e.what());
            }
            if (it.key() == "default") w.years.default_basis = b;
            else w.years.by_unit_kind[it.key()] = b;
        }
    }
    const auto& ac = require(doc, "annual_conference", file, "");
    if (!ac.is_array()) throw parse_error(file, "/annual_conference", "expected an array of rules");
    for (std::size_t i = 0; i < ac.size(); ++i) {
        const std::string p = child("/annual_conference", i);
        expect_object(ac[i], file, p, {"regime", "opens_months", "closes_months", "citation", "confidence", "setting",
                                       "note"});
        annual_window_rule r;
        r.regime = require_string(ac[i], "regime", file, p);
        for (auto [key, out] : {std::pair<const char*, int*>{"opens_months", &r.opens_months},
                                std::pair<const char*, int*>{"closes_months", &r.closes_months}}) {
            const auto& v = require(ac[i], key, file, p);
            if (!v.is_number_integer() || std::abs(v.get<long long>()) > 24)
                throw parse_error(file, child(p, key), "expected a whole number of months, -24..24");
            *out = v.get<int>();
        }
        if (r.closes_months <= r.opens_months)
            throw parse_error(file, child(p, "closes_months"), "expected more than opens_months (an empty window)");
        r.citation = read_event_citation(require(ac[i], "citation", file, p), file, child(p, "citation"), false);
        r.citation.conf = read_confidence(ac[i], "confidence", file, p);
        r.citation.note = optional_string(ac[i], "note", file, p);
        r.setting = read_bool(ac[i], "setting", false, file, p);
        w.annual_conference.push_back(std::move(r));
    }
    if (auto tl = doc.find("time_limits"); tl != doc.end()) {
        if (!tl->is_array()) throw parse_error(file, "/time_limits", "expected an array");
        for (std::size_t i = 0; i < tl->size(); ++i) {
            const std::string p = child("/time_limits", i);
            const auto& j = (*tl)[i];
            expect_object(j, file, p, {"id", "regime", "rule", "days", "working_days", "from", "citation", "confidence",
                                       "note"});
            time_limit t;
            t.id = require_string(j, "id", file, p);
            t.regime = require_string(j, "regime", file, p);
            const std::string rule = require_string(j, "rule", file, p);
            if (rule != "within" && rule != "at_least")
                throw parse_error(file, child(p, "rule"), "expected within or at_least");
            t.at_least = rule == "at_least";
            const auto& d = require(j, "days", file, p);
            if (!d.is_number_integer() || d.get<long long>() < 1 || d.get<long long>() > 366)
                throw parse_error(file, child(p, "days"), "expected a whole number of days, 1..366");
            t.days = d.get<int>();
            t.working_days = read_bool(j, "working_days", false, file, p);
            t.from = read_event_text(j, "from", file, p);
            t.citation = read_event_citation(require(j, "citation", file, p), file, child(p, "citation"), false);
            t.citation.conf = read_confidence(j, "confidence", file, p);
            t.citation.note = optional_string(j, "note", file, p);
            w.time_limits.push_back(std::move(t));
        }
    }
    return w;
}

/// Loads `years.json` (`data_dir` empty: default_data_dir()).
inline event_windows load_event_windows(std::string data_dir = {}) {
    if (data_dir.empty()) data_dir = default_data_dir();
    const std::string path = data_dir + "/events/years.json";
    return event_windows_from_json(detail::read_json_file(path), path);
}

namespace detail {

/// One JSON value as an event value of field `f` (throws parse_error at `ptr`).
inline event_value read_event_value(const event_field& f, event_field_type type, const nlohmann::json& v,
                                    const std::string& file, const std::string& ptr) {
    event_value out;
    out.present = true;
    auto expected = [&](const char* what) {
        return parse_error(file, ptr, "field \"" + f.name + "\": expected " + what + ", found " + json_type_name(v) +
                                          (v.is_string() ? " \"" + preview(v.get_ref<const std::string&>()) + "\""
                                                         : std::string()));
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
            throw parse_error(file, ptr, "field \"" + f.name + "\": \"" + preview(v.get_ref<const std::string&>()) +
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
        if (auto bad = event_log_builder::check_value(f, type, out, false); !bad.empty()) throw parse_error(file, ptr, bad);
    return out;
}

inline event_source read_event_source(const nlohmann::json& j, const std::string& file, const std::string& ptr) {
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
        throw parse_error(file, child(ptr, "kind"), "unknown event kind \"" + preview(e.kind) + "\" (the kinds are in " +
                                                        table.source() + ")");
    const event_kind& kd = table[k];
    e.date = read_event_date(require(j, "date", file, ptr), file, child(ptr, "date"));
    e.id = optional_string(j, "id", file, ptr);
    e.note = optional_string(j, "note", file, ptr);
    if (auto s = j.find("source"); s != j.end()) e.source = read_event_source(*s, file, child(ptr, "source"));
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& key = it.key();
        if (key == "unit" || key == "kind" || key == "date" || key == "id" || key == "note" || key == "source") continue;
        if (kd.find_field(key) == event_kind::npos) {
            std::string list;
            for (const auto& f : kd.fields) list += (list.empty() ? "" : ", ") + f.name;
            throw parse_error(file, child(ptr, key), "unknown field \"" + preview(key) + "\" for kind \"" + kd.id +
                                                         "\": expected one of " + list);
        }
    }
    e.values.resize(kd.fields.size());
    for (std::size_t f = 0; f < kd.fields.size(); ++f) {
        auto it = j.find(kd.fields[f].name);
        if (it == j.end() || it->is_null()) {
            if (kd.fields[f].required)
                throw parse_error(file, ptr, "missing required field \"" + kd.fields[f].name + "\" of kind \"" + kd.id + "\"");
            continue;
        }
        e.values[f] = read_event_value(kd.fields[f], kd.fields[f].type, *it, file, child(ptr, kd.fields[f].name));
    }
    return e;
}

/// One record of `/none`.
inline declared_none read_declared_none(const nlohmann::json& j, const std::string& file, const std::string& ptr) {
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

inline void to_problems(const std::vector<event_issue>& issues, std::vector<load_problem>* problems) {
    for (const auto& i : issues) problems->push_back({i.kind, i.file, i.location, i.subject, i.message});
}

/// Adds one streamed or parsed record to the builder; parse errors of one
/// record become problems in lenient mode.
inline void add_event_record(event_log_builder& b, const event_kinds& table, const std::string& member,
                             const nlohmann::json& item, const std::string& file, const std::string& ptr,
                             std::vector<event_issue>* issues) {
    try {
        if (member == "events") b.add(read_event(table, item, file, ptr), {file, ptr});
        else b.add_none(read_declared_none(item, file, ptr), {file, ptr});
    } catch (const parse_error& e) {
        if (!issues) throw;
        const std::string m = e.what();
        const char* kind = m.find("unknown event kind") != std::string::npos ? "unknown_kind"
                           : m.find("unknown field") != std::string::npos   ? "unknown_field"
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

namespace detail {

/// One CSV cell (not empty) as a value of type `type` for field `f`.
/// Booleans: true/false/1/0/yes/no/có/không; lists of scalars: items separated by ';'.
inline event_value event_value_from_text(const event_field& f, event_field_type type, std::string_view raw,
                                         const std::string& file, const std::string& where) {
    const std::string t(trim(raw));
    event_value out;
    out.present = true;
    auto bad = [&](const char* expected) {
        return parse_error(file, where, "field \"" + f.name + "\": expected " + expected + ", found \"" + preview(t) + "\"");
    };
    switch (type) {
    case event_field_type::date:
        try {
            out.number = danchu::parse_iso_date(t, "date");
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
        if (t == "true" || t == "1" || t == "yes" || t == "có" || t == "TRUE" || t == "True") out.number = 1;
        else if (t == "false" || t == "0" || t == "no" || t == "không" || t == "FALSE" || t == "False") out.number = 0;
        else throw bad("true or false");
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
            throw parse_error(file, where, "field \"" + f.name + "\": a list of objects cannot be given in CSV; use JSON");
        std::size_t start = 0;
        while (start <= t.size()) {
            std::size_t semi = t.find(';', start);
            if (semi == std::string::npos) semi = t.size();
            out.items.push_back(event_value_from_text(f, f.item_type, std::string_view(t).substr(start, semi - start),
                                                      file, where));
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
        throw parse_error(file, "line 1", "expected a header starting \"unit,kind,date\" (events) or "
                                          "\"unit,kind,from,to\" (declared nones)");
    const bool nones = header[2] == "from";
    if (nones && (header.size() < 4 || header.size() > 5 || header[3] != "to" ||
                  (header.size() == 5 && header[4] != "note")))
        throw parse_error(file, "line 1", "expected the header \"unit,kind,from,to[,note]\"");
    if (!nones && header[2] != "date")
        throw parse_error(file, "line 1", "expected \"date\" (events) or \"from\" (declared nones) in column 3");
    for (std::size_t c = 0; c < header.size(); ++c)
        for (std::size_t d = 0; d < c; ++d)
            if (header[c] == header[d]) throw parse_error(file, "line 1", "column \"" + header[c] + "\" appears twice");
    static constexpr std::string_view source_keys[] = {"document", "issuer", "file", "sheet", "row", "entered_by",
                                                       "entered_on"};
    if (!nones)
        for (std::size_t c = 3; c < header.size(); ++c) {
            const std::string& h = header[c];
            if (h == "id" || h == "note") continue;
            if (h.compare(0, 7, "source.") == 0) {
                if (std::find(std::begin(source_keys), std::end(source_keys), std::string_view(h).substr(7)) ==
                    std::end(source_keys))
                    throw parse_error(file, "line 1", "unknown column \"" + h + "\": expected source.document, "
                                                      "source.issuer, source.file, source.sheet, source.row, "
                                                      "source.entered_by or source.entered_on");
                continue;
            }
            bool some = false;
            for (const auto& k : table.kinds()) some = some || k.find_field(h) != event_kind::npos;
            if (!some) throw parse_error(file, "line 1", "unknown column \"" + h + "\": no event kind has this field");
        }
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        const std::string line = "line " + std::to_string(row.line);
        auto cell = [&](std::size_t c) { return std::string(detail::trim(row.fields[c])); };
        auto at = [&](std::size_t c) { return line + ", column " + header[c]; };
        try {
            if (row.fields.size() != header.size())
                throw parse_error(file, line, "expected " + std::to_string(header.size()) + " fields, found " +
                                                  std::to_string(row.fields.size()));
            if (nones) {
                declared_none n;
                n.unit = cell(0);
                n.kind = cell(1);
                for (std::size_t c : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{3}})
                    if (cell(c).empty()) throw parse_error(file, at(c), "empty value");
                for (std::size_t c : {std::size_t{2}, std::size_t{3}})
                    try {
                        (c == 2 ? n.from : n.to) = danchu::parse_iso_date(cell(c), header[c]);
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
                e.date = danchu::parse_iso_date(cell(2), "date");
            } catch (const calendar_error& x) {
                throw parse_error(file, at(2), x.what());
            }
            e.values.resize(kd.fields.size());
            for (std::size_t c = 3; c < header.size(); ++c) {
                const std::string v = cell(c);
                if (v.empty()) continue;
                const std::string& h = header[c];
                if (h == "id") e.id = v;
                else if (h == "note") e.note = row.fields[c];
                else if (h.compare(0, 7, "source.") == 0) {
                    const std::string key = h.substr(7);
                    if (key == "document") e.source.document = v;
                    else if (key == "issuer") e.source.issuer = v;
                    else if (key == "file") e.source.file = v;
                    else if (key == "sheet") e.source.sheet = v;
                    else if (key == "entered_by") e.source.entered_by = v;
                    else if (key == "row") {
                        char* end = nullptr;
                        const long long n = std::strtoll(v.c_str(), &end, 10);
                        if (end != v.c_str() + v.size() || n < 1) throw parse_error(file, at(c), "expected a row number from 1");
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
                        throw parse_error(file, at(c), "unknown field \"" + h + "\" for kind \"" + kd.id + "\"");
                    e.values[f] = detail::event_value_from_text(kd.fields[f], kd.fields[f].type, v, file, at(c));
                }
            }
            for (std::size_t f = 0; f < kd.fields.size(); ++f)
                if (kd.fields[f].required && !e.values[f].present)
                    throw parse_error(file, line, "missing required field \"" + kd.fields[f].name + "\" of kind \"" +
                                                      kd.id + "\"");
            b.add(std::move(e), {file, line});
        } catch (const parse_error& x) {
            if (!issues) throw;
            const std::string m = x.what();
            const char* kind = m.find("unknown event kind") != std::string::npos ? "unknown_kind"
                               : m.find("unknown field") != std::string::npos   ? "unknown_field"
                               : m.find("missing required") != std::string::npos ? "missing_field"
                                                                                 : "invalid_value";
            issues->push_back({kind, file, x.pointer(), row.fields.empty() ? std::string() : cell(0), m});
        }
    }
}

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
                detail::add_event_record(b, table, m, (*it)[i], file, "/" + std::string(m) + "/" + std::to_string(i),
                                         issues);
}

/// Reads one events file into a builder: `.csv` as CSV (add_events_csv),
/// anything else as JSON, streamed one record at a time.
inline void add_events_file(event_log_builder& b, const event_kinds& table, const std::string& path,
                            std::vector<event_issue>* issues = nullptr) {
    if (path.size() >= 4 && (path.compare(path.size() - 4, 4, ".csv") == 0 || path.compare(path.size() - 4, 4, ".CSV") == 0))
        return add_events_csv(b, table, detail::read_text_file(path), path, issues);
    std::ifstream in = detail::open_input_file(path);
    const nlohmann::json rest = detail::parse_streaming_members(
        in, path, {{"events", true}, {"none", true}},
        [&](const std::string& member, const std::string& index, const nlohmann::json& item) {
            detail::add_event_record(b, table, member, item, path, "/" + member + "/" + index, issues);
        });
    detail::check_events_document(rest, path);
}

/// Builds an event log from one parsed events document.
/// @param problems lenient mode (see the file comment); null: strict.
/// @throws parse_error, evidence_error naming the file and JSON pointer.
inline event_log events_from_json(const nlohmann::json& doc, const std::string& file,
                                  std::shared_ptr<const event_kinds> kinds, const organisation& org,
                                  std::vector<load_problem>* problems = nullptr) {
    event_log_builder b(kinds, org);
    std::vector<event_issue> issues;
    if (problems) b.set_problem_sink(&issues);
    add_events_json(b, *kinds, doc, file, problems ? &issues : nullptr);
    event_log log = b.build();
    if (problems) detail::to_problems(issues, problems);
    return log;
}

/// Loads event logs from files (JSON, streamed), checking across them.
inline event_log load_events(const std::vector<std::string>& paths, std::shared_ptr<const event_kinds> kinds,
                             const organisation& org, std::vector<load_problem>* problems = nullptr) {
    event_log_builder b(kinds, org);
    std::vector<event_issue> issues;
    if (problems) b.set_problem_sink(&issues);
    for (const auto& p : paths) add_events_file(b, *kinds, p, problems ? &issues : nullptr);
    event_log log = b.build();
    if (problems) detail::to_problems(issues, problems);
    return log;
}

} // namespace danchu
