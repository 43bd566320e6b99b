// Reading XLSX workbooks (ECMA-376 SpreadsheetML) with libzip and pugixml:
// the workbook's sheets, shared strings, inline strings, numbers, booleans,
// errors and dates (serials under a date number format, or t="d" cells).
// Every error names the file (and file!Sheet!C7) and what was expected.

#include <danchu/office/xlsx.hpp>

#include <pugixml.hpp>
#include <zip.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

namespace danchu::office {

const xlsx_cell* xlsx_sheet::find(std::uint32_t row, std::uint32_t col) const noexcept {
    const auto it =
        std::lower_bound(cells.begin(), cells.end(), std::make_pair(row, col),
                         [](const xlsx_cell& c, const std::pair<std::uint32_t, std::uint32_t>& k) {
                             return c.row != k.first ? c.row < k.first : c.col < k.second;
                         });
    return it != cells.end() && it->row == row && it->col == col ? &*it : nullptr;
}

const xlsx_sheet* xlsx_workbook::find(std::string_view name) const noexcept {
    for (const auto& s : sheets)
        if (s.name == name) return &s;
    return nullptr;
}

std::string cell_ref(std::uint32_t row, std::uint32_t col) {
    std::string letters;
    for (std::uint32_t c = col; c > 0; c = (c - 1) / 26)
        letters.insert(letters.begin(), char('A' + (c - 1) % 26));
    return letters + std::to_string(row);
}

namespace {

constexpr double max_serial = 2958465; // 9999-12-31

} // namespace

day_number day_of_serial(double serial) {
    if (!std::isfinite(serial) || serial < 1 || serial >= max_serial + 1)
        throw calendar_error("the number " + std::to_string(serial) +
                             " is not a date serial of Excel (1 = 1900-01-01 .. 2958465 = 9999-12-31)");
    const auto whole = static_cast<day_number>(std::floor(serial));
    if (whole == 60)
        throw calendar_error("the serial 60 is Excel's 29 February 1900, a day that does not exist");
    return whole < 60 ? days_from_civil(1899, 12, 31) + whole : days_from_civil(1899, 12, 30) + whole;
}

double serial_of_day(day_number d) {
    const day_number s = d - days_from_civil(1899, 12, 30);
    return s <= 60 ? static_cast<double>(s - 1) : static_cast<double>(s);
}

namespace {

/// The local part of an element name ("x:row" -> "row").
std::string_view local(const char* name) {
    std::string_view n(name);
    const std::size_t colon = n.find(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

/// The first child element with this local name.
pugi::xml_node child(pugi::xml_node n, std::string_view name) {
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && local(c.name()) == name) return c;
    return {};
}

/// The attribute with this local name ("r:id" for "id" in namespace r).
pugi::xml_attribute attr(pugi::xml_node n, std::string_view name) {
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute())
        if (local(a.name()) == name) return a;
    return {};
}

/// Concatenated text of the <t> elements below `n`, leaving out phonetic runs.
void collect_text(pugi::xml_node n, std::string& out) {
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        const auto l = local(c.name());
        if (l == "t")
            out += c.child_value();
        else if (l == "r")
            collect_text(c, out);
    }
}

/// True for a number format code that shows a date (d, m or y outside quotes,
/// brackets and escapes).
bool date_format_code(std::string_view code) {
    bool quoted = false, bracket = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (quoted) {
            quoted = c != '"';
            continue;
        }
        if (bracket) {
            bracket = c != ']';
            continue;
        }
        if (c == '"')
            quoted = true;
        else if (c == '[')
            bracket = true;
        else if (c == '\\' || c == '_' || c == '*')
            ++i;
        else if (c == 'd' || c == 'D' || c == 'y' || c == 'Y' || c == 'm' || c == 'M')
            return true;
    }
    return false;
}

