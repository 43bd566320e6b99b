#pragma once
/// @file
/// The last sections of the HTML report and `to_html` (see report_html.hpp).

#include <danchu/detail/report_format.hpp>
#include <danchu/detail/report_html.hpp>
#include <danchu/detail/report_html_body.hpp>
#include <danchu/detail/report_svg.hpp>
#include <danchu/detail/report_validate.hpp>
#include <danchu/report.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace danchu::report::detail {

template <class Item>
void html_obligation_cells(html_writer& w, const Item& it) {
    w.td(w.esc(it.unit_id));
    w.td(w.esc(it.unit_name));
    std::string ob = w.esc(w.p(it.obligation));
    if (it.source) ob += "<br><span class=\"cite\">" + w.esc(cite_line(*it.source, w.lg)) +
                         "</span>";
    w.td(ob);
    w.tn(w.esc(date(it.due, w.lg)));
}

/// The overdue and the upcoming tables: the same columns, then a count of
/// working days (late or left).
template <class Item, class Days>
void html_obligation_table(html_writer& w, const std::vector<Item>& items, std::string days_heading,
                           Days days) {
    if (items.empty()) return w.none();
    w.thead({w.t("Mã", "Id"), w.t("Đơn vị", "Unit"), w.t("Nghĩa vụ", "Obligation"), w.num("Hạn", "Due"),
             std::move(days_heading)});
    for (const auto& it : items) {
        w.out += "<tr>";
        html_obligation_cells(w, it);
        w.tn(std::to_string(days(it)));
        w.out += "</tr>";
    }
    w.tend();
}

inline void html_schedule(html_writer& w) {
    const auto& s = w.doc.schedule;
    w.section("schedule", w.t("Nghĩa vụ quá hạn và sắp đến hạn",
                              "Overdue and upcoming obligations"));
    if (!s.as_of.empty())
        w.out += std::string("<p>") + w.t("Tính đến ngày ", "As of ") +
                 w.esc(date(s.as_of, w.lg)) + ".</p>";
    w.out += "<h3>" + std::string(w.t("Quá hạn", "Overdue")) + " (" +
             count(s.overdue.size(), w.lg) + ")</h3>";
    html_obligation_table(w, s.overdue, w.num("Số ngày làm việc chậm", "Working days late"),
                          [](const overdue_item& it) { return it.working_days_late; });
    w.out += "<h3>" + std::string(w.t("Sắp đến hạn trong ", "Due in the next ")) +
             std::to_string(s.horizon_days) + w.t(" ngày", " days") + " (" +
             count(s.upcoming.size(), w.lg) + ")</h3>";
    html_obligation_table(w, s.upcoming, w.num("Số ngày làm việc còn lại", "Working days left"),
                          [](const upcoming_item& it) { return it.working_days_left; });
    w.out += "</section>";
}

inline std::string rank_move(const unit_change& c) {
    if (!c.rank_before && !c.rank_after) return "—";
    auto r = [](const std::optional<std::size_t>& v) {
        return v ? std::to_string(*v) : std::string("—");
    };
    return r(c.rank_before) + " → " + r(c.rank_after);
}

inline void html_changes(html_writer& w) {
    w.section("changes", w.t("Thay đổi so với kỳ trước", "Change since the previous period"));
    if (w.doc.previous)
        w.out += change_chart(w.doc, *w.doc.previous, w.doc.current, w.lg,
                              w.t("Số đơn vị theo xếp loại, hai kỳ",
                                  "Units per band, two periods"));
    else
        w.out += std::string("<p class=\"none\">") +
                 w.t("Không có số liệu kỳ trước.", "No figures for a previous period.") + "</p>";
    if (w.doc.changes.empty()) {
        w.none();
        w.out += "</section>";
        return;
    }
    w.thead({w.t("Mã", "Id"), w.t("Đơn vị", "Unit"), w.num("Điểm kỳ trước", "Score before"),
             w.num("Điểm kỳ này", "Score now"), w.num("Chênh lệch", "Change"),
             w.num("Thứ hạng", "Rank"), w.t("Xếp loại", "Band")});
    for (const auto& c : w.doc.changes) {
        w.out += "<tr>";
        w.td(w.esc(c.unit_id));
        w.td(w.esc(c.unit_name));
        w.tn(score(c.score_before, w.lg));
        w.tn(score(c.score_after, w.lg));
        if (c.score_before && c.score_after) {
            const double d = *c.score_after - *c.score_before;
            const char* cls = d > 0 ? "up" : d < 0 ? "down" : "";
            w.tn(std::string("<span class=\"") + cls + "\">" + delta(d, w.lg) + "</span>");
        } else {
            w.tn("—");
        }
        w.tn(w.esc(rank_move(c)));
        const std::string before = c.band_before.empty()
            ? std::string("—") : band_label(w.doc, c.band_before, w.lg);
        const std::string after = c.band_after.empty()
            ? std::string("—") : band_label(w.doc, c.band_after, w.lg);
        w.td(w.esc(before == after ? after : before + " → " + after));
        w.out += "</tr>";
    }
    w.tend();
    w.out += "</section>";
}

