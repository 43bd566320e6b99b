#pragma once
/// @file
/// `build_report_from_files`: loads every input of the six-monthly report,
/// leniently where the report can go on without it, runs the pipeline
/// (evaluate, score, schedule) and assembles the document. One implementation
/// shared by `danchu report` and `danchu.report.build()` in Python.

#include <danchu/evidence/derive.hpp>
#include <danchu/evidence/event_io.hpp>
#include <danchu/scoring/combine.hpp>
#include <danchu/scoring/io.hpp>
#include <danchu/rules/by_date.hpp>
#include <danchu/schedule/from_events.hpp>
#include <danchu/rules/evaluate.hpp>
#include <danchu/report/detail/pack_auto.hpp>
#include <danchu/report/province.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace danchu {

/// What `build_report_from_files` reads: file paths or bundled ids.
struct report_request {
    std::string data_dir; ///< empty: danchu::default_data_dir()
    std::string units;    ///< organisation file (JSON or CSV); required
    std::string
        evidence; ///< evidence of the period (JSON or CSV); with `events`: the facts that are not events
    std::vector<std::string> events; ///< dated events files (issue 11); evidence or events is required
    std::string period;              ///< e.g. "2018-H1"; required
    std::string previous_evidence;   ///< optional: evidence of the previous period
    std::string previous_period;     ///< default: the half-year (or year, quarter) before
    std::string pack = "auto";       ///< pack id or file; "auto": the regime of the period
    /// What-if: judge the period under the other base regime than "auto"
    /// chooses (regime_choice::other), its overlays left out; overrides are
    /// not applied (they were decided under the regime that applies).
    bool what_if = false;
    std::string scheme;                          ///< scheme id or file; default "default-<pack id>"
    std::string assessment, previous_assessment; ///< optional assessment files
    std::vector<std::string> obligations;        ///< ids or files; default: see docs/report.md
    std::vector<std::string> records;            ///< submissions/events files (JSON or CSV)
    std::string facts;                           ///< fact dictionary file; default the bundled one
    std::optional<civil_day> as_of;              ///< default: the data cut-off of the period
    int horizon_days = 30;
    std::string window_convention =
        "decree-09-2019"; ///< reporting convention (data/regimes/) of the data window
    std::optional<bilingual_text> province, reporting_body, recipient;
    std::optional<civil_day> generated_on; ///< default: today
    /// What a unit that sent no evidence at all counts as (the report says which).
    no_evidence_policy no_evidence = no_evidence_policy::missing_report;
    /// Called as each stage starts: 1 loading, 2 evaluating, 3 scheduling,
    /// 4 assembling (of `report_stages`), with the stage's name; may be empty.
    std::function<void(int stage, const std::string& name)> on_stage;
};

/// The number of stages `report_request::on_stage` reports.
inline constexpr int report_stages = 4;

