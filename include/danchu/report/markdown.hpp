#pragma once
/// @file
/// The Markdown renderer of the report (CommonMark with GFM tables). Every
/// string from the document is escaped (Markdown punctuation backslashed,
/// `<`, `>` and `&` as entities), so a unit named `<script>` stays text.

#include <danchu/report/detail/format.hpp>
#include <danchu/report/detail/labels.hpp>
#include <danchu/report/document.hpp>
#include <danchu/report/validate.hpp>

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
    const std::string& p(const bilingual_text& x) const { return pick(x, lg); }

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
    item("Kỳ báo cáo", "Period",
         w.e(h.period.id) + " (" + date(h.period.start, w.lg) + " – " + date(h.period.end, w.lg) + ")");
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
    auto line = [&](const std::string& label, const std::string& now, const std::string& before, opt a, opt b,
                    double k, int dec) {
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
    line(w.t("Đơn vị đủ minh chứng", "Units with complete evidence"), count(c.units_complete, lg),
         count(pv.units_complete, lg), n(c.units_complete), n(pv.units_complete), 1, 0);
    line(w.t("Tỷ lệ đạt", "Pass rate"), percent(c.pass_rate, lg), percent(pv.pass_rate, lg), c.pass_rate,
         pv.pass_rate, 100, 1);
    line(w.t("Điểm bình quân", "Mean score"), score(c.mean_score, lg), score(pv.mean_score, lg), c.mean_score,
         pv.mean_score, 1, 1);
    for (std::size_t b = 0; b < w.doc.bands.size(); ++b) {
        const std::size_t before = prev ? prev->band_counts[b] : 0;
        line(std::string(w.t("Xếp loại ", "Band: ")) + w.e(w.p(w.doc.bands[b].label)),
             count(c.band_counts[b], lg), count(before, lg), n(c.band_counts[b]), n(before), 1, 0);
    }
    for (const figures* f : {&c, prev}) // how units that sent nothing were counted
        if (f)
            if (const std::string s = no_evidence_statement(*f, lg); !s.empty())
                w.out += "\n" + w.e(s) + "\n";
}