bool builtin_date_format(unsigned id) {
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

struct zip_reader {
    zip_t* za = nullptr;
    const std::string& file;
    const xlsx_limits& limits;

    zip_reader(std::string_view bytes, const std::string& f, const xlsx_limits& l) : file(f), limits(l) {
        zip_error_t err;
        zip_error_init(&err);
        zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
        if (!src) {
            zip_error_fini(&err);
            throw parse_error(file, "", "cannot read the workbook (out of memory)");
        }
        za = zip_open_from_source(src, ZIP_RDONLY, &err);
        if (!za) {
            zip_source_free(src);
            const std::string why = zip_error_strerror(&err);
            zip_error_fini(&err);
            throw parse_error(file, "",
                              "not an XLSX workbook (" + why +
                                  "): expected an Excel workbook (.xlsx, a zip archive); save it from "
                                  "Excel as \"Excel Workbook (*.xlsx)\"");
        }
        zip_error_fini(&err);
    }
    ~zip_reader() {
        if (za) zip_discard(za);
    }
    zip_reader(const zip_reader&) = delete;
    zip_reader& operator=(const zip_reader&) = delete;

    /// The part's bytes; empty optional-like flag when absent.
    bool read(const std::string& name, std::string& out) const {
        const zip_int64_t i = zip_name_locate(za, name.c_str(), ZIP_FL_NOCASE);
        if (i < 0) return false;
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
            throw parse_error(file, name, "cannot read this part of the workbook");
        if (st.size > limits.max_part_bytes)
            throw parse_error(file, name,
                              "this part of the workbook is " + std::to_string(st.size) +
                                  " bytes uncompressed, more than the limit of " +
                                  std::to_string(limits.max_part_bytes));
        zip_file_t* f = zip_fopen_index(za, static_cast<zip_uint64_t>(i), 0);
        if (!f) throw parse_error(file, name, std::string("cannot open this part: ") + zip_strerror(za));
        out.assign(static_cast<std::size_t>(st.size), '\0');
        std::size_t got = 0;
        for (;;) {
            if (got == out.size()) {
                char probe;
                const zip_int64_t n = zip_fread(f, &probe, 1);
                zip_fclose(f);
                if (n != 0)
                    throw parse_error(file, name,
                                      "this part is longer than the archive says: a damaged file");
                break;
            }
            const zip_int64_t n = zip_fread(f, out.data() + got, out.size() - got);
            if (n < 0) {
                zip_fclose(f);
                throw parse_error(file, name, "this part cannot be decompressed: a damaged file");
            }
            if (n == 0) {
                zip_fclose(f);
                throw parse_error(file, name, "this part is shorter than the archive says: a damaged file");
            }
            got += static_cast<std::size_t>(n);
        }
        return true;
    }
};

pugi::xml_document parse_xml(const std::string& text, const std::string& file, const std::string& part) {
    pugi::xml_document doc;
    const pugi::xml_parse_result r =
        doc.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
    if (!r)
        throw parse_error(file, part,
                          std::string("malformed XML (") + r.description() + " at byte " +
                              std::to_string(r.offset) + "): a damaged workbook");
    return doc;
}

/// "xl/" + target, or the absolute target without its leading slash; ".." resolved.
std::string resolve_target(const std::string& base_dir, std::string target) {
    std::string path = !target.empty() && target[0] == '/' ? target.substr(1) : base_dir + target;
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        const std::string p = path.substr(start, slash - start);
        if (p == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!p.empty() && p != ".")
            parts.push_back(p);
        start = slash + 1;
    }
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
    return out;
}

bool parse_ref(std::string_view ref, std::uint32_t& row, std::uint32_t& col) {
    std::size_t i = 0;
    std::uint64_t c = 0, r = 0;
    while (i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) {
        c = c * 26 + static_cast<std::uint64_t>((ref[i] & ~0x20) - 'A' + 1);
        if (c > 16384) return false;
        ++i;
    }
    if (i == 0 || i == ref.size()) return false;
    for (; i < ref.size(); ++i) {
        if (ref[i] < '0' || ref[i] > '9') return false;
        r = r * 10 + static_cast<std::uint64_t>(ref[i] - '0');
        if (r > 1048576) return false;
    }
    if (r == 0) return false;
    row = static_cast<std::uint32_t>(r);
    col = static_cast<std::uint32_t>(c);
    return true;
}

