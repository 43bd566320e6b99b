// Evidence workbooks (issue 13, item 1): the XLSX a Department sends each unit,
// one sheet per event kind of data/events/kinds.json, and the reader that
// turns a filled workbook into the same event_log records as JSON and CSV.
// Layout (docs/evidence.md, "Evidence workbooks"): row 1 the kind's title,
// row 2 the Vietnamese column headers, row 3 the field ids the reader goes by,
// data from row 4.

#include <danchu/office/xlsx.hpp>

#include "xlsx_util.hpp"

#include <danchu/evidence/event_csv.hpp>
#include <danchu/evidence/event_io.hpp>
#include <danchu/io/detail/date_text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>

namespace danchu::office {

namespace {

constexpr const char* instructions_sheet = "HuongDan";
constexpr const char* nones_sheet = "KhongPhatSinh";
constexpr const char* lists_sheet = "DanhMuc";
constexpr lxw_row_t header_rows = 3; // title, Vietnamese headers, field ids

/// The columns of an event sheet for a kind: unit, date, the fields that fit
/// a cell (a list of objects does not: JSON), id, note.
struct column {
    std::string id;
    std::size_t field = event_kind::npos; ///< index into the kind's fields
};

std::vector<column> columns_of(const event_kind& k) {
    std::vector<column> cols{{"unit"}, {"date"}};
    for (std::size_t f = 0; f < k.fields.size(); ++f) {
        const auto& fd = k.fields[f];
        if (fd.type == event_field_type::list && fd.item_type == event_field_type::object) continue;
        cols.push_back({fd.name, f});
    }
    cols.push_back({"id"});
    cols.push_back({"note"});
    return cols;
}

std::string truncate_utf8(const std::string& s, std::size_t bytes) { return xl::cell_text(s, bytes); }

std::string sheet_name_of(std::string id) {
    if (id.size() > 31) id.resize(31);
    return id;
}

} // namespace

std::vector<std::string> events_sheet_names(const event_kinds& kinds) {
    std::vector<std::string> names;
    for (const auto& k : kinds.kinds()) {
        std::string n = sheet_name_of(k.id);
        for (int i = 2; std::find(names.begin(), names.end(), n) != names.end(); ++i) {
            const std::string suffix = "~" + std::to_string(i);
            n = sheet_name_of(k.id).substr(0, 31 - suffix.size()) + suffix;
        }
        names.push_back(n);
    }
    return names;
}

void write_events_workbook(const std::string& path, const event_kinds& kinds, const organisation& org,
                           const std::vector<std::size_t>& units, const events_workbook_options& opt) {
    if (units.empty()) throw argument_error("write_events_workbook: no unit given");
    for (std::size_t u : units)
        if (u >= org.size()) throw argument_error("write_events_workbook: unit index out of range");
    if (opt.rows < 1 || opt.rows > 10000)
        throw argument_error("write_events_workbook: rows " + std::to_string(opt.rows) +
                             ": expected 1..10000");
    std::vector<std::size_t> chosen;
    for (const auto& id : opt.kinds) {
        const std::size_t k = kinds.find(id);
        if (k == event_kinds::npos)
            throw argument_error("write_events_workbook: unknown event kind \"" + id + "\"");
        chosen.push_back(k);
    }
    if (chosen.empty())
        for (std::size_t k = 0; k < kinds.kinds().size(); ++k) chosen.push_back(k);
    const auto names = events_sheet_names(kinds);

    xl::workbook wb(path);
    lxw_format* title = wb.format();
    format_set_bold(title);
    format_set_font_size(title, 13);
    lxw_format* head = wb.format();
    format_set_bold(head);
    format_set_text_wrap(head);
    format_set_align(head, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(head, 0xDDEBF7);
    format_set_border(head, LXW_BORDER_THIN);
    lxw_format* ids = wb.format();
    format_set_font_color(ids, 0x808080);
    format_set_italic(ids);
    format_set_font_size(ids, 9);
    format_set_bg_color(ids, 0xF2F2F2);
    lxw_format* text_in = wb.format();
    format_set_unlocked(text_in);
    format_set_num_format(text_in, "@");
    lxw_format* general_in = wb.format();
    format_set_unlocked(general_in);
    lxw_format* date_in = wb.format();
    format_set_unlocked(date_in);
    format_set_num_format(date_in, "dd/mm/yyyy");
    lxw_format* int_in = wb.format();
    format_set_unlocked(int_in);
    format_set_num_format(int_in, "0");
    lxw_format* wrap = wb.format();
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

    lxw_protection prot{};
    prot.format_columns = LXW_TRUE;
    prot.format_rows = LXW_TRUE;
    prot.autofilter = LXW_TRUE;
    prot.sort = LXW_TRUE;

    // --- instructions
    lxw_worksheet* hd = wb.sheet(instructions_sheet);
    worksheet_set_column(hd, 0, 0, 28, nullptr);
    worksheet_set_column(hd, 1, 1, 60, wrap);
    worksheet_set_column(hd, 2, 3, 40, wrap);
    lxw_row_t r = 0;
    xl::put(hd, r++, 0, "Sổ ghi sự kiện thực hiện dân chủ ở cơ sở", title);
    if (!opt.title.empty()) xl::put(hd, r++, 0, opt.title, nullptr);
    const char* lines[] = {
        "Mỗi trang tính là một loại sự kiện (hội nghị, công khai, báo cáo...): mỗi sự kiện ghi một dòng, từ "
        "dòng 4.",
        "Dòng 2 là tên cột bằng tiếng Việt; dòng 3 là mã cột mà danchu đọc: không sửa, không xoá ba dòng đầu "
        "(đã khoá).",
        "Cột \"unit\" đã điền sẵn mã đơn vị; cột \"date\" là ngày của sự kiện, ghi theo dạng dd/mm/yyyy (ví "
        "dụ "
        "09/05/2018).",
        "Ô có danh sách thả xuống: chọn một giá trị trong danh sách. Có/không: chọn \"có\" hoặc \"không\".",
        "Ô ghi nhiều giá trị (danh sách): các giá trị cách nhau bởi dấu chấm phẩy (;).",
        "Dòng chỉ có mã đơn vị (chưa ghi gì khác) được bỏ qua.",
        "Trang \"KhongPhatSinh\": khai báo trong khoảng thời gian nào không có sự kiện của một loại (từ "
        "ngày, "
        "đến ngày). Không ghi gì thì là chưa báo cáo, không phải là không có.",
        "Ghi xong, gửi lại tệp này (giữ định dạng .xlsx). danchu đọc tệp và báo lỗi theo ô, ví dụ "
        "tep.xlsx!conference_held!C7.",
    };
    for (const char* l : lines) xl::put(hd, r++, 0, std::string("• ") + l, nullptr);
    ++r;
    xl::put(hd, r, 0, "Mã đơn vị", head);
    xl::put(hd, r, 1, "Tên đơn vị", head);
    xl::put(hd, r, 2, "Huyện", head);
    xl::put(hd, r++, 3, "Lĩnh vực", head);
    for (std::size_t u : units) {
        const auto& un = org[u];
        xl::put(hd, r, 0, un.id, nullptr);
        xl::put(hd, r, 1, un.name, wrap);
        const auto d = un.labels.find("district");
        if (d != un.labels.end()) xl::put(hd, r, 2, d->second, wrap);
        const auto s = un.labels.find("sector");
        if (s != un.labels.end()) xl::put(hd, r, 3, s->second, wrap);
        ++r;
    }
    ++r;
    xl::put(hd, r, 0, "Trang tính", head);
    xl::put(hd, r, 1, "Loại sự kiện", head);
    xl::put(hd, r++, 2, "Ngày của sự kiện là", head);
    for (std::size_t k : chosen) {
        xl::put(hd, r, 0, names[k], nullptr);
        xl::put(hd, r, 1, kinds[k].title.vi, wrap);
        xl::put(hd, r++, 2, kinds[k].date_means.vi, wrap);
    }
    worksheet_protect(hd, nullptr, &prot);

    // --- the lists (hidden): units, kinds and their sheets, enumerations.
    lxw_worksheet* ls = nullptr; // added last, so it comes after the event sheets
    struct list_col {
        std::vector<std::string> values;
    };
    std::vector<list_col> lists; // column 3 onwards of the lists sheet
    auto list_formula = [&](std::size_t col, std::size_t n) {
        const std::string letter = cell_ref(1, static_cast<std::uint32_t>(col + 1));
        const std::string c = letter.substr(0, letter.size() - 1);
        return std::string("=") + lists_sheet + "!$" + c + "$2:$" + c + "$" + std::to_string(n + 1);
    };
    auto enum_list = [&](const std::vector<std::string>& values) {
        for (std::size_t i = 0; i < lists.size(); ++i)
            if (lists[i].values == values) return i + 3;
        lists.push_back({values});
        return lists.size() + 2;
    };

    const lxw_row_t first = header_rows, last = header_rows + static_cast<lxw_row_t>(opt.rows) - 1;
    char yes[] = "có", no[] = "không";
    char* yes_no[] = {yes, no, nullptr};
    auto validate_unit = [&](lxw_worksheet* ws, lxw_col_t c) {
        lxw_data_validation v{};
        v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        const std::string f = list_formula(0, units.size());
        v.value_formula = const_cast<char*>(f.c_str());
        v.error_title = const_cast<char*>("Mã đơn vị");
        v.error_message = const_cast<char*>("Chọn mã đơn vị trong danh sách.");
        worksheet_data_validation_range(ws, first, c, last, c, &v);
    };
    auto validate_date = [&](lxw_worksheet* ws, lxw_col_t c, const std::string& what) {
        lxw_data_validation v{};
        v.validate = LXW_VALIDATION_TYPE_DATE;
        v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v.minimum_datetime = lxw_datetime{1990, 1, 1, 0, 0, 0};
        v.maximum_datetime = lxw_datetime{2100, 12, 31, 0, 0, 0};
        const std::string t = truncate_utf8(what, 30), m = truncate_utf8(what + " (dd/mm/yyyy)", 250);
        v.input_title = const_cast<char*>(t.c_str());
        v.input_message = const_cast<char*>(m.c_str());
        v.error_title = const_cast<char*>("Ngày");
        v.error_message = const_cast<char*>("Ghi một ngày dd/mm/yyyy, từ 01/01/1990 đến 31/12/2100.");
        worksheet_data_validation_range(ws, first, c, last, c, &v);
    };

    auto add_headers = [&](lxw_worksheet* ws, lxw_col_t c, const std::string& vi, const std::string& id) {
        xl::put(ws, 1, c, vi, head);
        xl::put(ws, 2, c, id, ids);
    };

    for (std::size_t k : chosen) {
        const event_kind& kd = kinds[k];
        lxw_worksheet* ws = wb.sheet(names[k]);
        const auto cols = columns_of(kd);
        xl::put(ws, 0, 0, kd.title.vi + " (" + kd.id + ")", title);
        worksheet_set_row(ws, 1, 60, nullptr);
        for (lxw_col_t c = 0; c < cols.size(); ++c) {
            const column& col = cols[c];
            if (col.id == "unit") {
                add_headers(ws, c, "Mã đơn vị", "unit");
                worksheet_set_column(ws, c, c, 16, text_in);
                validate_unit(ws, c);
            } else if (col.id == "date") {
                add_headers(ws, c, "Ngày (dd/mm/yyyy): " + kd.date_means.vi + " (bắt buộc)", "date");
                worksheet_set_column(ws, c, c, 14, date_in);
                validate_date(ws, c, "Ngày của sự kiện");
            } else if (col.id == "id") {
                add_headers(ws, c, "Mã sự kiện (không bắt buộc; để sự kiện khác tham chiếu)", "id");
                worksheet_set_column(ws, c, c, 14, text_in);
            } else if (col.id == "note") {
                add_headers(ws, c, "Ghi chú", "note");
                worksheet_set_column(ws, c, c, 30, text_in);
            } else {
                const event_field& f = kd.fields[col.field];
                std::string vi = f.description.vi.empty() ? f.name : f.description.vi;
                if (f.required) vi += " (bắt buộc)";
                if (f.type == event_field_type::list) vi += " (nhiều giá trị, cách nhau bởi ;)";
                add_headers(ws, c, vi, f.name);
                lxw_data_validation v{};
                std::string formula;
                const std::string tip = truncate_utf8(f.description.vi, 250);
                v.input_message = const_cast<char*>(tip.c_str());
                switch (f.type) {
                case event_field_type::date:
                    worksheet_set_column(ws, c, c, 14, date_in);
                    validate_date(ws, c, f.description.vi);
                    continue;
                case event_field_type::integer:
                    worksheet_set_column(ws, c, c, 12, int_in);
                    v.validate = LXW_VALIDATION_TYPE_INTEGER;
                    v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
                    v.minimum_number = f.minimum ? *f.minimum : -1e9;
                    v.maximum_number = f.maximum ? *f.maximum : 1e9;
                    v.error_message = const_cast<char*>("Ghi một số nguyên trong khoảng cho phép.");
                    break;
                case event_field_type::number:
                    worksheet_set_column(ws, c, c, 12, general_in);
                    v.validate = LXW_VALIDATION_TYPE_DECIMAL;
                    v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
                    v.minimum_number = f.minimum ? *f.minimum : -1e12;
                    v.maximum_number = f.maximum ? *f.maximum : 1e12;
                    break;
                case event_field_type::boolean:
                    worksheet_set_column(ws, c, c, 10, text_in);
                    v.validate = LXW_VALIDATION_TYPE_LIST;
                    v.value_list = yes_no;
                    v.error_message = const_cast<char*>("Chọn \"có\" hoặc \"không\".");
                    break;
                case event_field_type::enumeration:
                    worksheet_set_column(ws, c, c, 18, text_in);
                    v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
                    formula = list_formula(enum_list(f.values), f.values.size());
                    v.value_formula = const_cast<char*>(formula.c_str());
                    v.error_message = const_cast<char*>("Chọn một giá trị trong danh sách.");
                    break;
                default: worksheet_set_column(ws, c, c, 24, text_in); break;
                }
                if (v.validate != 0) worksheet_data_validation_range(ws, first, c, last, c, &v);
            }
        }
        if (units.size() == 1)
            for (lxw_row_t row = first; row <= last; ++row) xl::put(ws, row, 0, org[units[0]].id, text_in);
        worksheet_freeze_panes(ws, header_rows, 1);
        worksheet_autofilter(ws, 2, 0, last, static_cast<lxw_col_t>(cols.size() - 1));
        worksheet_protect(ws, nullptr, &prot);
    }

    // --- declared nones
    {
        lxw_worksheet* ws = wb.sheet(nones_sheet);
        xl::put(ws, 0, 0, "Khai báo không phát sinh sự kiện trong một khoảng thời gian", title);
        worksheet_set_row(ws, 1, 45, nullptr);
        add_headers(ws, 0, "Mã đơn vị", "unit");
        add_headers(ws, 1, "Loại sự kiện (mã, xem trang HuongDan)", "kind");
        add_headers(ws, 2, "Từ ngày (dd/mm/yyyy)", "from");
        add_headers(ws, 3, "Đến ngày (dd/mm/yyyy)", "to");
        add_headers(ws, 4, "Ghi chú", "note");
        worksheet_set_column(ws, 0, 0, 16, text_in);
        worksheet_set_column(ws, 1, 1, 34, text_in);
        worksheet_set_column(ws, 2, 3, 14, date_in);
        worksheet_set_column(ws, 4, 4, 30, text_in);
        validate_unit(ws, 0);
        lxw_data_validation v{};
        v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        const std::string f = list_formula(1, chosen.size());
        v.value_formula = const_cast<char*>(f.c_str());
        worksheet_data_validation_range(ws, first, 1, last, 1, &v);
        validate_date(ws, 2, "Từ ngày");
        validate_date(ws, 3, "Đến ngày");
        if (units.size() == 1)
            for (lxw_row_t row = first; row <= last; ++row) xl::put(ws, row, 0, org[units[0]].id, text_in);
        worksheet_freeze_panes(ws, header_rows, 1);
        worksheet_autofilter(ws, 2, 0, last, 4);
        worksheet_protect(ws, nullptr, &prot);
    }

    ls = wb.sheet(lists_sheet);
    xl::put(ls, 0, 0, "unit");
    xl::put(ls, 0, 1, "kind");
    xl::put(ls, 0, 2, "sheet");
    for (std::size_t i = 0; i < units.size(); ++i)
        xl::put(ls, static_cast<lxw_row_t>(i + 1), 0, org[units[i]].id);
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        xl::put(ls, static_cast<lxw_row_t>(i + 1), 1, kinds[chosen[i]].id);
        xl::put(ls, static_cast<lxw_row_t>(i + 1), 2, names[chosen[i]]);
    }
    for (std::size_t l = 0; l < lists.size(); ++l) {
        xl::put(ls, 0, static_cast<lxw_col_t>(l + 3), "values");
        for (std::size_t i = 0; i < lists[l].values.size(); ++i)
            xl::put(ls, static_cast<lxw_row_t>(i + 1), static_cast<lxw_col_t>(l + 3), lists[l].values[i]);
    }
    worksheet_hide(ls);
    worksheet_protect(ls, nullptr, &prot);
    worksheet_activate(hd);
    wb.close();
}

std::string events_workbook_bytes(const event_kinds& kinds, const organisation& org,
                                  const std::vector<std::size_t>& units, const events_workbook_options& opt) {
    return xl::workbook_bytes(
        [&](const std::string& p) { write_events_workbook(p, kinds, org, units, opt); });
}

// --- reading ---------------------------------------------------------------

namespace {

std::string number_text(double x) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.15g", x);
    return buf;
}

/// A cell as the text the CSV reader would see.
std::string cell_as_text(const xlsx_cell& c) {
    switch (c.kind) {
    case xlsx_cell::type::text: return c.text;
    case xlsx_cell::type::number: return number_text(c.number);
    case xlsx_cell::type::date: return to_iso(day_of_serial(c.number));
    case xlsx_cell::type::boolean: return c.number != 0 ? "true" : "false";
    case xlsx_cell::type::error: return c.text;
    }
    return c.text;
}

std::string trimmed(const std::string& s) { return std::string(danchu::detail::trim(s)); }

/// A date cell: a date (or a number) is a serial; text is dd/mm/yyyy or ISO.
day_number cell_date(const xlsx_cell& c, const std::string& at, const std::string& what) {
    try {
        if (c.kind == xlsx_cell::type::date || c.kind == xlsx_cell::type::number)
            return day_of_serial(c.number);
        if (c.kind == xlsx_cell::type::text) return danchu::detail::parse_date_text(trimmed(c.text), what);
    } catch (const calendar_error& e) {
        throw parse_error(at, "", e.what());
    }
    throw parse_error(at, "", what + ": expected a date (dd/mm/yyyy)");
}

/// An error cell (an Excel error value, an uncomputed formula) holds no value.
void check_not_error(const xlsx_cell& c, const std::string& at, const std::string& what) {
    if (c.kind != xlsx_cell::type::error) return;
    throw parse_error(
        at, "",
        what + ": the cell holds " +
            (c.text.rfind('#', 0) == 0 ? "the Excel error " + danchu::detail::preview(c.text) : c.text) +
            ": expected a value");
}

event_value cell_value(const event_field& f, const xlsx_cell& c, const std::string& at) {
    check_not_error(c, at, "field \"" + f.name + "\"");
    if (f.type == event_field_type::date) {
        event_value v;
        v.present = true;
        v.number = cell_date(c, at, "field \"" + f.name + "\"");
        return v;
    }
    if (f.type == event_field_type::boolean && c.kind == xlsx_cell::type::number && c.number != 0 &&
        c.number != 1)
        throw parse_error(at, "", "field \"" + f.name + "\": expected có or không (true or false)");
    if ((f.type == event_field_type::integer || f.type == event_field_type::number) &&
        c.kind == xlsx_cell::type::boolean)
        throw parse_error(at, "", "field \"" + f.name + "\": expected a number, found a true/false cell");
    return danchu::detail::event_value_from_text(f, f.type, cell_as_text(c), at, "");
}

/// The column id of column `c` (which is in the header).
const std::string& header_at(const std::vector<std::pair<std::uint32_t, std::string>>& header,
                             std::uint32_t c) {
    for (const auto& h : header)
        if (h.first == c) return h.second;
    static const std::string none;
    return none;
}

const char* issue_kind(const std::string& m) {
    return m.find("unknown event kind") != std::string::npos ? "unknown_kind"
           : m.find("unknown field") != std::string::npos    ? "unknown_field"
           : m.find("missing required") != std::string::npos ? "missing_field"
                                                             : "invalid_value";
}

std::string base_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

} // namespace

