#pragma once
/// @file
/// Labels of the ids a report carries as data (internal, shared by the HTML,
/// Markdown and DOCX renderers): sectors (a unit's label `sector`, else its
/// kind), data-problem kinds, the Vietnamese sentence that describes a data
/// problem, and its location. With `--lang vi` no English id or message
/// reaches a rendered report: a known id gets its label, a data problem its
/// Vietnamese sentence (the loader's English message stays in the JSON form
/// and the English rendering).

#include <danchu/core/problem.hpp>
#include <danchu/core/text.hpp>
#include <danchu/report/detail/format.hpp>

#include <string>
#include <string_view>

namespace danchu::report::detail {

/// The label of a sector id: the sectors of the sample province and the unit
/// kinds (`unit_kind` ids, the fallback of `sector_of`); any other sector is
/// shown as written in the organisation file.
inline bilingual_text sector_label(std::string_view id) {
    static const struct {
        const char* id;
        const char* vi;
        const char* en;
    } table[] = {
        {"administration", "Hành chính, nội vụ", "Administration"},
        {"culture", "Văn hóa, thể thao, du lịch", "Culture"},
        {"economy", "Kinh tế", "Economy"},
        {"education", "Giáo dục", "Education"},
        {"finance", "Tài chính, kế hoạch", "Finance"},
        {"health", "Y tế", "Health"},
        {"infrastructure", "Hạ tầng, xây dựng", "Infrastructure"},
        {"justice", "Tư pháp", "Justice"},
        {"social", "Lao động, xã hội", "Social affairs"},
        {"province", "Cấp tỉnh", "Province"},
        {"department", "Sở, ngành", "Department"},
        {"district", "Cấp huyện", "District"},
        {"administrative_agency", "Cơ quan hành chính", "Administrative agency"},
        {"public_service_unit", "Đơn vị sự nghiệp công lập", "Public service unit"},
        {"school", "Trường học", "School"},
        {"commune", "Cấp xã", "Commune"},
    };
    for (const auto& row : table)
        if (id == row.id) return {row.vi, row.en};
    return {std::string(id), std::string(id)};
}

inline std::string sector_text(std::string_view id, language lg) { return pick(sector_label(id), lg); }

/// The label of a data-problem kind (`input_problem::kind`); an unknown kind
/// is shown in Vietnamese as "Khác" (other) followed by nothing English.
inline bilingual_text problem_kind_label(std::string_view kind) {
    static const struct {
        const char* id;
        const char* vi;
        const char* en;
    } table[] = {
        {"parse", "Không đọc được tệp", "parse"},
        {"invalid_value", "Giá trị không hợp lệ", "invalid_value"},
        {"unknown_unit", "Đơn vị không có trong danh sách", "unknown_unit"},
        {"missing_evidence", "Không gửi minh chứng", "missing_evidence"},
        {"invalid_override", "Điều chỉnh không hợp lệ", "invalid_override"},
        {"rule_error", "Không áp dụng được quy tắc", "rule_error"},
        {"schedule", "Lịch nghĩa vụ", "schedule"},
        {"unknown_obligation", "Nghĩa vụ không xác định", "unknown_obligation"},
        {"unknown_event", "Sự kiện không kích hoạt nghĩa vụ nào", "unknown_event"},
        {"unknown_period", "Kỳ không tồn tại", "unknown_period"},
        {"unknown_kind", "Loại sự kiện không xác định", "unknown_kind"},
        {"uncovered_date", "Ngày ngoài phạm vi các văn bản", "uncovered_date"},
        {"invalid_none", "Khai báo không có sự kiện không hợp lệ", "invalid_none"},
        {"none_conflict", "Khai báo không có sự kiện mâu thuẫn", "none_conflict"},
        {"duplicate_event", "Sự kiện ghi trùng", "duplicate_event"},
        {"duplicate_id", "Mã sự kiện trùng", "duplicate_id"},
    };
    for (const auto& row : table)
        if (kind == row.id) return {row.vi, row.en};
    return {"Khác", std::string(kind)};
}

/// A location as shown: JSON pointers unchanged, "line N, column c" as
/// "dòng N, cột c" in Vietnamese.
inline std::string problem_location(std::string_view loc, language lg) {
    std::string s(loc);
    if (lg == language::en) return s;
    auto replace = [&s](std::string_view from, std::string_view to) {
        for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
            s.replace(at, from.size(), to);
    };
    if (s.rfind("line ", 0) == 0) s.replace(0, 5, "dòng ");
    replace(", column ", ", cột ");
    return s;
}

/// What was wrong: in English the loader's message; in Vietnamese a sentence
/// per kind that names the subject (the loader's English wording is not
/// translated word by word: it stays in the JSON form and in `--lang en`).
inline std::string problem_message(const input_problem& p, language lg) {
    if (lg == language::en) return p.message;
    const std::string who = p.subject.empty() ? std::string() : " “" + p.subject + "”";
    const std::string_view k = p.kind;
    std::string s;
    if (k == "parse")
        s = "Không đọc được tệp hoặc một phần của tệp; phần dữ liệu này được bỏ qua";
    else if (k == "invalid_value")
        s = "Giá trị không đúng với quy định của dữ kiện" + (who.empty() ? "" : " (đơn vị" + who + ")") +
            "; giá trị này được bỏ qua";
    else if (k == "unknown_unit")
        s = "Đơn vị" + who + " không có trong tệp tổ chức; dữ liệu của đơn vị này được bỏ qua";
    else if (k == "missing_evidence")
        s = "Đơn vị" + who + " không gửi minh chứng trong kỳ";
    else if (k == "invalid_override")
        s = "Điều chỉnh kết quả không hợp lệ; điều chỉnh này được bỏ qua";
    else if (k == "rule_error")
        s = "Quy tắc" + who +
            " không áp dụng được cho một số đơn vị; các ô này được tính theo phương pháp "
            "chấm điểm";
    else if (k == "unknown_obligation")
        s = "Nghĩa vụ" + who + " không có trong danh mục nghĩa vụ; bản ghi được bỏ qua";
    else if (k == "unknown_event")
        s = "Sự kiện" + who + " không kích hoạt nghĩa vụ nào; bản ghi được bỏ qua";
    else if (k == "unknown_period")
        s = "Kỳ" + who + " không tồn tại; bản ghi được bỏ qua";
    else if (k == "unknown_kind")
        s = "Loại sự kiện không có trong danh mục; sự kiện được bỏ qua";
    else if (k == "uncovered_date")
        s = "Ngày của sự kiện nằm ngoài thời gian hiệu lực của các văn bản; sự kiện được bỏ qua";
    else if (k == "invalid_none")
        s = "Khoảng thời gian khai báo không có sự kiện không hợp lệ; khai báo được bỏ qua";
    else if (k == "none_conflict")
        s = "Khai báo không có sự kiện mâu thuẫn với một sự kiện đã ghi; khai báo được bỏ qua";
    else if (k == "duplicate_event")
        s = "Sự kiện đã được ghi trước đó; bản ghi trùng được bỏ qua";
    else if (k == "duplicate_id")
        s = "Mã sự kiện đã được dùng; bản ghi trùng được bỏ qua";
    else if (k == "schedule")
        s = "Không lập được lịch nghĩa vụ từ dữ liệu đã cho";
    else
        s = "Dữ liệu không dùng được; xem bản báo cáo tiếng Anh để biết chi tiết";
    return s + ".";
}

} // namespace danchu::report::detail