bool parse_number(const char* s, double& out) {
    if (!s || !*s) return false;
    char* end = nullptr;
    out = std::strtod(s, &end);
    while (end && (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')) ++end;
    return end && *end == '\0' && std::isfinite(out);
}

} // namespace

xlsx_workbook read_xlsx_bytes(std::string_view bytes, const std::string& name, const xlsx_limits& limits) {
    const zip_reader z(bytes, name, limits);
    xlsx_workbook wb;
    wb.file = name;
    std::string text;

    // The workbook part: from the package relationships, else the usual place.
    std::string wb_path = "xl/workbook.xml";
    if (z.read("_rels/.rels", text)) {
        const auto rels = parse_xml(text, name, "_rels/.rels");
        for (pugi::xml_node r = child(rels, "Relationships").first_child(); r; r = r.next_sibling()) {
            const std::string_view type = attr(r, "Type").as_string();
            if (type.size() >= 14 && type.substr(type.size() - 14) == "officeDocument") {
                wb_path = resolve_target("", attr(r, "Target").as_string());
                break;
            }
        }
    }
    if (!z.read(wb_path, text))
        throw parse_error(name, "", "no workbook part (" + wb_path + "): expected an Excel workbook (.xlsx)");
    const auto wdoc = parse_xml(text, name, wb_path);
    const std::string base = wb_path.substr(0, wb_path.rfind('/') + 1);
    const std::string rels_path = base + "_rels/" + wb_path.substr(base.size()) + ".rels";
    std::vector<std::pair<std::string, std::string>> targets; // rel id -> part
    if (z.read(rels_path, text)) {
        const auto rels = parse_xml(text, name, rels_path);
        for (pugi::xml_node r = child(rels, "Relationships").first_child(); r; r = r.next_sibling())
            if (r.type() == pugi::node_element)
                targets.emplace_back(attr(r, "Id").as_string(),
                                     resolve_target(base, attr(r, "Target").as_string()));
    }

    // Shared strings.
    std::vector<std::string> shared;
    if (z.read(base + "sharedStrings.xml", text)) {
        const auto sdoc = parse_xml(text, name, base + "sharedStrings.xml");
        for (pugi::xml_node si = child(sdoc, "sst").first_child(); si; si = si.next_sibling()) {
            if (si.type() != pugi::node_element || local(si.name()) != "si") continue;
            std::string s;
            collect_text(si, s);
            shared.push_back(std::move(s));
        }
    }

    // Styles: which cell formats show dates.
    std::vector<bool> date_style;
    if (z.read(base + "styles.xml", text)) {
        const auto st = parse_xml(text, name, base + "styles.xml");
        const pugi::xml_node ss = child(st, "styleSheet");
        std::vector<std::pair<unsigned, bool>> custom;
        for (pugi::xml_node f = child(child(ss, "numFmts"), "numFmt"); f; f = f.next_sibling())
            if (f.type() == pugi::node_element)
                custom.emplace_back(attr(f, "numFmtId").as_uint(),
                                    date_format_code(attr(f, "formatCode").as_string()));
        for (pugi::xml_node xf = child(child(ss, "cellXfs"), "xf"); xf; xf = xf.next_sibling()) {
            if (xf.type() != pugi::node_element) continue;
            const unsigned id = attr(xf, "numFmtId").as_uint();
            bool is_date = builtin_date_format(id);
            for (const auto& [cid, d] : custom)
                if (cid == id) is_date = d;
            date_style.push_back(is_date);
            if (date_style.size() > 65536) break;
        }
    }

    std::uint64_t total = 0;
    const pugi::xml_node sheets = child(child(wdoc, "workbook"), "sheets");
    for (pugi::xml_node s = sheets.first_child(); s; s = s.next_sibling()) {
        if (s.type() != pugi::node_element || local(s.name()) != "sheet") continue;
        xlsx_sheet sh;
        sh.name = attr(s, "name").as_string();
        const std::string_view state = attr(s, "state").as_string();
        sh.hidden = state == "hidden" || state == "veryHidden";
        const std::string rid = attr(s, "id").as_string();
        std::string part;
        for (const auto& [id, t] : targets)
            if (id == rid) part = t;
        const std::string where = name + "!" + sh.name;
        if (part.empty())
            throw parse_error(where, "", "the sheet has no part in the workbook: a damaged file");
        if (!z.read(part, text)) throw parse_error(where, "", "the sheet's part " + part + " is missing");
        const auto sdoc = parse_xml(text, name, part);
        const pugi::xml_node data = child(child(sdoc, "worksheet"), "sheetData");
        std::uint32_t row = 0;
        for (pugi::xml_node r = data.first_child(); r; r = r.next_sibling()) {
            if (r.type() != pugi::node_element || local(r.name()) != "row") continue;
            if (const auto ra = attr(r, "r")) {
                const unsigned long long v = ra.as_ullong();
                if (v < 1 || v > 1048576)
                    throw parse_error(
                        where, "", std::string("row number \"") + ra.as_string() + "\": expected 1..1048576");
                row = static_cast<std::uint32_t>(v);
            } else
                ++row;
            std::uint32_t col = 0;
            for (pugi::xml_node c = r.first_child(); c; c = c.next_sibling()) {
                if (c.type() != pugi::node_element || local(c.name()) != "c") continue;
                std::uint32_t crow = row, ccol = col + 1;
                if (const auto ref = attr(c, "r")) {
                    if (!parse_ref(ref.as_string(), crow, ccol))
                        throw parse_error(where, "",
                                          std::string("cell reference \"") +
                                              danchu::detail::preview(ref.as_string()) +
                                              "\": expected a column and a row such as C7");
                }
                if (ccol > 16384) throw parse_error(where, "", "more than 16384 columns");
                col = ccol;
                const std::string at = where + "!" + cell_ref(crow, ccol);
                xlsx_cell cell;
                cell.row = crow;
                cell.col = ccol;
                const std::string_view t = attr(c, "t").as_string();
                const pugi::xml_node v = child(c, "v");
                if (t == "inlineStr") {
                    collect_text(child(c, "is"), cell.text);
                    if (cell.text.empty()) continue;
                } else if (!v || *v.child_value() == '\0') {
                    // A formula nobody computed (a workbook written by a script):
                    // its value is unknown, which must not pass for an empty cell.
                    const pugi::xml_node f = child(c, "f");
                    if (!f || std::string_view(f.child_value()).empty()) continue;
                    cell.kind = xlsx_cell::type::error;
                    cell.text = std::string("the formula =") + danchu::detail::preview(f.child_value()) +
                                " without a computed value (open and save the workbook in Excel, or type "
                                "the value)";
                } else if (t == "s") {
                    const char* sv = v.child_value();
                    double idx = 0;
                    if (!parse_number(sv, idx) || idx < 0 || idx != std::floor(idx) ||
                        idx >= static_cast<double>(shared.size()))
                        throw parse_error(at, "",
                                          std::string("shared string \"") + danchu::detail::preview(sv) +
                                              "\": expected an index below " + std::to_string(shared.size()) +
                                              ": a damaged file");
                    cell.text = shared[static_cast<std::size_t>(idx)];
                    if (cell.text.empty()) continue;
                } else if (t == "str") {
                    cell.text = v.child_value();
                    if (cell.text.empty()) continue;
                } else if (t == "b") {
                    const std::string_view bv = v.child_value();
                    if (bv != "0" && bv != "1")
                        throw parse_error(at, "",
                                          "boolean \"" + danchu::detail::preview(bv) + "\": expected 0 or 1");
                    cell.kind = xlsx_cell::type::boolean;
                    cell.number = bv == "1" ? 1 : 0;
                } else if (t == "e") {
                    cell.kind = xlsx_cell::type::error;
                    cell.text = v.child_value();
                } else if (t == "d") {
                    const std::string dv = v.child_value();
                    const auto d = danchu::detail::parse_iso(std::string_view(dv).substr(0, 10));
                    if (!d)
                        throw parse_error(at, "",
                                          "date \"" + danchu::detail::preview(dv) +
                                              "\": expected an ISO 8601 date");
                    cell.kind = xlsx_cell::type::date;
                    cell.number = serial_of_day(*d);
                } else if (t.empty() || t == "n") {
                    if (!parse_number(v.child_value(), cell.number))
                        throw parse_error(at, "",
                                          std::string("number \"") +
                                              danchu::detail::preview(v.child_value()) +
                                              "\": expected a number");
                    const unsigned s_idx = attr(c, "s").as_uint();
                    cell.kind = s_idx < date_style.size() && date_style[s_idx] ? xlsx_cell::type::date
                                                                               : xlsx_cell::type::number;
                } else {
                    throw parse_error(at, "",
                                      "cell type \"" + danchu::detail::preview(t) +
                                          "\": expected s, str, inlineStr, b, e, d or n");
                }
                if (++total > limits.max_cells)
                    throw parse_error(name, "",
                                      "more than " + std::to_string(limits.max_cells) +
                                          " cells: the workbook is too large");
                sh.cells.push_back(std::move(cell));
            }
        }
        std::stable_sort(sh.cells.begin(), sh.cells.end(), [](const xlsx_cell& a, const xlsx_cell& b) {
            return a.row != b.row ? a.row < b.row : a.col < b.col;
        });
        // A cell given twice: the last one wins, as in Excel.
        std::vector<xlsx_cell> unique;
        unique.reserve(sh.cells.size());
        for (auto& c : sh.cells) {
            if (!unique.empty() && unique.back().row == c.row && unique.back().col == c.col)
                unique.back() = std::move(c);
            else
                unique.push_back(std::move(c));
        }
        sh.cells = std::move(unique);
        for (const auto& other : wb.sheets)
            if (other.name == sh.name) throw parse_error(where, "", "two sheets have this name");
        wb.sheets.push_back(std::move(sh));
    }
    if (wb.sheets.empty()) throw parse_error(name, "", "the workbook has no sheet");
    return wb;
}

xlsx_workbook read_xlsx(const std::string& path, const xlsx_limits& limits) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw parse_error(path, "", "cannot open the file");
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0) throw parse_error(path, "", "cannot read the file");
    if (static_cast<std::uint64_t>(size) > 4 * limits.max_part_bytes)
        throw parse_error(path, "",
                          "the file is " + std::to_string(size) + " bytes, more than the limit of " +
                              std::to_string(4 * limits.max_part_bytes));
    in.seekg(0);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    if (!in.read(bytes.data(), size)) throw parse_error(path, "", "cannot read the file");
    return read_xlsx_bytes(bytes, path, limits);
}

} // namespace danchu::office
