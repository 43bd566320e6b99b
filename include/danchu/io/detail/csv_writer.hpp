#pragma once
/// @file
/// Internal: the one CSV writer every CSV output uses (report tables,
/// findings, scores, evidence templates, the agenda), with the options of
/// `io/csv.hpp`: by default a UTF-8 byte-order mark (so that Excel opens
/// Vietnamese text correctly), CRLF line ends and a comma separator, or `;`.
/// RFC 4180: a field quoted when it holds the separator, a quote or a line
/// break, quotes doubled.
///
/// Text cells get the formula-injection guard: a cell starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading apostrophe, so that a
/// spreadsheet shows it as text instead of running it. Values the library
/// writes itself (numbers, dates, enumerator names) go in as `value` cells and
/// are never altered, so a negative number stays a number. The reader
/// (`csv_reader.hpp`) removes the guard's apostrophe again.

#include <danchu/io/csv.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace danchu::detail {

/// The UTF-8 byte-order mark.
inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

/// True if a spreadsheet would take text starting like `s` for a formula.
inline bool csv_formula_like(std::string_view s) noexcept {
    return !s.empty() &&
           (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

/// One field quoted as RFC 4180 asks: when it holds a separator (`,` or `;`,
/// whichever the file uses, so that a reader guessing the separator reads it
/// the same), a quote, CR or LF.
inline std::string csv_quote(std::string_view s) {
    if (s.find_first_of(",;\"\r\n") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

/// One text field: the formula-injection guard, then RFC 4180 quoting.
inline std::string csv_text(std::string_view s) {
    if (!csv_formula_like(s)) return csv_quote(s);
    std::string v = "'";
    v += s;
    return csv_quote(v);
}

/// Builds a CSV document row by row.
class csv_writer {
public:
    /// The options of `io/csv.hpp` (default: BOM, CRLF, comma).
    explicit csv_writer(const csv_options& o = {}) : eol_(o.crlf ? "\r\n" : "\n"), sep_(o.separator) {
        if (o.bom) out_ += utf8_bom;
    }

    /// A text cell (names, ids, free text from the input): guarded and quoted.
    csv_writer& text(std::string_view s) {
        sep();
        out_ += csv_text(s);
        return *this;
    }
    /// A value the library formatted itself (a number, a date, an enumerator
    /// name): quoted if needed, never guarded.
    csv_writer& value(std::string_view s) {
        sep();
        out_ += csv_quote(s);
        return *this;
    }
    /// An empty cell.
    csv_writer& empty() { return value({}); }
    /// Ends the current row.
    csv_writer& end_row() {
        out_ += eol_;
        first_ = true;
        return *this;
    }
    /// A header row (value cells).
    template <class... S> csv_writer& header(const S&... names) {
        (value(names), ...);
        return end_row();
    }

    const std::string& str() const& noexcept { return out_; }
    std::string str() && noexcept { return std::move(out_); }

private:
    void sep() {
        if (!first_) out_ += sep_;
        first_ = false;
    }
    std::string eol_;
    char sep_ = ',';
    std::string out_;
    bool first_ = true;
};

} // namespace danchu::detail
