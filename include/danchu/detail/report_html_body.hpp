#pragma once
/// @file
/// The sections of the HTML report (internal; see report_html.hpp).

#include <danchu/detail/report_format.hpp>
#include <danchu/detail/report_html.hpp>
#include <danchu/detail/report_svg.hpp>
#include <danchu/report.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace danchu::report::detail {

inline void html_card(html_writer& w, const char* vi, const char* en, const std::string& value,
                      const std::string& change) {
    w.out += std::string("<div class=\"card\"><div class=\"k\">") + w.t(vi, en) +
             "</div><div class=\"v\">" + w.esc(value) + "</div>";
    if (!change.empty()) w.out += "<div class=\"d\">" + w.esc(change) + "</div>";
    w.out += "</div>";
}

/// "+2,5 so với 2017-H2", or empty when either side is missing.
inline std::string versus(const html_writer& w, std::optional<double> now,
                          std::optional<double> before, int decimals = 1) {
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
    html_card(w, "Đơn vị đủ minh chứng", "Units with complete evidence",
              count(c.units_complete, lg),
              prev ? versus(w, d(c.units_complete), d(prev->units_complete), 0) : "");
    html_card(w, "Tỷ lệ đạt", "Pass rate", percent(c.pass_rate, lg),
              prev ? versus(w, pct(c.pass_rate), pct(prev->pass_rate)) : "");
    html_card(w, "Điểm bình quân", "Mean score", score(c.mean_score, lg),
              prev ? versus(w, c.mean_score, prev->mean_score) : "");
    w.out += "</div><h3>" + std::string(w.t("Số đơn vị theo xếp loại", "Units per band")) +
             "</h3>";
    std::vector<std::string> cols{w.t("Xếp loại", "Band"), "#" + c.period_id,
                                  w.num("Tỷ lệ", "Share")};
    if (prev) {
        cols.push_back("#" + prev->period_id);
        cols.push_back(w.num("Thay đổi", "Change"));
    }
    w.thead(cols);
    for (std::size_t b = 0; b < w.doc.bands.size(); ++b) {
        w.out += "<tr>";
        w.band_cell(w.doc.bands[b].id);
        w.tn(count(c.band_counts[b], lg));
        w.tn(c.units_assessed == 0
                 ? "—"
                 : percent(static_cast<double>(c.band_counts[b]) /
                               static_cast<double>(c.units_assessed), lg));
        if (prev) {
            w.tn(count(prev->band_counts[b], lg));
            const auto diff = static_cast<long long>(c.band_counts[b]) -
                              static_cast<long long>(prev->band_counts[b]);
            w.tn(diff > 0 ? "+" + std::to_string(diff)
                          : diff < 0 ? "\u2212" + std::to_string(-diff) : "0");
        }
        w.out += "</tr>";
    }
    w.tend();
    w.out += "</section>";
}

inline void html_groups(html_writer& w, const char* id, const char* vi, const char* en,
                        const char* col_vi, const char* col_en,
                        const std::vector<group_counts>& groups) {
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
                 w.t("đơn vị", "units") + "</h3><p class=\"cite\">" +
                 w.esc(cite_line(f.source, w.lg)) + "</p>";
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

#include <danchu/detail/report_html_tail.hpp>
