// The six-monthly report as a Decree 30/2020/NĐ-CP document: the letterhead,
// number, place and date, type and summary, addressees, signer and recipients
// fill the template's placeholders; the body (about ten pages: situation,
// results by band with a chart per district and per sector, the seed letter's
// failings per district with a chart, overdue obligations in summary, data
// problems, proposals) and the appendices (unit-level lists) are built here
// with pugixml and put in place of {{body}} and {{appendices}}.
//
// Charts are tables: a row per district or sector, its bar made of table
// cells whose widths follow the counts and whose shading is the band's
// colour. Word, LibreOffice and python-docx all read and render tables the
// same way; docs/report.md says why this was chosen over DrawingML charts.

#include "office_detail.hpp"

#include <danchu/core/error.hpp>
#include <danchu/office/docx.hpp>
#include <danchu/report/detail/format.hpp>
#include <danchu/report/detail/labels.hpp>
#include <danchu/report/validate.hpp>

#include <pugixml.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace danchu::office {

namespace {

using report::language;
namespace rd = report::detail;
constexpr language vi = language::vi;

constexpr int text_width = 9354; // twips: A4 210 mm - 30 mm - 15 mm

struct string_writer : pugi::xml_writer {
    std::string out;
    void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
};

std::string roman(int n) {
    static const char* r[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"};
    return n >= 0 && n <= 12 ? r[n] : std::to_string(n);
}

// "6 tháng đầu năm 2018" for 2018-H1, and the other period forms.
std::string period_phrase(const std::string& id) {
    if (id.size() == 7 && id[4] == '-' && id[5] == 'H')
        return std::string(id[6] == '1' ? "6 tháng đầu năm " : "6 tháng cuối năm ") + id.substr(0, 4);
    if (id.size() == 7 && id[4] == '-' && id[5] == 'Q')
        return "quý " + roman(id[6] - '0') + " năm " + id.substr(0, 4);
    if (id.size() == 4) return "năm " + id;
    return "kỳ " + id;
}

struct body {
    pugi::xml_document doc;
    pugi::xml_node root;
    body() { root = doc.append_child("w:body"); }

    static void rpr(pugi::xml_node r, bool bold, bool italic, const char* colour = nullptr) {
        if (!bold && !italic && !colour) return;
        pugi::xml_node p = r.append_child("w:rPr");
        if (bold) p.append_child("w:b");
        if (italic) p.append_child("w:i");
        if (colour) p.append_child("w:color").append_attribute("w:val") = colour;
    }
    static pugi::xml_node run(pugi::xml_node p, const std::string& text, bool bold = false,
                              bool italic = false, const char* colour = nullptr) {
        pugi::xml_node r = p.append_child("w:r");
        rpr(r, bold, italic, colour);
        pugi::xml_node t = r.append_child("w:t");
        t.append_attribute("xml:space") = "preserve";
        t.text().set(detail::clean_text(text).c_str());
        return r;
    }
    static pugi::xml_node para_in(pugi::xml_node parent, const char* style, const char* jc = nullptr,
                                  bool page_break = false, bool keep_next = false) {
        pugi::xml_node p = parent.append_child("w:p");
        pugi::xml_node pp = p.append_child("w:pPr");
        pp.append_child("w:pStyle").append_attribute("w:val") = style;
        if (keep_next) pp.append_child("w:keepNext");
        if (page_break) pp.append_child("w:pageBreakBefore");
        if (jc) pp.append_child("w:jc").append_attribute("w:val") = jc;
        return p;
    }
    pugi::xml_node para(const char* style, const std::string& text, bool bold = false, bool italic = false) {
        pugi::xml_node p = para_in(root, style);
        if (!text.empty()) run(p, text, bold, italic);
        return p;
    }
    void text(const std::string& t) { para("DCBody", t); }
    void h1(int n, const std::string& t) { para("DCHeading1", roman(n) + ". " + t); }
    void h2(int n, const std::string& t) { para("DCHeading2", std::to_string(n) + ". " + t); }
    void caption(const std::string& t) { para("DCCaption", t); }
};

// A table: widths (twips) per column, a header row repeated on every page,
// then rows; `numeric` columns are right-aligned.
struct table {
    pugi::xml_node tbl;
    std::vector<int> widths;
    std::vector<bool> numeric;

    table(pugi::xml_node parent, std::vector<int> w, const char* style = "DCTableGrid")
        : widths(std::move(w)) {
        numeric.assign(widths.size(), false);
        tbl = parent.append_child("w:tbl");
        pugi::xml_node pr = tbl.append_child("w:tblPr");
        pr.append_child("w:tblStyle").append_attribute("w:val") = style;
        int total = 0;
        for (int x : widths) total += x;
        pugi::xml_node tw = pr.append_child("w:tblW");
        tw.append_attribute("w:w") = total;
        tw.append_attribute("w:type") = "dxa";
        pr.append_child("w:tblLayout").append_attribute("w:type") = "fixed";
        pugi::xml_node grid = tbl.append_child("w:tblGrid");
        for (int x : widths) grid.append_child("w:gridCol").append_attribute("w:w") = x;
    }
    pugi::xml_node row(bool header = false) {
        pugi::xml_node tr = tbl.append_child("w:tr");
        pugi::xml_node pr = tr.append_child("w:trPr");
        pr.append_child("w:cantSplit");
        if (header) pr.append_child("w:tblHeader");
        return tr;
    }
    static pugi::xml_node cell(pugi::xml_node tr, int width, int span = 1, const char* fill = nullptr) {
        pugi::xml_node tc = tr.append_child("w:tc");
        pugi::xml_node pr = tc.append_child("w:tcPr");
        pugi::xml_node w = pr.append_child("w:tcW");
        w.append_attribute("w:w") = width;
        w.append_attribute("w:type") = "dxa";
        if (span > 1) pr.append_child("w:gridSpan").append_attribute("w:val") = span;
        if (fill) {
            pugi::xml_node sh = pr.append_child("w:shd");
            sh.append_attribute("w:val") = "clear";
            sh.append_attribute("w:color") = "auto";
            sh.append_attribute("w:fill") = fill;
        }
        pr.append_child("w:vAlign").append_attribute("w:val") = "center";
        return tc;
    }
    void head(const std::vector<std::string>& cells) {
        pugi::xml_node tr = row(true);
        for (std::size_t i = 0; i < cells.size(); ++i) {
            pugi::xml_node tc = cell(tr, widths[i]);
            body::run(body::para_in(tc, "DCTableHead"), cells[i]);
        }
    }
    void add(const std::vector<std::string>& cells, bool bold = false) {
        pugi::xml_node tr = row();
        for (std::size_t i = 0; i < cells.size(); ++i) {
            pugi::xml_node tc = cell(tr, widths[i]);
            body::run(body::para_in(tc, "DCTable", numeric[i] ? "right" : nullptr), cells[i], bold);
        }
    }
};

std::string hex(const std::string& colour) { // "#1a7f37" -> "1A7F37"
    std::string s = colour.size() == 7 && colour[0] == '#' ? colour.substr(1) : std::string("808080");
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// Splits `slots` grid columns among counts (largest remainder), so a bar's
// segments add up exactly; a non-zero count gets at least one column when
// there is room.
std::vector<int> spans(const std::vector<double>& counts, double scale, int slots) {
    std::vector<int> out(counts.size(), 0);
    if (scale <= 0) return out;
    std::vector<std::pair<double, std::size_t>> rest;
    int used = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        const double exact = counts[i] / scale * slots;
        out[i] = static_cast<int>(std::floor(exact));
        used += out[i];
        rest.emplace_back(exact - out[i], i);
    }
    double sum = 0;
    for (double c : counts) sum += c;
    const int want = static_cast<int>(std::lround(sum / scale * slots));
    std::sort(rest.begin(), rest.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t k = 0; k < rest.size() && used < want; ++k) {
        ++out[rest[k].second];
        ++used;
    }
    return out;
}

// A bar chart as a table: one row per group, the bar's segments are cells of
// a 50-column grid shaded in the series' colours. `scale` is the value of a
// full bar (0: each row is 100 %, its own total).
void bar_chart(body& b, const std::vector<std::string>& names, const std::vector<std::vector<double>>& values,
               const std::vector<std::string>& series, const std::vector<std::string>& colours,
               double scale) {
    constexpr int slots = 50;
    constexpr int name_w = 2400, total_w = 900;
    const int slot_w = (text_width - name_w - total_w) / slots;
    // Legend: a shaded square and the series' name.
    {
        const int n = static_cast<int>(series.size());
        std::vector<int> w;
        const int each = text_width / std::max(n, 1);
        for (int i = 0; i < n; ++i) {
            w.push_back(280);
            w.push_back(each - 280);
        }
        table t(b.root, w, "TableNormal");
        pugi::xml_node tr = t.row();
        for (int i = 0; i < n; ++i) {
            pugi::xml_node sq = table::cell(tr, 280, 1, hex(colours[static_cast<std::size_t>(i)]).c_str());
            body::para_in(sq, "DCTable");
            pugi::xml_node lab = table::cell(tr, each - 280);
            body::run(body::para_in(lab, "DCTable"), series[static_cast<std::size_t>(i)]);
        }
    }
    std::vector<int> w{name_w};
    for (int i = 0; i < slots; ++i) w.push_back(slot_w);
    w.push_back(total_w);
    table t(b.root, w, "TableNormal");
    for (std::size_t g = 0; g < names.size(); ++g) {
        double total = 0;
        for (double v : values[g]) total += v;
        pugi::xml_node tr = t.row();
        body::run(body::para_in(table::cell(tr, name_w), "DCTable"), names[g]);
        const auto sp = spans(values[g], scale > 0 ? scale : total, slots);
        int used = 0;
        for (std::size_t s = 0; s < sp.size(); ++s) {
            if (sp[s] == 0) continue;
            pugi::xml_node tc = table::cell(tr, slot_w * sp[s], sp[s], hex(colours[s]).c_str());
            pugi::xml_node p = body::para_in(tc, "DCTable", "center");
            if (sp[s] >= 3)
                body::run(p, rd::count(static_cast<std::size_t>(values[g][s]), vi), false, false, "FFFFFF");
            used += sp[s];
        }
        if (used < slots) body::para_in(table::cell(tr, slot_w * (slots - used), slots - used), "DCTable");
        body::run(body::para_in(table::cell(tr, total_w), "DCTable", "right"),
                  rd::count(static_cast<std::size_t>(total), vi));
    }
}

std::string pct(std::size_t n, std::size_t of) {
    return of ? rd::percent(static_cast<double>(n) / static_cast<double>(of), vi) : std::string("—");
}

std::string dmy(const std::string& iso) { return rd::date(iso, vi); }

// "ngày 05 tháng 01 năm 2020" parts (Appendix I §II.4.b: day below 10 and
// months 1 and 2 with a leading zero).
struct date_parts {
    std::string day, month, year;
};
date_parts parts_of(const std::string& iso) {
    if (iso.size() != 10) return {"…", "…", "…"};
    date_parts d{iso.substr(8, 2), iso.substr(5, 2), iso.substr(0, 4)};
    if (d.month != "01" && d.month != "02" && d.month[0] == '0') d.month = d.month.substr(1);
    return d;
}

std::string number_line(const report_config& c) {
    std::string n = c.number;
    if (n.size() == 1) n = "0" + n;
    return n.empty() ? std::string("      ") : n;
}

std::string sentence_case_body(const report::document& doc) {
    return doc.head.reporting_body.vi.empty() ? std::string("Sở Nội vụ") : doc.head.reporting_body.vi;
}

void groups_section(body& b, const report::document& doc, const std::vector<report::group_counts>& groups,
                    const char* col, bool sectors, int chart_no, const std::string& chart_title) {
    if (groups.empty()) {
        b.text("Không có số liệu.");
        return;
    }
    std::vector<std::string> names, series, colours;
    std::vector<std::vector<double>> values;
    for (const auto& band : doc.bands) {
        series.push_back(band.label.vi);
        colours.push_back(band.colour);
    }
    for (const auto& g : groups) {
        names.push_back(sectors ? rd::sector_text(g.key, vi) : g.key);
        std::vector<double> v;
        for (auto c : g.band_counts) v.push_back(static_cast<double>(c));
        values.push_back(v);
    }
    b.caption("Biểu đồ " + std::to_string(chart_no) + ". " + chart_title +
              " (tỷ lệ đơn vị theo xếp loại; cột cuối: "
              "tổng số đơn vị)");
    bar_chart(b, names, values, series, colours, 0);
    b.caption("Bảng " + std::to_string(chart_no) + ". Số đơn vị theo xếp loại");
    const std::size_t nb = doc.bands.size();
    const int first = 2200, rest = (text_width - first) / static_cast<int>(nb + 1);
    std::vector<int> w{first};
    for (std::size_t i = 0; i <= nb; ++i) w.push_back(rest);
    table t(b.root, w);
    for (std::size_t i = 1; i < w.size(); ++i) t.numeric[i] = true;
    std::vector<std::string> head{col};
    for (const auto& band : doc.bands) head.push_back(band.label.vi);
    head.push_back("Tổng");
    t.head(head);
    std::vector<std::size_t> totals(nb, 0);
    for (std::size_t g = 0; g < groups.size(); ++g) {
        std::vector<std::string> cells{names[g]};
        std::size_t sum = 0;
        for (std::size_t k = 0; k < nb && k < groups[g].band_counts.size(); ++k) {
            cells.push_back(rd::count(groups[g].band_counts[k], vi));
            sum += groups[g].band_counts[k];
            totals[k] += groups[g].band_counts[k];
        }
        cells.push_back(rd::count(sum, vi));
        t.add(cells);
    }
    std::vector<std::string> all{"Cộng"};
    std::size_t sum = 0;
    for (auto x : totals) {
        all.push_back(rd::count(x, vi));
        sum += x;
    }
    all.push_back(rd::count(sum, vi));
    t.add(all, true);
}

std::string letter_ref(const report::document& doc) {
    for (const auto& f : doc.failings)
        if (!f.source.document.empty()) return f.source.document;
    return "văn bản chỉ đạo của Chủ tịch UBND tỉnh";
}

} // namespace

std::vector<std::string> default_proposals(const report::document& doc) {
    std::vector<std::string> out;
    std::size_t weak = 0, unclassified = 0;
    for (std::size_t i = 0; i < doc.bands.size() && i < doc.current.band_counts.size(); ++i) {
        if (doc.bands[i].id == "yeu") weak += doc.current.band_counts[i];
        if (!doc.bands[i].graded) unclassified += doc.current.band_counts[i];
    }
    const std::string dept = sentence_case_body(doc);
    if (weak + unclassified > 0)
        out.push_back(
            "Chỉ đạo thủ trưởng " + rd::count(weak + unclassified, vi) +
            " cơ quan, đơn vị xếp loại Yếu, không đủ điều kiện xếp loại hoặc chưa xếp loại khắc phục "
            "ngay những tồn tại, hạn chế và gửi đủ minh chứng trong kỳ báo cáo tới (danh sách tại Phụ lục "
            "I).");
    for (const auto& f : doc.failings)
        if (!f.units.empty())
            out.push_back("Yêu cầu " + rd::count(f.units.size(), vi) + " cơ quan, đơn vị có tồn tại “" +
                          f.title.vi + "” xây dựng kế hoạch khắc phục, báo cáo kết quả về " + dept +
                          " (danh sách tại Phụ lục II).");
    if (!doc.schedule.overdue.empty())
        out.push_back("Chỉ đạo các cơ quan, đơn vị có nghĩa vụ quá hạn (" +
                      rd::count(doc.schedule.overdue.size(), vi) + " nghĩa vụ) hoàn thành ngay và báo cáo " +
                      dept + " (danh sách tại Phụ lục III).");
    out.push_back(
        "Giao " + dept +
        " tiếp tục theo dõi, kiểm tra, đôn đốc việc thực hiện dân chủ trong hoạt động của cơ quan, đơn vị "
        "và báo cáo Chủ tịch UBND tỉnh định kỳ 6 tháng.");
    return out;
}

namespace {

void write_body(body& b, const report::document& doc, const report_config& cfg) {
    const auto& h = doc.head;
    const auto& c = doc.current;
    const std::string dept = sentence_case_body(doc);
    const std::string as_of = doc.schedule.as_of.empty() ? h.period.data_to : doc.schedule.as_of;
    b.text("Thực hiện " + letter_ref(doc) + " (nhiệm vụ theo dõi, báo cáo định kỳ 6 tháng), " + dept +
           " báo cáo kết quả thực hiện dân chủ trong hoạt động của cơ quan, đơn vị trên địa bàn tỉnh " +
           h.province.vi + " " + period_phrase(h.period.id) + " (từ ngày " + dmy(h.period.start) +
           " đến ngày " + dmy(h.period.end) + "; số liệu từ ngày " + dmy(h.period.data_from) + " đến ngày " +
           dmy(h.period.data_to) + ") như sau:");
    if (h.synthetic) b.para("DCBody", rd::synthetic_statement(h, vi), false, true);

    int sec = 0;
    b.h1(++sec, "TÌNH HÌNH CHUNG");
    std::string basis;
    for (std::size_t i = 0; i < h.legal_basis.size(); ++i)
        basis += (i ? "; " : "") + rd::cite_line(h.legal_basis[i], vi);
    b.text("Căn cứ đánh giá: " + basis + ".");
    std::string regimes;
    for (std::size_t i = 0; i < h.regimes.size(); ++i) regimes += (i ? "; " : "") + h.regimes[i].name.vi;
    if (!regimes.empty()) b.text("Chế độ pháp lý áp dụng: " + regimes + ".");
    std::string s = "Tổng số cơ quan, đơn vị được đánh giá: " + rd::count(c.units_assessed, vi) +
                    "; có đủ minh chứng: " + rd::count(c.units_complete, vi) + " (" +
                    pct(c.units_complete, c.units_assessed) +
                    "); tỷ lệ đạt: " + rd::percent(c.pass_rate, vi) +
                    "; điểm bình quân: " + rd::score(c.mean_score, vi) + ".";
    b.text(s);
    if (doc.previous) {
        const auto& p = *doc.previous;
        std::string v = "So với " + period_phrase(p.period_id) + ": số đơn vị được đánh giá " +
                        rd::count(p.units_assessed, vi) + ", tỷ lệ đạt " + rd::percent(p.pass_rate, vi) +
                        ", điểm bình quân " + rd::score(p.mean_score, vi);
        if (p.mean_score && c.mean_score) v += " (" + rd::delta(*c.mean_score - *p.mean_score, vi) + " điểm)";
        b.text(v + ".");
    }
    if (!c.no_evidence_units.empty())
        b.text("Số cơ quan, đơn vị không gửi minh chứng: " + rd::count(c.no_evidence_units.size(), vi) +
               " (danh sách tại Phụ lục I, cột “Đủ minh chứng”).");

    b.h1(++sec, "KẾT QUẢ XẾP LOẠI");
    b.h2(1, "Toàn tỉnh");
    {
        const bool prev = doc.previous.has_value();
        std::vector<int> w =
            prev ? std::vector<int>{3354, 1500, 1500, 1500, 1500} : std::vector<int>{4354, 2500, 2500};
        table t(b.root, w);
        for (std::size_t i = 1; i < w.size(); ++i) t.numeric[i] = true;
        if (prev)
            t.head({"Xếp loại", "Số đơn vị", "Tỷ lệ", "Kỳ trước", "Tăng, giảm"});
        else
            t.head({"Xếp loại", "Số đơn vị", "Tỷ lệ"});
        for (std::size_t k = 0; k < doc.bands.size(); ++k) {
            const std::size_t n = k < c.band_counts.size() ? c.band_counts[k] : 0;
            std::vector<std::string> row{doc.bands[k].label.vi, rd::count(n, vi), pct(n, c.units_assessed)};
            if (prev) {
                const auto& p = *doc.previous;
                const std::size_t m = k < p.band_counts.size() ? p.band_counts[k] : 0;
                row.push_back(rd::count(m, vi));
                row.push_back(rd::delta(static_cast<double>(n) - static_cast<double>(m), vi, 0));
            }
            t.add(row);
        }
    }
    b.h2(2, "Theo huyện, thành phố và khối sở, ngành");
    groups_section(b, doc, doc.by_district, "Huyện, thành phố", false, 1, "Xếp loại theo huyện, thành phố");
    b.h2(3, "Theo lĩnh vực");
    groups_section(b, doc, doc.by_sector, "Lĩnh vực", true, 2, "Xếp loại theo lĩnh vực");

    b.h1(++sec, "NHỮNG TỒN TẠI, HẠN CHẾ");
    b.text("Theo " + letter_ref(doc) + ", kết quả đánh giá cho thấy các tồn tại, hạn chế sau:");
    int k = 0;
    std::vector<std::string> districts;
    std::map<std::string, std::vector<double>> per;
    for (const auto& f : doc.failings)
        for (const auto& u : f.units)
            if (!per.count(u.district)) {
                per[u.district] = std::vector<double>(doc.failings.size(), 0);
                districts.push_back(u.district);
            }
    for (std::size_t fi = 0; fi < doc.failings.size(); ++fi) {
        const auto& f = doc.failings[fi];
        for (const auto& u : f.units) per[u.district][fi] += 1;
        std::string rules;
        for (std::size_t r = 0; r < f.rules.size() && r < 4; ++r)
            rules += (r ? "; " : "") + f.rules[r].title.vi;
        if (f.rules.size() > 4) rules += "; …";
        b.h2(++k, f.title.vi + ": " + rd::count(f.units.size(), vi) + " cơ quan, đơn vị");
        if (!rules.empty()) b.text("Căn cứ xác định: " + rules + ".");
    }
    std::sort(districts.begin(), districts.end());
    if (!districts.empty()) {
        static const char* colours[] = {"#4c78a8", "#f58518", "#54a24b", "#b279a2", "#9d755d", "#e45756"};
        std::vector<std::string> series, cols, names;
        std::vector<std::vector<double>> values;
        double scale = 0;
        for (std::size_t fi = 0; fi < doc.failings.size(); ++fi) {
            series.push_back(doc.failings[fi].title.vi);
            cols.push_back(colours[fi % 6]);
        }
        for (const auto& d : districts) {
            names.push_back(d);
            values.push_back(per[d]);
            double t = 0;
            for (double v : per[d]) t += v;
            scale = std::max(scale, t);
        }
        b.caption("Biểu đồ 3. Số lượt tồn tại, hạn chế theo huyện, thành phố (cột cuối: tổng số)");
        bar_chart(b, names, values, series, cols, scale);
        b.caption("Bảng 3. Số cơ quan, đơn vị có tồn tại, hạn chế theo huyện, thành phố");
        const int first = 2400, rest = (text_width - first) / static_cast<int>(doc.failings.size() + 1);
        std::vector<int> w{first};
        for (std::size_t i = 0; i <= doc.failings.size(); ++i) w.push_back(rest);
        table t(b.root, w);
        for (std::size_t i = 1; i < w.size(); ++i) t.numeric[i] = true;
        std::vector<std::string> head{"Huyện, thành phố"};
        for (std::size_t fi = 0; fi < doc.failings.size(); ++fi)
            head.push_back("(" + std::to_string(fi + 1) + ")");
        head.push_back("Tổng");
        t.head(head);
        for (const auto& d : districts) {
            std::vector<std::string> row{d};
            double sum = 0;
            for (double v : per[d]) {
                row.push_back(rd::count(static_cast<std::size_t>(v), vi));
                sum += v;
            }
            row.push_back(rd::count(static_cast<std::size_t>(sum), vi));
            t.add(row);
        }
        std::string legend;
        for (std::size_t fi = 0; fi < doc.failings.size(); ++fi)
            legend += (fi ? "; " : "") + ("(" + std::to_string(fi + 1) + ") " + doc.failings[fi].title.vi);
        b.caption(legend + ".");
    }

    b.h1(++sec, "VIỆC THỰC HIỆN CÁC NGHĨA VỤ ĐỊNH KỲ");
    if (doc.schedule.as_of.empty()) {
        b.text("Kỳ này không có số liệu về lịch thực hiện nghĩa vụ.");
    } else {
        std::set<std::string> late_units;
        for (const auto& o : doc.schedule.overdue) late_units.insert(o.unit_id);
        b.text("Tính đến ngày " + dmy(doc.schedule.as_of) + ": " +
               rd::count(doc.schedule.overdue.size(), vi) + " nghĩa vụ quá hạn tại " +
               rd::count(late_units.size(), vi) + " cơ quan, đơn vị; " +
               rd::count(doc.schedule.upcoming.size(), vi) + " nghĩa vụ đến hạn trong " +
               std::to_string(doc.schedule.horizon_days) + " ngày tới. Danh sách chi tiết tại Phụ lục III.");
        struct agg {
            std::string title, source;
            std::size_t n = 0;
            int worst = 0;
        };
        std::vector<std::string> order;
        std::map<std::string, agg> by;
        for (const auto& o : doc.schedule.overdue) {
            auto& a = by[o.obligation_id];
            if (a.n == 0) {
                order.push_back(o.obligation_id);
                a.title = o.obligation.vi.empty() ? o.obligation_id : o.obligation.vi;
                if (o.source) a.source = rd::cite_line(*o.source, vi);
            }
            ++a.n;
            a.worst = std::max(a.worst, o.working_days_late);
        }
        if (!order.empty()) {
            std::sort(order.begin(), order.end(), [&](const std::string& x, const std::string& y) {
                return by[x].n != by[y].n ? by[x].n > by[y].n : x < y;
            });
            table t(b.root, {3600, 1300, 1400, 3054});
            t.numeric[1] = t.numeric[2] = true;
            t.head({"Nghĩa vụ", "Số đơn vị quá hạn", "Quá hạn nhiều nhất (ngày làm việc)", "Căn cứ"});
            for (const auto& id : order) {
                const auto& a = by[id];
                t.add({a.title, rd::count(a.n, vi), std::to_string(a.worst), a.source});
            }
        }
    }

    if (doc.previous) {
        b.h1(++sec, "THAY ĐỔI SO VỚI KỲ TRƯỚC");
        std::size_t up = 0, down = 0, same = 0;
        auto rank = [&](const std::string& id) {
            for (std::size_t i = 0; i < doc.bands.size(); ++i)
                if (doc.bands[i].id == id) return doc.bands[i].graded ? static_cast<int>(i) : 100;
            return 100;
        };
        for (const auto& ch : doc.changes) {
            if (ch.band_before.empty() || ch.band_after.empty()) continue;
            const int a = rank(ch.band_before), bb = rank(ch.band_after);
            (bb < a ? up : bb > a ? down : same) += 1;
        }
        b.text("So với " + period_phrase(doc.previous->period_id) + ": " + rd::count(up, vi) +
               " cơ quan, đơn vị nâng hạng xếp loại, " + rd::count(down, vi) +
               " cơ quan, đơn vị giảm hạng, " + rd::count(same, vi) +
               " cơ quan, đơn vị giữ nguyên xếp loại.");
    }

    b.h1(++sec, "VỀ SỐ LIỆU, DỮ LIỆU");
    if (doc.problems.empty()) {
        b.text("Dữ liệu các cơ quan, đơn vị gửi đều hợp lệ.");
    } else {
        b.text("Báo cáo được lập trên toàn bộ dữ liệu hợp lệ; " + rd::count(doc.problems.size(), vi) +
               " trường hợp dữ liệu không hợp lệ hoặc còn thiếu được liệt kê tại Phụ lục IV, gồm:");
        std::vector<std::string> order;
        std::map<std::string, std::size_t> n;
        for (const auto& p : doc.problems)
            if (n[p.kind]++ == 0) order.push_back(p.kind);
        for (const auto& kind : order)
            b.text("- " + rd::problem_kind_label(kind).vi + ": " + rd::count(n[kind], vi) + ";");
    }

    b.h1(++sec, "ĐỀ XUẤT, KIẾN NGHỊ");
    const auto proposals = cfg.proposals.empty() ? default_proposals(doc) : cfg.proposals;
    for (std::size_t i = 0; i < proposals.size(); ++i) b.text(std::to_string(i + 1) + ". " + proposals[i]);
    b.text("Trên đây là báo cáo kết quả thực hiện dân chủ trong hoạt động của cơ quan, đơn vị " +
           period_phrase(h.period.id) + ", " + dept + " kính báo cáo " +
           (cfg.addressees.empty() ? std::string("Chủ tịch UBND tỉnh") : cfg.addressees.front()) +
           " xem xét, chỉ đạo./.");
}

void appendix_head(body& b, int n, const std::string& title, const std::string& ref) {
    pugi::xml_node p = body::para_in(b.root, "DCAppendixNo", nullptr, true);
    body::run(p, "Phụ lục " + roman(n));
    b.para("DCAppendixTitle", detail::upper_vi(title));
    b.caption(ref);
}

void write_appendices(body& b, const report::document& doc, const std::string& ref) {
    int n = 0;
    appendix_head(b, ++n, "Kết quả xếp loại từng cơ quan, đơn vị", ref);
    {
        table t(b.root, {700, 2954, 1700, 1500, 800, 1000, 700});
        t.numeric[0] = t.numeric[4] = t.numeric[6] = true;
        t.head({"STT", "Cơ quan, đơn vị", "Huyện, thành phố", "Lĩnh vực", "Điểm", "Xếp loại", "Hạng"});
        std::size_t i = 0;
        for (const auto& u : doc.units)
            t.add({std::to_string(++i), u.name.empty() ? u.id : u.name, u.district,
                   rd::sector_text(u.sector, vi), rd::score(u.score, vi),
                   rd::band_label(doc, u.band, vi) + (u.complete_evidence ? "" : " (thiếu minh chứng)"),
                   u.rank ? std::to_string(*u.rank) : "—"});
    }
    appendix_head(b, ++n, "Cơ quan, đơn vị có tồn tại, hạn chế", ref);
    for (std::size_t fi = 0; fi < doc.failings.size(); ++fi) {
        const auto& f = doc.failings[fi];
        b.para("DCHeading2", std::to_string(fi + 1) + ". " + f.title.vi + " (" +
                                 rd::count(f.units.size(), vi) + " cơ quan, đơn vị)");
        if (f.units.empty()) continue;
        table t(b.root, {700, 3454, 2000, 3200});
        t.numeric[0] = true;
        t.head({"STT", "Cơ quan, đơn vị", "Huyện, thành phố", "Tiêu chí không đạt"});
        std::size_t i = 0;
        for (const auto& u : f.units) {
            std::string rules;
            for (const auto& r : u.rule_ids) {
                std::string title = r;
                for (const auto& rr : f.rules)
                    if (rr.id == r && !rr.title.vi.empty()) title = rr.title.vi;
                rules += (rules.empty() ? "" : "; ") + title;
            }
            t.add({std::to_string(++i), u.unit_name.empty() ? u.unit_id : u.unit_name, u.district, rules});
        }
    }
    appendix_head(b, ++n, "Nghĩa vụ quá hạn và sắp đến hạn", ref);
    if (doc.schedule.overdue.empty() && doc.schedule.upcoming.empty()) {
        b.text("Không có.");
    } else {
        b.para("DCHeading2", "1. Nghĩa vụ quá hạn (" + rd::count(doc.schedule.overdue.size(), vi) + ")");
        table t(b.root, {700, 2854, 3000, 1400, 1400});
        t.numeric[0] = t.numeric[4] = true;
        t.head({"STT", "Cơ quan, đơn vị", "Nghĩa vụ", "Hạn", "Số ngày làm việc quá hạn"});
        std::size_t i = 0;
        for (const auto& o : doc.schedule.overdue)
            t.add({std::to_string(++i), o.unit_name.empty() ? o.unit_id : o.unit_name,
                   o.obligation.vi.empty() ? o.obligation_id : o.obligation.vi, dmy(o.due),
                   std::to_string(o.working_days_late)});
        b.para("DCHeading2", "2. Nghĩa vụ đến hạn trong " + std::to_string(doc.schedule.horizon_days) +
                                 " ngày tới (" + rd::count(doc.schedule.upcoming.size(), vi) + ")");
        table u(b.root, {700, 2854, 3000, 1400, 1400});
        u.numeric[0] = u.numeric[4] = true;
        u.head({"STT", "Cơ quan, đơn vị", "Nghĩa vụ", "Hạn", "Số ngày làm việc còn lại"});
        i = 0;
        for (const auto& o : doc.schedule.upcoming)
            u.add({std::to_string(++i), o.unit_name.empty() ? o.unit_id : o.unit_name,
                   o.obligation.vi.empty() ? o.obligation_id : o.obligation.vi, dmy(o.due),
                   std::to_string(o.working_days_left)});
    }
    appendix_head(b, ++n, "Dữ liệu không hợp lệ hoặc còn thiếu", ref);
    if (doc.problems.empty()) {
        b.text("Không có.");
    } else {
        table t(b.root, {600, 1900, 2000, 1200, 1300, 2354});
        t.numeric[0] = true;
        t.head({"STT", "Loại", "Tệp", "Vị trí", "Đối tượng", "Nội dung"});
        std::size_t i = 0;
        for (const auto& p : doc.problems)
            t.add({std::to_string(++i), rd::problem_kind_label(p.kind).vi, p.source,
                   rd::problem_location(p.location, vi), p.subject, rd::problem_message(p, vi)});
    }
}

std::string serialise_children(const body& b) {
    string_writer w;
    for (pugi::xml_node c = b.root.first_child(); c; c = c.next_sibling()) c.print(w, "", pugi::format_raw);
    return w.out;
}

const char* const known_placeholders[] = {
    "governing_body", "issuing_body", "number",     "symbol",     "place", "day",        "month",
    "year",           "date",         "summary",    "addressees", "body",  "recipients", "signer_authority",
    "signer_title",   "signer_name",  "appendices", "period"};
const char* const required_placeholders[] = {"body", "appendices", "number", "summary", "signer_name"};
const char* const required_styles[] = {"DCBody",      "DCHeading1", "DCHeading2",   "DCTable",
                                       "DCTableHead", "DCCaption",  "DCAppendixNo", "DCAppendixTitle",
                                       "DCTableGrid", "TableNormal"};

} // namespace

std::string to_docx(const report::document& doc, const report_config& config, const docx_template& tpl_in) {
    report::validate(doc);
    // Check the template before filling it.
    const auto found = tpl_in.placeholders();
    for (const auto& f : found) {
        bool ok = false;
        for (const char* k : known_placeholders) ok = ok || f == k;
        if (!ok) {
            std::string list;
            for (const char* k : known_placeholders) list += (list.empty() ? "" : ", ") + std::string(k);
            throw error("office",
                        tpl_in.name() + ": unknown placeholder {{" + f + "}}: expected one of " + list);
        }
    }
    for (const char* r : required_placeholders)
        if (std::find(found.begin(), found.end(), r) == found.end())
            throw error("office",
                        tpl_in.name() + ": word/document.xml: the template has no {{" + std::string(r) +
                            "}} placeholder (docs/report.md lists the placeholders a template must hold)");
    const auto styles = tpl_in.styles();
    for (const char* s : required_styles)
        if (std::find(styles.begin(), styles.end(), s) == styles.end())
            throw error("office", tpl_in.name() +
                                      ": word/styles.xml: the template does not define the style \"" +
                                      std::string(s) + "\" (copy it from data/templates/report.docx)");

    // The template is filled in a copy: the caller's stays reusable.
    docx_template tpl = docx_template::from_bytes(tpl_in.save(), tpl_in.name());
    const std::string date = config.date.empty() ? doc.head.generated_on : config.date;
    const date_parts d = parts_of(date);
    const std::string summary = config.summary.empty()
                                    ? "Kết quả thực hiện dân chủ trong hoạt động của cơ quan, đơn vị " +
                                          period_phrase(doc.head.period.id)
                                    : config.summary;
    std::string addressees;
    for (std::size_t i = 0; i < config.addressees.size(); ++i)
        addressees += (i ? "; " : "") + config.addressees[i];

    body b;
    write_body(b, doc, config);
    tpl.set_block("body", serialise_children(b));
    body a;
    const std::string ref = "(Kèm theo Báo cáo số " +
                            (config.number.empty() ? std::string("      ") : number_line(config)) + "/" +
                            config.symbol + " ngày " + dmy(date) + " của " + sentence_case_body(doc) + ")";
    write_appendices(a, doc, ref);
    tpl.set_block("appendices", serialise_children(a));
    std::vector<std::string> recipients;
    for (std::size_t i = 0; i < config.recipients.size(); ++i) {
        std::string r = config.recipients[i];
        if (r.rfind("- ", 0) != 0) r = "- " + r;
        const char end = i + 1 == config.recipients.size() ? '.' : ';';
        if (r.back() != ';' && r.back() != '.') r += end;
        recipients.push_back(r);
    }
    const auto have = tpl.placeholders();
    if (std::find(have.begin(), have.end(), "recipients") != have.end())
        tpl.set_lines("recipients", recipients);
    tpl.set_text({{"governing_body", config.governing_body},
                  {"issuing_body", config.issuing_body},
                  {"number", number_line(config)},
                  {"symbol", config.symbol},
                  {"place", config.place},
                  {"day", d.day},
                  {"month", d.month},
                  {"year", d.year},
                  {"date", dmy(date)},
                  {"summary", summary},
                  {"addressees", addressees},
                  {"signer_authority", config.signer_authority},
                  {"signer_title", config.signer_title},
                  {"signer_name", config.signer_name},
                  {"period", doc.head.period.id}});
    return tpl.save();
}

std::string to_docx(const report::document& doc, const report_config& config, const std::string& data_dir) {
    const std::string path =
        config.template_path.empty() ? default_template_path(data_dir) : config.template_path;
    return to_docx(doc, config, docx_template::load(path));
}

} // namespace danchu::office
