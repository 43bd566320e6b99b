#pragma once
/// @file
/// A period judged under the law in force on each of its days (issue 11,
/// item 5). Law 10/2022 replaced Decree 04/2015 on 01/07/2023 (Law 10 Art.
/// 90(1)); a 2023 assessment covers days of both. `regime_segments` cuts an
/// assessed period at each change of base regime (the packs' own
/// `regime.valid_from` / `valid_to`, `regime_choice`); `evaluate_by_date`
/// derives each segment's facts from the events dated in it, under its
/// regime, evaluates the segment's pack on them, and puts the findings side
/// by side: the rules of both regimes, each judged only on its own days. An
/// obligation belongs to the segment in which it falls due (the annual
/// conference of working year 2022 fell due in February or March 2023, under
/// Decree 04/2015: the Law 10/2022 segment finds nothing due).

#include <danchu/core/error.hpp>
#include <danchu/core/period.hpp>
#include <danchu/evidence/derive.hpp>
#include <danchu/evidence/event_log.hpp>
#include <danchu/evidence/windows.hpp>
#include <danchu/rules/evaluate.hpp>
#include <danchu/rules/plan.hpp>

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace danchu {

/// The days of an assessed period one base regime governs.
struct regime_segment {
    std::string regime;       ///< the base pack governing these days
    assessment_period period; ///< the days (the whole period when one regime governs it all)
};

/// The parts of `period` each base regime of `choice` governs, by date. One
/// segment with the period itself when a single regime governs every day;
/// otherwise one segment per regime, each an explicit date range
/// (`YYYY-MM-DD/YYYY-MM-DD`). Days no regime governs are in no segment.
/// @throws argument_error when no base regime governs any day of the period.
inline std::vector<regime_segment> regime_segments(const regime_choice& choice,
                                                   const assessment_period& period) {
    std::vector<regime_segment> out;
    for (std::size_t i = 0; i < choice.bases.size(); ++i) {
        const auto [from, to] = choice.span(i);
        const civil_day a = std::max(from, period.first());
        const civil_day b = to ? std::min(*to, period.last()) : period.last();
        if (a <= b) out.push_back({choice.bases[i].pack, assessment_period(a.iso() + "/" + b.iso())});
    }
    if (out.empty())
        throw argument_error(
            "period " + period.label() +
            ": no base rule pack governs any of its days (by the packs' regime.valid_from/valid_to)");
    if (out.size() == 1 && out.front().period.first() == period.first() &&
        out.front().period.last() == period.last())
        out.front().period = period;
    return out;
}

/// One segment as evaluated.
struct judged_segment {
    regime_segment segment;
    std::string pack; ///< the pack that judged it (the regime or an overlay of it)
    std::shared_ptr<const evaluation_plan> plan;
    evidence facts;             ///< derived from the segment's events, with the standing facts
    std::size_t first_rule = 0; ///< its rules' first column in `dated_findings::findings`
};

/// A period judged segment by segment, and the findings side by side.
struct dated_findings {
    std::vector<judged_segment> segments;
    rule_set rules;         ///< every segment's rules, in segment order, each once (`rule_set::concatenate`)
    finding_table findings; ///< every segment's findings, columns as `rules` (`finding_table::concatenate`)

    /// The segments (indices) whose pack has rule `id`: one, or several for
    /// a rule both regimes share (its finding is then the worse of theirs).
    std::vector<std::size_t> segments_of_rule(std::string_view id) const {
        std::vector<std::size_t> out;
        for (std::size_t i = 0; i < segments.size(); ++i)
            if (segments[i].plan->rules().find(id) != rule_set::npos) out.push_back(i);
        return out;
    }
};

/// Judges `period` under the law in force on each day (see the file comment),
/// the days of each regime as `choice` says (`regime_choice::from_library`,
/// with its `switch_date`).
/// @param pack_of the pack judging a segment: its base regime, or an overlay
///   of it (the command line chooses as `--pack auto` does, at the segment's
///   last day).
/// @param given the standing facts (not events) of the period, or null; the
///   evidence's overrides are applied to the side-by-side findings.
/// @param problems with a sink, derived values that break a bound are listed
///   there and left out (`derive_options::problems`); without, they throw.
/// @throws what `derive_evidence`, `evaluation_plan` and `evaluate` throw;
///   argument_error when two segments' packs share a rule id.
inline dated_findings evaluate_by_date(const pack_library& lib, const regime_choice& choice,
                                       std::shared_ptr<const fact_dictionary> dict, const organisation& org,
                                       const event_log& log, const event_windows& windows,
                                       const assessment_period& period,
                                       const std::function<std::string(const regime_segment&)>& pack_of,
                                       std::function<bool(civil_day)> is_working_day,
                                       const evidence* given = nullptr,
                                       std::vector<input_problem>* problems = nullptr) {
    if (!log.kinds()) throw argument_error("evaluate_by_date: the event log has no kinds table");
    dated_findings out;
    std::vector<const rule_set*> sets;
    std::vector<finding_table> tables;
    const auto segments = regime_segments(choice, period);
    out.segments.reserve(segments.size());
    tables.reserve(segments.size());
    for (const auto& s : segments) {
        judged_segment j{s, pack_of ? pack_of(s) : s.regime, nullptr, {}};
        j.plan = std::make_shared<const evaluation_plan>(lib.resolve(lib.load(j.pack)), dict);
        derive_options d;
        d.regime = judging_regime(*log.kinds(), j.pack);
        if (is_working_day)
            d.is_working_day = [is_working_day](day_number n) {
                return is_working_day(civil_day::from_days(n));
            };
        d.trace = false;
        d.problems = problems;
        j.facts = derive_evidence(log, windows, dict, org, s.period, d, given).facts;
        evaluation_options o{s.period};
        o.is_working_day = is_working_day;
        o.apply_overrides = false; // applied once to the findings side by side
        tables.push_back(evaluate(*j.plan, org, j.facts, o));
        out.segments.push_back(std::move(j));
    }
    for (const auto& j : out.segments) sets.push_back(&j.plan->rules());
    out.rules = rule_set::concatenate(sets);
    std::vector<const finding_table*> parts;
    for (const auto& t : tables) parts.push_back(&t);
    out.findings = finding_table::concatenate(parts);
    if (given) apply_overrides(out.findings, org, *given, out.rules.id());
    return out;
}

} // namespace danchu
