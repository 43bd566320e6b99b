#pragma once
/// @file
/// XLSX in and out (issue 13): the evidence workbooks a Department of Home
/// Affairs sends its units and reads back, and the report's XLSX appendix.
///
/// Part of the compiled library `danchu::office` (`src/office/`, built with
/// libxlsxwriter, libzip and pugixml: `cmake/DanchuOffice.cmake`), so it is
/// not in the header-only umbrella `<danchu/danchu.hpp>`. The command-line
/// tool and the Python extension link it.
///
/// - Writing: libxlsxwriter. Every text from the input (unit names, remarks)
///   is written as a string cell, never a formula, so `=HYPERLINK(...)` stays text.
/// - Reading: libzip and pugixml; shared strings, inline strings, numbers,
///   booleans, dates (serial numbers under a date format, or text). Errors
///   name `file!Sheet!C7` and what was expected.

#include <danchu/core/date.hpp>
#include <danchu/core/error.hpp>
#include <danchu/evidence/event.hpp>
#include <danchu/evidence/event_log.hpp>
#include <danchu/organisation/unit.hpp>
#include <danchu/report/document.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace danchu::office {

// --- reading ---------------------------------------------------------------

/// One non-empty cell of a worksheet as stored.
struct xlsx_cell {
    enum class type : std::uint8_t {
        text,    ///< a shared, inline or formula-result string
        number,  ///< a number under a non-date format
        date,    ///< a number under a date format: `number` is the Excel serial
        boolean, ///< `number` 1 or 0
        error,   ///< an Excel error value (#N/A, #DIV/0!...): `text` holds it
    };
    std::uint32_t row = 0; ///< 1-based
    std::uint32_t col = 0; ///< 1-based (A = 1)
    type kind = type::text;
    std::string text;
    double number = 0;
};

/// One worksheet: its cells in row, then column order.
struct xlsx_sheet {
    std::string name;
    bool hidden = false;
    std::vector<xlsx_cell> cells;
    /// The cell at (row, col), or nullptr when empty.
    const xlsx_cell* find(std::uint32_t row, std::uint32_t col) const noexcept;
    /// The last row holding a cell (0 when the sheet is empty).
    std::uint32_t last_row() const noexcept { return cells.empty() ? 0 : cells.back().row; }
};

/// A workbook's worksheets in their order.
struct xlsx_workbook {
    std::string file; ///< as named in errors
    std::vector<xlsx_sheet> sheets;
    /// The sheet of that name, or nullptr.
    const xlsx_sheet* find(std::string_view name) const noexcept;
};

/// Limits on what a workbook may hold (a hostile file must not exhaust memory).
struct xlsx_limits {
    std::uint64_t max_part_bytes = 64u << 20; ///< uncompressed size of one part
    std::uint64_t max_cells = 2'000'000;      ///< cells in the whole workbook
};

/// Reads a workbook file.
/// @throws parse_error naming the file (and `file!Sheet!C7`) and what was expected.
xlsx_workbook read_xlsx(const std::string& path, const xlsx_limits& limits = {});
/// Reads a workbook from memory; `name` is the file named in errors.
xlsx_workbook read_xlsx_bytes(std::string_view bytes, const std::string& name,
                              const xlsx_limits& limits = {});

/// "C7" for row 7, column 3 (1-based).
std::string cell_ref(std::uint32_t row, std::uint32_t col);
/// The day of an Excel serial number (1900 date system: 1 = 1900-01-01, with
/// Excel's phantom 29 February 1900; time of day dropped).
/// @throws calendar_error for a serial outside 1..2958465 (9999-12-31).
day_number day_of_serial(double serial);
/// The Excel serial number of a day (inverse of day_of_serial).
double serial_of_day(day_number d);

// --- evidence workbooks ----------------------------------------------------

/// What `write_events_workbook` puts in a workbook.
struct events_workbook_options {
    std::size_t rows = 100;         ///< empty, formatted rows per event sheet (1..10000)
    std::string title;              ///< shown on the instructions sheet (e.g. the period)
    std::vector<std::string> kinds; ///< event kinds to include (ids); empty: all
};

/// The sheet name an event kind gets (at most 31 characters, unique).
std::vector<std::string> events_sheet_names(const event_kinds& kinds);

/// Writes an evidence workbook for the units `units` (indices into `org`,
/// at least one) to `path`: a Vietnamese instructions sheet ("HuongDan"),
/// one sheet per event kind (Vietnamese column headers over a row of field
/// ids, the unit column filled in, date cells formatted dd/mm/yyyy, drop-down
/// lists for enumerations, booleans and units, protected header rows, frozen
/// panes and filters), a sheet for declared nones ("KhongPhatSinh") and a
/// hidden sheet of lists.
/// @throws argument_error for bad options; error if the file cannot be written.
void write_events_workbook(const std::string& path, const event_kinds& kinds, const organisation& org,
                           const std::vector<std::size_t>& unit_ids, const events_workbook_options& opt = {});

/// The bytes of that workbook (what write_events_workbook writes to a file).
std::string events_workbook_bytes(const event_kinds& kinds, const organisation& org,
                                  const std::vector<std::size_t>& units,
                                  const events_workbook_options& opt = {});

/// Adds the records of a filled workbook to a builder, as add_events_csv does
/// for CSV: events from the event sheets, declared nones from "KhongPhatSinh".
/// A row that holds nothing but its unit is skipped. Each event's source
/// records the file name, sheet and row unless the row gives them. Errors
/// name `file!Sheet!C7`; with `issues` they are collected instead (lenient).
void add_events_xlsx(event_log_builder& b, const event_kinds& kinds, const xlsx_workbook& wb,
                     std::vector<event_issue>* issues = nullptr);
/// Reads the file, then add_events_xlsx.
void add_events_xlsx_file(event_log_builder& b, const event_kinds& kinds, const std::string& path,
                          std::vector<event_issue>* issues = nullptr);

/// The events document (`data/schemas/events.schema.json`: `events`, `none`)
/// of a log, e.g. to keep what workbooks held as one JSON file. Values as
/// the JSON loader reads them back; each record's `source` as entered or
/// filled in by the reader (file, sheet, row).
std::string events_json_text(const event_log& log);

/// Makes every events loader of the process (`load_events`, `derive_evidence_from_files`,
/// the report's `--events`) read `.xlsx` files with add_events_xlsx_file.
/// Idempotent; the tool and the Python extension call it once at start.
void enable_xlsx_events() noexcept;

// --- the report's appendix -------------------------------------------------

/// Writes the report's XLSX appendix to `path`: sheets "DonVi" (every unit:
/// id, name, district, sector, score, band, rank, change since the previous
/// period), "TonTai" (the directive's failings, one row per unit and
/// failing), "QuaHan" and "SapDenHan" (overdue and upcoming obligations),
/// "VanDeDuLieu" (the data problems). Headers and band labels in `lang` ("vi"
/// or "en"), frozen header rows, filters, number and date formats.
/// @throws argument_error for an unknown language or an invalid document.
void write_report_xlsx(const report::document& doc, const std::string& path, std::string_view lang = "vi");
/// The bytes of that workbook.
std::string report_xlsx_bytes(const report::document& doc, std::string_view lang = "vi");

} // namespace danchu::office