void add_events_xlsx(event_log_builder& b, const event_kinds& kinds, const xlsx_workbook& wb,
                     std::vector<event_issue>* issues) {
    const std::string& file = wb.file;
    // Which sheet holds which kind: the lists sheet says; else the sheet's name is the kind id.
    std::map<std::string, std::string> kind_of_sheet;
    if (const xlsx_sheet* ls = wb.find(lists_sheet)) {
        std::uint32_t kc = 0, sc = 0;
        for (const auto& c : ls->cells)
            if (c.row == 1 && c.kind == xlsx_cell::type::text) {
                if (c.text == "kind") kc = c.col;
                if (c.text == "sheet") sc = c.col;
            }
        if (kc && sc)
            for (std::uint32_t r = 2; r <= ls->last_row(); ++r) {
                const xlsx_cell* k = ls->find(r, kc);
                const xlsx_cell* s = ls->find(r, sc);
                if (k && s) kind_of_sheet[cell_as_text(*s)] = cell_as_text(*k);
            }
    }
    auto fail = [&](const std::string& at, const std::string& unit, const std::string& m) {
        if (!issues) throw parse_error(at, "", m);
        issues->push_back(
            {issue_kind(m), file, at.substr(std::min(at.size(), file.size() + 1)), unit, at + ": " + m});
    };

    for (const xlsx_sheet& sh : wb.sheets) {
        if (sh.name == instructions_sheet || sh.name == lists_sheet) continue;
        const std::string where = file + "!" + sh.name;
        const bool nones = sh.name == nones_sheet;
        std::string kind_id;
        if (!nones) {
            const auto it = kind_of_sheet.find(sh.name);
            kind_id = it != kind_of_sheet.end() ? it->second : sh.name;
        }
        const std::size_t k = nones ? event_kinds::npos : kinds.find(kind_id);
        if (!nones && k == event_kinds::npos) {
            if (sh.cells.empty()) continue;
            fail(where, "",
                 "unknown event kind \"" + danchu::detail::preview(kind_id) +
                     "\": a sheet is an event kind of data/events/kinds.json (see the sheet HuongDan), "
                     "KhongPhatSinh, HuongDan or DanhMuc");
            continue;
        }
        // The header row: the row whose column A reads "unit" (row 3 in danchu's workbooks).
        std::uint32_t hrow = 0;
        for (std::uint32_t r = 1; r <= std::min<std::uint32_t>(10, sh.last_row()) && !hrow; ++r)
            if (const xlsx_cell* a = sh.find(r, 1);
                a && a->kind == xlsx_cell::type::text && trimmed(a->text) == "unit")
                hrow = r;
        if (!hrow) {
            if (sh.cells.empty()) continue;
            fail(where + "!A3", "", "expected the row of column ids starting \"unit\" (rows 1 to 10)");
            continue;
        }
        std::vector<std::pair<std::uint32_t, std::string>> header;
        for (const auto& c : sh.cells)
            if (c.row == hrow) header.emplace_back(c.col, trimmed(cell_as_text(c)));
        try {
            for (std::size_t i = 0; i < header.size(); ++i)
                for (std::size_t j = 0; j < i; ++j)
                    if (header[i].second == header[j].second)
                        throw parse_error(where + "!" + cell_ref(hrow, header[i].first), "",
                                          "column \"" + header[i].second + "\" appears twice");
            auto col_of = [&](const char* id) -> std::uint32_t {
                for (const auto& [c, h] : header)
                    if (h == id) return c;
                return 0;
            };
            const std::vector<const char*> needed =
                nones ? std::vector<const char*>{"unit", "kind", "from", "to"}
                      : std::vector<const char*>{"unit", "date"};
            for (const char* n : needed)
                if (!col_of(n))
                    throw parse_error(where + "!" + cell_ref(hrow, 1), "",
                                      std::string("expected a column \"") + n +
                                          "\" in the row of column ids");
            for (const auto& [c, h] : header) {
                if (h == "unit" || h == "note" || (nones && (h == "kind" || h == "from" || h == "to")) ||
                    (!nones && (h == "date" || h == "id")))
                    continue;
                if (!nones && kinds[k].find_field(h) != event_kind::npos) continue;
                throw parse_error(where + "!" + cell_ref(hrow, c), "",
                                  "unknown field \"" + danchu::detail::preview(h) + "\"" +
                                      (nones ? std::string(": expected unit, kind, from, to or note")
                                             : " for kind \"" + kinds[k].id + "\""));
            }
        } catch (const parse_error& e) {
            if (!issues) throw;
            issues->push_back({issue_kind(e.what()), file, sh.name, "", e.what()});
            continue;
        }

        for (std::uint32_t r = hrow + 1; r <= sh.last_row(); ++r) {
            std::vector<std::pair<std::uint32_t, const xlsx_cell*>> row;
            bool content = false;
            std::string unit;
            for (const auto& [c, h] : header)
                if (const xlsx_cell* cell = sh.find(r, c)) {
                    if (cell->kind == xlsx_cell::type::text && trimmed(cell->text).empty()) continue;
                    row.emplace_back(c, cell);
                    if (h == "unit")
                        unit = trimmed(cell_as_text(*cell));
                    else
                        content = true;
                }
            // A cell outside the header's columns is data that would be lost.
            const std::string row_at = where + "!" + cell_ref(r, 1);
            try {
                for (const auto& [c, cell] : row)
                    for (const auto& [hc, h] : header)
                        if (hc == c)
                            check_not_error(*cell, where + "!" + cell_ref(r, c), "column \"" + h + "\"");
                for (auto it =
                         std::lower_bound(sh.cells.begin(), sh.cells.end(), r,
                                          [](const xlsx_cell&c, std::uint32_t rr) { return c.row < rr; });
                     it != sh.cells.end() && it->row == r; ++it) {
                    const bool known = std::any_of(header.begin(), header.end(),
                                                   [&](const auto& h) { return h.first == it->col; });
                    if (!known && !(it->kind == xlsx_cell::type::text && trimmed(it->text).empty()))
                        throw parse_error(where + "!" + cell_ref(r, it->col), "",
                                          "a value in a column without a column id (row " +
                                              std::to_string(hrow) +
                                              "): expected it in a column of the kind");
                }
                if (!content) continue; // only the prefilled unit: an unused row
                if (unit.empty()) throw parse_error(row_at, "", "empty unit: expected a unit id");
                const event_origin origin{file, sh.name + "!" + cell_ref(r, 1)};
                if (nones) {
                    declared_none n;
                    n.unit = unit;
                    for (const auto& [c, cell] : row) {
                        const std::string at = where + "!" + cell_ref(r, c);
                        const std::string& h = header_at(header, c);
                        if (h == "kind")
                            n.kind = trimmed(cell_as_text(*cell));
                        else if (h == "from")
                            n.from = cell_date(*cell, at, "from");
                        else if (h == "to")
                            n.to = cell_date(*cell, at, "to");
                        else if (h == "note")
                            n.note = cell_as_text(*cell);
                    }
                    for (const char* need : {"kind", "from", "to"}) {
                        std::uint32_t c = 0;
                        for (const auto& [hc, h] : header)
                            if (h == need) c = hc;
                        if (!sh.find(r, c))
                            throw parse_error(where + "!" + cell_ref(r, c), "",
                                              std::string("empty ") + need + ": expected a value");
                    }
                    n.source.file = base_name(file);
                    n.source.sheet = sh.name;
                    n.source.row = r;
                    b.add_none(std::move(n), origin);
                    continue;
                }
                const event_kind& kd = kinds[k];
                event e;
                e.unit = unit;
                e.kind = kd.id;
                e.values.resize(kd.fields.size());
                bool dated = false;
                for (const auto& [c, cell] : row) {
                    const std::string at = where + "!" + cell_ref(r, c);
                    const std::string& h = header_at(header, c);
                    if (h == "unit") continue;
                    if (h == "date") {
                        e.date = cell_date(*cell, at, "date");
                        dated = true;
                    } else if (h == "id")
                        e.id = trimmed(cell_as_text(*cell));
                    else if (h == "note")
                        e.note = cell_as_text(*cell);
                    else {
                        const std::size_t f = kd.find_field(h);
                        e.values[f] = cell_value(kd.fields[f], *cell, at);
                    }
                }
                if (!dated)
                    throw parse_error(where + "!" + cell_ref(r, 2), "",
                                      "empty date: expected the date of the event (dd/mm/yyyy)");
                for (std::size_t f = 0; f < kd.fields.size(); ++f)
                    if (kd.fields[f].required && !e.values[f].present)
                        throw parse_error(row_at, "",
                                          "missing required field \"" + kd.fields[f].name + "\" of kind \"" +
                                              kd.id + "\"");
                e.source.file = base_name(file);
                e.source.sheet = sh.name;
                e.source.row = r;
                b.add(std::move(e), origin);
            } catch (const parse_error& x) {
                if (!issues) throw;
                const std::string m = x.what();
                const std::string loc =
                    x.file().size() > file.size() ? x.file().substr(file.size() + 1) : sh.name;
                issues->push_back({issue_kind(m), file, loc, unit, m});
            }
        }
    }
}

