#pragma once
/// @file
/// Explanations of single findings: the facts read, the deciding step of the
/// condition and the reason, as JSON or text.

#include <danchu/core/detail/suggest.hpp>
#include <danchu/rules/evaluate.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>
#include <sstream>

namespace danchu {

/// One fact a rule read, its value for the unit and where it came from.
struct fact_reading {
    std::string key;
    bilingual_text description;
    nlohmann::json value; ///< null when not supplied
    std::optional<provenance> source;
};

/// Why one rule gave one verdict for one unit: the facts and values that
/// decided it, the sub-condition that failed, the citation, the confidence and
/// any override.
struct finding_explanation {
    std::string unit_id;
    std::string unit_name;
    std::string rule_id;
    std::string pack; ///< pack that defined the rule
    bilingual_text title;
    bilingual_text note;
    citation cite;
    std::string citation_text;   ///< "ND04 Art. 5"
    std::string document_number; ///< "04/2015/NĐ-CP"
    bilingual_text document_title;
    confidence conf = confidence::verified;
    bool advisory = false; ///< uncertain rules are advisory
    /// Numbers of the amending documents in force at the period's end that the
    /// rule was not checked against (e.g. "97/2025/QH15"): the rule is the text
    /// before them, unverified for amendment (rule_set::unverified_amendments).
    std::vector<std::string> unverified_amendments;
    severity sev = severity::medium;
    double weight = 1.0;
    frequency freq = frequency::annual;
    std::vector<std::string> tags;
    std::string period;
    verdict result = verdict::unknown;   ///< effective verdict (after any override)
    verdict computed = verdict::unknown; ///< what the rule itself gave
    double credit = 0.0;
    bilingual_text reason;                  ///< why, in words
    std::vector<fact_reading> facts;        ///< every fact the rule reads
    std::vector<std::string> missing;       ///< facts the rule reads that were not supplied
    std::vector<std::string> declared_none; ///< facts whose event the unit declared did not happen
    std::string failed_pointer;             ///< JSON pointer of the deciding sub-condition (fail)
    nlohmann::json failed_expression;       ///< that sub-condition
    std::vector<logic::trace_step> trace;
    std::optional<override_record> override_applied;
    std::string error;