inline void html_problems(html_writer& w) {
    w.section("problems", w.t("Vấn đề về dữ liệu", "Data problems"));
    w.out += std::string("<p>") +
             w.t("Báo cáo vẫn được lập cho mọi dữ liệu hợp lệ; các dữ liệu không hợp lệ hoặc "
                 "còn thiếu được liệt kê dưới đây.",
                 "The report is produced for everything that is valid; inputs that were "
                 "invalid or missing are listed here.") +
             "</p>";
    if (w.doc.problems.empty()) w.none();
    else {
        w.thead({w.t("Loại", "Kind"), w.t("Nguồn", "Source"), w.t("Vị trí", "Location"),
                 w.t("Đối tượng", "Subject"), w.t("Nội dung", "Message")});
        for (const auto& p : w.doc.problems) {
            w.out += "<tr>";
            w.td(w.esc(p.kind));
            w.td(w.esc(p.source));
            w.td(w.esc(p.location));
            w.td(w.esc(p.subject));
            w.td(w.esc(p.message));
            w.out += "</tr>";
        }
        w.tend();
    }
    w.out += "</section>";
}

inline void html_appendix(html_writer& w) {
    w.section("appendix", w.t("Phụ lục: danh sách đơn vị", "Appendix: all units"));
    if (w.doc.units.empty()) w.none();
    else {
        w.thead({w.t("Mã", "Id"), w.t("Đơn vị", "Unit"), w.t("Huyện", "District"),
                 w.t("Lĩnh vực", "Sector"), w.num("Điểm", "Score"), w.t("Xếp loại", "Band"),
                 w.num("Thứ hạng", "Rank"), w.t("Đủ minh chứng", "Complete evidence")});
        for (const auto& u : w.doc.units) {
            w.out += "<tr>";
            w.td(w.esc(u.id));
            w.td(w.esc(u.name));
            w.td(w.esc(u.district));
            w.td(w.esc(u.sector));
            w.tn(score(u.score, w.lg));
            w.band_cell(u.band);
            w.tn(u.rank ? std::to_string(*u.rank) : "—");
            w.td(u.complete_evidence ? w.t("Có", "Yes") : w.t("Chưa", "No"));
            w.out += "</tr>";
        }
        w.tend();
    }
    w.out += "</section>";
}

} // namespace danchu::report::detail

namespace danchu::report {

/// The report as one self-contained HTML5 file (UTF-8).
/// @param lang "vi" (default) or "en".
/// @throws argument_error for an unknown language or an invalid document.
inline std::string to_html(const document& doc, std::string_view lang = "vi") {
    const language lg = parse_language(lang);
    validate(doc);
    detail::html_writer w{doc, lg, {}};
    w.out.reserve(16384 + doc.units.size() * 400);
    detail::html_head(w);
    w.out += "<main>";
    detail::html_summary(w);
    detail::html_groups(w, "districts", "Xếp loại theo huyện", "Bands by district",
                        "Huyện, thành phố", "District", doc.by_district);
    detail::html_groups(w, "sectors", "Xếp loại theo lĩnh vực", "Bands by sector",
                        "Lĩnh vực", "Sector", doc.by_sector);
    detail::html_failings(w);
    detail::html_schedule(w);
    detail::html_changes(w);
    detail::html_problems(w);
    detail::html_appendix(w);
    w.out += "</main><footer>" +
             w.esc(std::string(w.t("Lập bằng danchu ", "Produced with danchu ")) +
                   danchu::version() + " — " + w.t("định dạng báo cáo ", "report format ") +
                   schema_version) +
             "</footer></body></html>\n";
    return std::move(w.out);
}

} // namespace danchu::report
