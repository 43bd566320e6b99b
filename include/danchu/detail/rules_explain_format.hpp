#pragma once
/// @file
/// JSON and text renderings of finding explanations (included by evaluate.hpp).

#include <danchu/detail/rules_explain.hpp>

#include <sstream>
#include <string>

namespace danchu {

namespace detail {

inline nlohmann::json text_json(const bilingual_text& t) { return {{"vi", t.vi}, {"en", t.en}}; }

inline nlohmann::json override_json(const override_record& r) {
    return {{"unit", r.unit_id},
            {"rule", r.rule_id},
            {"original", std::string(to_string(r.original))},
            {"verdict", std::string(to_string(r.replacement))},
            {"who", r.who},
            {"date", r.date},
            {"reason", r.reason},
            {"authority", r.authority}};
}

inline std::string verdict_vi(verdict v) {
    switch (v) {
    case verdict::pass: return "đạt";
    case verdict::fail: return "không đạt";
    case verdict::not_applicable: return "không áp dụng";
    case verdict::unknown: return "chưa đủ minh chứng";
    case verdict::error: return "lỗi";
    }
    return "lỗi";
}

inline std::string confidence_vi(confidence c) {
    switch (c) {
    case confidence::verified: return "đã kiểm chứng (văn bản gốc)";
    case confidence::secondary: return "đã kiểm chứng (nguồn thứ cấp)";
    case confidence::uncertain: return "chưa chắc chắn (chỉ mang tính khuyến nghị)";
    }
    return "";
}

} // namespace detail

inline nlohmann::json finding_explanation::to_json() const {
    nlohmann::json facts_j = nlohmann::json::array();
    for (const auto& f : facts) {
        nlohmann::json j{{"key", f.key}, {"value", f.value}, {"description", detail::text_json(f.description)}};
        if (f.source)
            j["source"] = {{"document", f.source->document}, {"issuer", f.source->issuer}, {"date", f.source->date}};
        facts_j.push_back(std::move(j));
    }
    nlohmann::json trace_j = nlohmann::json::array();
    for (const auto& s : trace) trace_j.push_back({{"pointer", s.pointer}, {"op", s.op}, {"value", s.value}});
    nlohmann::json j{
        {"unit", unit_id},
        {"unit_name", unit_name},
        {"rule", rule_id},
        {"pack", pack},
        {"period", period},
        {"title", detail::text_json(title)},
        {"verdict", std::string(to_string(result))},
        {"computed_verdict", std::string(to_string(computed))},
        {"credit", credit},
        {"reason", detail::text_json(reason)},
        {"citation",
         {{"text", citation_text},
          {"document", cite.document},
          {"document_number", document_number},
          {"document_title", detail::text_json(document_title)},
          {"article", cite.article},
          {"clause", cite.clause},
          {"point", cite.point},
          {"url", cite.url},
          {"note", cite.note}}},
        {"confidence", std::string(to_string(conf))},
        {"advisory", advisory},
        {"severity", std::string(to_string(sev))},
        {"weight", weight},
        {"frequency", std::string(to_string(freq))},
        {"tags", tags},
        {"facts", std::move(facts_j)},
        {"missing", missing},
        {"trace", std::move(trace_j)},
    };
    if (!note.vi.empty()) j["note"] = detail::text_json(note);
    if (!failed_pointer.empty()) j["failed"] = {{"pointer", failed_pointer}, {"expression", failed_expression}};
    if (override_applied) j["override"] = detail::override_json(*override_applied);
    if (!error.empty()) j["error"] = error;
    return j;
}

inline std::string finding_explanation::to_text(const std::string& lang) const {
    const bool vi = lang != "en";
    auto t = [&](const bilingual_text& b) { return vi ? b.vi : b.en; };
    std::ostringstream out;
    out << (vi ? "Đơn vị: " : "Unit: ") << unit_id << (unit_name.empty() ? "" : " (" + unit_name + ")") << '\n';
    out << (vi ? "Quy định: " : "Rule: ") << rule_id << " — " << t(title) << '\n';
    out << (vi ? "Căn cứ: " : "Source: ") << citation_text;
    if (!document_number.empty()) out << " — " << document_number;
    if (!cite.url.empty()) out << " <" << cite.url << ">";
    out << '\n';
    if (!cite.note.empty()) out << "  (" << cite.note << ")\n";
    out << (vi ? "Độ tin cậy: " : "Confidence: ") << (vi ? detail::confidence_vi(conf) : std::string(to_string(conf)))
        << (advisory && !vi ? " (advisory only)" : "") << '\n';
    out << (vi ? "Kỳ đánh giá: " : "Period: ") << period << '\n';
    out << (vi ? "Kết luận: " : "Verdict: ") << (vi ? detail::verdict_vi(result) : std::string(to_string(result)));
    if (override_applied)
        out << (vi ? " (điều chỉnh thủ công; kết quả tính: " : " (overridden; computed: ")
            << (vi ? detail::verdict_vi(computed) : std::string(to_string(computed))) << ")";
    out << '\n' << (vi ? "Lý do: " : "Why: ") << t(reason) << '\n';
    if (!facts.empty()) {
        out << (vi ? "Minh chứng đã dùng:\n" : "Evidence read:\n");
        for (const auto& f : facts) {
            out << "  - " << f.key << " = " << (f.value.is_null() ? (vi ? "(chưa cung cấp)" : "(not supplied)") : f.value.dump())
                << " — " << t(f.description);
            if (f.source)
                out << " [" << f.source->document << (f.source->issuer.empty() ? "" : ", " + f.source->issuer)
                    << (f.source->date.empty() ? "" : ", " + f.source->date) << "]";
            out << '\n';
        }
    }
    if (!failed_pointer.empty())
        out << (vi ? "Điều kiện không đạt: " : "Failed sub-condition: ") << failed_expression.dump() << "  ("
            << failed_pointer << ")\n";
    if (override_applied) {
        const auto& r = *override_applied;
        out << (vi ? "Điều chỉnh: " : "Override: ") << to_string(r.original) << " -> " << to_string(r.replacement)
            << (vi ? "; người quyết định: " : "; by: ") << r.who << (vi ? "; ngày: " : "; on: ") << r.date
            << (vi ? "; lý do: " : "; why: ") << r.reason << (vi ? "; thẩm quyền: " : "; authority: ") << r.authority
            << '\n';
    }
    return out.str();
}

} // namespace danchu
