#pragma once
/// @file
/// The HTML renderer of the report: one self-contained file (inline CSS and
/// SVG, no scripts, no external resources, a Content-Security-Policy that
/// forbids loading any), readable on screen and when printed (A4, a page break
/// before each section, table headers repeated on every page). Every string
/// that comes from the document is escaped.

#include <danchu/report/detail/format.hpp>
#include <danchu/report/detail/labels.hpp>
#include <danchu/report/detail/svg.hpp>
#include <danchu/report/document.hpp>
#include <danchu/report/validate.hpp>
#include <danchu/version.hpp>

#include <cstddef>
#include <string>
#include <vector>
#include <optional>
#include <string_view>

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
    const std::string& p(const bilingual_text& x) const { return pick(x, lg); }

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
        const std::string sw =
            b < doc.bands.size()
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
    const std::string title = std::string(w.t("Báo cáo sáu tháng về thực hiện dân chủ ở cơ quan, đơn vị",
                                              "Six-monthly report on democracy in agencies and units")) +
                              " — " + w.p(h.province) + " — " + h.period.id;
    w.out += std::string("<!DOCTYPE html>\n<html lang=\"") + (w.lg == language::vi ? "vi" : "en") +
             "\"><head><meta charset=\"utf-8\">"
             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
             "style-src 'unsafe-inline'; img-src data:\">"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
             "<meta name=\"generator\" content=\"danchu " +
             std::string(danchu::version()) + "\"><title>" + w.esc(title) + "</title><style>" + html_css +
             "</style></head><body>";
    w.out += "<header class=\"doc-head\"><h1>" + w.esc(title) + "</h1><dl class=\"meta\">";
    auto row = [&](const char* vi, const char* en, const std::string& escaped) {
        w.out += std::string("<dt>") + w.t(vi, en) + "</dt><dd>" + escaped + "</dd>";
    };
    row("Cơ quan báo cáo", "Reporting body", w.esc(w.p(h.reporting_body)));
    row("Kính gửi", "To", w.esc(w.p(h.recipient)));
    row("Kỳ báo cáo", "Period",
        w.esc(h.period.id + " (" + date(h.period.start, w.lg) + " – " + date(h.period.end, w.lg) + ")"));
    row("Thời gian lấy số liệu", "Data window",
        w.esc(date(h.period.data_from, w.lg) + " – " + date(h.period.data_to, w.lg)));
    row("Ngày lập", "Produced on", w.esc(date(h.generated_on, w.lg)));
    std::string regimes, packs, basis;
    for (const auto& r : h.regimes)
        regimes += (regimes.empty() ? "" : "; ") + w.esc(w.p(r.name)) + " <span class=\"cite\">(" +
                   w.esc(r.id) + ")</span>";
    for (const auto& r : h.packs)
        packs += (packs.empty() ? "" : "; ") +
                 w.esc(w.p(r.name) + " (" + r.id + (r.version.empty() ? "" : " " + r.version) + ")");
    row("Chế độ pháp lý", "Regime", regimes);
    if (!packs.empty()) row("Bộ quy tắc", "Rule packs", packs);
    for (const auto& c : h.legal_basis) basis += "<li>" + w.esc(cite_line(c, w.lg)) + "</li>";
    row("Căn cứ", "Legal basis", "<ul style=\"margin:0;padding-left:18px\">" + basis + "</ul>");
    w.out += "</dl>";
    if (h.synthetic)
        w.out += "<p class=\"synthetic\" role=\"note\">" + w.esc(synthetic_statement(h, w.lg)) + "</p>";
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

