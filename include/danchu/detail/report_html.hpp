#pragma once
/// @file
/// The HTML renderer of the report: one self-contained file (inline CSS and
/// SVG, no scripts, no external resources, a Content-Security-Policy that
/// forbids loading any), readable on screen and when printed (A4, a page break
/// before each section, table headers repeated on every page). Every string
/// that comes from the document is escaped.

#include <danchu/detail/report_format.hpp>
#include <danchu/detail/report_svg.hpp>
#include <danchu/report.hpp>
#include <danchu/version.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace danchu::report::detail {

inline constexpr const char* html_css = R"css(
:root{--ink:#1d1d1f;--muted:#5b5b66;--rule:#d4d4dc;--band:#f4f4f8;--warn:#fff4e5;--accent:#0b4f8a}
*{box-sizing:border-box}
body{font-family:"Noto Sans","DejaVu Sans","Segoe UI",Arial,sans-serif;color:var(--ink);margin:0 auto;max-width:1100px;padding:24px 32px;line-height:1.45;font-size:14px}
h1{font-size:22px;margin:0 0 4px;color:var(--accent)}
h2{font-size:18px;border-bottom:2px solid var(--accent);padding-bottom:3px;margin:28px 0 10px;color:var(--accent)}
h3{font-size:15px;margin:18px 0 6px}
.doc-head{border-bottom:1px solid var(--rule);padding-bottom:12px}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:10px 0}
.meta dt{color:var(--muted)}.meta dd{margin:0}
.synthetic{background:var(--warn);border-left:4px solid #d97706;padding:8px 12px;margin:12px 0;font-weight:600}
nav ol{columns:2;margin:6px 0 0;padding-left:20px}
nav a{color:var(--accent);text-decoration:none}
table{border-collapse:collapse;width:100%;margin:8px 0 12px;font-size:13px}
th,td{border:1px solid var(--rule);padding:4px 6px;text-align:left;vertical-align:top}
thead th{background:var(--band)}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tbody tr:nth-child(even){background:#fafafc}
.swatch{display:inline-block;width:10px;height:10px;margin-right:5px;border:1px solid #0003;vertical-align:baseline}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:10px;margin:10px 0}
.card{border:1px solid var(--rule);border-radius:6px;padding:8px 10px}
.card .k{color:var(--muted);font-size:12px}.card .v{font-size:22px;font-weight:700}
.card .d{font-size:12px;color:var(--muted)}
.chart{max-width:100%;height:auto;font-size:12px;font-family:inherit}
.chart text{fill:var(--ink)}.chart text.v{font-size:10px;fill:var(--muted)}
.none{color:var(--muted);font-style:italic}
.cite{color:var(--muted);font-size:12px}
.up{color:#1a7f37}.down{color:#b42318}
footer{margin-top:32px;border-top:1px solid var(--rule);padding-top:8px;color:var(--muted);font-size:12px}
@page{size:A4;margin:14mm 12mm}
@media print{
 body{max-width:none;padding:0;font-size:11pt}
 nav{display:none}
 section{break-before:page;page-break-before:always}
 main>section:first-child{break-before:auto;page-break-before:auto}
 h2,h3{break-after:avoid;page-break-after:avoid}
 thead{display:table-header-group}
 tr,svg,.card{break-inside:avoid;page-break-inside:avoid}
 tbody tr:nth-child(even){background:none}
 .synthetic{border:1px solid #d97706}
}
)css";

/// Accumulates the page; helpers write common elements.
struct html_writer {
    const document& doc;
    language lg;
    std::string out;

    const char* t(const char* vi, const char* en) const { return tr(lg, vi, en); }
    std::string esc(const std::string& s) const { return html_escape(s); }
    const std::string& p(const text& x) const { return pick(x, lg); }

    void none() { out += std::string("<p class=\"none\">") + t("Không có.", "None.") + "</p>"; }

    /// `<table><thead>` with the given header cells; a cell starting with '#'
    /// is numeric (right-aligned; the '#' is not shown).
    void thead(const std::vector<std::string>& cells) {
        out += "<table><thead><tr>";
        for (const auto& c : cells) {
            const bool num = !c.empty() && c[0] == '#';
            out += num ? "<th class=\"n\">" : "<th>";
            out += esc(num ? c.substr(1) : c) + "</th>";
        }
        out += "</tr></thead><tbody>";
    }
    void tend() { out += "</tbody></table>"; }
    std::string num(const char* vi, const char* en) const { return std::string("#") + t(vi, en); }
    void td(const std::string& escaped) { out += "<td>" + escaped + "</td>"; }
    void tn(const std::string& escaped) { out += "<td class=\"n\">" + escaped + "</td>"; }
    void band_cell(const std::string& id) {
        if (id.empty()) return td("—");
        const std::size_t b = band_index(doc, id);
        const std::string sw = b < doc.bands.size()
            ? "<span class=\"swatch\" style=\"background:" + doc.bands[b].colour + "\"></span>"
            : "";
        td(sw + esc(band_label(doc, id, lg)));
    }
    void section(const char* id, const std::string& title) {
        out += std::string("<section id=\"") + id + "\"><h2>" + esc(title) + "</h2>";
    }
    std::string cites(const std::vector<citation>& cs) const {
        std::string s;
        for (const auto& c : cs) s += (s.empty() ? "" : "; ") + esc(cite_line(c, lg));
        return s;
    }
};

inline void html_head(html_writer& w) {
    const auto& h = w.doc.head;
    const std::string title =
        std::string(w.t("Báo cáo sáu tháng về thực hiện dân chủ ở cơ quan, đơn vị",
                        "Six-monthly report on democracy in agencies and units")) +
        " — " + w.p(h.province) + " — " + h.period.id;
    w.out += std::string("<!DOCTYPE html>\n<html lang=\"") + (w.lg == language::vi ? "vi" : "en") +
             "\"><head><meta charset=\"utf-8\">"
             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
             "style-src 'unsafe-inline'; img-src data:\">"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
             "<meta name=\"generator\" content=\"danchu " + std::string(danchu::version()) +
             "\"><title>" + w.esc(title) + "</title><style>" + html_css +
             "</style></head><body>";
    w.out += "<header class=\"doc-head\"><h1>" + w.esc(title) + "</h1><dl class=\"meta\">";
    auto row = [&](const char* vi, const char* en, const std::string& escaped) {
        w.out += std::string("<dt>") + w.t(vi, en) + "</dt><dd>" + escaped + "</dd>";
    };
    row("Cơ quan báo cáo", "Reporting body", w.esc(w.p(h.reporting_body)));
    row("Kính gửi", "To", w.esc(w.p(h.recipient)));
    row("Kỳ báo cáo", "Period", w.esc(h.period.id + " (" + date(h.period.start, w.lg) + " – " +
                                      date(h.period.end, w.lg) + ")"));
    row("Thời gian lấy số liệu", "Data window",
        w.esc(date(h.period.data_from, w.lg) + " – " + date(h.period.data_to, w.lg)));
    row("Ngày lập", "Produced on", w.esc(date(h.generated_on, w.lg)));
    std::string regimes, packs, basis;
    for (const auto& r : h.regimes)
        regimes += (regimes.empty() ? "" : "; ") + w.esc(w.p(r.name)) + " <span class=\"cite\">(" +
                   w.esc(r.id) + ")</span>";
    for (const auto& r : h.packs)
        packs += (packs.empty() ? "" : "; ") + w.esc(w.p(r.name) + " (" + r.id +
                                                     (r.version.empty() ? "" : " " + r.version) + ")");
    row("Chế độ pháp lý", "Regime", regimes);
    if (!packs.empty()) row("Bộ quy tắc", "Rule packs", packs);
    for (const auto& c : h.legal_basis) basis += "<li>" + w.esc(cite_line(c, w.lg)) + "</li>";
    row("Căn cứ", "Legal basis", "<ul style=\"margin:0;padding-left:18px\">" + basis + "</ul>");
    w.out += "</dl>";
    if (h.synthetic)
        w.out += "<p class=\"synthetic\" role=\"note\">" + w.esc(synthetic_statement(h, w.lg)) +
                 "</p>";
    w.out += std::string("<nav><strong>") + w.t("Nội dung", "Contents") + "</strong><ol>";
    const char* toc[][3] = {
        {"summary", "Số liệu tổng hợp", "Summary"},
        {"districts", "Xếp loại theo huyện", "Bands by district"},
        {"sectors", "Xếp loại theo lĩnh vực", "Bands by sector"},
        {"failings", "Tồn tại, hạn chế theo đơn vị", "Failings, unit by unit"},
        {"schedule", "Nghĩa vụ quá hạn và sắp đến hạn", "Overdue and upcoming obligations"},
        {"changes", "Thay đổi so với kỳ trước", "Change since the previous period"},
        {"problems", "Vấn đề về dữ liệu", "Data problems"},
        {"appendix", "Phụ lục: danh sách đơn vị", "Appendix: all units"}};
    for (auto& e : toc)
        w.out += std::string("<li><a href=\"#") + e[0] + "\">" + w.t(e[1], e[2]) + "</a></li>";
    w.out += "</ol></nav></header>";
}

} // namespace danchu::report::detail

#include <danchu/detail/report_html_body.hpp>
