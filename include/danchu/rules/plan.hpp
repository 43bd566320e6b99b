#pragma once
/// @file
/// Evaluation: a resolved rule set, compiled once against the fact dictionary
/// into an `evaluation_plan`, evaluated over an organisation's units and their
/// evidence for one assessed period into a columnar `finding_table`; and, on
/// demand, the explanation of one (unit, rule) finding (explain.hpp).
///
/// Verdicts: `not_applicable` when the rule is not in force in the period or
/// does not apply to the unit (kind, staff count, applicability condition);
/// `unknown` when evidence the decision needs is missing; `pass`/`fail` from the
/// condition; `error` when the condition fails at run time (a JSON Logic error
/// or an out-of-range partial credit). Overrides supplied with the evidence
/// replace the verdict and are kept in the table (XCCDF spirit).
///
/// Deterministic, no global state; `evaluate` only reads its arguments, so
/// several threads may evaluate the same plan at once.

#include <danchu/core/date.hpp>
#include <danchu/core/period.hpp>
#include <danchu/evidence/evidence.hpp>
#include <danchu/evidence/fact.hpp>
#include <danchu/logic/logic.hpp>
#include <danchu/organisation/unit.hpp>
#include <danchu/rules/finding.hpp>
#include <danchu/rules/pack.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace danchu {

/// The bundled base packs and the date the regime switches between them.
struct regime_choice {
    /// First day of Law 10/2022/QH15 (its Art. 90); before it Decree 04/2015 applies.
    /// Configurable because no repeal instrument for Decree 04/2015 was found
    /// (legal brief §1.1, addendum §5.3).
    civil_day switch_date = civil_day(2023, 7, 1);
    std::string before_pack = "vn.decree-04-2015";
    std::string after_pack = "vn.law-10-2022";

    /// The base pack governing `date`.
    const std::string& pack_for(civil_day date) const noexcept {
        return date < switch_date ? before_pack : after_pack;
    }
    /// The other regime's pack (for what-if re-evaluation), or "" if `pack_id`
    /// is neither base pack.
    std::string other(const std::string& pack_id) const {
        if (pack_id == before_pack) return after_pack;
        if (pack_id == after_pack) return before_pack;
        return {};
    }
};

/// What evaluation needs besides the plan, the units and the evidence.
struct evaluation_options {
    explicit evaluation_options(assessment_period p) : period(std::move(p)) {}
    assessment_period period;
    std::optional<civil_day> as_of;                ///< default: the period's last day
    std::function<bool(civil_day)> is_working_day; ///< default: Monday-Friday
    bool apply_overrides = true;                      ///< apply the evidence's overrides

    logic::eval_context context() const {
        logic::eval_context c;
        c.period_start = period.first();
        c.period_end = period.last();
        c.as_of = as_of ? *as_of : period.last();
        c.is_working_day = is_working_day;
        return c;
    }
};

/// One rule compiled: its programs and the dictionary indices of the facts it reads.
struct compiled_rule {
    logic::program condition;
    logic::program credit;      ///< empty when the rule has no partial credit
    logic::program applies;     ///< empty when the rule has no applicability condition
    std::vector<std::size_t> facts;
};

