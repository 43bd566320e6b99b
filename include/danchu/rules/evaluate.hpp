#pragma once
/// @file
/// Batch evaluation of a compiled plan (plan.hpp) over an organisation and its
/// evidence: the columnar findings table. One finding explained: explain.hpp;
/// evidence templates: template.hpp; findings as JSON or CSV: findings_io.hpp.

#include <danchu/rules/detail/columnar.hpp>
#include <danchu/rules/plan.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace danchu {

namespace detail {

/// Assembles the per-unit fact row the compiled programs read: one pointer
/// per slot (nullptr = missing), to a scalar built here, to the string value
/// kept in the evidence (shared, not copied), or to an events fact's list of
/// {"date": d} objects built here from the evidence's day numbers. The lists
/// are made only for the units the interpreter reads (the column evaluator
/// reads the day numbers): each slot reuses its buffer from row to row unless
/// a value of an earlier row is still held, and the object of one day is
/// shared, so filling a row allocates nothing once the buffers have grown.
class fact_rows {
public:
    fact_rows(const evaluation_plan& plan, const evidence& ev)
        : ev_(ev), dict_(*plan.dictionary()), slots_(plan.facts_read()), scalars_(dict_.size()),
          row_(dict_.size(), nullptr), lists_(dict_.size()) {}

    /// The row of unit `u` (slots not read by the plan stay missing). The
    /// values pointed to stay valid until the next call.
    const logic::value* const* fill(std::size_t u) {
        for (auto f : slots_) {
            const auto& col = ev_.column(f);
            if (col.present.empty() || !col.present[u]) {
                row_[f] = nullptr;
                continue;
            }
            switch (dict_[f].type) {
            case fact_type::string: row_[f] = &col.values[u]; break;
            case fact_type::events: row_[f] = &events(u, f); break;
            case fact_type::boolean:
                scalars_[f] = logic::value(col.numbers[u] != 0.0);
                row_[f] = &scalars_[f];
                break;
            case fact_type::number:
            case fact_type::integer:
                scalars_[f] = logic::value(col.numbers[u]);
                row_[f] = &scalars_[f];
                break;
            case fact_type::date:
                scalars_[f] = logic::value::date(static_cast<std::int32_t>(col.numbers[u]));
                row_[f] = &scalars_[f];
                break;
            }
        }
        return row_.data();
    }

private:
    const logic::value& events(std::size_t u, std::size_t f) {
        auto& v = scalars_[f];
        v = logic::value(); // this row's hold on the previous list
        auto& list = lists_[f];
        // A value of an earlier row still held elsewhere keeps its list.
        if (!list || list.use_count() > 1) list = std::make_shared<logic::array>();
        list->clear();
        for (const std::int32_t d : ev_.column(f).events(u)) list->push_back(day(d));
        v = logic::value::array_in(list, *list);
        return v;
    }
    const logic::value& day(std::int32_t d) {
        auto it = days_.find(d);
        if (it == days_.end())
            it = days_.emplace(d, logic::value(logic::object{{"date", logic::value::date(d)}})).first;
        return it->second;
    }