    /// The explanation as a JSON object.
    nlohmann::json to_json() const;
    /// A readable multi-line text in "vi" or "en".
    std::string to_text(const std::string& lang = "vi") const;
};

namespace detail {

inline bilingual_text reason_text(decision d, const cell_outcome& o) {
    switch (d) {
    case decision::not_in_force:
        return {"Quy định chưa có hiệu lực hoặc đã hết hiệu lực trong kỳ đánh giá",
                "The rule is not in force during the assessed period"};
    case decision::kind:
        return {"Quy định không áp dụng cho loại đơn vị này", "The rule does not apply to this kind of unit"};
    case decision::staff:
        return {"Số người làm việc của đơn vị nằm ngoài ngưỡng áp dụng",
                "The unit's staff count is outside the rule's thresholds"};
    case decision::applies_false:
        return {"Điều kiện áp dụng không thỏa mãn (chưa phát sinh sự việc)",
                "The applicability condition does not hold (the triggering event did not occur)"};
    case decision::applies_missing:
        return {"Thiếu minh chứng để xác định quy định có áp dụng hay không",
                "Evidence needed to decide whether the rule applies is missing"};
    case decision::holds: return {"Điều kiện được đáp ứng", "The condition holds"};
    case decision::fails: return {"Điều kiện không được đáp ứng", "The condition does not hold"};
    case decision::missing:
        return {"Thiếu minh chứng cần thiết để kết luận", "Evidence needed to decide is missing"};
    case decision::declared_none:
        return {"Đơn vị đã khai báo không có sự việc mà quy định yêu cầu trong thời hạn",
                "The unit declared that an event the rule requires did not happen in its window"};
    case decision::runtime_error:
    case decision::bad_credit: return {"Lỗi khi đánh giá: " + o.error, "Evaluation error: " + o.error};
    }
    return {};
}

/// Finds the innermost sub-condition that made a false result: descends
/// through `and` (the false operand) and `if` (the branch taken); `or` and
/// `!` stop there.
inline std::string deciding_pointer(const std::vector<logic::trace_step>& steps, const std::string& root) {
    // A trace step's pointer is the expression's JSON pointer followed by its
    // operator token ("/rules/3/condition/and"); operands are ".../and/<i>".
    auto one_more = [](const std::string& p, const std::string& base) {
        return p.size() > base.size() + 1 && p.compare(0, base.size(), base) == 0 && p[base.size()] == '/' &&
               p.find('/', base.size() + 1) == std::string::npos;
    };
    std::string node = root;
    for (int guard = 0; guard < 64; ++guard) {
        const logic::trace_step* s = nullptr;
        for (const auto& k : steps)
            if (one_more(k.pointer, node)) s = &k; // last evaluation wins
        if (!s || (s->op != "and" && s->op != "if" && s->op != "?:")) break;
        std::string next;
        for (const auto& k : steps) {
            if (k.value != false || k.pointer.size() <= s->pointer.size() + 1 ||
                k.pointer.compare(0, s->pointer.size() + 1, s->pointer + "/") != 0)
                continue;
            const std::string rest = k.pointer.substr(s->pointer.size() + 1); // "<i>/<op>"
            const auto slash = rest.find('/');
            if (slash == std::string::npos || rest.find('/', slash + 1) != std::string::npos) continue;
            const std::string index = rest.substr(0, slash);
            if (s->op != "and" && index == "0") continue; // the test of an if is not the failing branch
            next = s->pointer + "/" + index;
        }
        if (next.empty()) break;
        node = next;
    }
    return node;
}

} // namespace detail

/// Explains the finding of rule `rule_id` for unit `unit_id`.
/// @throws argument_error for an unknown unit or rule, or a grouping-only unit;
/// evidence_error as evaluate().
inline finding_explanation explain(const evaluation_plan& plan, const organisation& org, const evidence& ev,
                                   const evaluation_options& opt, const std::string& unit_id,
                                   const std::string& rule_id) {
    detail::check_inputs(plan, org, ev, opt);
    const std::size_t u = org.find(unit_id);
    if (u == organisation::npos) {
        std::vector<std::string> ids;
        for (const auto& x : org.units()) ids.push_back(x.id);
        throw argument_error("--unit: unknown unit \"" + unit_id + "\"" + detail::did_you_mean(unit_id, ids));
    }
    if (is_grouping(org[u])) throw argument_error("--unit: " + detail::grouping_only_message(org[u]));
    const std::size_t r = plan.rules().find(rule_id);
    if (r == rule_set::npos) {
        std::vector<std::string> ids;
        for (const auto& x : plan.rules().rules()) ids.push_back(x.id);
        throw argument_error("--rule: pack \"" + plan.rules().id() + "\" has no rule \"" + rule_id + "\"" +
                             detail::did_you_mean(rule_id, ids));
    }
    const rule& ru = plan.rules().rules()[r];
    const auto& dict = *plan.dictionary();
    detail::fact_rows rows(plan, ev);
    const logic::value* const* row = rows.fill(u);
    logic::trace tr;
    const auto ctx = opt.context();
    const auto o =
        detail::evaluate_cell(plan, r, org[u], row, ctx, opt.period.first(), opt.period.last(), &tr, ev, u);

    finding_explanation x;
    x.unit_id = unit_id;
    x.unit_name = org[u].name;
    x.rule_id = rule_id;
    x.pack = ru.pack;
    x.title = ru.title;
    x.note = ru.note;
    x.cite = ru.cite;
    x.citation_text = ru.citation_text();
    if (const auto* d = plan.rules().document(ru.cite.document)) {
        x.document_number = d->number;
        x.document_title = d->title;
    }
    x.conf = ru.conf;
    x.advisory = ru.advisory();
    for (const auto* d : plan.rules().unverified_amendments(ru, opt.period.last()))
        x.unverified_amendments.push_back(d->number.empty() ? d->id : d->number);
    x.sev = ru.sev;
    x.weight = ru.weight;
    x.freq = ru.freq;
    x.tags = ru.tags;
    x.period = opt.period.label();
    x.computed = x.result = o.v;
    x.credit = o.credit;
    x.reason = detail::reason_text(o.why, o);
    x.error = o.error;
    for (auto f : plan.compiled(r).facts) {
        fact_reading fr{dict[f].key, dict[f].description, ev.value_json(u, f), std::nullopt};
        if (const auto* p = ev.source(u, f)) fr.source = *p;
        if (ev.declared_none(u, f))
            x.declared_none.push_back(dict[f].key);
        else if (fr.value.is_null() && !dict[f].optional)
            x.missing.push_back(dict[f].key);
        x.facts.push_back(std::move(fr));
    }
    x.trace = std::move(tr.steps);
    if (o.why == detail::decision::fails) {
        x.failed_pointer = detail::deciding_pointer(x.trace, ru.pointer + "/condition");
        const std::string rel = x.failed_pointer.substr(ru.pointer.size());
        try {
            nlohmann::json wrapper{{"condition", ru.condition}};
            x.failed_expression = wrapper.at(nlohmann::json::json_pointer(rel));
        } catch (const nlohmann::json::exception&) {
            x.failed_expression = ru.condition;
        }
    }
    if (opt.apply_overrides)
        for (const auto& rec : ev.overrides())
            if (rec.unit_id == unit_id && rec.rule_id == rule_id) {
                override_record applied = rec;
                applied.original = o.v;
                x.result = rec.replacement;
                x.credit = rec.replacement == verdict::pass ? 1.0f : 0.0f;
                x.override_applied = applied;
            }
    return x;
}

} // namespace danchu

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
        nlohmann::json j{
            {"key", f.key}, {"value", f.value}, {"description", detail::text_json(f.description)}};
        if (f.source)
            j["source"] = {{"document", f.source->document},
                           {"issuer", f.source->issuer},
                           {"date", f.source->date},
                           {"read_from", f.source->read_from},
                           {"entered_by", f.source->entered_by}};
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
        {"unverified_amendments", unverified_amendments},
        {"severity", std::string(to_string(sev))},
        {"weight", weight},
        {"frequency", std::string(to_string(freq))},
        {"tags", tags},
        {"facts", std::move(facts_j)},
        {"missing", missing},
        {"declared_none", declared_none},
        {"trace", std::move(trace_j)},
    };
    if (!note.vi.empty()) j["note"] = detail::text_json(note);
    if (!failed_pointer.empty())
        j["failed"] = {{"pointer", failed_pointer}, {"expression", failed_expression}};
    if (override_applied) j["override"] = detail::override_json(*override_applied);
    if (!error.empty()) j["error"] = error;
    return j;
}

