#pragma once
/// @file
/// The CSV renderers of the report: the unit table and the overdue and upcoming
/// lists. RFC 4180 (comma separator, CRLF line ends, fields quoted when they
/// hold a comma, quote or line break), UTF-8 with a byte-order mark so that
/// Excel opens Vietnamese text correctly, numbers with a '.' decimal point in
/// every language, dates in ISO form. Text fields that a spreadsheet would
/// take for a formula get a leading apostrophe. `lang` chooses the header row
/// and the band labels.

#include <danchu/io/detail/csv_writer.hpp>
#include <danchu/report/detail/format.hpp>
#include <danchu/report/validate.hpp>
#include <danchu/report/document.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace danchu::report {

/// The UTF-8 byte-order mark every CSV starts with.
inline constexpr const char* csv_bom = "\xEF\xBB\xBF";

} // namespace danchu::report

namespace danchu::report::detail {

inline void csv_opt(danchu::detail::csv_writer& w, const std::optional<citation>& c, language lg) {
    if (c)
        w.text(cite_line(*c, lg));
    else
        w.empty();
}

} // namespace danchu::report::detail

namespace danchu::report {

/// Every unit of the appendix, one row each: id, name, district, sector,
/// score, band label, band id, rank, complete evidence (1 or 0).
/// @param lang "vi" (default) or "en": the header row and band labels.
/// @throws argument_error for an unknown language or an invalid document.
inline std::string units_csv(const document& doc, std::string_view lang = "vi", const csv_options& csv = {}) {
    using namespace detail;
    const language lg = parse_language(lang);
    validate(doc);
    danchu::detail::csv_writer w(csv);
    w.header(tr(lg, "Mã đơn vị", "Unit id"), tr(lg, "Tên đơn vị", "Unit name"), tr(lg, "Huyện", "District"),
             tr(lg, "Lĩnh vực", "Sector"), tr(lg, "Điểm", "Score"), tr(lg, "Xếp loại", "Band"),
             tr(lg, "Mã xếp loại", "Band id"), tr(lg, "Thứ hạng", "Rank"),
             tr(lg, "Đủ minh chứng", "Complete evidence"));
    for (const auto& u : doc.units)
        w.text(u.id)
            .text(u.name)
            .text(u.district)
            .text(u.sector)
            .value(u.score ? fixed(*u.score, 2, std::nullopt) : std::string())
            .text(band_label(doc, u.band, lg))
            .text(u.band)
            .value(u.rank ? std::to_string(*u.rank) : std::string())
            .value(u.complete_evidence ? "1" : "0")
            .end_row();
    return std::move(w).str();
}

namespace detail {

/// One table of obligations (overdue or upcoming): the same columns but the
/// day count, whose header and member differ.
template <class Item, class Days>
std::string obligations_csv(const document& doc, std::string_view lang, const std::vector<Item>& items,
                            const char* days_vi, const char* days_en, Days days, const csv_options& csv) {
    const language lg = parse_language(lang);
    validate(doc);
    danchu::detail::csv_writer w(csv);
    w.header(tr(lg, "Mã đơn vị", "Unit id"), tr(lg, "Tên đơn vị", "Unit name"),
             tr(lg, "Mã nghĩa vụ", "Obligation id"), tr(lg, "Nghĩa vụ", "Obligation"), tr(lg, "Hạn", "Due"),
             tr(lg, days_vi, days_en), tr(lg, "Căn cứ", "Source"));
    for (const auto& it : items) {
        w.text(it.unit_id).text(it.unit_name).text(it.obligation_id).text(pick(it.obligation, lg));
        w.value(it.due).value(std::to_string(days(it)));
        csv_opt(w, it.source, lg);
        w.end_row();
    }
    return std::move(w).str();
}

} // namespace detail

/// The overdue obligations: unit id, unit name, obligation id, obligation,
/// due date (ISO), working days late, source.
/// @param lang "vi" (default) or "en".
/// @throws argument_error for an unknown language or an invalid document.
inline std::string overdue_csv(const document& doc, std::string_view lang = "vi",
                               const csv_options& csv = {}) {
    return detail::obligations_csv(
        doc, lang, doc.schedule.overdue, "Số ngày làm việc chậm", "Working days late",
        [](const overdue_item& it) { return it.working_days_late; }, csv);
}

/// The obligations due within the horizon: unit id, unit name, obligation id,
/// obligation, due date (ISO), working days left, source.
/// @param lang "vi" (default) or "en".
/// @throws argument_error for an unknown language or an invalid document.
inline std::string upcoming_csv(const document& doc, std::string_view lang = "vi",
                                const csv_options& csv = {}) {
    return detail::obligations_csv(
        doc, lang, doc.schedule.upcoming, "Số ngày làm việc còn lại", "Working days left",
        [](const upcoming_item& it) { return it.working_days_left; }, csv);
}

} // namespace danchu::report
