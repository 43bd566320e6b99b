#pragma once
/// @file
/// iCalendar (RFC 5545) export of holidays and report deadlines as all-day
/// events that calendar applications import.
///
/// Output follows RFC 5545: CRLF line ends (3.1), lines folded at 75 octets
/// without splitting a UTF-8 character (3.1), TEXT escaping of backslash,
/// semicolon, comma and newline (3.3.11), all-day events as
/// `DTSTART;VALUE=DATE` with `DTEND` the next day (3.6.1), and a `UID` and a
/// `DTSTAMP` in every VEVENT (3.6.1, 3.8.4.7, 3.8.7.2).

#include <danchu/calendar/calendar.hpp>
#include <danchu/core/date.hpp>
#include <danchu/core/error.hpp>
#include <danchu/calendar/holiday.hpp>
#include <danchu/calendar/period.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace danchu {

/// One all-day event.
struct ical_event {
    civil_day date;
    std::string uid; ///< globally unique and stable, e.g. "2026-02-16-tet@danchu"
    std::string summary;
    std::string description; ///< may be empty
    std::string category;    ///< may be empty, e.g. "statutory", "deadline"
};

/// Escapes TEXT per RFC 5545 §3.3.11 (bytes that are not UTF-8 become U+FFFD).
/// A line break becomes "\\n"; every other
/// control character (which a TEXT value may not hold, §3.3.11 and §3.1) is
/// dropped, so no value can end its content line and start another property.
inline std::string ical_escape(std::string_view text) {
    const std::string s = detail::valid_utf8(std::string(text)); // RFC 5545 §3.1: UTF-8
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case ';': out += "\\;"; break;
        case ',': out += "\\,"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += c; break;
        default:
            if (static_cast<unsigned char>(c) >= 0x20 && c != '\x7f') out += c;
        }
    }
    return out;
}

/// Folds one content line to at most 75 octets per physical line (RFC 5545
/// §3.1), never inside a UTF-8 sequence, and ends it with CRLF.
inline std::string ical_fold(std::string_view line) {
    std::string out;
    std::size_t pos = 0, limit = 75;
    while (line.size() - pos > limit) {
        std::size_t cut = pos + limit;
        while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        if (cut == pos) cut = pos + limit; // not UTF-8: 75 continuation bytes in a row
        out.append(line.substr(pos, cut - pos));
        out += "\r\n ";
        pos = cut;
        limit = 74; // the leading space counts
    }
    out.append(line.substr(pos));
    out += "\r\n";
    return out;
}

/// UTC timestamp "YYYYMMDDTHHMMSSZ" for DTSTAMP from seconds since 1970.
inline std::string ical_timestamp(std::int64_t unix_seconds) {
    const auto days =
        static_cast<day_number>(unix_seconds >= 0 ? unix_seconds / 86400 : (unix_seconds - 86399) / 86400);
    const std::int64_t secs = unix_seconds - static_cast<std::int64_t>(days) * 86400;
    std::string d = to_iso(days);
    d.erase(7, 1);
    d.erase(4, 1);
    char buf[8] = {};
    const int h = static_cast<int>(secs / 3600), m = static_cast<int>(secs / 60 % 60),
              s = static_cast<int>(secs % 60);
    buf[0] = static_cast<char>('0' + h / 10);
    buf[1] = static_cast<char>('0' + h % 10);
    buf[2] = static_cast<char>('0' + m / 10);
    buf[3] = static_cast<char>('0' + m % 10);
    buf[4] = static_cast<char>('0' + s / 10);
    buf[5] = static_cast<char>('0' + s % 10);
    return d + "T" + std::string(buf, 6) + "Z";
}

/// True for a DTSTAMP value "YYYYMMDDTHHMMSSZ" (RFC 5545 §3.3.5, UTC form).
inline bool is_ical_timestamp(std::string_view s) noexcept {
    if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z') return false;
    for (std::size_t i = 0; i < 15; ++i)
        if (i != 8 && (s[i] < '0' || s[i] > '9')) return false;
    return true;
}