inline std::string finding_explanation::to_text(const std::string& lang) const {
    const bool vi = lang != "en";
    auto t = [&](const bilingual_text& b) { return vi ? b.vi : b.en; };
    std::ostringstream out;
    out << (vi ? "Đơn vị: " : "Unit: ") << unit_id << (unit_name.empty() ? "" : " (" + unit_name + ")")
        << '\n';
    out << (vi ? "Quy định: " : "Rule: ") << rule_id << " — " << t(title) << '\n';
    out << (vi ? "Căn cứ: " : "Source: ") << citation_text;
    if (!document_number.empty()) out << " — " << document_number;
    if (!cite.url.empty()) out << " <" << cite.url << ">";
    out << '\n';
    if (!cite.note.empty()) out << "  (" << cite.note << ")\n";
    out << (vi ? "Độ tin cậy: " : "Confidence: ")
        << (vi ? detail::confidence_vi(conf) : std::string(to_string(conf)))
        << (advisory && !vi ? " (advisory only)" : "") << '\n';
    for (const auto& a : unverified_amendments)
        out << (vi ? "Chưa đối chiếu với văn bản sửa đổi: " : "Not checked against the amending document: ")
            << a << (vi ? " (quy tắc theo văn bản trước khi sửa đổi)" : " (the rule is the text before it)")
            << '\n';
    out << (vi ? "Kỳ đánh giá: " : "Period: ") << period << '\n';
    out << (vi ? "Kết luận: " : "Verdict: ")
        << (vi ? detail::verdict_vi(result) : std::string(to_string(result)));
    if (override_applied)
        out << (vi ? " (điều chỉnh thủ công; kết quả tính: " : " (overridden; computed: ")
            << (vi ? detail::verdict_vi(computed) : std::string(to_string(computed))) << ")";
    out << '\n' << (vi ? "Lý do: " : "Why: ") << t(reason) << '\n';
    if (!facts.empty()) {
        out << (vi ? "Minh chứng đã dùng:\n" : "Evidence read:\n");
        for (const auto& f : facts) {
            const bool none =
                std::find(declared_none.begin(), declared_none.end(), f.key) != declared_none.end();
            out << "  - " << f.key << " = "
                << (none ? (vi ? "(đơn vị khai báo không có)" : "(declared none by the unit)")
                    : f.value.is_null() ? (vi ? "(chưa cung cấp)" : "(not supplied)")
                                        : f.value.dump())
                << " — " << t(f.description);
            if (f.source) {
                std::string where = f.source->document;
                for (const std::string* part : {&f.source->issuer, &f.source->date})
                    if (!part->empty()) where += (where.empty() ? "" : ", ") + *part;
                if (!f.source->read_from.empty())
                    where += (where.empty() ? "" : "; ") + std::string(vi ? "đọc từ " : "read from ") +
                             f.source->read_from;
                if (!f.source->entered_by.empty())
                    where += (where.empty() ? "" : "; ") + std::string(vi ? "người nhập " : "entered by ") +
                             f.source->entered_by;
                out << " [" << where << "]";
            }
            out << '\n';
        }
    }
    if (!failed_pointer.empty())
        out << (vi ? "Điều kiện không đạt: " : "Failed sub-condition: ") << failed_expression.dump() << "  ("
            << failed_pointer << ")\n";
    if (override_applied) {
        const auto& r = *override_applied;
        out << (vi ? "Điều chỉnh: " : "Override: ") << to_string(r.original) << " -> "
            << to_string(r.replacement) << (vi ? "; người quyết định: " : "; by: ") << r.who
            << (vi ? "; ngày: " : "; on: ") << r.date << (vi ? "; lý do: " : "; why: ") << r.reason
            << (vi ? "; thẩm quyền: " : "; authority: ") << r.authority << '\n';
    }
    return out.str();
}

} // namespace danchu
