// The report's XLSX appendix (issue 13, item 3): the unit table with score,
// band, rank and change, failings per unit, overdue and upcoming obligations,
// and the data problems, from the report document model.

#include <danchu/office/xlsx.hpp>

#include "xlsx_util.hpp"

#include <danchu/report/detail/format.hpp>
#include <danchu/report/validate.hpp>

#include <map>
#include <optional>

namespace danchu::office {

namespace {

using report::language;

struct styles {
    lxw_format* head = nullptr;
    lxw_format* title = nullptr;
    lxw_format* score = nullptr;
    lxw_format* delta = nullptr;
    lxw_format* integer = nullptr;
    lxw_format* date = nullptr;
    lxw_format* wrap = nullptr;
};

/// A sheet with a title row, a header row (frozen, filtered) and data rows.
class table {
public:
    table(xl::workbook& wb, const styles& st, const char* name, const std::string& title,
          std::vector<std::pair<std::string, double>> columns)
        : st_(st), cols_(columns.size()) {
        ws_ = wb.sheet(name);
        xl::put(ws_, 0, 0, title, st.title);
        for (lxw_col_t c = 0; c < columns.size(); ++c) {
            xl::put(ws_, 1, c, columns[c].first, st.head);
            worksheet_set_column(ws_, c, c, columns[c].second, nullptr);
        }
        worksheet_set_row(ws_, 1, 32, nullptr);
        worksheet_freeze_panes(ws_, 2, 0);
    }
    table(const table&) = delete;
    table& operator=(const table&) = delete;
    ~table() = default;