/// The current time as a DTSTAMP.
inline std::string ical_now() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return ical_timestamp(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

/// A VCALENDAR with one VEVENT per event.
/// @param name shown by applications (X-WR-CALNAME).
/// @param dtstamp "YYYYMMDDTHHMMSSZ"; default the current time.
inline std::string to_ical(const std::vector<ical_event>& events, std::string_view name,
                           const std::string& dtstamp = ical_now()) {
    if (!is_ical_timestamp(dtstamp))
        throw argument_error("dtstamp \"" + detail::preview(dtstamp) +
                             "\": expected a UTC time YYYYMMDDTHHMMSSZ, e.g. 20180614T000000Z");
    std::string out;
    auto line = [&](std::string_view s) { out += ical_fold(s); };
    auto compact = [](civil_day d) {
        std::string s = to_iso(d);
        s.erase(7, 1);
        s.erase(4, 1);
        return s;
    };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//danchu//Vietnamese reporting calendar//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line("X-WR-CALNAME:" + ical_escape(name));
    for (const ical_event& e : events) {
        line("BEGIN:VEVENT");
        line("UID:" + ical_escape(e.uid));
        line("DTSTAMP:" + dtstamp);
        line("DTSTART;VALUE=DATE:" + compact(e.date));
        line("DTEND;VALUE=DATE:" + compact(e.date + 1));
        line("SUMMARY:" + ical_escape(e.summary));
        if (!e.description.empty()) line("DESCRIPTION:" + ical_escape(e.description));
        if (!e.category.empty()) line("CATEGORIES:" + ical_escape(e.category));
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    return out;
}

/// Events for the entries of `year` (days off and make-up working days).
/// @param lang "vi" or "en".
/// @throws argument_error for another language.
inline std::vector<ical_event> holiday_events(const calendar& cal, int year, std::string_view lang = "vi") {
    if (lang != "vi" && lang != "en")
        throw argument_error("language \"" + std::string(lang) + "\": expected vi or en");
    std::vector<ical_event> out;
    for (const holiday& h : cal.entries(year)) {
        ical_event e;
        e.date = h.date;
        e.uid = to_iso(h.date) + "-" + std::string(to_string(h.kind)) + "-" + h.holiday_id + "@danchu";
        e.summary = h.name.in(lang == "vi");
        std::string src = h.source.document;
        if (!h.source.article.empty()) src += ", " + h.source.article;
        e.description = (lang == "vi" ? "Nguồn: " : "Source: ") + src +
                        (h.derived ? (lang == "vi" ? " (tính theo quy tắc, chưa có thông báo chính thức)"
                                                   : " (derived by rule; no official notice)")
                                   : "");
        e.category = std::string(to_string(h.kind));
        out.push_back(std::move(e));
    }
    return out;
}

/// Events for the deadlines of report periods (periods without one are skipped).
inline std::vector<ical_event> deadline_events(const std::vector<report_period>& periods,
                                               const reporting_convention& r, std::string_view lang = "vi") {
    if (lang != "vi" && lang != "en")
        throw argument_error("language \"" + std::string(lang) + "\": expected vi or en");
    std::vector<ical_event> out;
    for (const report_period& p : periods) {
        if (!p.deadline) continue;
        ical_event e;
        e.date = *p.deadline;
        e.uid = p.convention_id + "-" + p.label() + "-deadline@danchu";
        e.summary = (lang == "vi" ? "Hạn gửi báo cáo " : "Report deadline ") + p.label() + " (" +
                    r.name.in(lang == "vi") + ")";
        e.description = (lang == "vi" ? "Kỳ số liệu " : "Data window ") + to_iso(p.start) + " – " +
                        to_iso(p.end) + ". " + (lang == "vi" ? "Nguồn: " : "Source: ") +
                        r.deadline->source.document +
                        (r.deadline->source.article.empty() ? "" : ", " + r.deadline->source.article);
        e.category = "deadline";
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace danchu