/// A rule set compiled against a fact dictionary: every expression parsed and
/// type-checked once. Immutable and thread-safe.
class evaluation_plan {
public:
    /// Compiles every rule. Checks that conditions are boolean, credits numeric,
    /// and that a rule's declared `facts` list (if any) matches what it reads.
    /// @throws rule_error / parse_error naming the file and JSON pointer.
    evaluation_plan(rule_set rules, std::shared_ptr<const fact_dictionary> dict)
        : set_(std::move(rules)), dict_(std::move(dict)) {
        if (!dict_) throw argument_error("evaluation_plan: the fact dictionary is null");
        std::vector<std::string> names;
        for (const auto& f : dict_->facts()) names.push_back(f.key);
        std::vector<std::uint8_t> used(dict_->size(), 0);
        for (auto& r : set_.rules_mutable()) {
            compiled_rule c;
            auto opts = [&](const std::string& what) {
                logic::compile_options o;
                const fact_dictionary* d = dict_.get();
                o.resolve = [d](std::string_view key) -> std::optional<logic::var_binding> {
                    auto i = d->find(key);
                    if (i == fact_dictionary::npos) return std::nullopt;
                    return logic::var_binding{i, logic_type((*d)[i].type)};
                };
                o.file = r.file;
                o.pointer = r.pointer + what;
                o.fact_names = names;
                return o;
            };
            c.condition = logic::compile(r.condition, opts("/condition"));
            require_type(c.condition, logic::type::boolean, r, "/condition", "true or false");
            if (!r.credit.is_null()) {
                c.credit = logic::compile(r.credit, opts("/credit"));
                require_type(c.credit, logic::type::number, r, "/credit", "a number in [0, 1]");
            }
            if (!r.applies.condition.is_null()) {
                c.applies = logic::compile(r.applies.condition, opts("/applies_to/condition"));
                require_type(c.applies, logic::type::boolean, r, "/applies_to/condition", "true or false");
            }
            reject_constant_errors(c, r);
            std::vector<std::size_t> slots = c.condition.slots_read();
            for (const auto* p : {&c.credit, &c.applies})
                if (p->valid())
                    for (auto s : p->slots_read()) slots.push_back(s);
            std::sort(slots.begin(), slots.end());
            slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
            std::vector<std::string> derived;
            for (auto s : slots) derived.push_back((*dict_)[s].key);
            if (!r.facts.empty()) {
                auto declared = r.facts;
                std::sort(declared.begin(), declared.end());
                auto sorted = derived;
                std::sort(sorted.begin(), sorted.end());
                if (declared != sorted) {
                    std::string list;
                    for (const auto& k : sorted) list += (list.empty() ? "" : ", ") + k;
                    throw parse_error(r.file, r.pointer + "/facts",
                                      "the declared facts do not match what the rule reads: " + list);
                }
            }
            r.facts = std::move(derived);
            for (auto s : slots) used[s] = 1;
            c.facts = std::move(slots);
            compiled_.push_back(std::move(c));
        }
        for (std::size_t i = 0; i < used.size(); ++i)
            if (used[i]) slots_.push_back(i);
    }

    const rule_set& rules() const noexcept { return set_; }
    const std::shared_ptr<const fact_dictionary>& dictionary() const noexcept { return dict_; }
    const compiled_rule& compiled(std::size_t rule) const noexcept { return compiled_[rule]; }
    /// Dictionary indices of every fact any rule reads, ascending.
    const std::vector<std::size_t>& facts_read() const noexcept { return slots_; }
    /// Metadata of every rule, for finding tables and scoring.
    std::vector<rule_meta> metas() const {
        std::vector<rule_meta> m;
        for (const auto& r : set_.rules()) m.push_back(r.meta());
        return m;
    }

    /// The condition-language type of a fact type.
    static logic::type logic_type(fact_type t) noexcept {
        switch (t) {
        case fact_type::boolean: return logic::type::boolean;
        case fact_type::number:
        case fact_type::integer: return logic::type::number;
        case fact_type::string: return logic::type::string;
        case fact_type::date: return logic::type::date;
        case fact_type::events: return logic::type::events;
        }
        return logic::type::any;
    }

private:
    /// What can be known when the pack loads: a condition, applicability or
    /// credit that reads no fact gives the same result for every unit, so one
    /// that raises an error (a division by zero) or a credit outside [0, 1]
    /// would make every cell an `error` verdict. Rejected here, naming the
    /// rule's file and JSON pointer (a period of one year stands in for the
    /// assessed one).
    static void reject_constant_errors(const compiled_rule& c, const rule& r) {
        logic::eval_context ctx;
        ctx.period_start = civil_day(2000, 1, 1);
        ctx.period_end = civil_day(2000, 12, 31);
        ctx.as_of = ctx.period_end;
        const std::pair<const logic::program*, const char*> parts[] = {
            {&c.condition, "/condition"}, {&c.applies, "/applies_to/condition"}, {&c.credit, "/credit"}};
        for (const auto& [p, where] : parts) {
            if (!p->valid() || !p->slots_read().empty()) continue;
            logic::value v;
            try {
                v = p->evaluate(nullptr, ctx);
            } catch (const rule_error& e) {
                throw parse_error(r.file, r.pointer + where,
                                  "reads no fact and always raises an error, so every unit would get the "
                                  "verdict error: " + std::string(e.what()));
            }
            if (p == &c.credit && !v.is_null() && !(v.is_number() && v.as_number() >= 0.0 && v.as_number() <= 1.0))
                throw parse_error(r.file, r.pointer + where, "a constant partial credit must be a number in [0, 1]");
        }
    }

    static void require_type(const logic::program& p, logic::type want, const rule& r, const char* where,
                             const char* expected) {
        const auto t = p.result_type();
        if (t != want && t != logic::type::any)
            throw rule_error(r.file + ":" + r.pointer + where + ": rule \"" + r.id + "\": the expression gives " +
                             std::string(logic::to_string(t)) + ", expected " + expected);
    }

    rule_set set_;
    std::shared_ptr<const fact_dictionary> dict_;
    std::vector<compiled_rule> compiled_;
    std::vector<std::size_t> slots_;
};

} // namespace danchu
