#pragma once
/// @file
/// Shared pieces of the report renderers (internal): the language switch,
/// escaping for HTML, Markdown and CSV, and locale-independent number and date
/// formatting (Vietnamese writes 72,5 and 1.234; English 72.5 and 1,234).

#include <danchu/core/error.hpp>
#include <danchu/report/document.hpp>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <utility>
#include <optional>
#include <string>
#include <string_view>

namespace danchu::report {

/// The language of a rendered report.
enum class language { vi, en };

/// Parses "vi" or "en".
/// @throws argument_error naming the accepted values.
inline language parse_language(std::string_view lang) {
    if (lang == "vi") return language::vi;
    if (lang == "en") return language::en;
    throw argument_error("lang: unknown language \"" + std::string(lang) +
                         "\": expected \"vi\" (Vietnamese, the default) or \"en\" (English)");
}

} // namespace danchu::report

namespace danchu::report::detail {

inline const std::string& pick(const bilingual_text& t, language lg) noexcept {
    return lg == language::vi ? t.vi : t.en;
}

inline const char* tr(language lg, const char* vi, const char* en) noexcept {
    return lg == language::vi ? vi : en;
}

/// Escapes the five characters that matter in HTML text and attribute values.
inline std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default:
            // Control characters other than tab and newline are not allowed in HTML.
            if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n')
                out += ' ';
            else
                out += c;
        }
    }
    return out;
}

/// Escapes text for a Markdown table cell or paragraph: Markdown punctuation is
/// backslash-escaped, HTML-significant characters become entities (Markdown
/// passes raw HTML through), line breaks become spaces.
inline std::string md_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '|':
        case '#':
        case '!':
        case '~':
            out += '\\';
            out += c;
            break;
        case '\n':
        case '\r':
        case '\t': out += ' '; break;
        default: out += c;
        }
    }
    return out;
}

/// A fixed-point number with `decimals` digits, independent of the C locale.
/// `lg` chooses the decimal separator; nullopt for a machine format (".").
inline std::string fixed(double v, int decimals, std::optional<language> lg) {
    if (!std::isfinite(v)) return "";
    if (v == 0.0) v = 0.0; // no "-0.0"
    char buf[64] = {};
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    std::string s(buf, r.ptr);
    if (s == "-0" || s.rfind("-0.", 0) == 0) {
        if (s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
    }
    if (lg && *lg == language::vi)
        for (char& c : s)
            if (c == '.') c = ',';
    return s;
}

/// A count with thousands separators: 12.345 (vi) or 12,345 (en).
inline std::string count(std::size_t n, language lg) {
    std::string digits = std::to_string(n), out;
    const char sep = lg == language::vi ? '.' : ',';
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && (digits.size() - i) % 3 == 0) out += sep;
        out += digits[i];
    }
    return out;
}

/// A share in [0, 1] as a percentage with one decimal: "85,0 %" / "85.0%".
inline std::string percent(std::optional<double> share, language lg) {
    if (!share) return "—";
    return fixed(*share * 100.0, 1, lg) + (lg == language::vi ? " %" : "%");
}

/// A score with one decimal, or a dash when there is none.
inline std::string score(std::optional<double> v, language lg) {
    return v ? fixed(*v, 1, lg) : std::string("—");
}

/// A signed difference: "+2,5", "−1,0", "0,0" (one decimal by default).
inline std::string delta(double d, language lg, int decimals = 1) {
    const std::string s = fixed(std::fabs(d), decimals, lg);
    if (s.find_first_not_of("0.,") == std::string::npos) return s;
    return (d > 0 ? "+" : "\u2212") + s;
}

/// An ISO date for display: dd/mm/yyyy in Vietnamese, unchanged in English.
inline std::string date(std::string_view iso, language lg) {
    if (lg == language::en || iso.size() != 10) return std::string(iso);
    return std::string(iso.substr(8, 2)) + "/" + std::string(iso.substr(5, 2)) + "/" +
           std::string(iso.substr(0, 4));
}

