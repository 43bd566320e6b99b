#pragma once
/// @file
/// Internal: a date as people type it into a CSV file or a workbook cell.
/// ISO `YYYY-MM-DD`, or the Vietnamese order `dd/mm/yyyy` (also `d/m/yyyy`),
/// which is what Excel writes under Vietnamese regional settings. Forms that
/// could be read two ways are refused with a message that says how to write
/// the date: a two-digit year, a "month" above 12 (the US order month/day),
/// and `yyyy/mm/dd`.

#include <danchu/core/date.hpp>
#include <danchu/core/error.hpp>

#include <string>
#include <string_view>

namespace danchu::detail {

/// Reads `text` as a date (see the file comment).
/// @throws calendar_error naming `what`, the text, and how to write it.
inline day_number parse_date_text(std::string_view text, std::string_view what = "date") {
    if (const auto d = parse_iso(text)) return *d;
    if (text.find('/') == std::string_view::npos && text.size() == 10 && text[4] == '-')
        return parse_iso_date(text, what); // its own message: not a valid date
    const std::string w(what), shown = "\"" + preview(text) + "\"";
    const std::string how = ": write dd/mm/yyyy (day first, as in Vietnam) or YYYY-MM-DD";
    auto digits = [](std::string_view s) {
        if (s.empty() || s.size() > 4) return -1;
        int v = 0;
        for (const char c : s) {
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    };
    const std::size_t a = text.find('/');
    const std::size_t b = a == std::string_view::npos ? a : text.find('/', a + 1);
    if (a == std::string_view::npos || b == std::string_view::npos ||
        text.find('/', b + 1) != std::string_view::npos)
        throw calendar_error(w + ": " + shown + " is not a date" + how);
    const std::string_view p1 = text.substr(0, a), p2 = text.substr(a + 1, b - a - 1),
                           p3 = text.substr(b + 1);
    const int x = digits(p1), y = digits(p2), z = digits(p3);
    if (x < 0 || y < 0 || z < 0) throw calendar_error(w + ": " + shown + " is not a date" + how);
    if (p1.size() == 4)
        throw calendar_error(w + ": " + shown + " puts the year first with slashes, which is read two ways" +
                             how);
    if (p3.size() != 4)
        throw calendar_error(w + ": " + shown + " has a year of " + std::to_string(p3.size()) +
                             " digit(s), which is ambiguous (which century?)" + how);
    if (p1.size() > 2 || p2.size() > 2) throw calendar_error(w + ": " + shown + " is not a date" + how);
    if (y > 12 && x <= 12)
        throw calendar_error(w + ": " + shown + " has month " + std::to_string(y) +
                             ": this looks like the US order month/day; danchu reads the day first "
                             "(dd/mm/yyyy), e.g. " +
                             (y < 10 ? "0" : "") + std::to_string(y) + "/" + (x < 10 ? "0" : "") +
                             std::to_string(x) + "/" + std::string(p3));
    if (!valid_civil(z, y, x))
        throw calendar_error(w + ": " + shown +
                             " is not a valid date (day first, dd/mm/yyyy: day within the "
                             "month, month 1..12, year 1..9999)");
    return days_from_civil(z, y, x);
}

} // namespace danchu::detail
