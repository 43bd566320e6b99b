#pragma once
/// @file
/// The Markdown renderer of the report (CommonMark with GFM tables). Every
/// string from the document is escaped (Markdown punctuation backslashed,
/// `<`, `>` and `&` as entities), so a unit named `<script>` stays text.

#include <danchu/detail/report_format.hpp>
#include <danchu/detail/report_validate.hpp>
#include <danchu/report.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace danchu::report::detail {

struct md_writer {
    const document& doc;
    language lg;
    std::string out;

    const char* t(const char* vi, const char* en) const { return tr(lg, vi, en); }
    std::string e(const std::string& s) const { return md_escape(s); }
    const std::string& p(const text& x) const { return pick(x, lg); }

    /// A code span: backslash escapes do not work inside one, so backticks and
    /// line breaks are replaced instead.
    static std::string code(const std::string& s) {
        std::string out = "`";
        for (char c : s) out += (c == '`') ? '\'' : (c == '\n' || c == '\r') ? ' ' : c;
        return out + "`";
    }
    void h2(const char* vi, const char* en) { out += std::string("\n## ") + t(vi, en) + "\n\n"; }
    void none() { out += std::string("_") + t("Không có.", "None.") + "_\n"; }
    /// A table header; a column starting with '#' is right-aligned.
    void head(const std::vector<std::string>& cols) {
        std::string a = "|", b = "|";
        for (const auto& c : cols) {
            const bool num = !c.empty() && c[0] == '#';
            a += " " + e(num ? c.substr(1) : c) + " |";
            b += num ? " ---: |" : " --- |";
        }
        out += a + "\n" + b + "\n";
    }
    /// A table row of already escaped cells.
    void row(const std::vector<std::string>& cells) {
        out += "|";
        for (const auto& c : cells) out += " " + c + " |";
        out += "\n";
    }
};

inline void md_header(md_writer& w) {
    const auto& h = w.doc.head;
    w.out += std::string("# ") +
             w.t("Báo cáo sáu tháng về thực hiện dân chủ ở cơ quan, đơn vị",
                 "Six-monthly report on democracy in agencies and units") +
             " — " + w.e(w.p(h.province)) + " — " + w.e(h.period.id) + "\n\n";
    auto item = [&](const char* vi, const char* en, const std::string& v) {
        w.out += std::string("- **") + w.t(vi, en) + ":** " + v + "\n";
    };
    item("Cơ quan báo cáo", "Reporting body", w.e(w.p(h.reporting_body)));
    item("Kính gửi", "To", w.e(w.p(h.recipient)));
    item("Kỳ báo cáo", "Period", w.e(h.period.id) + " (" + date(h.period.start, w.lg) + " – " +
                                     date(h.period.end, w.lg) + ")");
    item("Thời gian lấy số liệu", "Data window",
         date(h.period.data_from, w.lg) + " – " + date(h.period.data_to, w.lg));
    item("Ngày lập", "Produced on", date(h.generated_on, w.lg));
    std::string regimes;
    for (const auto& r : h.regimes)
        regimes += (regimes.empty() ? "" : "; ") + w.e(w.p(r.name)) + " (" + w.code(r.id) + ")";
    item("Chế độ pháp lý", "Regime", regimes);
    std::string packs;
    for (const auto& r : h.packs)
        packs += (packs.empty() ? "" : "; ") + w.e(w.p(r.name)) + " (" +
                 w.code(r.id + (r.version.empty() ? "" : " " + r.version)) + ")";
    if (!packs.empty()) item("Bộ quy tắc", "Rule packs", packs);
    w.out += std::string("- **") + w.t("Căn cứ", "Legal basis") + ":**\n";
    for (const auto& c : h.legal_basis) w.out += "  - " + w.e(cite_line(c, w.lg)) + "\n";
    if (h.synthetic) w.out += "\n> **" + w.e(synthetic_statement(h, w.lg)) + "**\n";
}

inline void md_summary(md_writer& w) {
    const auto& c = w.doc.current;
    const auto* prev = w.doc.previous ? &*w.doc.previous : nullptr;
    const language lg = w.lg;
    using opt = std::optional<double>;
    w.h2("Số liệu tổng hợp", "Summary");
    std::vector<std::string> cols{w.t("Chỉ tiêu", "Figure"), "#" + c.period_id};
    if (prev) {
        cols.push_back("#" + prev->period_id);
        cols.push_back(std::string("#") + w.t("Thay đổi", "Change"));
    }
    w.head(cols);
    // One row: label, value now, value before, and the difference now - before.
    auto line = [&](const std::string& label, const std::string& now, const std::string& before,
                    opt a, opt b, double k, int dec) {
        std::vector<std::string> cells{label, now};
        if (prev) {
            cells.push_back(before);
            cells.push_back(a && b ? delta((*a - *b) * k, lg, dec) : "—");
        }
        w.row(cells);
    };
    auto n = [](std::size_t v) { return opt(static_cast<double>(v)); };
    const figures none_before{};
    const figures& pv = prev ? *prev : none_before;
    line(w.t("Đơn vị được đánh giá", "Units assessed"), count(c.units_assessed, lg),
         count(pv.units_assessed, lg), n(c.units_assessed), n(pv.units_assessed), 1, 0);
    line(w.t("Đơn vị đủ minh chứng", "Units with complete evidence"),
         count(c.units_complete, lg), count(pv.units_complete, lg), n(c.units_complete),
         n(pv.units_complete), 1, 0);
    line(w.t("Tỷ lệ đạt", "Pass rate"), percent(c.pass_rate, lg), percent(pv.pass_rate, lg),
         c.pass_rate, pv.pass_rate, 100, 1);
    line(w.t("Điểm bình quân", "Mean score"), score(c.mean_score, lg),
         score(pv.mean_score, lg), c.mean_score, pv.mean_score, 1, 1);
    for (std::size_t b = 0; b < w.doc.bands.size(); ++b) {
        const std::size_t before = prev ? prev->band_counts[b] : 0;
        line(std::string(w.t("Xếp loại ", "Band: ")) + w.e(w.p(w.doc.bands[b].label)),
             count(c.band_counts[b], lg), count(before, lg), n(c.band_counts[b]), n(before), 1, 0);
    }
}

inline void md_groups(md_writer& w, const char* vi, const char* en, const char* col_vi,
                      const char* col_en, const std::vector<group_counts>& groups) {
    w.h2(vi, en);
    if (groups.empty()) return w.none();
    std::vector<std::string> cols{w.t(col_vi, col_en)};
    for (const auto& b : w.doc.bands) cols.push_back("#" + w.p(b.label));
    cols.push_back(std::string("#") + w.t("Tổng", "Total"));
    w.head(cols);
    for (const auto& g : groups) {
        std::vector<std::string> cells{w.e(g.key)};
        std::size_t total = 0;
        for (auto c : g.band_counts) {
            cells.push_back(count(c, w.lg));
            total += c;
        }
        cells.push_back(count(total, w.lg));
        w.row(cells);
    }
}

} // namespace danchu::report::detail

#include <danchu/detail/report_markdown_tail.hpp>
