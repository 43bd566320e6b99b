#pragma once
/// @file
/// The last sections of the Markdown report and `to_markdown` (internal).

#include <danchu/detail/report_format.hpp>
#include <danchu/detail/report_markdown.hpp>
#include <danchu/detail/report_validate.hpp>
#include <danchu/report.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace danchu::report::detail {

inline void md_failings(md_writer& w) {
    w.h2("Tồn tại, hạn chế theo đơn vị", "Failings, unit by unit");
    if (w.doc.failings.empty()) return w.none();
    for (const auto& f : w.doc.failings) {
        w.out += "### " + w.e(w.p(f.title)) + " — " + count(f.units.size(), w.lg) + " " +
                 w.t("đơn vị", "units") + "\n\n_" + w.e(cite_line(f.source, w.lg)) + "_\n\n";
        for (const auto& r : f.rules) {
            std::string cites;
            for (const auto& c : r.citations)
                cites += (cites.empty() ? "" : "; ") + w.e(cite_line(c, w.lg));
            w.out += "- " + w.code(r.id) + " " + w.e(w.p(r.title)) +
                     (cites.empty() ? "" : " (" + cites + ")") + "\n";
        }
        if (!f.rules.empty()) w.out += "\n";
        if (f.units.empty()) {
            w.none();
            w.out += "\n";
            continue;
        }
        w.head({w.t("Mã", "Id"), w.t("Đơn vị", "Unit"), w.t("Huyện", "District"),
                w.t("Quy tắc không đạt", "Rules failed")});
        for (const auto& u : f.units) {
            std::string rules;
            for (const auto& r : u.rule_ids) rules += (rules.empty() ? "" : ", ") + w.e(r);
            w.row({w.e(u.unit_id), w.e(u.unit_name), w.e(u.district), rules});
        }
        w.out += "\n";
    }
}

inline void md_schedule(md_writer& w) {
    const auto& s = w.doc.schedule;
    w.h2("Nghĩa vụ quá hạn và sắp đến hạn", "Overdue and upcoming obligations");
    if (!s.as_of.empty())
        w.out += std::string(w.t("Tính đến ngày ", "As of ")) + date(s.as_of, w.lg) + ".\n\n";
    w.out += std::string("### ") + w.t("Quá hạn", "Overdue") + " (" +
             count(s.overdue.size(), w.lg) + ")\n\n";
    if (s.overdue.empty()) w.none();
    else {
        w.head({w.t("Mã", "Id"), w.t("Đơn vị", "Unit"), w.t("Nghĩa vụ", "Obligation"),
                std::string("#") + w.t("Hạn", "Due"),
                std::string("#") + w.t("Số ngày làm việc chậm", "Working days late")});
        for (const auto& it : s.overdue)
            w.row({w.e(it.unit_id), w.e(it.unit_name), w.e(w.p(it.obligation)),
                   date(it.due, w.lg), std::to_string(it.working_days_late)});
    }
    w.out += std::string("\n### ") + w.t("Sắp đến hạn trong ", "Due in the next ") +
             std::to_string(s.horizon_days) + w.t(" ngày", " days") + " (" +
             count(s.upcoming.size(), w.lg) + ")\n\n";
    if (s.upcoming.empty()) w.none();
    else {
        w.head({w.t("Mã", "Id"), w.t("Đơn vị", "Unit"), w.t("Nghĩa vụ", "Obligation"),
                std::string("#") + w.t("Hạn", "Due"),
                std::string("#") + w.t("Số ngày làm việc còn lại", "Working days left")});
        for (const auto& it : s.upcoming)
            w.row({w.e(it.unit_id), w.e(it.unit_name), w.e(w.p(it.obligation)),
                   date(it.due, w.lg), std::to_string(it.working_days_left)});
    }
}

