#pragma once
/// @file
/// Findings as JSON and CSV in the format `danchu score` reads
/// (`findings_from_json` / `findings_from_csv` in `<danchu/scoring/io.hpp>`).

#include <danchu/io/detail/csv_writer.hpp>
#include <danchu/rules/finding.hpp>

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <utility>

namespace danchu {

/// The overrides a findings table carries (who, when, why, the original and
/// the replacement verdict), as the findings document writes them.
inline nlohmann::json overrides_to_json(const finding_table& t) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& o : t.overrides())
        out.push_back({{"unit", o.unit_id},
                       {"rule", o.rule_id},
                       {"original", std::string(to_string(o.original))},
                       {"replacement", std::string(to_string(o.replacement))},
                       {"who", o.who},
                       {"date", o.date},
                       {"reason", o.reason},
                       {"authority", o.authority}});
    return out;
}

/// The findings document: `{"pack", "period", "rules": [...], "units": [...],
/// "findings": [{"unit", "rule", "verdict", "credit"}], "overrides": [...]}`.
inline nlohmann::json finding_table_to_json(const finding_table& t, const std::string& pack,
                                            const std::string& period) {
    nlohmann::json rules = nlohmann::json::array();
    for (const auto& m : t.rules())
        rules.push_back({{"id", m.id},
                         {"title", {{"vi", m.title.vi}, {"en", m.title.en}}},
                         {"weight", m.weight},
                         {"severity", std::string(to_string(m.sev))},
                         {"confidence", std::string(to_string(m.conf))},
                         {"tags", m.tags}});
    nlohmann::json findings = nlohmann::json::array();
    for (std::size_t u = 0; u < t.unit_count(); ++u)
        for (std::size_t r = 0; r < t.rule_count(); ++r)
            findings.push_back({{"unit", t.unit_ids()[u]},
                                {"rule", t.rules()[r].id},
                                {"verdict", std::string(to_string(t(u, r)))},
                                {"credit", t.credit(u, r)}});
    const nlohmann::json overrides = overrides_to_json(t);
    return {{"pack", pack},
            {"period", period},
            {"rules", std::move(rules)},
            {"units", t.unit_ids()},
            {"findings", std::move(findings)},
            {"overrides", std::move(overrides)}};
}

/// Findings as long CSV: `unit,rule,verdict,credit,weight,severity,confidence`.
inline std::string finding_table_to_csv(const finding_table& t, const csv_options& csv = {}) {
    detail::csv_writer w(csv);
    w.header("unit", "rule", "verdict", "credit", "weight", "severity", "confidence");
    auto num = [](double v) {
        std::ostringstream o; // the default stream format (6 significant digits), as before
        o << v;
        return o.str();
    };
    for (std::size_t u = 0; u < t.unit_count(); ++u)
        for (std::size_t r = 0; r < t.rule_count(); ++r) {
            const auto& m = t.rules()[r];
            w.text(t.unit_ids()[u]).text(m.id).value(to_string(t(u, r))).value(num(t.credit(u, r)));
            w.value(num(m.weight)).value(to_string(m.sev)).value(to_string(m.conf)).end_row();
        }
    return std::move(w).str();
}

} // namespace danchu