/// A document's name as the language shows it: data files name some
/// documents in English ("Decree 09/2019/NĐ-CP (24/01/2019, in force
/// 12/03/2019)"); the Vietnamese rendering gives their Vietnamese type names.
inline std::string document_name(const std::string& doc, language lg) {
    if (lg == language::en) return doc;
    static const std::pair<const char*, const char*> words[] = {
        {"Labour Code ", "Bộ luật Lao động "},
        {"Law on Inspection ", "Luật Thanh tra "},
        {"Decree ", "Nghị định "},
        {"Circular ", "Thông tư "},
        {"Law ", "Luật "},
        {"Dispatch ", "Công văn "},
        {"Notice ", "Thông báo "},
        {"Guidance ", "Hướng dẫn "},
        {"Decision ", "Quyết định "},
        {"Resolution ", "Nghị quyết "},
        {"Directive ", "Chỉ thị "},
        {", in force ", ", hiệu lực "},
        {"(in force ", "(hiệu lực "},
        {" amending Art. ", " sửa đổi Điều "},
        {" of the ", " của "},
        {"(Ministry of Home Affairs)", "(Bộ Nội vụ)"},
    };
    std::string s = doc;
    for (const auto& [from, to] : words)
        for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + std::strlen(to)))
            s.replace(at, std::strlen(from), to);
    return s;
}

/// A citation on one line: "Nghị định 04/2015/NĐ-CP, Điều 4, khoản 1".
inline std::string cite_line(const citation& c, language lg) {
    std::string s = document_name(c.document, lg);
    if (!c.article.empty()) s += ", " + c.article;
    if (!c.clause.empty()) s += ", " + std::string(tr(lg, "khoản ", "clause ")) + c.clause;
    if (!c.point.empty()) s += ", " + std::string(tr(lg, "điểm ", "point ")) + c.point;
    if (c.confidence == "uncertain")
        s += tr(lg, " (chưa xác minh)", " (unverified)");
    else if (c.confidence == "secondary")
        s += tr(lg, " (nguồn thứ cấp)", " (secondary source)");
    // The note is the brief's source id and remarks, in English: the English
    // rendering shows it, the Vietnamese one does not (no English in a vi report).
    if (!c.note.empty() && lg == language::en) s += " [" + c.note + "]";
    return s;
}

/// The label of a band id in the legend, or the id itself when unknown.
inline std::string band_label(const document& doc, std::string_view id, language lg) {
    for (const auto& b : doc.bands)
        if (b.id == id) return pick(b.label, lg);
    return std::string(id);
}

/// The standard statement shown when the data is synthetic.
inline std::string synthetic_statement(const header& h, language lg) {
    std::string s = tr(lg,
                       "Dữ liệu trong báo cáo này là dữ liệu tổng hợp (giả lập), không phải "
                       "số liệu thật của các cơ quan, đơn vị.",
                       "The data in this report is synthetic: it does not describe real "
                       "agencies or units.");
    const std::string& extra = pick(h.synthetic_note, lg);
    if (!extra.empty()) s += " " + extra;
    return s;
}

/// How the period's units that sent no evidence at all were counted, and
/// which they were (plain text, to be escaped); empty when the figures do not
/// say (documents written before schema 1.1).
inline std::string no_evidence_statement(const figures& f, language lg) {
    const auto policy = try_from_string<no_evidence_policy>(f.no_evidence_policy);
    if (!policy) return {};
    std::string s = tr(lg, "Đơn vị không gửi minh chứng ", "Units that sent no evidence ");
    s += "(" + f.period_id + "): " + count(f.no_evidence_units.size(), lg);
    if (f.no_evidence_units.empty()) return s + ".";
    s += std::string(" — ") + pick(no_evidence_label(*policy), lg) + ": ";
    for (std::size_t i = 0; i < f.no_evidence_units.size(); ++i)
        s += (i ? ", " : "") + f.no_evidence_units[i];
    return s + ".";
}

} // namespace danchu::report::detail
