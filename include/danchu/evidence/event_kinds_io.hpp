#pragma once
/// @file
/// Reading the event tables: the kinds of events with their fields and
/// citations (`data/events/kinds.json`), each regime's publicity items
/// (`data/events/publicity-items.json`) and the years, windows and time limits
/// (`data/events/years.json`). Every error names the file and the JSON pointer.

#include <danchu/core/date.hpp>
#include <danchu/core/data.hpp>
#include <danchu/core/error.hpp>
#include <danchu/evidence/event.hpp>
#include <danchu/evidence/windows.hpp>
#include <danchu/io/detail/json_object.hpp>
#include <danchu/io/detail/json_text.hpp>
#include <danchu/organisation/unit.hpp>
#include <danchu/core/citation.hpp>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace danchu {

namespace detail {

inline bilingual_text read_event_text(const nlohmann::json& obj, std::string_view key,
                                      const std::string& file, const std::string& ptr) {
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
        throw parse_error(file, child(ptr, key),
                          std::string("expected true or false, found ") + json_type_name(*it));
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

inline event_citation read_event_citation(const nlohmann::json& j, const std::string& file,
                                          const std::string& ptr, bool with_confidence) {
    if (with_confidence)
        expect_object(j, file, ptr, {"document", "article", "clause", "point", "confidence", "note"});
    else
        expect_object(j, file, ptr, {"document", "article", "clause", "point", "note"});
    event_citation c;
    static_cast<citation&>(c) = read_citation_fields(j, file, ptr);
    if (with_confidence) c.conf = read_confidence(j, "confidence", file, ptr);
    return c;
}

inline event_field read_event_field(const nlohmann::json& j, const std::string& file,
                                    const std::string& ptr) {
    expect_object(j, file, ptr,
                  {"name", "type", "required", "description", "values", "values_from", "minimum", "maximum",
                   "items", "refers_to"});
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
            if (!(*v)[i].is_string())
                throw parse_error(file, child(child(ptr, "values"), i), "expected a word");
            f.values.push_back((*v)[i].get<std::string>());
        }
    }
    f.values_from = optional_string(j, "values_from", file, ptr);
    if (auto r = j.find("refers_to"); r != j.end()) {
        if (!r->is_array() || r->empty())
            throw parse_error(file, child(ptr, "refers_to"), "expected an array of event kinds");
        for (std::size_t i = 0; i < r->size(); ++i) {
            if (!(*r)[i].is_string())
                throw parse_error(file, child(child(ptr, "refers_to"), i), "expected an event kind");
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
                if (!(*v)[i].is_string())
                    throw parse_error(file, child(child(ip, "values"), i), "expected a word");
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
        if (!id->is_array())
            throw parse_error(file, child(ptr, "identity"), "expected an array of field names");
        for (std::size_t i = 0; i < id->size(); ++i) {
            const std::string p = child(child(ptr, "identity"), i);
            const std::size_t f =
                (*id)[i].is_string() ? k.find_field((*id)[i].get<std::string>()) : event_kind::npos;
            if (f == event_kind::npos)
                throw parse_error(file, p, "expected the name of one of the kind's fields");
            k.identity.push_back(f);
        }
    }
    const auto& regimes = require(j, "regimes", file, ptr);
    if (!regimes.is_array() || regimes.empty())
        throw parse_error(file, child(ptr, "regimes"),
                          "expected a non-empty array: the regimes that speak of the kind");
    for (std::size_t i = 0; i < regimes.size(); ++i) {
        const std::string rp = child(child(ptr, "regimes"), i);
        expect_object(regimes[i], file, rp, {"regime", "citations"});
        event_regime_citations r;
        r.regime = require_string(regimes[i], "regime", file, rp);
        const auto& cs = require(regimes[i], "citations", file, rp);
        if (!cs.is_array() || cs.empty())
            throw parse_error(file, child(rp, "citations"), "expected a non-empty array");
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
        if (when == "always")
            it.when = publicity_applies::always;
        else if (when == "triggered")
            it.when = publicity_applies::triggered;
        else if (when == "configured")
            it.when = publicity_applies::configured;
        else
            throw parse_error(file, child(ap, "when"), "expected always, triggered or configured");
        if (auto t = a.find("triggered_by"); t != a.end()) {
            if (!t->is_array())
                throw parse_error(file, child(ap, "triggered_by"), "expected an array of event kinds");
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
        r.valid_from =
            read_event_date(require(rs[i], "valid_from", kinds_file, p), kinds_file, child(p, "valid_from"));
        if (auto t = rs[i].find("valid_to"); t != rs[i].end())
            r.valid_to = read_event_date(*t, kinds_file, child(p, "valid_to"));
        r.base = optional_string(rs[i], "base", kinds_file, p);
        r.note = optional_string(rs[i], "note", kinds_file, p);
        regimes.push_back(std::move(r));
    }
    const auto& ks = require(kinds_doc, "kinds", kinds_file, "");
    if (!ks.is_array()) throw parse_error(kinds_file, "/kinds", "expected an array of event kinds");
    std::vector<event_kind> kinds;
    for (std::size_t i = 0; i < ks.size(); ++i)
        kinds.push_back(read_event_kind(ks[i], kinds_file, child("/kinds", i)));
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
    expect_object(
        doc, file, "",
        {"$schema", "version", "note", "years", "year_by_unit_kind", "annual_conference", "time_limits"});
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
            throw parse_error(file, child(sp, "day"),
                              "expected a day that exists in every year of that month");
        md.month = m.get<int>();
        md.day = d.get<int>();
        return md;
    };
    const auto& years = require(doc, "years", file, "");
    expect_object(years, file, "/years", {"working_year", "school_year"});
    w.years.working_year_start =
        read_start(require(years, "working_year", file, "/years"), "/years/working_year");
    w.years.school_year_start =
        read_start(require(years, "school_year", file, "/years"), "/years/school_year");
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
            if (it.key() == "default")
                w.years.default_basis = b;
            else
                w.years.by_unit_kind[it.key()] = b;
        }
    }
    const auto& ac = require(doc, "annual_conference", file, "");
    if (!ac.is_array()) throw parse_error(file, "/annual_conference", "expected an array of rules");
    for (std::size_t i = 0; i < ac.size(); ++i) {
        const std::string p = child("/annual_conference", i);
        expect_object(
            ac[i], file, p,
            {"regime", "opens_months", "closes_months", "citation", "confidence", "setting", "note"});
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
            throw parse_error(file, child(p, "closes_months"),
                              "expected more than opens_months (an empty window)");
        r.citation =
            read_event_citation(require(ac[i], "citation", file, p), file, child(p, "citation"), false);
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
            expect_object(
                j, file, p,
                {"id", "regime", "rule", "days", "working_days", "from", "citation", "confidence", "note"});
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
            t.citation =
                read_event_citation(require(j, "citation", file, p), file, child(p, "citation"), false);
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

} // namespace danchu