inline void md_groups(md_writer& w, const char* vi, const char* en, const char* col_vi, const char* col_en,
                      const std::vector<group_counts>& groups) {
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

namespace danchu::report::detail {

inline void md_failings(md_writer& w) {
    w.h2("Tồn tại, hạn chế theo đơn vị", "Failings, unit by unit");
    if (w.doc.failings.empty()) return w.none();
    for (const auto& f : w.doc.failings) {
        w.out += "### " + w.e(w.p(f.title)) + " — " + count(f.units.size(), w.lg) + " " +
                 w.t("đơn vị", "units") + "\n\n_" + w.e(cite_line(f.source, w.lg)) + "_\n\n";
        for (const auto& r : f.rules) {
            std::string cites;
            for (const auto& c : r.citations) cites += (cites.empty() ? "" : "; ") + w.e(cite_line(c, w.lg));
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
    w.out += std::string("### ") + w.t("Quá hạn", "Overdue") + " (" + count(s.overdue.size(), w.lg) + ")\n\n";
    if (s.overdue.empty())
        w.none();
    else {
        w.head({w.t("Mã", "Id"), w.t("Đơn vị", "Unit"), w.t("Nghĩa vụ", "Obligation"),
                std::string("#") + w.t("Hạn", "Due"),
                std::string("#") + w.t("Số ngày làm việc chậm", "Working days late")});
        for (const auto& it : s.overdue)
            w.row({w.e(it.unit_id), w.e(it.unit_name), w.e(w.p(it.obligation)), date(it.due, w.lg),
                   std::to_string(it.working_days_late)});
    }
    w.out += std::string("\n### ") + w.t("Sắp đến hạn trong ", "Due in the next ") +
             std::to_string(s.horizon_days) + w.t(" ngày", " days") + " (" + count(s.upcoming.size(), w.lg) +
             ")\n\n";
    if (s.upcoming.empty())
        w.none();
    else {
        w.head({w.t("Mã", "Id"), w.t("Đơn vị", "Unit"), w.t("Nghĩa vụ", "Obligation"),
                std::string("#") + w.t("Hạn", "Due"),
                std::string("#") + w.t("Số ngày làm việc còn lại", "Working days left")});
        for (const auto& it : s.upcoming)
            w.row({w.e(it.unit_id), w.e(it.unit_name), w.e(w.p(it.obligation)), date(it.due, w.lg),
                   std::to_string(it.working_days_left)});
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
        const std::string d = c.score_before && c.score_after ? delta(*c.score_after - *c.score_before, w.lg)
                                                              : std::string("—");
        auto r = [](const std::optional<std::size_t>& v) {
            return v ? std::to_string(*v) : std::string("—");
        };
        const std::string before =
            c.band_before.empty() ? std::string("—") : band_label(w.doc, c.band_before, w.lg);
        const std::string after =
            c.band_after.empty() ? std::string("—") : band_label(w.doc, c.band_after, w.lg);
        w.row({w.e(c.unit_id), w.e(c.unit_name), score(c.score_before, w.lg), score(c.score_after, w.lg), d,
               r(c.rank_before) + " → " + r(c.rank_after),
               w.e(before == after ? after : before + " → " + after)});
    }
}

inline void md_problems(md_writer& w) {
    w.h2("Vấn đề về dữ liệu", "Data problems");
    w.out += std::string(w.t("Báo cáo vẫn được lập cho mọi dữ liệu hợp lệ; các dữ liệu không "
                             "hợp lệ hoặc còn thiếu được liệt kê dưới đây.",
                             "The report is produced for everything that is valid; inputs "
                             "that were invalid or missing are listed here.")) +
             "\n\n";
    if (w.doc.problems.empty()) return w.none();
    w.head({w.t("Loại", "Kind"), w.t("Nguồn", "Source"), w.t("Vị trí", "Location"),
            w.t("Đối tượng", "Subject"), w.t("Nội dung", "Message")});
    for (const auto& p : w.doc.problems)
        w.row({w.e(pick(problem_kind_label(p.kind), w.lg)), w.e(p.source),
               w.e(problem_location(p.location, w.lg)), w.e(p.subject), w.e(problem_message(p, w.lg))});
}

inline void md_appendix(md_writer& w) {
    w.h2("Phụ lục: danh sách đơn vị", "Appendix: all units");
    if (w.doc.units.empty()) return w.none();
    w.head({w.t("Mã", "Id"), w.t("Đơn vị", "Unit"), w.t("Huyện", "District"), w.t("Lĩnh vực", "Sector"),
            std::string("#") + w.t("Điểm", "Score"), w.t("Xếp loại", "Band"),
            std::string("#") + w.t("Thứ hạng", "Rank")});
    for (const auto& u : w.doc.units)
        w.row({w.e(u.id), w.e(u.name), w.e(u.district), w.e(sector_text(u.sector, w.lg)),
               score(u.score, w.lg), w.e(band_label(w.doc, u.band, w.lg)),
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
    detail::md_groups(w, "Xếp loại theo huyện", "Bands by district", "Huyện, thành phố", "District",
                      doc.by_district);
    std::vector<group_counts> sectors = doc.by_sector; // ids shown by their label
    for (auto& g : sectors) g.key = detail::sector_text(g.key, w.lg);
    detail::md_groups(w, "Xếp loại theo lĩnh vực", "Bands by sector", "Lĩnh vực", "Sector", sectors);
    detail::md_failings(w);
    detail::md_schedule(w);
    detail::md_changes(w);
    detail::md_problems(w);
    detail::md_appendix(w);
    return std::move(w.out);
}

} // namespace danchu::report
