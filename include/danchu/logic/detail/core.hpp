#pragma once
/// @file
/// Internals of the condition language shared by the compiler and the
/// evaluator: the instruction set, the compiled form, coercions (JSON Logic's
/// truthiness and number/string conversions) and JSON <-> value. Not API.

#include <danchu/logic/detail/date.hpp>
#include <danchu/core/error.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace danchu::logic {
class value;
enum class type : std::uint8_t;
} // namespace danchu::logic

namespace danchu::logic::detail {

/// Limits on what one evaluation may build (besides eval_context::max_work).
inline constexpr std::size_t max_string_bytes = std::size_t{1} << 22; // 4 MiB
inline constexpr std::size_t max_array_elements = std::size_t{1} << 21;
inline constexpr std::size_t max_data_depth = 512;

enum class op : std::uint8_t {
    literal,
    array_lit,
    fact,
    var,
    val,
    exists,
    missing,
    missing_some,
    and_,
    or_,
    not_,
    truthy,
    if_,
    coalesce,
    eq,
    ne,
    seq,
    sne,
    lt,
    le,
    gt,
    ge,
    add,
    sub,
    mul,
    div,
    mod,
    max,
    min,
    cat,
    substr,
    in,
    merge,
    log,
    map,
    filter,
    reduce,
    all,
    some,
    none,
    count,
    throw_,
    try_,
    // typed extensions
    to_date,
    as_of,
    period_start,
    period_end,
    add_days,
    add_months,
    add_years,
    add_working_days,
    days_between,
    working_days_between,
    is_working_day,
    year_of,
    month_of,
    in_window,
    in_period,
    events_between,
    events_in_period,
    earliest_date,
    latest_date,
    ratio_at_least,
    ratio_above
};

/// Window units for in_window.
enum class unit : std::uint8_t { days, months, years, working_days };

/// One instruction of the compiled tree.
struct node {
    op code = op::literal;
    bool dynamic_args = false;     ///< operands come from one expression's result
    std::uint32_t first = 0;       ///< index of the first child in program_data::kids
    std::uint32_t count = 0;       ///< number of children
    std::int32_t slot = -1;        ///< fact slot (op::fact)
    std::int32_t climb = 0;        ///< val: frames to climb before the path
    std::uint8_t aux = 0;          ///< eom policy / window unit
    std::vector<std::string> path; ///< static var/val/exists path (data mode)
    std::string name;              ///< operator as written (for traces and errors)
    std::string pointer;           ///< JSON pointer of the expression
};

struct program_data {
    std::vector<node> nodes;
    std::vector<std::uint32_t> kids;
    std::vector<value> constants; ///< literal values, parallel to nodes (null when unused)
    std::uint32_t root = 0;
    bool typed = false; ///< typed mode: facts in slots, null propagates
    type result = type{};
    std::vector<std::size_t> slots;
    std::string file;
    /// Data mode: the top-level members of the data object the program may
    /// read (first path component of every root-level var/val/exists), unless
    /// `reads_whole_data` (an empty or computed path, or missing/missing_some
    /// at the root): then any member may be read.
    std::vector<std::string> data_members;
    bool reads_whole_data = false;
};

/// Appends an RFC 6901 reference token to a JSON pointer.
inline std::string pointer_join(const std::string& base, std::string_view token) {
    std::string out = base;
    out += '/';
    for (char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

/// JavaScript-like number to string: integers without ".0", else the shortest
/// representation that reads back exactly.
inline std::string number_to_string(double x) {
    if (std::isnan(x)) return "NaN";
    if (std::isinf(x)) return x > 0 ? "Infinity" : "-Infinity";
    if (x == 0) return "0";
    char buf[40] = {};
    if (std::fabs(x) < 9007199254740992.0 && std::floor(x) == x) {
        std::snprintf(buf, sizeof buf, "%.0f", x);
        return buf;
    }
    for (int prec = 1; prec <= 17; ++prec) {
        std::snprintf(buf, sizeof buf, "%.*g", prec, x);
        if (std::strtod(buf, nullptr) == x) break;
    }
    return buf;
}

/// JSON Logic string to number: surrounding whitespace ignored, "" is 0,
/// otherwise a complete decimal number (no hex, no "Infinity"). False = NaN.
inline bool string_to_number(std::string_view s, double& out) {
    std::size_t b = 0, e = s.size();
    auto space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    while (b < e && space(s[b])) ++b;
    while (e > b && space(s[e - 1])) --e;
    if (b == e) {
        out = 0;
        return true;
    }
    std::string t(s.substr(b, e - b));
    // Only digits, sign, '.', and exponent: rejects "inf", "nan", "0x10".
    bool digit = false;
    for (char c : t) {
        if (c >= '0' && c <= '9')
            digit = true;
        else if (c != '+' && c != '-' && c != '.' && c != 'e' && c != 'E')
            return false;
    }
    if (!digit) return false;
    char* end = nullptr;
    const double v = std::strtod(t.c_str(), &end);
    if (end != t.c_str() + t.size()) return false;
    out = v;
    return true;
}

/// Splits a dotted var path ("a.b.c"); "" is the empty path.
inline std::vector<std::string> split_path(std::string_view s) {
    std::vector<std::string> parts;
    if (s.empty()) return parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = s.find('.', start);
        parts.emplace_back(s.substr(start, dot == std::string_view::npos ? s.npos : dot - start));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return parts;
}

/// Parses a path component as an array index; false if not a canonical integer.
inline bool parse_index(std::string_view s, std::size_t& out) noexcept {
    if (s.empty() || s.size() > 15) return false;
    std::size_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + static_cast<std::size_t>(c - '0');
    }
    out = v;
    return true;
}

/// Levenshtein distance (for "did you mean" suggestions).
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min(std::min(prev[j] + 1, cur[j - 1] + 1), sub);
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

/// The closest candidate within a small edit distance, or "".
inline std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_d = word.size() / 3 + 2;
    for (const auto& c : candidates) {
        const std::size_t d = edit_distance(word, c);
        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    return best;
}

} // namespace danchu::logic::detail
