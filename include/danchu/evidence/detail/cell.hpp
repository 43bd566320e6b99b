#pragma once
/// @file
/// Internal: converting one supplied value (JSON or CSV text) to the typed cell
/// of its fact, with the checks the fact dictionary declares.

#include <danchu/io/detail/csv_reader.hpp>
#include <danchu/io/detail/date_text.hpp>
#include <danchu/core/date.hpp>
#include <danchu/core/error.hpp>
#include <danchu/evidence/fact.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace danchu::detail {

/// A converted value: `number` for boolean/number/integer/date, `text` for
/// strings, `dates` for events.
struct evidence_cell {
    double number = 0.0;
    std::string text;
    std::vector<std::int32_t> dates;
};

/// Shortest round-trip-ish rendering of a number for messages.
inline std::string format_number(double x) {
    if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 1e15)
        return std::to_string(static_cast<long long>(x));
    char buf[32] = {};
    std::snprintf(buf, sizeof buf, "%.10g", x);
    return buf;
}

inline std::string expected_of(const fact_def& f) {
    std::string s;
    switch (f.type) {
    case fact_type::boolean: s = "true or false"; break;
    case fact_type::number: s = "a number"; break;
    case fact_type::integer: s = "a whole number"; break;
    case fact_type::date: s = "an existing date YYYY-MM-DD"; break;
    case fact_type::events: s = "a list of existing dates YYYY-MM-DD"; break;
    case fact_type::string:
        if (f.allowed.empty())
            s = "a string";
        else {
            s = "one of";
            for (const auto& a : f.allowed) s += " \"" + a + "\"";
        }
        break;
    }
    if (f.minimum) s += ", at least " + format_number(*f.minimum);
    if (f.maximum) s += ", at most " + format_number(*f.maximum);
    if (!f.unit.empty()) s += " (" + f.unit + ")";
    return s;
}

/// Where a value comes from (file and pointer or line, unit, fact), put into
/// words only when an error needs it: loading a province's evidence builds no
/// message per value.
struct value_site {
    const std::string& where;
    const std::string& unit;
    const std::string& fact;
    std::string str() const { return where + ": unit \"" + unit + "\", fact \"" + fact + "\""; }
};

[[noreturn]] inline void bad_value(const fact_def& f, const value_site& who, const std::string& found) {
    throw evidence_error(who.str() + ": " + found + " does not fit the fact's type " +
                         std::string(to_string(f.type)) + ": expected " + expected_of(f));
}

inline void check_number(const fact_def& f, double x, const value_site& who) {
    if (!std::isfinite(x)) bad_value(f, who, "a value that is not finite");
    if (f.type == fact_type::integer && x != std::floor(x))
        bad_value(f, who, "the fractional value " + format_number(x));
    if ((f.minimum && x < *f.minimum) || (f.maximum && x > *f.maximum))
        throw evidence_error(who.str() + ": value " + format_number(x) + " is impossible: expected " +
                             expected_of(f));
}

inline void check_string(const fact_def& f, const std::string& s, const value_site& who) {
    if (!f.allowed.empty() && std::find(f.allowed.begin(), f.allowed.end(), s) == f.allowed.end())
        bad_value(f, who, "\"" + s + "\"");
}

/// YYYY-MM-DD, or dd/mm/yyyy as Excel writes it under Vietnamese settings
/// (io/detail/date_text.hpp: ambiguous forms are refused with how to write them).
inline std::int32_t parse_date_or_throw(const fact_def& f, std::string_view s, const value_site& who) {
    if (const auto d = civil_day::try_parse(trim(s))) return d->days();
    if (trim(s).find('/') != std::string_view::npos) try {
            return static_cast<std::int32_t>(parse_date_text(trim(s), f.key));
        } catch (const calendar_error& e) {
            throw evidence_error(who.str() + ": " +
                                 std::string(e.what()).substr(std::string("[danchu.calendar] ").size()));
        }
    bad_value(f, who, "\"" + std::string(s) + "\"");
}

/// Converts a (non-null) JSON value.
inline evidence_cell cell_from_json(const fact_def& f, const nlohmann::json& v, const value_site& who) {
    evidence_cell c;
    switch (f.type) {
    case fact_type::boolean:
        if (!v.is_boolean()) bad_value(f, who, std::string("a ") + v.type_name());
        c.number = v.get<bool>() ? 1.0 : 0.0;
        break;
    case fact_type::number:
    case fact_type::integer:
        if (!v.is_number()) bad_value(f, who, std::string("a ") + v.type_name());
        c.number = v.get<double>();
        check_number(f, c.number, who);
        break;
    case fact_type::string:
        if (!v.is_string()) bad_value(f, who, std::string("a ") + v.type_name());
        c.text = v.get<std::string>();
        check_string(f, c.text, who);
        break;
    case fact_type::date:
        if (!v.is_string()) bad_value(f, who, std::string("a ") + v.type_name());
        c.number = parse_date_or_throw(f, v.get_ref<const std::string&>(), who);
        break;
    case fact_type::events:
        if (!v.is_array()) bad_value(f, who, std::string("a ") + v.type_name());
        for (const auto& e : v) {
            if (!e.is_string()) bad_value(f, who, std::string("a list holding a ") + e.type_name());
            c.dates.push_back(parse_date_or_throw(f, e.get_ref<const std::string&>(), who));
        }
        std::sort(c.dates.begin(), c.dates.end());
        break;
    }
    return c;
}

/// Converts (non-empty) CSV text. Booleans: true/false/1/0/yes/no/có/không;
/// events: dates separated by ';'.
inline evidence_cell cell_from_text(const fact_def& f, std::string_view raw, const value_site& who) {
    const std::string_view t = trim(raw);
    evidence_cell c;
    switch (f.type) {
    case fact_type::boolean:
        if (t == "true" || t == "1" || t == "yes" || t == "có" || t == "TRUE" || t == "True")
            c.number = 1.0;
        else if (t == "false" || t == "0" || t == "no" || t == "không" || t == "FALSE" || t == "False")
            c.number = 0.0;
        else
            bad_value(f, who, "\"" + std::string(t) + "\"");
        break;
    case fact_type::number:
    case fact_type::integer: {
        const std::string s(t);
        char* end = nullptr;
        c.number = std::strtod(s.c_str(), &end);
        if (s.empty() || end != s.c_str() + s.size()) bad_value(f, who, "\"" + s + "\"");
        check_number(f, c.number, who);
        break;
    }
    case fact_type::string:
        c.text = std::string(t);
        check_string(f, c.text, who);
        break;
    case fact_type::date: c.number = parse_date_or_throw(f, t, who); break;
    case fact_type::events: {
        std::size_t start = 0;
        const std::string s(t);
        while (start <= s.size()) {
            std::size_t semi = s.find(';', start);
            if (semi == std::string::npos) semi = s.size();
            c.dates.push_back(parse_date_or_throw(f, std::string_view(s).substr(start, semi - start), who));
            start = semi + 1;
        }
        std::sort(c.dates.begin(), c.dates.end());
        break;
    }
    }
    return c;
}

} // namespace danchu::detail
