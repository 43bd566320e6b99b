#pragma once
/// @file
/// Rule tests: evidence in, expected verdicts out, shipped with every bundled
/// pack as `<data_dir>/packs/<id>.tests.json` (format in docs/packs.md and
/// data/schemas/ruletest.schema.json). Each case describes one unit (kind,
/// staff, labels), a period and its facts, and the verdicts (and optionally the
/// partial credits) it expects. The runner also checks coverage: every rule the
/// pack itself defines must be seen to pass, to fail and to be unknown.

#include <danchu/rules/evaluate.hpp>
#include <danchu/evidence/io.hpp>
#include <danchu/organisation/io.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace danchu {

/// One expectation that did not hold.
struct rule_test_failure {
    std::string case_name;
    std::string rule_id;
    std::string message;
};

/// The outcome of running a pack's rule tests.
struct rule_test_report {
    std::string pack;
    std::size_t cases = 0;
    std::size_t checks = 0;
    std::vector<rule_test_failure> failures;
    /// Rules of the pack lacking a pass, a fail or an unknown case ("RULE: fail").
    std::vector<std::string> coverage_gaps;
    bool ok() const noexcept { return failures.empty() && coverage_gaps.empty(); }
};

/// Runs the rule tests of `doc` (read from `file`).
/// @throws parse_error for a malformed test file; rule_error/parse_error for a
/// pack that does not load; evidence_error for evidence that does not load.
inline rule_test_report run_rule_tests(const nlohmann::json& doc, const std::string& file,
                                       const pack_library& lib,
                                       const std::shared_ptr<const fact_dictionary>& dict) {
    namespace d = detail;
    d::expect_object(doc, file, "", {"$schema", "pack", "cases"});
    rule_test_report rep;
    rep.pack = d::require_string(doc, "pack", file, "");
    const evaluation_plan plan(lib.load_set(rep.pack), dict);
    const auto& cases = d::require(doc, "cases", file, "");
    if (!cases.is_array() || cases.empty())
        throw parse_error(file, "/cases", "expected a non-empty array of cases");
    std::map<std::string, std::set<verdict>> seen;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const std::string ptr = d::child("/cases", i);
        const auto& c = cases[i];
        d::expect_object(c, file, ptr,
                         {"name", "period", "unit", "facts", "overrides", "expect", "expect_credit"});
        const std::string name = d::require_string(c, "name", file, ptr);
        const std::string period = d::require_string(c, "period", file, ptr);
        nlohmann::json unit_j = d::require(c, "unit", file, ptr);
        if (unit_j.is_object() && !unit_j.contains("id")) unit_j["id"] = "U";
        const organisation org =
            organisation_from_json(nlohmann::json{{"units", {unit_j}}}, file + ":" + ptr + "/unit");
        nlohmann::json ev_doc{{"period", period},
                              {"units", {{org[0].id, c.value("facts", nlohmann::json::object())}}}};
        if (c.contains("overrides")) ev_doc["overrides"] = c["overrides"];
        const evidence ev = evidence_from_json(ev_doc, file + ":" + ptr, dict, org);
        evaluation_options opt{assessment_period(period)};
        const finding_table t = evaluate(plan, org, ev, opt);
        ++rep.cases;
        const auto& expect = d::require(c, "expect", file, ptr);
        if (!expect.is_object() || expect.empty())
            throw parse_error(file, d::child(ptr, "expect"), "expected an object: rule id -> verdict");
        auto rule_index = [&](const std::string& id, const std::string& p) {
            const auto r = plan.rules().find(id);
            if (r == rule_set::npos)
                throw parse_error(file, p, "pack \"" + rep.pack + "\" has no rule \"" + id + "\"");
            return r;
        };
        for (auto e = expect.begin(); e != expect.end(); ++e) {
            const std::string p = d::child(d::child(ptr, "expect"), e.key());
            const auto r = rule_index(e.key(), p);
            if (!e->is_string()) throw parse_error(file, p, "expected a verdict string");
            verdict want;
            try {
                want = verdict_from_string(e->get<std::string>());
            } catch (const argument_error& x) {
                throw parse_error(file, p, x.what());
            }
            ++rep.checks;
            const verdict got = t.at(0, r);
            if (got != want)
                rep.failures.push_back(
                    {name, e.key(),
                     "expected " + std::string(to_string(want)) + ", got " + std::string(to_string(got))});
            else if (!c.contains("overrides"))
                seen[e.key()].insert(got);
        }
        if (auto ec = c.find("expect_credit"); ec != c.end()) {
            if (!ec->is_object())
                throw parse_error(file, d::child(ptr, "expect_credit"), "expected an object");
            for (auto e = ec->begin(); e != ec->end(); ++e) {
                const std::string p = d::child(d::child(ptr, "expect_credit"), e.key());
                const auto r = rule_index(e.key(), p);
                if (!e->is_number()) throw parse_error(file, p, "expected a number in [0, 1]");
                ++rep.checks;
                const double got = t.credit(0, r), want = e->get<double>();
                if (std::fabs(got - want) > 1e-4)
                    rep.failures.push_back(
                        {name, e.key(),
                         "expected credit " + d::format_number(want) + ", got " + d::format_number(got)});
            }
        }
    }
    for (const auto& r : plan.rules().rules()) {
        if (r.pack != rep.pack) continue;
        for (auto v : {verdict::pass, verdict::fail, verdict::unknown})
            if (!seen[r.id].count(v)) rep.coverage_gaps.push_back(r.id + ": " + std::string(to_string(v)));
    }
    return rep;
}

/// Runs a rule-test file.
inline rule_test_report run_rule_tests_file(const std::string& path, const pack_library& lib,
                                            const std::shared_ptr<const fact_dictionary>& dict) {
    return run_rule_tests(detail::parse_json_text(detail::read_text_file(path), path), path, lib, dict);
}

} // namespace danchu