void add_events_xlsx_file(event_log_builder& b, const event_kinds& kinds, const std::string& path,
                          std::vector<event_issue>* issues) {
    add_events_xlsx(b, kinds, read_xlsx(path), issues);
}

namespace {

nlohmann::json value_json(const event_field& f, event_field_type type, const event_value& v) {
    switch (type) {
    case event_field_type::date: return to_iso(static_cast<day_number>(v.number));
    case event_field_type::integer: return static_cast<long long>(v.number);
    case event_field_type::number: return v.number;
    case event_field_type::boolean: return v.number != 0;
    case event_field_type::string: return v.text;
    case event_field_type::enumeration: {
        const auto i = static_cast<std::size_t>(v.number);
        return i < f.values.size() ? nlohmann::json(f.values[i]) : nlohmann::json();
    }
    case event_field_type::list: {
        nlohmann::json a = nlohmann::json::array();
        for (const auto& item : v.items) a.push_back(value_json(f, f.item_type, item));
        return a;
    }
    case event_field_type::object: {
        nlohmann::json o = nlohmann::json::object();
        for (std::size_t i = 0; i < f.item_fields.size() && i < v.items.size(); ++i)
            if (v.items[i].present)
                o[f.item_fields[i].name] = value_json(f.item_fields[i], f.item_fields[i].type, v.items[i]);
        return o;
    }
    }
    return nullptr;
}

nlohmann::json source_json(const event_source& s) {
    nlohmann::json j = nlohmann::json::object();
    auto put = [&](const char* k, const std::string& v) {
        if (!v.empty()) j[k] = v;
    };
    put("document", s.document);
    put("issuer", s.issuer);
    put("file", s.file);
    put("sheet", s.sheet);
    if (s.row > 0) j["row"] = s.row;
    put("entered_by", s.entered_by);
    put("entered_on", s.entered_on);
    return j;
}

} // namespace