namespace danchu::report::detail {

inline void html_card(html_writer& w, const char* vi, const char* en, const std::string& value,
                      const std::string& change) {
    w.out += std::string("<div class=\"card\"><div class=\"k\">") + w.t(vi, en) + "</div><div class=\"v\">" +
             w.esc(value) + "</div>";
    if (!change.empty()) w.out += "<div class=\"d\">" + w.esc(change) + "</div>";
    w.out += "</div>";
}

/// "+2,5 so với 2017-H2", or empty when either side is missing.
inline std::string versus(const html_writer& w, std::optional<double> now, std::optional<double> before,
                          int decimals = 1) {
    if (!w.doc.previous || !now || !before) return std::string();
    return delta(*now - *before, w.lg, decimals) + w.t(" so với ", " vs ") + w.doc.previous->period_id;
}

inline void html_summary(html_writer& w) {
    const auto& c = w.doc.current;
    const auto* prev = w.doc.previous ? &*w.doc.previous : nullptr;
    const language lg = w.lg;
    auto d = [](std::size_t v) { return std::optional<double>(static_cast<double>(v)); };
    auto pct = [](std::optional<double> v) { return v ? std::optional<double>(*v * 100) : v; };
    w.section("summary", w.t("Số liệu tổng hợp", "Summary"));
    w.out += "<div class=\"cards\">";
    html_card(w, "Đơn vị được đánh giá", "Units assessed", count(c.units_assessed, lg),
              prev ? versus(w, d(c.units_assessed), d(prev->units_assessed), 0) : "");
    html_card(w, "Đơn vị đủ minh chứng", "Units with complete evidence", count(c.units_complete, lg),
              prev ? versus(w, d(c.units_complete), d(prev->units_complete), 0) : "");
    html_card(w, "Tỷ lệ đạt", "Pass rate", percent(c.pass_rate, lg),
              prev ? versus(w, pct(c.pass_rate), pct(prev->pass_rate)) : "");
    html_card(w, "Điểm bình quân", "Mean score", score(c.mean_score, lg),
              prev ? versus(w, c.mean_score, prev->mean_score) : "");
    w.out += "</div><h3>" + std::string(w.t("Số đơn vị theo xếp loại", "Units per band")) + "</h3>";
    std::vector<std::string> cols{w.t("Xếp loại", "Band"), "#" + c.period_id, w.num("Tỷ lệ", "Share")};
    if (prev) {
        cols.push_back("#" + prev->period_id);
        cols.push_back(w.num("Thay đổi", "Change"));
    }
    w.thead(cols);
    for (std::size_t b = 0; b < w.doc.bands.size(); ++b) {
        w.out += "<tr>";
        w.band_cell(w.doc.bands[b].id);
        w.tn(count(c.band_counts[b], lg));
        w.tn(
            c.units_assessed == 0
                ? "—"
                : percent(static_cast<double>(c.band_counts[b]) / static_cast<double>(c.units_assessed), lg));
        if (prev) {
            w.tn(count(prev->band_counts[b], lg));
            const auto diff =
                static_cast<long long>(c.band_counts[b]) - static_cast<long long>(prev->band_counts[b]);
            w.tn(diff > 0 ? "+" + std::to_string(diff) : diff < 0 ? "\u2212" + std::to_string(-diff) : "0");
        }
        w.out += "</tr>";
    }
    w.tend();
    for (const figures* f : {&c, prev}) // how units that sent nothing were counted
        if (f)
            if (const std::string s = no_evidence_statement(*f, lg); !s.empty())
                w.out += "<p class=\"no-evidence\">" + w.esc(s) + "</p>";
    w.out += "</section>";
}

inline void html_groups(html_writer& w, const char* id, const char* vi, const char* en, const char* col_vi,
                        const char* col_en, const std::vector<group_counts>& groups) {
    w.section(id, w.t(vi, en));
    if (groups.empty()) {
        w.none();
        w.out += "</section>";
        return;
    }
    w.out += stacked_bar_chart(w.doc, groups, w.lg, w.t(vi, en));
    std::vector<std::string> cols{w.t(col_vi, col_en)};
    for (const auto& b : w.doc.bands) cols.push_back("#" + w.p(b.label));
    cols.push_back(w.num("Tổng", "Total"));
    w.thead(cols);
    std::vector<std::size_t> totals(w.doc.bands.size(), 0);
    for (const auto& g : groups) {
        std::size_t total = 0;
        w.out += "<tr>";
        w.td(w.esc(g.key));
        for (std::size_t b = 0; b < g.band_counts.size(); ++b) {
            w.tn(count(g.band_counts[b], w.lg));
            total += g.band_counts[b];
            totals[b] += g.band_counts[b];
        }
        w.tn(count(total, w.lg));
        w.out += "</tr>";
    }
    std::size_t all = 0;
    w.out += std::string("<tr><th>") + w.t("Cộng", "All") + "</th>";
    for (auto t : totals) {
        w.tn("<strong>" + count(t, w.lg) + "</strong>");
        all += t;
    }
    w.tn("<strong>" + count(all, w.lg) + "</strong>");
    w.out += "</tr>";
    w.tend();
    w.out += "</section>";
}

inline void html_failings(html_writer& w) {
    w.section("failings", w.t("Tồn tại, hạn chế theo đơn vị", "Failings, unit by unit"));
    w.out += std::string("<p>") +
             w.t("Các tồn tại, hạn chế do văn bản chỉ đạo nêu, được xác định cho từng đơn vị "
                 "từ kết quả đánh giá các quy tắc dưới đây.",
                 "The failings the directive names, found for each unit from the rules "
                 "listed below.") +
             "</p>";
    if (w.doc.failings.empty()) w.none();
    for (const auto& f : w.doc.failings) {
        w.out += "<h3>" + w.esc(w.p(f.title)) + " — " + count(f.units.size(), w.lg) + " " +
                 w.t("đơn vị", "units") + "</h3><p class=\"cite\">" + w.esc(cite_line(f.source, w.lg)) +
                 "</p>";
        if (!f.rules.empty()) {
            w.thead({w.t("Quy tắc", "Rule"), w.t("Nội dung", "Title"), w.t("Căn cứ", "Source")});
            for (const auto& r : f.rules) {
                w.out += "<tr>";
                w.td("<code>" + w.esc(r.id) + "</code>");
                w.td(w.esc(w.p(r.title)));
                w.td(w.cites(r.citations));
                w.out += "</tr>";
            }
            w.tend();
        }
        if (f.units.empty()) {
            w.none();
            continue;
        }
        w.thead({w.t("Mã", "Id"), w.t("Đơn vị", "Unit"), w.t("Huyện", "District"),
                 w.t("Quy tắc không đạt", "Rules failed")});
        for (const auto& u : f.units) {
            std::string rules;
            for (const auto& r : u.rule_ids)
                rules += (rules.empty() ? "" : ", ") + ("<code>" + w.esc(r) + "</code>");
            w.out += "<tr>";
            w.td(w.esc(u.unit_id));
            w.td(w.esc(u.unit_name));
            w.td(w.esc(u.district));
            w.td(rules);
            w.out += "</tr>";
        }
        w.tend();
    }
    w.out += "</section>";
}

} // namespace danchu::report::detail

