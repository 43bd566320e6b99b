#pragma once
/// @file
/// The CSV renderers of the report: the unit table and the overdue and upcoming
/// lists. RFC 4180 (comma separator, CRLF line ends, fields quoted when they
/// hold a comma, quote or line break), UTF-8 with a byte-order mark so that
/// Excel opens Vietnamese text correctly, numbers with a '.' decimal point in
/// every language, dates in ISO form. Text fields that a spreadsheet would
/// take for a formula get a leading apostrophe. `lang` chooses the header row
/// and the band labels.

#include <danchu/report/detail/format.hpp>
#include <danchu/report/validate.hpp>
#include <danchu/report/document.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace danchu::report {

/// The UTF-8 byte-order mark every CSV starts with.
inline constexpr const char* csv_bom = "\xEF\xBB\xBF";

} // namespace danchu::report

namespace danchu::report::detail {

inline void csv_row(std::string& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out += ',';
        out += fields[i];
    }
    out += "\r\n";
}

inline std::string csv_opt(const std::optional<citation>& c, language lg) {
    return c ? csv_text(cite_line(*c, lg)) : std::string();
}

} // namespace danchu::report::detail

namespace danchu::report {

/// Every unit of the appendix, one row each: id, name, district, sector,
/// score, band label, band id, rank, complete evidence (1 or 0).
/// @param lang "vi" (default) or "en": the header row and band labels.
/// @throws argument_error for an unknown language or an invalid document.
inline std::string units_csv(const document& doc, std::string_view lang = "vi") {
    using namespace detail;
    const language lg = parse_language(lang);
    validate(doc);
    std::string out = csv_bom;
    out.reserve(256 + doc.units.size() * 96);
    csv_row(out, {tr(lg, "Mã đơn vị", "Unit id"), tr(lg, "Tên đơn vị", "Unit name"),
                  tr(lg, "Huyện", "District"), tr(lg, "Lĩnh vực", "Sector"),
                  tr(lg, "Điểm", "Score"), tr(lg, "Xếp loại", "Band"),
                  tr(lg, "Mã xếp loại", "Band id"), tr(lg, "Thứ hạng", "Rank"),
                  tr(lg, "Đủ minh chứng", "Complete evidence")});
    for (const auto& u : doc.units)
        csv_row(out, {csv_text(u.id), csv_text(u.name), csv_text(u.district), csv_text(u.sector),
                      u.score ? fixed(*u.score, 2, std::nullopt) : std::string(),
                      csv_text(band_label(doc, u.band, lg)), csv_text(u.band),
                      u.rank ? std::to_string(*u.rank) : std::string(),
                      u.complete_evidence ? "1" : "0"});
    return out;
}

namespace detail {

/// One table of obligations (overdue or upcoming): the same columns but the
/// day count, whose header and member differ.
template <class Item, class Days>
std::string obligations_csv(const document& doc, std::string_view lang,
                            const std::vector<Item>& items, const char* days_vi,
                            const char* days_en, Days days) {
    const language lg = parse_language(lang);
    validate(doc);
    std::string out = csv_bom;
    csv_row(out, {tr(lg, "Mã đơn vị", "Unit id"), tr(lg, "Tên đơn vị", "Unit name"),
                  tr(lg, "Mã nghĩa vụ", "Obligation id"), tr(lg, "Nghĩa vụ", "Obligation"),
                  tr(lg, "Hạn", "Due"), tr(lg, days_vi, days_en), tr(lg, "Căn cứ", "Source")});
    for (const auto& it : items)
        csv_row(out, {csv_text(it.unit_id), csv_text(it.unit_name), csv_text(it.obligation_id),
                      csv_text(pick(it.obligation, lg)), it.due, std::to_string(days(it)),
                      csv_opt(it.source, lg)});
    return out;
}

} // namespace detail

/// The overdue obligations: unit id, unit name, obligation id, obligation,
/// due date (ISO), working days late, source.
/// @param lang "vi" (default) or "en".
/// @throws argument_error for an unknown language or an invalid document.
inline std::string overdue_csv(const document& doc, std::string_view lang = "vi") {
    return detail::obligations_csv(doc, lang, doc.schedule.overdue, "Số ngày làm việc chậm",
                                   "Working days late",
                                   [](const overdue_item& it) { return it.working_days_late; });
}

/// The obligations due within the horizon: unit id, unit name, obligation id,
/// obligation, due date (ISO), working days left, source.
/// @param lang "vi" (default) or "en".
/// @throws argument_error for an unknown language or an invalid document.
inline std::string upcoming_csv(const document& doc, std::string_view lang = "vi") {
    return detail::obligations_csv(doc, lang, doc.schedule.upcoming, "Số ngày làm việc còn lại",
                                   "Working days left",
                                   [](const upcoming_item& it) { return it.working_days_left; });
}

} // namespace danchu::report