inline void md_changes(md_writer& w) {
    w.h2("Thay đổi so với kỳ trước", "Change since the previous period");
    if (w.doc.changes.empty()) return w.none();
    w.head({w.t("Mã", "Id"), w.t("Đơn vị", "Unit"), std::string("#") + w.t("Điểm kỳ trước", "Score before"),
            std::string("#") + w.t("Điểm kỳ này", "Score now"),
            std::string("#") + w.t("Chênh lệch", "Change"), std::string("#") + w.t("Thứ hạng", "Rank"),
            w.t("Xếp loại", "Band")});
    for (const auto& c : w.doc.changes) {
        const std::string d = c.score_before && c.score_after
            ? delta(*c.score_after - *c.score_before, w.lg) : std::string("—");
        auto r = [](const std::optional<std::size_t>& v) {
            return v ? std::to_string(*v) : std::string("—");
        };
        const std::string before = c.band_before.empty()
            ? std::string("—") : band_label(w.doc, c.band_before, w.lg);
        const std::string after = c.band_after.empty()
            ? std::string("—") : band_label(w.doc, c.band_after, w.lg);
        w.row({w.e(c.unit_id), w.e(c.unit_name), score(c.score_before, w.lg),
               score(c.score_after, w.lg), d, r(c.rank_before) + " → " + r(c.rank_after),
               w.e(before == after ? after : before + " → " + after)});
    }
}

inline void md_problems(md_writer& w) {
    w.h2("Vấn đề về dữ liệu", "Data problems");
    w.out += std::string(w.t("Báo cáo vẫn được lập cho mọi dữ liệu hợp lệ; các dữ liệu không "
                             "hợp lệ hoặc còn thiếu được liệt kê dưới đây.",
                             "The report is produced for everything that is valid; inputs "
                             "that were invalid or missing are listed here.")) + "\n\n";
    if (w.doc.problems.empty()) return w.none();
    w.head({w.t("Loại", "Kind"), w.t("Nguồn", "Source"), w.t("Vị trí", "Location"),
            w.t("Đối tượng", "Subject"), w.t("Nội dung", "Message")});
    for (const auto& p : w.doc.problems)
        w.row({w.e(p.kind), w.e(p.source), w.e(p.location), w.e(p.subject), w.e(p.message)});
}

inline void md_appendix(md_writer& w) {
    w.h2("Phụ lục: danh sách đơn vị", "Appendix: all units");
    if (w.doc.units.empty()) return w.none();
    w.head({w.t("Mã", "Id"), w.t("Đơn vị", "Unit"), w.t("Huyện", "District"),
            w.t("Lĩnh vực", "Sector"), std::string("#") + w.t("Điểm", "Score"),
            w.t("Xếp loại", "Band"), std::string("#") + w.t("Thứ hạng", "Rank")});
    for (const auto& u : w.doc.units)
        w.row({w.e(u.id), w.e(u.name), w.e(u.district), w.e(u.sector), score(u.score, w.lg),
               w.e(band_label(w.doc, u.band, w.lg)),
               u.rank ? std::to_string(*u.rank) : std::string("—")});
}

} // namespace danchu::report::detail

namespace danchu::report {

/// The report as Markdown (CommonMark with GFM tables), for e-mail, wikis and
/// version control. Charts are left out (they are in the HTML report).
/// @param lang "vi" (default) or "en".
/// @throws argument_error for an unknown language or an invalid document.
inline std::string to_markdown(const document& doc, std::string_view lang = "vi") {
    const language lg = parse_language(lang);
    validate(doc);
    detail::md_writer w{doc, lg, {}};
    w.out.reserve(8192 + doc.units.size() * 120);
    detail::md_header(w);
    detail::md_summary(w);
    detail::md_groups(w, "Xếp loại theo huyện", "Bands by district", "Huyện, thành phố",
                      "District", doc.by_district);
    detail::md_groups(w, "Xếp loại theo lĩnh vực", "Bands by sector", "Lĩnh vực", "Sector",
                      doc.by_sector);
    detail::md_failings(w);
    detail::md_schedule(w);
    detail::md_changes(w);
    detail::md_problems(w);
    detail::md_appendix(w);
    return std::move(w.out);
}

} // namespace danchu::report
