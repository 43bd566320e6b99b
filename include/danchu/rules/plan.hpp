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

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace danchu {

/// The base packs of a library (those that overlay no other) and the days
/// their regimes govern, read from each pack's `regime.valid_from` /
/// `valid_to`: no date of the law is written in code.
struct regime_choice {
    /// One base regime: its pack and the days it governs.
    struct base {
        std::string pack;
        civil_day from;              ///< first day
        std::optional<civil_day> to; ///< last day (none: still in force)
    };
    /// The base packs with a `valid_from`, by first day (then by id).
    std::vector<base> bases;
    /// When set, the first day of the latest base regime, replacing its
    /// `valid_from`; the regime before it then runs up to the day before.
    /// Configurable because no repeal instrument for Decree 04/2015 was found
    /// (legal brief §1.1, addendum §5.3).
    std::optional<civil_day> switch_date;

    /// The base regimes of the packs in `lib`.
    /// @throws parse_error naming the file and pointer of a pack that does not load.
    static regime_choice from_library(const pack_library& lib) {
        regime_choice c;
        for (const auto& id : lib.ids()) {
            const rule_pack p = lib.load(id);
            if (!p.extends.empty() || !p.regime.valid_from) continue;
            c.bases.push_back({p.id, *p.regime.valid_from, p.regime.valid_to});
        }
        std::sort(c.bases.begin(), c.bases.end(), [](const base& a, const base& b) {
            return a.from != b.from ? a.from < b.from : a.pack < b.pack;
        });
        return c;
    }

    /// The first and last day base `i` governs, `switch_date` applied.
    std::pair<civil_day, std::optional<civil_day>> span(std::size_t i) const {
        civil_day from = bases.at(i).from;
        std::optional<civil_day> to = bases[i].to;
        if (switch_date && !bases.empty()) {
            if (i + 1 == bases.size())
                from = *switch_date;
            else if (i + 2 == bases.size())
                to = *switch_date - 1;
        }
        return {from, to};
    }

    /// The first day of the pack's regime (`switch_date` applied).
    /// @throws argument_error when `pack_id` is no base pack of the library.
    civil_day first_day(const std::string& pack_id) const {
        for (std::size_t i = 0; i < bases.size(); ++i)
            if (bases[i].pack == pack_id) return span(i).first;
        throw argument_error("\"" + pack_id +
                             "\" is not a base rule pack with a regime.valid_from; base packs: " + list());
    }

    /// The base pack governing `date`.
    /// @throws argument_error when no base pack's regime covers `date`.
    std::string pack_for(civil_day date) const {
        for (std::size_t i = bases.size(); i-- > 0;) {
            const auto [from, to] = span(i);
            if (from <= date && (!to || date <= *to)) return bases[i].pack;
        }
        throw argument_error("no base rule pack governs " + date.iso() +
                             " (by the packs' regime.valid_from/valid_to); base packs: " + list());
    }
    /// The neighbouring regime's pack (for what-if re-evaluation): the one
    /// before the latest, the next one for any other; "" if `pack_id` is no
    /// base pack or the library has a single one.
    std::string other(const std::string& pack_id) const {
        for (std::size_t i = 0; i < bases.size(); ++i) {
            if (bases[i].pack != pack_id || bases.size() < 2) continue;
            return i + 1 == bases.size() ? bases[i - 1].pack : bases[i + 1].pack;
        }
        return {};
    }

private:
    std::string list() const {
        std::string s;
        for (const auto& b : bases) s += (s.empty() ? "" : ", ") + b.pack;
        return s.empty() ? std::string("(none)") : s;
    }
};

/// What evaluation needs besides the plan, the units and the evidence.
struct evaluation_options {
    explicit evaluation_options(assessment_period p) : period(std::move(p)) {}
    assessment_period period;
    std::optional<civil_day> as_of;                ///< default: the period's last day
    std::function<bool(civil_day)> is_working_day; ///< default: Monday-Friday
    bool apply_overrides = true;                   ///< apply the evidence's overrides
    /// Evaluate rules column by column where their programs allow it
    /// (evaluate.hpp, issue 14); false: the per-unit interpreter only. The
    /// results are identical; the switch is for tests and benchmarks.
    bool columnar = true;

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
    logic::program credit;  ///< empty when the rule has no partial credit
    logic::program applies; ///< empty when the rule has no applicability condition
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
                                  "verdict error: " +
                                      std::string(e.what()));
            }
            if (p == &c.credit && !v.is_null() &&
                !(v.is_number() && v.as_number() >= 0.0 && v.as_number() <= 1.0))
                throw parse_error(r.file, r.pointer + where,
                                  "a constant partial credit must be a number in [0, 1]");
        }
    }

    static void require_type(const logic::program& p, logic::type want, const rule& r, const char* where,
                             const char* expected) {
        const auto t = p.result_type();
        if (t != want && t != logic::type::any)
            throw rule_error(r.file + ":" + r.pointer + where + ": rule \"" + r.id +
                             "\": the expression gives " + std::string(logic::to_string(t)) + ", expected " +
                             expected);
    }

    rule_set set_;
    std::shared_ptr<const fact_dictionary> dict_;
    std::vector<compiled_rule> compiled_;
    std::vector<std::size_t> slots_;
};

} // namespace danchu