namespace detail {

inline bool ends_with_ci(const std::string& s, const char* suffix) {
    const std::string x(suffix);
    if (s.size() < x.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
        char c = s[s.size() - x.size() + i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != x[i]) return false;
    }
    return true;
}

/// The period before `label`: 2018-H1 → 2017-H2, 2018-Q1 → 2017-Q4, 2018 → 2017.
/// @throws argument_error for a label without a predecessor of the same form.
inline std::string previous_period_of(const std::string& label) {
    const assessment_period p(label); // validates
    if (p.is_range())
        throw argument_error("previous period of \"" + label +
                             "\": give it explicitly (an explicit date range has no predecessor)");
    return p.previous().label();
}

/// Names the report's data problems relative to the inputs: an input given by
/// an absolute path is shown relative to the organisation file's folder, and
/// the data folder as "data", so no absolute path of the machine reaches a
/// report (file names in `source`, and in the loaders' messages).
inline void relative_problem_paths(std::vector<input_problem>& problems, const report_request& rq,
                                   const std::string& data) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path base = fs::absolute(fs::path(rq.units), ec).parent_path();
    std::vector<std::pair<std::string, std::string>> map; // absolute -> shown
    auto add = [&](const std::string& path) {
        if (path.empty()) return;
        const fs::path p(path);
        if (!p.is_absolute()) return;
        const fs::path rel = p.lexically_normal().lexically_relative(base);
        map.emplace_back(path, rel.empty() ? p.filename().string() : rel.generic_string());
    };
    for (const auto* one : {&rq.units, &rq.evidence, &rq.previous_evidence, &rq.assessment,
                            &rq.previous_assessment, &rq.facts, &rq.pack, &rq.scheme})
        add(*one);
    for (const auto* many : {&rq.events, &rq.obligations, &rq.records})
        for (const auto& f : *many) add(f);
    const std::string base_text = base.string();
    if (!base_text.empty() && base_text != "/") map.emplace_back(base_text + "/", "");
    if (fs::path(data).is_absolute()) map.emplace_back(data, "data");
    std::sort(map.begin(), map.end(),
              [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    auto rewrite = [&map](std::string& s) {
        for (const auto& [from, to] : map)
            for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
                s.replace(at, from.size(), to);
    };
    for (auto& p : problems) {
        rewrite(p.source);
        rewrite(p.message);
    }
}

} // namespace detail

/// Loads, evaluates, scores, schedules and assembles the report.
///
/// Fatal (throws, nothing can be produced): the main inputs, i.e. the
/// organisation, the evidence of the period, the assessment of the period,
/// the pack, the scheme, the fact dictionary and the period, when missing,
/// unreadable or malformed; with `pack` "auto", data that fit no pack or
/// several equally (see detail::choose_pack). Collected in `problems` and the
/// report still produced, for the secondary inputs: a previous evidence,
/// previous assessment, records or obligations file that cannot be read or
/// parsed, a unit in the evidence that is not in the organisation, a value
/// that does not fit its fact, evidence for another period or for a period
/// that does not exist, a submission for an unknown obligation or unit or
/// for an occurrence that does not exist, an unreadable obligations or
/// assessment file, overrides naming unknown rules, units without evidence.
/// With `pack` "auto" the pack is the one the evidence and records need among
/// those in force at the end of the period (its overlays included).
/// @throws parse_error, rule_error, scoring_error, argument_error.
inline report::document build_report_from_files(const report_request& rq) {
    namespace fs = std::filesystem;
    if (rq.units.empty()) throw argument_error("report: the organisation file (--units) is required");
    if (rq.evidence.empty() && rq.events.empty())
        throw argument_error("report: the evidence (--evidence) or the dated events (--events) are required");
    if (rq.period.empty()) throw argument_error("report: the period (--period) is required");
    const std::string data = rq.data_dir.empty() ? default_data_dir() : rq.data_dir;
    const assessment_period period(rq.period);
    std::vector<input_problem> problems;
    auto problem = [&](std::string kind, std::string file, std::string loc, std::string subject,
                       std::string msg) {
        problems.push_back(
            {std::move(kind), std::move(file), std::move(loc), std::move(subject), std::move(msg)});
    };
    auto absorb = [&](const std::vector<input_problem>& lp) {
        problems.insert(problems.end(), lp.begin(), lp.end());
    };

    auto stage = [&](int k, const char* name) {
        if (rq.on_stage) rq.on_stage(k, name);
    };
    stage(1, "loading");
    // Fatal inputs.
    const organisation org = load_organisation(rq.units);
    const auto dict = std::make_shared<const fact_dictionary>(
        rq.facts.empty() ? load_default_fact_dictionary(data) : load_fact_dictionary(rq.facts));
    const pack_library lib(data);
    std::error_code ec;
    report_inputs in;

    // Evidence of one period; the main one (`main`) strictly for whole-file
    // failures, the previous one leniently (empty evidence when unusable).
    auto load_period_evidence = [&](const std::string& path, const std::string& label, bool main) {
        std::vector<input_problem> lp;
        evidence ev;
        bool ok = false;
        try {
            ev = load_evidence(path, dict, org, detail::ends_with_ci(path, ".csv") ? label : std::string(),
                               &lp);
            ok = true;
        } catch (const error& e) {
            if (main) throw;
            problem("parse", path, "", "",
                    std::string(e.what()) +
                        "; the file is left out and its units count as having sent no evidence");
        }
        absorb(lp);
        if (ok && !ev.period().empty() && ev.period() != label) {
            bool exists = true;
            try {
                assessment_period check(ev.period());
            } catch (const argument_error&) {
                exists = false;
            }
            problem(
                exists ? "period_mismatch" : "unknown_period", path, "/period", ev.period(),
                exists ? "the evidence is for period \"" + ev.period() + "\", not \"" + label +
                             "\": the file is left out"
                       : "period \"" + ev.period() +
                             "\" does not exist (expected YYYY, YYYY-H1, "
                             "YYYY-H2, YYYY-Q1..Q4, YYYY-MM or YYYY-MM-DD/YYYY-MM-DD): the file is left out");
            ok = false;
        }
        if (!ok) ev = evidence_builder(dict, org).build();
        return ev;
    };
    // With events, --evidence holds the facts that are not events; the rest is
    // derived once the pack (and so the regime) is known. A bad event record
    // is listed and left out; nothing is dropped silently.
    evidence given = rq.evidence.empty() ? evidence_builder(dict, org).build()
                                         : load_period_evidence(rq.evidence, rq.period, true);
    std::shared_ptr<const event_kinds> kinds;
    std::optional<event_log> events;
    if (!rq.events.empty()) {
        kinds = load_event_kinds(data);
        std::vector<input_problem> lp;
        events = load_events(rq.events, kinds, org, &lp);
        for (auto& i : unresolved_references(*events))
            lp.push_back(
                {i.kind, i.file, i.location, i.subject, i.message + "; the reference is not followed"});
        for (auto& x : lp)
            if (x.message.find("left out") == std::string::npos) x.message += "; the record is left out";
        absorb(lp);
    }
    const std::optional<assessment> assessed =
        rq.assessment.empty() ? std::nullopt : std::optional<assessment>(load_assessment(rq.assessment));

    schedule_records rec;
    for (const auto& path : rq.records) {
        schedule_records one;
        try {
            load_schedule_records(path, one);
        } catch (const error& e) {
            problem("parse", path, "", "", std::string(e.what()) + "; the file's records are left out");
            continue;
        }
        const bool csv = detail::ends_with_ci(path, ".csv");
        for (std::size_t i = 0; i < one.submissions.size(); ++i) {
            in.submission_origin.push_back(
                {path, csv ? "record " + std::to_string(i + 1) : "/submissions/" + std::to_string(i)});
            rec.submissions.push_back(std::move(one.submissions[i]));
        }
        for (std::size_t i = 0; i < one.events.size(); ++i) {
            in.event_origin.push_back(
                {path, csv ? "record " + std::to_string(i + 1) : "/events/" + std::to_string(i)});
            rec.events.push_back(std::move(one.events[i]));
        }
    }

    // The pack: given, or the one the evidence and records need.
    const bool auto_pack = rq.pack.empty() || rq.pack == "auto";
    const detail::pack_needs needs{detail::obligations_named(rec), detail::facts_supplied(given)};
    std::string pack_arg = auto_pack ? detail::choose_pack(lib, dict, period.last(), needs) : rq.pack;
    std::string what_if_of; // the pack the law in force would use, under --what-if
    if (rq.what_if) {
        if (!auto_pack) throw argument_error("report: --what-if needs --pack auto");
        what_if_of = pack_arg;
        pack_arg = regime_choice::from_library(lib).other(lib.load_set(pack_arg).chain().front());
        if (pack_arg.empty())
            throw argument_error("report: --what-if needs two base regimes in " + lib.data_dir() + "/packs");
    }
    const bool pack_file = detail::ends_with_ci(pack_arg, ".json") || fs::is_regular_file(pack_arg, ec);
    const rule_pack top = pack_file ? load_rule_pack_file(pack_arg) : lib.load(pack_arg);
    const evaluation_plan plan(lib.resolve(top), dict);
    auto scheme_named = [&](const std::string& name) {
        return std::make_shared<const scoring_scheme>(find_scoring_scheme(name, data));
    };

    const calendar cal = calendar::vietnam(data);
    auto is_working = [&cal](civil_day d) { return cal.is_working_day(d); };

    reporting_convention window;
    bool have_window = false;
    try {
        window = convention_set::load_directory(data + "/regimes").at(rq.window_convention);
        have_window = true;
    } catch (const error& e) {
        problem("parse", data + "/regimes", "", rq.window_convention,
                std::string(e.what()) + "; the data window is taken to be the period itself");
    }

    auto run = [&](const evaluation_plan& p, const evidence& ev, const std::string& label,
                   const std::string& path, bool overrides) {
        evaluation_options o{assessment_period(label)};
        o.is_working_day = is_working;
        o.apply_overrides = overrides;
        try {
            return evaluate(p, org, ev, o);
        } catch (const evidence_error& e) {
            problem("invalid_override", path, "/overrides", "",
                    std::string(e.what()) + "; the evidence's overrides are not applied");
            o.apply_overrides = false;
            return evaluate(p, org, ev, o);
        }
    };
    auto load_assess = [&](const std::string& path) -> std::optional<assessment> {
        if (path.empty()) return std::nullopt;
        try {
            return load_assessment(path);
        } catch (const error& e) {
            problem("parse", path, "", "", std::string(e.what()) + "; scored without this assessment");
            return std::nullopt;
        }
    };

    // A period, judged. With events and the automatic pack, each day under
    // the law in force on it (rules/by_date.hpp): a period that straddles a
    // change of regime has the rules of both, each on its own days, and a
    // scheme that weighs each regime's by its share of the days
    // (scoring/combine.hpp); a period under one regime, the pack in force at
    // its end. Otherwise the pack chosen for the assessed period.
    std::optional<event_windows> windows;
    if (events) windows = load_event_windows(data);
    struct judged {
        std::string label;
        std::optional<dated_findings> dated;
        std::shared_ptr<const evaluation_plan> plan; ///< when not dated
        evidence facts;                              ///< when not dated
        finding_table findings;
        std::shared_ptr<const scoring_scheme> scheme;
        const rule_set& rules() const { return dated ? dated->rules : plan->rules(); }
    };
    // `standing` is moved into the result (one copy of a period's evidence at a time).
    auto judge = [&](const std::string& label, evidence standing, const std::string& path) {
        judged j;
        j.label = label;
        const assessment_period p(label);
        if (events && auto_pack && !pack_file && !rq.what_if) {
            const regime_choice choice = regime_choice::from_library(lib);
            const auto segments = regime_segments(choice, p);
            if (segments.size() > 1) {
                const evidence* g =
                    standing.period().empty() || standing.period() == label ? &standing : nullptr;
                auto by_date = [&](const evidence* standing_facts) {
                    return evaluate_by_date(
                        lib, choice, dict, org, *events, *windows, p,
                        [&](const regime_segment& s) {
                            return detail::choose_pack(lib, dict, s.period.last(), needs);
                        },
                        is_working, standing_facts, &problems);
                };
                try {
                    j.dated = by_date(g);
                } catch (const evidence_error& e) {
                    problem("invalid_override", path, "/overrides", "",
                            std::string(e.what()) + "; the evidence's overrides are not applied");
                    j.dated = by_date(nullptr);
                }
                j.findings = j.dated->findings;
                if (!rq.scheme.empty()) {
                    j.scheme = scheme_named(rq.scheme);
                } else {
                    std::vector<weighted_scheme> parts;
                    const double days = static_cast<double>(p.last() - p.first() + 1);
                    for (const auto& s : j.dated->segments)
                        parts.push_back(
                            {scheme_named("default-" + s.plan->rules().id()),
                             static_cast<double>(s.segment.period.last() - s.segment.period.first() + 1) /
                                 days,
                             {s.segment.period.first().iso() + " – " + s.segment.period.last().iso(),
                              s.segment.period.first().iso() + " to " + s.segment.period.last().iso()}});
                    j.scheme = combine_schemes(parts);
                }
                return j;
            }
        }
        // One regime: the pack chosen for the assessed period, or (for a
        // previous period under another law) the one in force at its end.
        j.plan = std::shared_ptr<const evaluation_plan>(std::shared_ptr<const evaluation_plan>{}, &plan);
        if (events && auto_pack && !pack_file && !rq.what_if && p.last() < period.first()) {
            const std::string id = detail::choose_pack(lib, dict, p.last(), needs);
            if (id != plan.rules().id())
                j.plan = std::make_shared<const evaluation_plan>(lib.resolve(lib.load(id)), dict);
        }
        if (events) {
            derive_options dopt{judging_regime(*kinds, j.plan->rules().id()),
                                [&cal](day_number d) { return cal.is_working_day(civil_day::from_days(d)); },
                                false, &problems};
            j.facts =
                derive_evidence(*events, *windows, dict, org, p, dopt,
                                standing.period().empty() || standing.period() == label ? &standing : nullptr)
                    .facts;
        } else {
            j.facts = std::move(standing);
        }
        j.findings = run(*j.plan, j.facts, label, path, !rq.what_if);
        j.scheme = scheme_named(rq.scheme.empty() ? "default-" + j.plan->rules().id() : rq.scheme);
        return j;
    };
    const std::string source = rq.events.empty() ? rq.evidence : rq.events.front();

    stage(2, "evaluating");
    const judged now = judge(rq.period, std::move(given), source);
    const rule_set& rules = now.rules();
    const finding_table& findings = now.findings;
    const auto& scheme = now.scheme;

    // Packs and the regimes named in the header: each segment's, with its days.
    auto pack_ref = [&](const std::string& id) -> report::source_ref {
        if (id == top.id) return {id, {top.title.vi, top.title.en}, top.version};
        const rule_pack p = lib.load(id);
        return {id, {p.title.vi, p.title.en}, p.version};
    };
    for (const auto& id : rules.chain()) in.packs.push_back(pack_ref(id));
    if (now.dated) {
        for (const auto& s : now.dated->segments) {
            report::source_ref r = pack_ref(s.segment.regime);
            const std::string from = s.segment.period.first().iso(), to = s.segment.period.last().iso();
            r.name.vi += " (" + from + " – " + to + ")";
            r.name.en += " (" + from + " to " + to + ")";
            in.regimes.push_back(std::move(r));
        }
    } else {
        in.regimes.push_back(in.packs.front());
        if (rq.what_if) {
            in.regimes.back().name.vi += " — giả định (what-if), thay cho " + what_if_of;
            in.regimes.back().name.en += " — what-if, instead of " + what_if_of;
        }
    }

    std::optional<judged> before;
    std::optional<assessment> prev_assessed;
    if (!rq.previous_evidence.empty() || events) {
        in.previous_period =
            rq.previous_period.empty() ? detail::previous_period_of(rq.period) : rq.previous_period;
        // The same events judge the previous period: nothing is entered twice.
        before = judge(in.previous_period,
                       rq.previous_evidence.empty()
                           ? evidence_builder(dict, org).build()
                           : load_period_evidence(rq.previous_evidence, in.previous_period, false),
                       rq.previous_evidence.empty() ? source : rq.previous_evidence);
        prev_assessed = load_assess(rq.previous_assessment);
    }
    // All the report reads of the previous period's evidence is which units
    // sent none: kept, and the evidence freed before the report is assembled.
    std::vector<std::string> prev_silent;
    if (before && !before->dated) {
        prev_silent = report::detail::silent_units(org, before->findings, &before->facts);
        before->facts = evidence{};
        in.previous_silent_units = &prev_silent;
    }

    stage(3, "scheduling");
    // Obligations and records.
    obligation_set obs;
    std::vector<std::string> ob_ids = rq.obligations;
    if (ob_ids.empty()) {
        // The obligations of the pack in force at the period's end (for a
        // period judged by date, its last segment's): the schedule looks
        // forward from the period's cut-off, and both regimes name their
        // obligations alike (one set cannot hold two "annual-conference").
        const auto& chain = now.dated ? now.dated->segments.back().plan->rules().chain() : rules.chain();
        for (const auto& id : chain)
            if (fs::is_regular_file(data + "/obligations/" + id + ".json", ec)) ob_ids.push_back(id);
    }
    for (const auto& id : ob_ids) {
        const bool is_path = fs::is_regular_file(id, ec) || id.find('/') != std::string::npos ||
                             detail::ends_with_ci(id, ".json");
        const std::string path = is_path ? id : data + "/obligations/" + id + ".json";
        try {
            obs.add_file(path);
        } catch (const error& e) {
            problem("parse", path, "", id, std::string(e.what()) + "; these obligations are left out");
        }
    }

    // The dated events give the schedule's records too (schedule/from_events.hpp):
    // the events the rules read decide the statuses; nothing is entered twice.
    if (events && obs.size() > 0) {
        std::vector<input_problem> lp;
        event_record_origins eo;
        try {
            schedule_records r = schedule_records_from_events(*events, obs, org, &lp, &eo);
            for (std::size_t i = 0; i < r.submissions.size(); ++i) {
                in.submission_origin.push_back({eo.submissions[i].file, eo.submissions[i].pointer});
                rec.submissions.push_back(std::move(r.submissions[i]));
            }
            for (std::size_t i = 0; i < r.events.size(); ++i) {
                in.event_origin.push_back({eo.triggers[i].file, eo.triggers[i].pointer});
                rec.events.push_back(std::move(r.events[i]));
            }
        } catch (const argument_error& e) {
            problem("schedule", rq.events.front(), "", "",
                    std::string(e.what()) + "; the events give the schedule no records");
        }
        for (auto& x : lp) x.message += "; the schedule does not count it";
        absorb(lp);
    }

    civil_day data_from = period.first(), data_to = period.last();
    in.org = &org;
    in.rules = &rules;
    in.findings = &findings;
    in.scheme = scheme;
    if (before && before->scheme->id() != scheme->id()) in.previous_scheme = before->scheme;
    in.assessed = assessed ? &*assessed : nullptr;
    in.period = rq.period;
    in.data_window = have_window ? &window : nullptr;
    in.current_evidence = now.dated ? nullptr : &now.facts;
    if (now.dated)
        for (const auto& s : now.dated->segments) in.declared_none_sources.push_back(&s.facts);
    in.no_evidence = rq.no_evidence;
    in.previous_findings = before ? &before->findings : nullptr;
    in.previous_assessed = prev_assessed ? &*prev_assessed : nullptr;
    in.previous_evidence = nullptr; // see previous_silent_units
    in.evidence_source = source;
    in.province = rq.province;
    in.reporting_body = rq.reporting_body;
    in.recipient = rq.recipient;
    in.generated_on = rq.generated_on;
    in.horizon_days = rq.horizon_days;
    in.is_working_day = is_working;
    if (have_window) {
        const auto w = detail::data_window_of(window, period);
        if (w) std::tie(data_from, data_to) = *w;
    }
    const civil_day as_of = rq.as_of ? *rq.as_of : data_to;
    schedule sched;
    if (obs.size() > 0) {
        schedule_options so;
        so.from = std::min(data_from, as_of);
        so.to = as_of + rq.horizon_days;
        so.as_of = as_of;
        so.due_soon_days = rq.horizon_days;
        so.is_working_day = is_working;
        sched = build_schedule(obs, org, rec.submissions, rec.events, so);
        in.sched = &sched;
        in.obligations = &obs;
        in.records = &rec;
        in.as_of = as_of;
        in.records_source = !rq.records.empty() ? rq.records.front()
                            : events            ? rq.events.front()
                                                : std::string("<no records>");
    } else if (!rq.records.empty()) {
        problem("schedule", rq.records.front(), "", "",
                "records were given but no obligations could be loaded: no schedule section");
    }
    in.problems = std::move(problems);
    stage(4, "assembling");
    report::document doc = assemble_report(in);
    detail::relative_problem_paths(doc.problems, rq, data);
    return doc;
}

} // namespace danchu