namespace danchu::report::detail {

template <class Item> void html_obligation_cells(html_writer& w, const Item& it) {
    w.td(w.esc(it.unit_id));
    w.td(w.esc(it.unit_name));
    std::string ob = w.esc(w.p(it.obligation));
    if (it.source) ob += "<br><span class=\"cite\">" + w.esc(cite_line(*it.source, w.lg)) + "</span>";
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
    w.section("schedule", w.t("Nghĩa vụ quá hạn và sắp đến hạn", "Overdue and upcoming obligations"));
    if (!s.as_of.empty())
        w.out += std::string("<p>") + w.t("Tính đến ngày ", "As of ") + w.esc(date(s.as_of, w.lg)) + ".</p>";
    w.out +=
        "<h3>" + std::string(w.t("Quá hạn", "Overdue")) + " (" + count(s.overdue.size(), w.lg) + ")</h3>";
    html_obligation_table(w, s.overdue, w.num("Số ngày làm việc chậm", "Working days late"),
                          [](const overdue_item& it) { return it.working_days_late; });
    w.out += "<h3>" + std::string(w.t("Sắp đến hạn trong ", "Due in the next ")) +
             std::to_string(s.horizon_days) + w.t(" ngày", " days") + " (" + count(s.upcoming.size(), w.lg) +
             ")</h3>";
    html_obligation_table(w, s.upcoming, w.num("Số ngày làm việc còn lại", "Working days left"),
                          [](const upcoming_item& it) { return it.working_days_left; });
    w.out += "</section>";
}

inline std::string rank_move(const unit_change& c) {
    if (!c.rank_before && !c.rank_after) return "—";
    auto r = [](const std::optional<std::size_t>& v) { return v ? std::to_string(*v) : std::string("—"); };
    return r(c.rank_before) + " → " + r(c.rank_after);
}

inline void html_changes(html_writer& w) {
    w.section("changes", w.t("Thay đổi so với kỳ trước", "Change since the previous period"));
    if (w.doc.previous)
        w.out += change_chart(w.doc, *w.doc.previous, w.doc.current, w.lg,
                              w.t("Số đơn vị theo xếp loại, hai kỳ", "Units per band, two periods"));
    else
        w.out += std::string("<p class=\"none\">") +
                 w.t("Không có số liệu kỳ trước.", "No figures for a previous period.") + "</p>";
    if (w.doc.changes.empty()) {
        w.none();
        w.out += "</section>";
        return;
    }
    w.thead({w.t("Mã", "Id"), w.t("Đơn vị", "Unit"), w.num("Điểm kỳ trước", "Score before"),
             w.num("Điểm kỳ này", "Score now"), w.num("Chênh lệch", "Change"), w.num("Thứ hạng", "Rank"),
             w.t("Xếp loại", "Band")});
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
        const std::string before =
            c.band_before.empty() ? std::string("—") : band_label(w.doc, c.band_before, w.lg);
        const std::string after =
            c.band_after.empty() ? std::string("—") : band_label(w.doc, c.band_after, w.lg);
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
    if (w.doc.problems.empty())
        w.none();
    else {
        w.thead({w.t("Loại", "Kind"), w.t("Nguồn", "Source"), w.t("Vị trí", "Location"),
                 w.t("Đối tượng", "Subject"), w.t("Nội dung", "Message")});
        for (const auto& p : w.doc.problems) {
            w.out += "<tr>";
            w.td(w.esc(pick(problem_kind_label(p.kind), w.lg)));
            w.td(w.esc(p.source));
            w.td(w.esc(problem_location(p.location, w.lg)));
            w.td(w.esc(p.subject));
            w.td(w.esc(problem_message(p, w.lg)));
            w.out += "</tr>";
        }
        w.tend();
    }
    w.out += "</section>";
}

inline void html_appendix(html_writer& w) {
    w.section("appendix", w.t("Phụ lục: danh sách đơn vị", "Appendix: all units"));
    if (w.doc.units.empty())
        w.none();
    else {
        w.thead({w.t("Mã", "Id"), w.t("Đơn vị", "Unit"), w.t("Huyện", "District"), w.t("Lĩnh vực", "Sector"),
                 w.num("Điểm", "Score"), w.t("Xếp loại", "Band"), w.num("Thứ hạng", "Rank"),
                 w.t("Đủ minh chứng", "Complete evidence"), w.num("Chưa báo cáo", "Not reported"),
                 w.num("Khai báo không có", "Declared none")});
        for (const auto& u : w.doc.units) {
            w.out += "<tr>";
            w.td(w.esc(u.id));
            w.td(w.esc(u.name));
            w.td(w.esc(u.district));
            w.td(w.esc(sector_text(u.sector, w.lg)));
            w.tn(score(u.score, w.lg));
            w.band_cell(u.band);
            w.tn(u.rank ? std::to_string(*u.rank) : "—");
            w.td(u.complete_evidence ? w.t("Có", "Yes") : w.t("Chưa", "No"));
            w.tn(std::to_string(u.not_reported));
            w.tn(std::to_string(u.declared_none));
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
    detail::html_groups(w, "districts", "Xếp loại theo huyện", "Bands by district", "Huyện, thành phố",
                        "District", doc.by_district);
    std::vector<group_counts> sectors = doc.by_sector; // ids shown by their label
    for (auto& g : sectors) g.key = detail::sector_text(g.key, lg);
    detail::html_groups(w, "sectors", "Xếp loại theo lĩnh vực", "Bands by sector", "Lĩnh vực", "Sector",
                        sectors);
    detail::html_failings(w);
    detail::html_schedule(w);
    detail::html_changes(w);
    detail::html_problems(w);
    detail::html_appendix(w);
    w.out += "</main><footer>" +
             w.esc(std::string(w.t("Lập bằng danchu ", "Produced with danchu ")) + danchu::version() + " — " +
                   w.t("định dạng báo cáo ", "report format ") + schema_version) +
             "</footer></body></html>\n";
    return std::move(w.out);
}

} // namespace danchu::report
