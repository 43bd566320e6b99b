#pragma once
/// @file
/// How danchu writes CSV (issue 13, "Excel-friendly CSV everywhere"): every CSV
/// output (report tables, findings, scores, evidence templates, the agenda)
/// goes through one writer (`io/detail/csv_writer.hpp`) with these options.
/// By default a UTF-8 byte-order mark (Excel then reads Vietnamese text as
/// UTF-8), CRLF line ends and a comma; `;` for spreadsheets under Vietnamese
/// (and most European) regional settings, where Excel expects a semicolon.
/// Quoting follows RFC 4180; text cells that a spreadsheet would run as a
/// formula get a leading apostrophe (see `csv_writer.hpp`).

#include <danchu/core/error.hpp>

#include <string>
#include <string_view>

namespace danchu {

/// Options of every CSV danchu writes.
struct csv_options {
    char separator = ','; ///< ',' or ';'
    bool bom = true;      ///< write the UTF-8 byte-order mark first
    bool crlf = true;     ///< CRLF line ends (RFC 4180); false: LF
};

/// The options for a `--csv-separator` / `csv_separator=` argument: "," or ";"
/// (also the words "comma" and "semicolon").
/// @throws argument_error naming the accepted values.
inline csv_options csv_options_for(std::string_view separator) {
    csv_options o;
    if (separator == "," || separator == "comma")
        o.separator = ',';
    else if (separator == ";" || separator == "semicolon")
        o.separator = ';';
    else
        throw argument_error("csv separator: \"" + detail::preview(separator) +
                             "\": expected \",\" or \";\" (comma or semicolon)");
    return o;
}

} // namespace danchu