    const evidence& ev_;
    const fact_dictionary& dict_;
    const std::vector<std::size_t>& slots_;
    std::vector<logic::value> scalars_;
    std::vector<const logic::value*> row_;
    std::vector<std::shared_ptr<logic::array>> lists_;
    std::unordered_map<std::int32_t, logic::value> days_;
};

/// Why a cell got its verdict (for explanations).
enum class decision : std::uint8_t {
    not_in_force,    ///< the rule is not in force during the period
    kind,            ///< the unit's kind is not covered
    staff,           ///< the unit's staff count is outside the rule's thresholds
    applies_false,   ///< the applicability condition is false
    applies_missing, ///< the applicability condition needs missing evidence
    holds,           ///< the condition is true
    fails,           ///< the condition is false
    missing,         ///< the condition needs missing evidence
    declared_none,   ///< the condition needs an event the unit declared did not happen
    runtime_error,   ///< the condition raised an error
    bad_credit,      ///< partial credit outside [0, 1]
};

struct cell_outcome {
    verdict v = verdict::unknown;
    double credit = 0.0;
    decision why = decision::missing;
    std::string error; ///< message for runtime_error / bad_credit
};

inline cell_outcome evaluate_cell(const evaluation_plan& plan, std::size_t r, const unit& u,
                                  const logic::value* const* row, const logic::eval_context& ctx,
                                  civil_day period_start, civil_day period_end, logic::trace* tr,
                                  const evidence& ev, std::size_t ui) {
    const rule& ru = plan.rules().rules()[r];
    const compiled_rule& c = plan.compiled(r);
    cell_outcome out;
    auto fin = [&](verdict v, decision d, double credit = 0.0) {
        out.v = v;
        out.why = d;
        out.credit = credit;
        return out;
    };
    if (!ru.applies.in_force(period_start, period_end))
        return fin(verdict::not_applicable, decision::not_in_force);
    if (!ru.applies.kinds.empty()) {
        bool ok = false;
        for (auto k : ru.applies.kinds) ok = ok || k == u.kind;
        if (!ok) return fin(verdict::not_applicable, decision::kind);
    }
    if ((ru.applies.min_staff && u.staff < *ru.applies.min_staff) ||
        (ru.applies.max_staff && u.staff > *ru.applies.max_staff))
        return fin(verdict::not_applicable, decision::staff);
    try {
        if (c.applies.valid()) {
            const logic::value a =
                tr ? c.applies.evaluate_indirect(row, ctx, *tr) : c.applies.evaluate_indirect(row, ctx);
            if (a.is_null()) return fin(verdict::unknown, decision::applies_missing);
            if (!a.as_bool()) return fin(verdict::not_applicable, decision::applies_false);
        }
        const logic::value v =
            tr ? c.condition.evaluate_indirect(row, ctx, *tr) : c.condition.evaluate_indirect(row, ctx);
        if (v.is_null()) {
            // Unknown only because of events the unit declared did not happen:
            // a declaration is evidence, so the rule fails (issue 11).
            bool declared = false, unreported = false;
            for (auto f : c.facts) {
                if (ev.has(ui, f)) continue;
                (ev.declared_none(ui, f) ? declared : unreported) = true;
            }
            if (declared && !unreported) return fin(verdict::fail, decision::declared_none);
            return fin(verdict::unknown, decision::missing);
        }
        if (!v.is_bool()) {
            out.error = "the condition did not give true or false";
            return fin(verdict::error, decision::runtime_error);
        }
        if (v.as_bool()) return fin(verdict::pass, decision::holds, 1.0f);
        if (!c.credit.valid()) return fin(verdict::fail, decision::fails, 0.0f);
        const logic::value k = c.credit.evaluate_indirect(row, ctx);
        if (k.is_null()) return fin(verdict::fail, decision::fails, 0.0f);
        const double x = k.is_number() ? k.as_number() : -1.0;
        if (!(x >= 0.0 && x <= 1.0)) {
            out.error = "partial credit outside [0, 1]";
            return fin(verdict::error, decision::bad_credit);
        }
        return fin(verdict::fail, decision::fails, x);
    } catch (const rule_error& e) {
        out.error = e.what();
        return fin(verdict::error, decision::runtime_error);
    }
}

/// One rule translated to column programs (columnar.hpp) for one evaluation.
struct columnar_rule {
    bool columnar = false; ///< false: the interpreter evaluates every cell
    bool in_force = true;
    std::uint32_t kinds = ~std::uint32_t{0}; ///< bit per unit_kind covered
    bool has_applies = false, has_credit = false, active = false;
    std::int64_t min_staff = INT64_MIN, max_staff = INT64_MAX;
    columnar::program applies, condition, credit;

