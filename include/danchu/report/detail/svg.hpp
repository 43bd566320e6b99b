#pragma once
/// @file
/// Inline SVG charts of the HTML report (internal): a 100 % stacked bar chart
/// of units by band per group, and a grouped bar chart comparing the band
/// counts of two periods. Pure SVG 1.1 with no scripts, fonts or links, so the
/// HTML file stays self-contained and prints as vectors.

#include <danchu/report/detail/format.hpp>
#include <danchu/report/document.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace danchu::report::detail {

/// Code points in a UTF-8 string (continuation bytes not counted).
inline std::size_t utf8_length(std::string_view s) noexcept {
    std::size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

/// The first `max` code points of `s`, with "…" when cut; never splits a
/// multi-byte sequence.
inline std::string utf8_truncate(std::string_view s, std::size_t max) {
    if (utf8_length(s) <= max) return std::string(s);
    if (max == 0) return std::string();
    std::size_t n = 0, i = 0;
    for (; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (n == max - 1) break;
            ++n;
        }
    }
    return std::string(s.substr(0, i)) + "\u2026";
}

inline std::string px(double v) { return fixed(v, 1, std::nullopt); }

/// The legend row shared by both charts, at height `y`.
inline std::string svg_legend(const document& doc, language lg, double y, double width) {
    std::string out;
    double x = 0;
    for (const auto& b : doc.bands) {
        const std::string label = pick(b.label, lg);
        const double w = 22 + 7.0 * static_cast<double>(utf8_length(label));
        if (x + w > width && x > 0) {
            x = 0;
            y += 18;
        }
        out += "<rect x=\"" + px(x) + "\" y=\"" + px(y) + "\" width=\"12\" height=\"12\" fill=\"" + b.colour +
               "\"/><text x=\"" + px(x + 16) + "\" y=\"" + px(y + 10) + "\">" + html_escape(label) +
               "</text>";
        x += w + 12;
    }
    return out;
}

inline double svg_legend_height(const document& doc, language lg, double width) {
    double x = 0, rows = 1;
    for (const auto& b : doc.bands) {
        const double w = 22 + 7.0 * static_cast<double>(utf8_length(pick(b.label, lg)));
        if (x + w > width && x > 0) {
            x = 0;
            ++rows;
        }
        x += w + 12;
    }
    return rows * 18;
}

/// A horizontal 100 % stacked bar per group, with the group's total at the
/// right. `title` labels the chart for screen readers.
inline std::string stacked_bar_chart(const document& doc, const std::vector<group_counts>& groups,
                                     language lg, const std::string& title) {
    constexpr double width = 760, bar_h = 18, gap = 8, total_w = 70;
    std::size_t longest = 4;
    for (const auto& g : groups) longest = std::max(longest, utf8_length(g.key));
    const std::size_t label_chars = std::min<std::size_t>(longest, 32);
    const double label_w = 12 + 6.6 * static_cast<double>(label_chars);
    const double plot_w = width - label_w - total_w;
    const double legend_h = svg_legend_height(doc, lg, width);
    const double top = legend_h + 10;
    const double height = top + static_cast<double>(groups.size()) * (bar_h + gap) + 4;

    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" "
                      "viewBox=\"0 0 " +
                      px(width) + " " + px(height) + "\" width=\"" + px(width) + "\" height=\"" + px(height) +
                      "\" aria-label=\"" + html_escape(title) + "\"><title>" + html_escape(title) +
                      "</title>";
    out += svg_legend(doc, lg, 0, width);
    for (std::size_t r = 0; r < groups.size(); ++r) {
        const auto& g = groups[r];
        const double y = top + static_cast<double>(r) * (bar_h + gap);
        std::size_t total = 0;
        for (auto c : g.band_counts) total += c;
        out += "<text x=\"" + px(label_w - 8) + "\" y=\"" + px(y + 13) + "\" text-anchor=\"end\">" +
               html_escape(utf8_truncate(g.key, label_chars)) + "</text>";
        double x = label_w;
        for (std::size_t b = 0; b < g.band_counts.size() && b < doc.bands.size(); ++b) {
            if (g.band_counts[b] == 0 || total == 0) continue;
            const double w = plot_w * static_cast<double>(g.band_counts[b]) / static_cast<double>(total);
            out += "<rect x=\"" + px(x) + "\" y=\"" + px(y) + "\" width=\"" + px(w) + "\" height=\"" +
                   px(bar_h) + "\" fill=\"" + doc.bands[b].colour + "\"><title>" +
                   html_escape(g.key + " — " + pick(doc.bands[b].label, lg) + ": " +
                               count(g.band_counts[b], lg)) +
                   "</title></rect>";
            x += w;
        }
        if (total == 0)
            out += "<rect x=\"" + px(label_w) + "\" y=\"" + px(y) + "\" width=\"" + px(plot_w) +
                   "\" height=\"" + px(bar_h) + "\" fill=\"none\" stroke=\"#bbbbbb\"/>";
        out += "<text x=\"" + px(label_w + plot_w + 6) + "\" y=\"" + px(y + 13) +
               "\">n = " + count(total, lg) + "</text>";
    }
    return out + "</svg>";
}

