// The report configuration a department edits (letterhead, number, place,
// addressees, recipients, signer, proposals, template):
// data/schemas/report-config.schema.json.

#include "office_detail.hpp"

#include <danchu/core/error.hpp>
#include <danchu/io/detail/json_object.hpp>
#include <danchu/io/detail/json_text.hpp>
#include <danchu/office/docx.hpp>
#include <danchu/report/detail/format.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace danchu::office {

namespace {

// "Sở Nội vụ" -> "SNV": the initials of the issuing body's words (usage, not
// the decree: Appendix I §II.3.b leaves abbreviations to the head of the
// agency).
std::string initials(const std::string& upper) {
    std::string out;
    bool start = true;
    for (std::size_t i = 0; i < upper.size();) {
        const auto c = static_cast<unsigned char>(upper[i]);
        if (c == ' ' || c == '-' || c == ',') {
            start = true;
            ++i;
            continue;
        }
        std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (i + len > upper.size()) len = 1;
        if (start) {
            std::string ch = upper.substr(i, len);
            // Đ stays Đ; other accented capitals lose their mark in symbols
            // (Sở -> S, Ủy -> U) only when ASCII is at hand: keep the letter.
            out += ch;
        }
        start = false;
        i += len;
    }
    return out;
}

std::vector<std::string> string_list(const nlohmann::json& j, const char* key, const std::string& file,
                                     const std::string& ptr, bool& present) {
    std::vector<std::string> out;
    auto it = j.find(key);
    present = it != j.end();
    if (!present) return out;
    const std::string p = danchu::detail::child(ptr, key);
    if (!it->is_array())
        throw parse_error(file, p, std::string("expected an array of strings, found ") + it->type_name());
    for (std::size_t i = 0; i < it->size(); ++i) {
        const auto& v = (*it)[i];
        if (!v.is_string() || v.get_ref<const std::string&>().empty())
            throw parse_error(file, danchu::detail::child(p, i),
                              std::string("expected a non-empty string, found ") + v.type_name());
        out.push_back(v.get<std::string>());
    }
    return out;
}

} // namespace

report_config default_config(const report::document& doc) {
    report_config c;
    const std::string province = doc.head.province.vi;
    c.governing_body = detail::upper_vi("UBND tỉnh " + province);
    c.issuing_body = detail::upper_vi(doc.head.reporting_body.vi.empty() ? std::string("Sở Nội vụ")
                                                                         : doc.head.reporting_body.vi);
    // The agency's own name, without the province it is in ("SỞ NỘI VỤ TỈNH
    // BẮC GIANG" -> SNV).
    std::string own = c.issuing_body;
    for (const char* cut : {" TỈNH ", " THÀNH PHỐ "})
        if (const auto at = own.find(cut); at != std::string::npos) own = own.substr(0, at);
    c.issuing_body = own; // the governing body above it names the province
    c.symbol = "BC-" + initials(own);
    c.place = province;
    c.addressees = {doc.head.recipient.vi.empty() ? "Chủ tịch UBND tỉnh " + province : doc.head.recipient.vi};
    c.recipients = {"Như trên", "Giám đốc, các Phó Giám đốc Sở", "Lưu: VT, XDCQ"};
    c.signer_title = "GIÁM ĐỐC";
    return c;
}

report_config load_config(const std::string& path, const report::document& doc) {
    namespace fs = std::filesystem;
    report_config c = default_config(doc);
    const nlohmann::json j = danchu::detail::read_json_file(path);
    const std::string root;
    danchu::detail::expect_object(j, path, root,
                                  {"$schema", "governing_body", "issuing_body", "number", "symbol", "place",
                                   "date", "summary", "addressees", "recipients", "signer", "proposals",
                                   "template"});
    auto str = [&](const char* key, std::string& into) {
        if (!j.contains(key)) return;
        into = danchu::detail::optional_string(j, key, path, root);
    };
    str("governing_body", c.governing_body);
    str("issuing_body", c.issuing_body);
    str("symbol", c.symbol);
    str("place", c.place);
    str("summary", c.summary);
    if (j.contains("number")) {
        std::string n;
        const auto& v = j["number"];
        if (v.is_number_unsigned())
            n = std::to_string(v.get<unsigned long long>());
        else
            n = danchu::detail::optional_string(j, "number", path, root);
        if (!n.empty() && (n.size() > 4 || n.find_first_not_of("0123456789") != std::string::npos))
            throw parse_error(
                path, "/number",
                "expected the document's number in the year, 1 to 4 digits (e.g. \"05\"), or \"\" "
                "to leave it blank for the clerk; found \"" +
                    n + "\"");
        c.number = n;
    }
    if (j.contains("date")) {
        c.date = danchu::detail::optional_string(j, "date", path, root);
        if (!c.date.empty()) civil_day::parse(c.date, path + ":/date");
    }
    bool present = false;
    if (auto v = string_list(j, "addressees", path, root, present); present) c.addressees = v;
    if (auto v = string_list(j, "recipients", path, root, present); present) c.recipients = v;
    if (auto v = string_list(j, "proposals", path, root, present); present) c.proposals = v;
    if (j.contains("signer")) {
        const auto& s = j["signer"];
        const std::string p = "/signer";
        danchu::detail::expect_object(s, path, p, {"authority", "title", "name"});
        c.signer_authority = danchu::detail::optional_string(s, "authority", path, p);
        if (s.contains("title")) c.signer_title = danchu::detail::optional_string(s, "title", path, p);
        c.signer_name = danchu::detail::optional_string(s, "name", path, p);
    }
    if (j.contains("template")) {
        const std::string t = danchu::detail::require_string(j, "template", path, root);
        const fs::path tp(t);
        c.template_path = tp.is_absolute() ? t : (fs::path(path).parent_path() / tp).string();
    }
    return c;
}

std::string default_template_path(const std::string& data_dir) {
    return (std::filesystem::path(data_dir) / "templates" / "report.docx").string();
}

} // namespace danchu::office