    /// `kind_bit`: 1 << the unit's kind.
    bool covers(std::uint32_t kind_bit, std::int64_t staff) const noexcept {
        return (kinds & kind_bit) != 0 && staff >= min_staff && staff <= max_staff;
    }
    /// covers() for m units, 0 or 1 each.
    void coverage(const std::uint32_t* kind_bit, const std::int64_t* staff, std::size_t m,
                  std::uint8_t* out) const noexcept {
        for (std::size_t i = 0; i < m; ++i) out[i] = (kinds & kind_bit[i]) != 0;
        if (min_staff != INT64_MIN || max_staff != INT64_MAX)
            for (std::size_t i = 0; i < m; ++i)
                out[i] &= static_cast<std::uint8_t>((staff[i] >= min_staff) & (staff[i] <= max_staff));
    }
};

/// One rule's results over a block as bytes (0: false), as decide_codes
/// reads them. The programs a rule does not have are not read.
struct cell_inputs {
    const std::uint8_t* covered = nullptr;  ///< the rule covers the unit's kind and staff
    const std::uint8_t* declared = nullptr; ///< unknown only because of declared nones
    const std::uint8_t* holds = nullptr;    ///< condition: true, valid, fall back
    const std::uint8_t* cok = nullptr;
    const std::uint8_t* cfb = nullptr;
    const std::uint8_t* applies = nullptr; ///< applicability (A): true, valid, fall back
    const std::uint8_t* aok = nullptr;
    const std::uint8_t* afb = nullptr;
    const std::uint8_t* kgood = nullptr; ///< credit (K): within [0, 1], valid, fall back
    const std::uint8_t* kok = nullptr;
    const std::uint8_t* kfb = nullptr;
};

/// The verdict codes of m cells, as evaluate_cell decides them (0xFF:
/// evaluate_cell decides). A, K: the rule has an applicability condition, a
/// credit program. Bytes only, without branches, on pointers that do not
/// alias, so that the compiler vectorises it: the verdicts are mixed, and
/// branching on them mispredicts.
template <bool A, bool K>
void decide_codes(std::size_t m, const std::uint8_t* __restrict covered,
                  const std::uint8_t* __restrict declared, const std::uint8_t* __restrict holds,
                  const std::uint8_t* __restrict cok, const std::uint8_t* __restrict cfb,
                  const std::uint8_t* __restrict applies, const std::uint8_t* __restrict aok,
                  const std::uint8_t* __restrict afb, const std::uint8_t* __restrict kgood,
                  const std::uint8_t* __restrict kok, const std::uint8_t* __restrict kfb,
                  std::uint8_t* __restrict code) noexcept {
    constexpr auto P = static_cast<std::uint8_t>(verdict::pass);
    constexpr auto F = static_cast<std::uint8_t>(verdict::fail);
    constexpr auto NA = static_cast<std::uint8_t>(verdict::not_applicable);
    constexpr auto UNK = static_cast<std::uint8_t>(verdict::unknown);
    constexpr auto ERR = static_cast<std::uint8_t>(verdict::error);
    constexpr std::uint8_t PEND = 0xFF;
    // yes where x is not 0, else no
    auto pick = [](std::uint8_t x, std::uint8_t yes, std::uint8_t no) {
        const auto all = static_cast<std::uint8_t>(-static_cast<std::uint8_t>(x != 0));
        return static_cast<std::uint8_t>((yes & all) | (no & ~all));
    };
    for (std::size_t i = 0; i < m; ++i) {
        // credit: fail, or error when it is outside [0, 1]; evaluate_cell when its kernel could not
        std::uint8_t kcode = F;
        if (K) kcode = pick(kfb[i], PEND, pick((kok[i] != 0) & (kgood[i] == 0), ERR, F));
        // condition: pass, else the credit's code; missing: unknown, or fail when declared
        std::uint8_t c = pick(holds[i], P, kcode);
        c = pick(cok[i], c, pick(declared[i], F, UNK));
        c = pick(cfb[i], PEND, c);
        if (A) { // applicability: false: not applicable; missing: unknown
            c = pick(applies[i], c, NA);
            c = pick(aok[i], c, UNK);
            c = pick(afb[i], PEND, c);
        }
        code[i] = pick(covered[i], c, NA);
    }
}

template <bool A, bool K>
void decide_codes(std::size_t m, const cell_inputs& in, std::uint8_t* code) noexcept {
    decide_codes<A, K>(m, in.covered, in.declared, in.holds, in.cok, in.cfb, in.applies, in.aok, in.afb,
                       in.kgood, in.kok, in.kfb, code);
}

/// The block's codes and credits (rule by rule, `stride` apart) into the
/// table's rows (unit by unit, `nr` cells each).
inline void transpose_block(const std::uint8_t* __restrict codes, const double* __restrict credits,
                            std::size_t stride, std::size_t nr, std::size_t m, verdict* __restrict vrow,
                            double* __restrict krow) noexcept {
    for (std::size_t i = 0; i < m; ++i, vrow += nr, krow += nr)
        for (std::size_t r = 0; r < nr; ++r) {
            vrow[r] = static_cast<verdict>(codes[r * stride + i]);
            krow[r] = credits[r * stride + i];
        }
}

/// Translates every rule of `plan` it can; the others stay with the interpreter.
inline std::vector<columnar_rule> translate_rules(const evaluation_plan& plan, columnar::inputs& in,
                                                  civil_day period_start, civil_day period_end) {
    const auto& rules = plan.rules().rules();
    std::vector<columnar_rule> out(rules.size());
    for (std::size_t r = 0; r < rules.size(); ++r) {
        const rule& ru = rules[r];
        const compiled_rule& c = plan.compiled(r);
        auto& cr = out[r];
        cr.in_force = ru.applies.in_force(period_start, period_end);
        if (ru.applies.min_staff) cr.min_staff = *ru.applies.min_staff;
        if (ru.applies.max_staff) cr.max_staff = *ru.applies.max_staff;
        if (!ru.applies.kinds.empty()) {
            cr.kinds = 0;
            for (auto k : ru.applies.kinds) cr.kinds |= std::uint32_t{1} << static_cast<unsigned>(k);
        }
        using columnar::kind;
        auto fits = [](const columnar::program& p, kind want) {
            return p.result() == want || p.result() == kind::null;
        };
        cr.has_applies = c.applies.valid();
        cr.has_credit = c.credit.valid();
        cr.columnar =
            c.condition.valid() && cr.condition.compile(c.condition, in) &&
            fits(cr.condition, kind::boolean) &&
            (!cr.has_applies || (cr.applies.compile(c.applies, in) && fits(cr.applies, kind::boolean))) &&
            (!cr.has_credit || (cr.credit.compile(c.credit, in) && fits(cr.credit, kind::number)));
    }
    return out;
}

/// For each rule of `plan`, whether evaluate() runs it column by column for
/// this evidence and period (the others are interpreted unit by unit).
inline std::vector<bool> columnar_coverage(const evaluation_plan& plan, const evidence& ev,
                                           const evaluation_options& opt) {
    const auto ctx = opt.context();
    columnar::inputs in(ev, ctx);
    const auto rules = translate_rules(plan, in, opt.period.first(), opt.period.last());
    std::vector<bool> out;
    for (const auto& r : rules) out.push_back(r.columnar);
    return out;
}

/// evaluate() column by column (columnar.hpp): blocks of units, every
/// translated rule's programs evaluated over the block, then each cell decided
/// as evaluate_cell decides it; a cell a kernel cannot decide exactly, and
/// every cell of a rule that was not translated, goes to evaluate_cell.
inline void evaluate_columnar(const evaluation_plan& plan, const organisation& org, const evidence& ev,
                              const evaluation_options& opt, const logic::eval_context& ctx,
                              finding_table& table) {
    const civil_day ps = opt.period.first(), pe = opt.period.last();
    columnar::inputs in(ev, ctx);
    auto rules = translate_rules(plan, in, ps, pe);
    fact_rows rows(plan, ev);
    const std::size_t nr = rules.size(), n = org.size();
    std::vector<std::uint32_t> kind_bits(columnar::block_size);
    std::vector<std::int64_t> staff(columnar::block_size);
    // per rule of the block: scratch bytes for decide_codes
    std::vector<std::uint8_t> declared(columnar::block_size), unreported(columnar::block_size),
        covered(columnar::block_size), holds(columnar::block_size), applies(columnar::block_size),
        kgood(columnar::block_size);
    // Per rule and unit of the block: the verdict (0xFF = evaluate_cell decides)
    // and credit. Rows padded: rows a block apart would share cache sets when
    // read across rules.
    const std::size_t stride = columnar::block_size + 8;
    std::vector<std::uint8_t> codes(nr * stride);
    std::vector<double> credits(nr * stride);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pending; // (unit in block, rule) for evaluate_cell
    pending.reserve(columnar::block_size);
    for (std::size_t start = 0; start < n; start += columnar::block_size) {
        const std::size_t m = std::min(columnar::block_size, n - start);
        for (std::size_t i = 0; i < m; ++i) {
            kind_bits[i] = std::uint32_t{1} << static_cast<unsigned>(org[start + i].kind);
            staff[i] = org[start + i].staff;
        }
        pending.clear();
        for (std::size_t r = 0; r < nr; ++r) {
            auto& cr = rules[r];
            if (!cr.columnar) {
                std::fill(codes.begin() + static_cast<std::ptrdiff_t>(r * stride),
                          codes.begin() + static_cast<std::ptrdiff_t>(r * stride + m), std::uint8_t{0xFF});
                continue;
            }
            cr.active = false;
            for (std::size_t i = 0; i < m && cr.in_force && !cr.active; ++i)
                cr.active = cr.covers(kind_bits[i], staff[i]);
            std::uint8_t* code = codes.data() + r * stride;
            double* credit = credits.data() + r * stride;
            if (!cr.active) {
                std::fill(code, code + m, static_cast<std::uint8_t>(verdict::not_applicable));
                std::fill(credit, credit + m, 0.0);
                continue;
            }
            if (cr.has_applies) cr.applies.run(start, m);
            cr.condition.run(start, m);
            if (cr.has_credit) cr.credit.run(start, m);
            // As evaluate_cell: a condition unknown only because of events the
            // unit declared did not happen fails. Only the rules that read a
            // fact with declarations need the two masks.
            bool declarations = false;
            for (auto f : plan.compiled(r).facts) declarations = declarations || !ev.column(f).none.empty();
            if (declarations) {
                std::fill(declared.begin(), declared.begin() + static_cast<std::ptrdiff_t>(m),
                          std::uint8_t{0});
                std::fill(unreported.begin(), unreported.begin() + static_cast<std::ptrdiff_t>(m),
                          std::uint8_t{1});
                for (auto f : plan.compiled(r).facts) {
                    const auto& col = ev.column(f);
                    const std::uint8_t* has = col.present.empty() ? in.zeros() : col.present.data() + start;
                    const std::uint8_t* none = col.none.empty() ? in.zeros() : col.none.data() + start;
                    for (std::size_t i = 0; i < m; ++i) {
                        declared[i] |= static_cast<std::uint8_t>((has[i] == 0) & (none[i] != 0));
                        unreported[i] &= static_cast<std::uint8_t>(has[i] != 0 || none[i] != 0);
                    }
                }
                for (std::size_t i = 0; i < m; ++i) declared[i] &= unreported[i];
            }
            cell_inputs ci;
            cr.coverage(kind_bits.data(), staff.data(), m, covered.data());
            ci.covered = covered.data();
            ci.declared = declarations ? declared.data() : in.zeros();
            columnar::nonzero_mask(cr.condition.values(), m, holds.data());
            ci.holds = holds.data();
            ci.cok = cr.condition.valid();
            ci.cfb = cr.condition.fallback();
            if (cr.has_applies) {
                columnar::nonzero_mask(cr.applies.values(), m, applies.data());
                ci.applies = applies.data();
                ci.aok = cr.applies.valid();
                ci.afb = cr.applies.fallback();
            }
            if (cr.has_credit) {
                columnar::unit_interval_mask(cr.credit.values(), m, kgood.data());
                ci.kgood = kgood.data();
                ci.kok = cr.credit.valid();
                ci.kfb = cr.credit.fallback();
            }
            if (cr.has_applies)
                cr.has_credit ? decide_codes<true, true>(m, ci, code)
                              : decide_codes<true, false>(m, ci, code);
            else
                cr.has_credit ? decide_codes<false, true>(m, ci, code)
                              : decide_codes<false, false>(m, ci, code);
            // A pass gives credit 1; a fail decided by a credit program its
            // value; all else 0 (the cells evaluate_cell decides are overwritten).
            constexpr auto P = static_cast<std::uint8_t>(verdict::pass);
            constexpr auto F = static_cast<std::uint8_t>(verdict::fail);
            for (std::size_t i = 0; i < m; ++i) credit[i] = code[i] == P ? 1.0 : 0.0;
            if (cr.has_credit) {
                const double* kv = cr.credit.values();
                for (std::size_t i = 0; i < m; ++i)
                    if (code[i] == F && ci.cok[i] && ci.kok[i]) credit[i] = kv[i];
            }
        }
        // Into the table unit by unit (its rows are units); the interpreter's
        // cells (0xFF) are overwritten below.
        transpose_block(codes.data(), credits.data(), stride, nr, m, table.verdict_cells() + start * nr,
                        table.credit_cells() + start * nr);
        bool any_pending = false;
        for (std::size_t r = 0; r < nr && !any_pending; ++r)
            any_pending = std::memchr(codes.data() + r * stride, 0xFF, m) != nullptr;
        for (std::size_t i = 0; i < m && any_pending; ++i) // in unit order
            for (std::size_t r = 0; r < nr; ++r)
                if (codes[r * stride + i] == 0xFF) pending.emplace_back(i, r);
        // The interpreter's cells, unit by unit (one row filled per unit).
        // (pending is in unit order: filled unit by unit above)
        std::size_t filled = SIZE_MAX;
        const logic::value* const* row = nullptr;
        for (const auto& p : pending) {
            const std::size_t u = start + p.first;
            if (u != filled) {
                row = rows.fill(u);
                filled = u;
            }
            const auto o = evaluate_cell(plan, p.second, org[u], row, ctx, ps, pe, nullptr, ev, u);
            table.set(u, p.second, o.v, o.credit);
        }
    }
}

/// Checks that evidence and organisation describe the same units, and the period.
inline void check_inputs(const evaluation_plan& plan, const organisation& org, const evidence& ev,
                         const evaluation_options& opt) {
    // Evidence columns are indexed by the fact's position in the dictionary: two
    // dictionaries agree only if every position holds the same key and type
    // (comparing sizes let two swapped facts read out of bounds).
    const fact_dictionary& ed = *ev.dictionary();
    const fact_dictionary& pd = *plan.dictionary();
    if (&ed != &pd) {
        if (ed.size() != pd.size())
            throw evidence_error("the evidence was loaded with a different fact dictionary than the pack (" +
                                 std::to_string(ed.size()) + " facts, not " + std::to_string(pd.size()) +
                                 ")");
        for (std::size_t i = 0; i < ed.size(); ++i)
            if (ed[i].key != pd[i].key || ed[i].type != pd[i].type || ed[i].allowed != pd[i].allowed)
                throw evidence_error("the evidence was loaded with a different fact dictionary than the pack "
                                     "(fact #" +
                                     std::to_string(i) + " is \"" + ed[i].key + "\" in the evidence's, \"" +
                                     pd[i].key + "\" in the pack's)");
    }
    if (ev.unit_count() != org.size())
        throw evidence_error("the evidence was loaded for " + std::to_string(ev.unit_count()) +
                             " units but the organisation has " + std::to_string(org.size()));
    if (ev.shared_unit_ids() != org.unit_ids()) // built for this organisation: the same list
        for (std::size_t i = 0; i < org.size(); ++i)
            if (ev.unit_ids()[i] != org[i].id)
                throw evidence_error("the evidence was loaded for another organisation (unit #" +
                                     std::to_string(i) + " is \"" + ev.unit_ids()[i] + "\", not \"" +
                                     org[i].id + "\")");
    if (!ev.period().empty() && ev.period() != opt.period.label())
        throw evidence_error("the evidence is for period \"" + ev.period() +
                             "\" but evaluation asked for \"" + opt.period.label() + "\"");
}

/// The message for a grouping-only unit named where a unit is assessed.
inline std::string grouping_only_message(const unit& u) {
    return "unit \"" + u.id +
           "\" is a grouping-only node (label grouping=true): it is not assessed itself, only its units are";
}

/// `table` without the rows of grouping-only units (is_grouping): they are
/// not assessed as agencies, only rolled up. The table itself when there is none.
inline finding_table assessed_only(finding_table table, const organisation& org) {
    if (org.grouping_count() == 0) return table;
    std::vector<std::size_t> keep;
    keep.reserve(org.size());
    for (std::size_t u = 0; u < org.size(); ++u)
        if (!is_grouping(org[u])) keep.push_back(u);
    if (keep.size() == table.unit_count()) return table;
    std::vector<std::string> ids;
    ids.reserve(keep.size());
    for (const std::size_t u : keep) ids.push_back(table.unit_ids()[u]);
    finding_table out(table.rules(), std::move(ids));
    for (std::size_t k = 0; k < keep.size(); ++k)
        for (std::size_t r = 0; r < table.rule_count(); ++r)
            out.set(k, r, table(keep[k], r), table.credit(keep[k], r));
    for (const auto& o : table.overrides()) out.add_override(o);
    return out;
}

} // namespace detail