    lxw_row_t row() const noexcept { return r_; }
    void text(lxw_col_t c, const std::string& s) { xl::put(ws_, r_, c, s, st_.wrap); }
    void number(lxw_col_t c, std::optional<double> x, lxw_format* f) {
        if (x) worksheet_write_number(ws_, r_, c, *x, f);
    }
    void date(lxw_col_t c, const std::string& iso) {
        const auto d = danchu::detail::parse_iso(iso);
        if (!d) return text(c, iso);
        worksheet_write_number(ws_, r_, c, serial_of_day(*d), st_.date);
    }
    void next() { ++r_; }
    /// The filter over the header and the rows written.
    void finish() { worksheet_autofilter(ws_, 1, 0, r_ > 2 ? r_ - 1 : 2, static_cast<lxw_col_t>(cols_ - 1)); }

private:
    const styles& st_;
    std::size_t cols_;
    lxw_worksheet* ws_ = nullptr;
    lxw_row_t r_ = 2;
};

std::string cite(const std::optional<report::citation>& c, language lg) {
    return c ? report::detail::cite_line(*c, lg) : std::string();
}

} // namespace

void write_report_xlsx(const report::document& doc, const std::string& path, std::string_view lang) {
    using report::detail::tr;
    const language lg = report::parse_language(lang);
    report::validate(doc);
    xl::workbook wb(path);
    styles st;
    st.head = wb.format();
    format_set_bold(st.head);
    format_set_text_wrap(st.head);
    format_set_align(st.head, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(st.head, 0xDDEBF7);
    format_set_border(st.head, LXW_BORDER_THIN);
    st.title = wb.format();
    format_set_bold(st.title);
    format_set_font_size(st.title, 13);
    st.score = wb.format();
    format_set_num_format(st.score, "0.00");
    st.delta = wb.format();
    format_set_num_format(st.delta, "+0.00;-0.00;0.00");
    st.integer = wb.format();
    format_set_num_format(st.integer, "0");
    st.date = wb.format();
    format_set_num_format(st.date, "dd/mm/yyyy");
    st.wrap = wb.format();
    format_set_align(st.wrap, LXW_ALIGN_VERTICAL_TOP);

    const std::string period = doc.head.period.id;
    auto band = [&](const std::string& id) {
        return id.empty() ? std::string() : report::detail::band_label(doc, id, lg);
    };

    // --- units
    {
        std::map<std::string, const report::unit_change*> change;
        for (const auto& c : doc.changes) change[c.unit_id] = &c;
        table t(wb, st, "DonVi",
                tr(lg, "Kết quả đánh giá các đơn vị, kỳ ", "Units assessed, period ") + period,
                {{tr(lg, "Mã đơn vị", "Unit id"), 14},
                 {tr(lg, "Tên đơn vị", "Unit name"), 40},
                 {tr(lg, "Huyện", "District"), 18},
                 {tr(lg, "Lĩnh vực", "Sector"), 18},
                 {tr(lg, "Điểm", "Score"), 9},
                 {tr(lg, "Xếp loại", "Band"), 14},
                 {tr(lg, "Thứ hạng", "Rank"), 9},
                 {tr(lg, "Đủ minh chứng", "Complete evidence"), 11},
                 {tr(lg, "Điểm kỳ trước", "Previous score"), 10},
                 {tr(lg, "Thay đổi điểm", "Score change"), 10},
                 {tr(lg, "Thứ hạng kỳ trước", "Previous rank"), 10},
                 {tr(lg, "Xếp loại kỳ trước", "Previous band"), 14}});
        for (const auto& u : doc.units) {
            t.text(0, u.id);
            t.text(1, u.name);
            t.text(2, u.district);
            t.text(3, u.sector);
            t.number(4, u.score, st.score);
            t.text(5, band(u.band));
            if (u.rank) t.number(6, static_cast<double>(*u.rank), st.integer);
            t.text(7, u.complete_evidence ? tr(lg, "Có", "Yes") : tr(lg, "Không", "No"));
            if (const auto it = change.find(u.id); it != change.end()) {
                const auto& c = *it->second;
                t.number(8, c.score_before, st.score);
                if (c.score_before && c.score_after) t.number(9, *c.score_after - *c.score_before, st.delta);
                if (c.rank_before) t.number(10, static_cast<double>(*c.rank_before), st.integer);
                t.text(11, band(c.band_before));
            }
            t.next();
        }
        t.finish();
    }

    // --- failings per unit
    {
        table t(wb, st, "TonTai",
                tr(lg, "Các tồn tại, hạn chế theo từng đơn vị", "Failings found, unit by unit"),
                {{tr(lg, "Tồn tại, hạn chế", "Failing"), 40},
                 {tr(lg, "Mã đơn vị", "Unit id"), 14},
                 {tr(lg, "Tên đơn vị", "Unit name"), 40},
                 {tr(lg, "Huyện", "District"), 18},
                 {tr(lg, "Quy tắc không đạt", "Rules failed"), 40}});
        for (const auto& f : doc.failings)
            for (const auto& u : f.units) {
                std::string rules;
                for (const auto& id : u.rule_ids) {
                    std::string shown = id;
                    for (const auto& r : f.rules)
                        if (r.id == id) shown = id + " " + report::detail::pick(r.title, lg);
                    rules += (rules.empty() ? "" : "; ") + shown;
                }
                t.text(0, report::detail::pick(f.title, lg));
                t.text(1, u.unit_id);
                t.text(2, u.unit_name);
                t.text(3, u.district);
                t.text(4, rules);
                t.next();
            }
        t.finish();
    }

    // --- obligations
    auto obligations = [&](const char* name, const std::string& title, const char* days_vi,
                           const char* days_en, const auto& items, auto days) {
        table t(wb, st, name, title,
                {{tr(lg, "Mã đơn vị", "Unit id"), 14},
                 {tr(lg, "Tên đơn vị", "Unit name"), 36},
                 {tr(lg, "Mã nghĩa vụ", "Obligation id"), 18},
                 {tr(lg, "Nghĩa vụ", "Obligation"), 44},
                 {tr(lg, "Hạn", "Due"), 12},
                 {tr(lg, days_vi, days_en), 12},
                 {tr(lg, "Căn cứ", "Source"), 40}});
        for (const auto& it : items) {
            t.text(0, it.unit_id);
            t.text(1, it.unit_name);
            t.text(2, it.obligation_id);
            t.text(3, report::detail::pick(it.obligation, lg));
            t.date(4, it.due);
            t.number(5, static_cast<double>(days(it)), st.integer);
            t.text(6, cite(it.source, lg));
            t.next();
        }
        t.finish();
    };
    const std::string as_of = doc.schedule.as_of.empty() ? std::string() : " (" + doc.schedule.as_of + ")";
    obligations("QuaHan", tr(lg, "Nghĩa vụ quá hạn", "Overdue obligations") + as_of, "Số ngày làm việc chậm",
                "Working days late", doc.schedule.overdue,
                [](const report::overdue_item& i) { return i.working_days_late; });
    obligations("SapDenHan", tr(lg, "Nghĩa vụ sắp đến hạn", "Obligations coming due") + as_of,
                "Số ngày làm việc còn lại", "Working days left", doc.schedule.upcoming,
                [](const report::upcoming_item& i) { return i.working_days_left; });

    // --- data problems
    {
        table t(wb, st, "VanDeDuLieu", tr(lg, "Vấn đề về dữ liệu đầu vào", "Problems in the input data"),
                {{tr(lg, "Loại", "Kind"), 18},
                 {tr(lg, "Tệp", "File"), 28},
                 {tr(lg, "Vị trí", "Location"), 18},
                 {tr(lg, "Đối tượng", "Subject"), 16},
                 {tr(lg, "Nội dung", "Message"), 80}});
        for (const auto& p : doc.problems) {
            t.text(0, p.kind);
            t.text(1, p.source);
            t.text(2, p.location);
            t.text(3, p.subject);
            t.text(4, p.message);
            t.next();
        }
        t.finish();
    }
    wb.close();
}

std::string report_xlsx_bytes(const report::document& doc, std::string_view lang) {
    return xl::workbook_bytes([&](const std::string& p) { write_report_xlsx(doc, p, lang); });
}

} // namespace danchu::office