std::string events_json_text(const event_log& log) {
    const event_kinds& kinds = *log.kinds();
    nlohmann::json events = nlohmann::json::array(), nones = nlohmann::json::array();
    for (std::size_t e = 0; e < log.size(); ++e) {
        const event_kind& kd = kinds[log.kind(e)];
        nlohmann::json j = {
            {"unit", log.unit_ids()[log.unit(e)]}, {"kind", kd.id}, {"date", to_iso(log.date(e))}};
        if (!log.id(e).empty()) j["id"] = log.id(e);
        for (std::size_t f = 0; f < kd.fields.size(); ++f)
            if (const event_value& v = log.value(e, f); v.present)
                j[kd.fields[f].name] = value_json(kd.fields[f], kd.fields[f].type, v);
        if (!log.note(e).empty()) j["note"] = log.note(e);
        if (auto s = source_json(log.source(e)); !s.empty()) j["source"] = std::move(s);
        events.push_back(std::move(j));
    }
    for (const auto& n : log.nones()) {
        nlohmann::json j = {
            {"unit", n.unit}, {"kind", n.kind}, {"from", to_iso(n.from)}, {"to", to_iso(n.to)}};
        if (!n.note.empty()) j["note"] = n.note;
        if (auto s = source_json(n.source); !s.empty()) j["source"] = std::move(s);
        nones.push_back(std::move(j));
    }
    return nlohmann::json{{"events", std::move(events)}, {"none", std::move(nones)}}.dump(2);
}

void enable_xlsx_events() noexcept { xlsx_events_reader() = &add_events_xlsx_file; }

} // namespace danchu::office