/// Applies the overrides of `ev` to `table`, finding each unit and rule by
/// its id among the table's rows and columns (`pack` names them in errors);
/// the original verdict is kept in the table's override records.
/// @throws evidence_error for an override naming an unknown unit or rule, a
/// grouping-only unit, or two overrides of the same cell.
inline void apply_overrides(finding_table& table, const organisation& org, const evidence& ev,
                            const std::string& pack) {
    std::vector<std::pair<std::size_t, std::size_t>> done;
    for (auto rec : ev.overrides()) {
        const std::size_t u = org.find(rec.unit_id);
        if (u == organisation::npos)
            throw evidence_error("override for unknown unit \"" + rec.unit_id + "\"");
        if (is_grouping(org[u])) throw evidence_error("override: " + detail::grouping_only_message(org[u]));
        std::size_t row = organisation::npos, r = rule_set::npos;
        for (std::size_t i = 0; i < table.unit_count() && row == organisation::npos; ++i)
            if (table.unit_ids()[i] == rec.unit_id) row = i;
        for (std::size_t i = 0; i < table.rule_count() && r == rule_set::npos; ++i)
            if (table.rules()[i].id == rec.rule_id) r = i;
        if (row == organisation::npos)
            throw evidence_error("override for unit \"" + rec.unit_id + "\", which the findings do not have");
        if (r == rule_set::npos)
            throw evidence_error("override for unit \"" + rec.unit_id + "\" names rule \"" + rec.rule_id +
                                 "\", which pack \"" + pack + "\" does not have");
        for (const auto& d : done)
            if (d.first == row && d.second == r)
                throw evidence_error("two overrides for unit \"" + rec.unit_id + "\" and rule \"" +
                                     rec.rule_id + "\"");
        done.emplace_back(row, r);
        rec.original = table.at(row, r);
        table.set(row, r, rec.replacement, rec.replacement == verdict::pass ? 1.0f : 0.0f);
        table.add_override(std::move(rec));
    }
}

