#pragma once
// Reading scoring configurations, assessments and findings files from JSON
// (and findings from CSV). Not API: include <danchu/scoring/scorecard.hpp>, which
// exposes load_scoring_scheme(), load_assessment() and load_findings().

#include <danchu/io/detail/csv_reader.hpp>
#include <danchu/io/detail/json_object.hpp>
#include <danchu/io/detail/json_text.hpp>
#include <danchu/core/error.hpp>
#include <danchu/rules/finding.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <initializer_list>
#include <string>
#include <string_view>

namespace danchu {
class scoring_scheme;
struct scheme_spec;
struct assessment;
} // namespace danchu

namespace danchu::detail::score_json {

using json = nlohmann::json;

/// The strict JSON object reader (io/detail/json_object.hpp) bound to one
/// file: located errors, unknown keys rejected, wrong types named.
struct reader {
    const std::string& file;

    [[noreturn]] void fail(const std::string& ptr, const std::string& msg) const {
        json_fail(file, ptr, msg);
    }
    static std::string at(const std::string& ptr, std::string_view key) { return child(ptr, key); }
    static std::string at(const std::string& ptr, std::size_t i) { return child(ptr, i); }
    void object(const json& j, const std::string& ptr,
                std::initializer_list<std::string_view> allowed) const {
        expect_object(j, file, ptr, allowed);
    }
    const json& need(const json& j, std::string_view key, const std::string& ptr) const {
        return require(j, key, file, ptr);
    }
    const json* opt(const json& j, std::string_view key) const {
        auto it = j.find(std::string(key));
        return it == j.end() ? nullptr : &*it;
    }
    std::string str(const json& j, std::string_view key, const std::string& ptr, bool required = true,
                    bool non_empty = true) const {
        const json* v = required ? &need(j, key, ptr) : opt(j, key);
        if (!v) return {};
        if (!v->is_string())
            fail(at(ptr, key), std::string("expected a string, found ") + json_type_name(*v));
        auto s = v->get<std::string>();
        if (non_empty && s.empty()) fail(at(ptr, key), "expected a non-empty string");
        return s;
    }
    double num(const json& j, std::string_view key, const std::string& ptr) const {
        const json& v = need(j, key, ptr);
        return number(v, at(ptr, key));
    }
    double number(const json& v, const std::string& ptr) const {
        if (!v.is_number()) fail(ptr, std::string("expected a number, found ") + json_type_name(v));
        const double x = v.get<double>();
        if (!std::isfinite(x)) fail(ptr, "expected a finite number");
        return x;
    }
    bool boolean(const json& j, std::string_view key, const std::string& ptr, bool dflt) const {
        const json* v = opt(j, key);
        if (!v) return dflt;
        if (!v->is_boolean())
            fail(at(ptr, key), std::string("expected true or false, found ") + json_type_name(*v));
        return v->get<bool>();
    }
    const json& array(const json& j, std::string_view key, const std::string& ptr, bool required) const {
        static const json empty = json::array();
        const json* v = required ? &need(j, key, ptr) : opt(j, key);
        if (!v) return empty;
        if (!v->is_array()) fail(at(ptr, key), std::string("expected an array, found ") + json_type_name(*v));
        return *v;
    }
    /// The enumerator named by string member `key` (see core/enum_names.hpp),
    /// or a located parse_error naming every accepted id.
    template <class E> E enumerator(const json& j, std::string_view key, const std::string& ptr) const {
        const std::string s = str(j, key, ptr);
        try {
            return from_string<E>(s);
        } catch (const argument_error& e) {
            fail(at(ptr, key), strip(e.what()));
        }
    }
    static std::string strip(const std::string& m) {
        const std::string pre = "[danchu.argument] ";
        return m.rfind(pre, 0) == 0 ? m.substr(pre.size()) : m;
    }
    /// A common.schema.json `source` object as one citation line.
    std::string source(const json& j, std::string_view key, const std::string& ptr, bool required) const {
        const json* v = required ? &need(j, key, ptr) : opt(j, key);
        if (!v) return {};
        const std::string p = at(ptr, key);
        object(*v, p, {"document", "article", "clause", "point", "url", "note"});
        std::string s = str(*v, "document", p);
        for (auto k : {"article", "clause", "point"}) {
            const std::string x = str(*v, k, p, false, false);
            if (!x.empty())
                s += ", " +
                     std::string(k == std::string_view("article")  ? "Art. "
                                 : k == std::string_view("clause") ? "cl. "
                                                                   : "pt. ") +
                     x;
        }
        const std::string note = str(*v, "note", p, false, false);
        if (!note.empty()) s += " (" + note + ")";
        const std::string url = str(*v, "url", p, false, false);
        if (!url.empty()) s += " <" + url + ">";
        return s;
    }
};

/// The message of an error without its "[danchu.<kind>] " prefix.
inline std::string bare_message(const error& e) {
    std::string m = e.what();
    const std::string pre = "[danchu." + e.kind() + "] ";
    return m.rfind(pre, 0) == 0 ? m.substr(pre.size()) : m;
}

/// Reads a whole file, or throws parse_error naming it.
inline std::string read_file(const std::string& path) { return detail::read_text_file(path); }

/// Parses JSON text, rewrapping nlohmann errors as parse_error.
inline json parse(std::string_view text, const std::string& file) {
    return detail::parse_json_text(text, file);
}

} // namespace danchu::detail::score_json
