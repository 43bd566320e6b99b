#pragma once
/// @file
/// Evidence-collection templates for a pack: the
/// facts the pack reads, with their types and Vietnamese descriptions, for a
/// Department of Home Affairs to send to its units.

#include <danchu/io/detail/csv_writer.hpp>
#include <danchu/rules/findings_io.hpp>
#include <danchu/rules/evaluate.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace danchu {

/// For each fact the plan reads (dictionary index, ascending): the ids of the
/// rules that read it. Organisation facts (unit.*) are left out.
inline std::vector<std::pair<std::size_t, std::vector<std::string>>>
evidence_facts(const evaluation_plan& plan) {
    std::map<std::size_t, std::vector<std::string>> by_fact;
    const auto& dict = *plan.dictionary();
    for (std::size_t r = 0; r < plan.rules().rules().size(); ++r)
        for (auto f : plan.compiled(r).facts)
            if (!dict[f].from_organisation) by_fact[f].push_back(plan.rules().rules()[r].id);
    return {by_fact.begin(), by_fact.end()};
}

namespace detail {
inline std::string template_allowed(const fact_def& f) {
    std::string s;
    for (const auto& a : f.allowed) s += (s.empty() ? "" : "|") + a;
    if (f.minimum) s += (s.empty() ? "" : " ") + std::string(">= ") + format_number(*f.minimum);
    if (f.maximum) s += (s.empty() ? "" : " ") + std::string("<= ") + format_number(*f.maximum);
    if (!f.at_most.empty()) s += (s.empty() ? "" : " ") + std::string("<= ") + f.at_most;
    if (f.type == fact_type::events) s = "YYYY-MM-DD;YYYY-MM-DD;...";
    if (f.type == fact_type::date) s = "YYYY-MM-DD";
    if (f.type == fact_type::boolean) s = "true|false";
    return s;
}
} // namespace detail

/// Long-form CSV template: one row per unit and fact, `value` and the
/// provenance columns empty, then the informational columns the long-form
/// loader accepts and does not read. `unit_ids` empty: one block with the
/// placeholder unit "MA_DON_VI" to be replaced.
inline std::string evidence_template_csv(const evaluation_plan& plan, std::vector<std::string> unit_ids,
                                         const csv_options& csv = {}) {
    if (unit_ids.empty()) unit_ids.push_back("MA_DON_VI");
    const auto& dict = *plan.dictionary();
    const auto facts = evidence_facts(plan);
    detail::csv_writer w(csv);
    w.header("unit", "fact", "value", "document", "issuer", "date", "type", "measure", "allowed",
             "description_vi", "description_en", "rules");
    for (const auto& u : unit_ids)
        for (const auto& [f, rules] : facts) {
            std::string rl;
            for (const auto& r : rules) rl += (rl.empty() ? "" : " ") + r;
            w.text(u).value(dict[f].key).empty().empty().empty().empty().value(to_string(dict[f].type));
            w.text(dict[f].unit).text(detail::template_allowed(dict[f])).text(dict[f].description.vi);
            w.text(dict[f].description.en).text(rl).end_row();
        }
    return std::move(w).str();
}

/// JSON template: `{"period": "", "help": {fact: {...}}, "units": {unit: {fact: null}}}`
/// (the evidence JSON loader reads it as is; null = not supplied).
inline nlohmann::json evidence_template_json(const evaluation_plan& plan, std::vector<std::string> unit_ids,
                                             const std::string& period = {}) {
    if (unit_ids.empty()) unit_ids.push_back("MA_DON_VI");
    const auto& dict = *plan.dictionary();
    const auto facts = evidence_facts(plan);
    nlohmann::json help = nlohmann::json::object();
    nlohmann::json blank = nlohmann::json::object();
    for (const auto& [f, rules] : facts) {
        const auto& d = dict[f];
        help[d.key] = {{"mô_tả", d.description.vi},
                       {"description", d.description.en},
                       {"type", std::string(to_string(d.type))},
                       {"measure", d.unit},
                       {"allowed", detail::template_allowed(d)},
                       {"rules", rules}};
        blank[d.key] = nullptr;
    }
    nlohmann::json units = nlohmann::json::object();
    for (const auto& u : unit_ids) units[u] = blank;
    return {{"$comment", "danchu evidence template for pack " + plan.rules().id() +
                             ": fill in the values (null = not supplied); see \"help\""},
            {"period", period},
            {"help", std::move(help)},
            {"units", std::move(units)}};
}

} // namespace danchu