/// Evaluates every rule of `plan` for every unit of `org` except grouping-only
/// units (is_grouping: not assessed themselves, they only roll up; the table
/// has no row for them).
/// @throws evidence_error if the evidence does not match the organisation or
/// period, or an override names an unknown rule or unit, or a grouping-only unit.
inline finding_table evaluate(const evaluation_plan& plan, const organisation& org, const evidence& ev,
                              const evaluation_options& opt) {
    detail::check_inputs(plan, org, ev, opt);
    const auto ctx = opt.context();
    finding_table table(plan.metas(), ev.unit_ids());
    if (opt.columnar) {
        detail::evaluate_columnar(plan, org, ev, opt, ctx, table);
    } else {
        detail::fact_rows rows(plan, ev);
        const std::size_t nr = plan.rules().rules().size();
        for (std::size_t u = 0; u < org.size(); ++u) {
            const logic::value* const* row = rows.fill(u);
            for (std::size_t r = 0; r < nr; ++r) {
                const auto o = detail::evaluate_cell(plan, r, org[u], row, ctx, opt.period.first(),
                                                     opt.period.last(), nullptr, ev, u);
                table.set(u, r, o.v, o.credit);
            }
        }
    }
    if (opt.apply_overrides) apply_overrides(table, org, ev, plan.rules().id());
    return detail::assessed_only(std::move(table), org);
}

} // namespace danchu