/// Vertical bars per band: the previous period's count beside the current one.
inline std::string change_chart(const document& doc, const figures& before, const figures& now, language lg,
                                const std::string& title) {
    constexpr double width = 760, plot_h = 150, axis = 36, top = 28;
    const double height = top + plot_h + axis;
    std::size_t max = 1;
    for (std::size_t b = 0; b < doc.bands.size(); ++b)
        max = std::max({max, before.band_counts.at(b), now.band_counts.at(b)});
    const double slot = width / static_cast<double>(doc.bands.size());
    const double bar_w = std::min(40.0, slot / 3);

    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" "
                      "viewBox=\"0 0 " +
                      px(width) + " " + px(height) + "\" width=\"" + px(width) + "\" height=\"" + px(height) +
                      "\" aria-label=\"" + html_escape(title) + "\"><title>" + html_escape(title) +
                      "</title>";
    // Key: hatched-light previous, solid current.
    out += "<rect x=\"0\" y=\"2\" width=\"12\" height=\"12\" fill=\"#555555\" "
           "fill-opacity=\"0.35\"/><text x=\"16\" y=\"12\">" +
           html_escape(before.period_id) +
           "</text><rect x=\"120\" y=\"2\" width=\"12\" "
           "height=\"12\" fill=\"#555555\"/><text x=\"136\" y=\"12\">" +
           html_escape(now.period_id) + "</text>";
    const double base = top + plot_h;
    out += "<line x1=\"0\" y1=\"" + px(base) + "\" x2=\"" + px(width) + "\" y2=\"" + px(base) +
           "\" stroke=\"#444444\"/>";
    for (std::size_t b = 0; b < doc.bands.size(); ++b) {
        const double cx = slot * (static_cast<double>(b) + 0.5);
        const std::size_t counts[2] = {before.band_counts[b], now.band_counts[b]};
        for (int k = 0; k < 2; ++k) {
            const double h = plot_h * static_cast<double>(counts[k]) / static_cast<double>(max);
            const double x = k == 0 ? cx - bar_w - 1 : cx + 1;
            out += "<rect x=\"" + px(x) + "\" y=\"" + px(base - h) + "\" width=\"" + px(bar_w) +
                   "\" height=\"" + px(h) + "\" fill=\"" + doc.bands[b].colour + "\"" +
                   (k == 0 ? " fill-opacity=\"0.35\"" : "") + "><title>" +
                   html_escape(pick(doc.bands[b].label, lg) + ", " +
                               (k == 0 ? before.period_id : now.period_id) + ": " + count(counts[k], lg)) +
                   "</title></rect><text x=\"" + px(x + bar_w / 2) + "\" y=\"" + px(base - h - 3) +
                   "\" text-anchor=\"middle\" class=\"v\">" + count(counts[k], lg) + "</text>";
        }
        out += "<text x=\"" + px(cx) + "\" y=\"" + px(base + 16) + "\" text-anchor=\"middle\">" +
               html_escape(utf8_truncate(pick(doc.bands[b].label, lg), static_cast<std::size_t>(slot / 7))) +
               "</text>";
    }
    return out + "</svg>";
}

} // namespace danchu::report::detail
