// `danchu validate`, `evaluate`, `explain`, `template` and `test`: rule packs,
// evidence and findings from the command line.

#include "cli.hpp"

#include <danchu/rules/explain.hpp>
#include <danchu/rules/template.hpp>
#include <danchu/rules/findings_io.hpp>
#include <danchu/scoring/io.hpp>
#include <danchu/rules/by_date.hpp>
#include <danchu/rules/evaluate.hpp>
#include <danchu/evidence/io.hpp>
#include <danchu/evidence/migrate.hpp>
#include <danchu/io/detail/output_file.hpp>
#include <danchu/evidence/event_kinds_io.hpp>
#include <danchu/evidence/event_io.hpp>
#include <danchu/evidence/derive.hpp>
#include <danchu/schedule/obligation.hpp>
#include <danchu/organisation/io.hpp>
#include <danchu/rules/rule_test.hpp>
#include <danchu/report/data_file.hpp>
#include <danchu/scoring/scorecard.hpp>

#include <danchu/core/detail/suggest.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace danchu::cli {

namespace {

struct rules_args {
    std::string pack = "auto", pack_file, facts, units, evidence, period, as_of, switch_date;
    std::vector<std::string> events, evidence_files;
    std::string unit, rule, format = "table", lang = "vi", output;
    bool json = false, csv = false, no_overrides = false, what_if = false, verbose = false;
    std::string csv_separator = ",";
    bool xlsx = false, by_district = false;
    std::size_t rows = 100;
};

std::shared_ptr<const fact_dictionary> load_dict(const rules_args& a, const std::string& data) {
    return std::make_shared<const fact_dictionary>(a.facts.empty() ? load_default_fact_dictionary(data)
                                                                   : load_fact_dictionary(a.facts));
}

civil_day date_arg(const std::string& s, const char* option) {
    const auto d = civil_day::try_parse(s);
    if (!d) throw argument_error(std::string(option) + ": \"" + s + "\" is not an existing date YYYY-MM-DD");
    return *d;
}

/// A pack id, or a path to a pack file (resolved against the library for `extends`).
rule_set load_pack_arg(const std::string& pack, const pack_library& lib) {
    std::error_code ec;
    if (pack.size() > 5 && pack.compare(pack.size() - 5, 5, ".json") == 0 &&
        std::filesystem::is_regular_file(pack, ec))
        return lib.resolve(load_rule_pack_file(pack));
    return lib.load_set(pack);
}

/// The base regimes of the library, with --switch-date applied.
regime_choice choice_of(const rules_args& a, const pack_library& lib) {
    regime_choice c = regime_choice::from_library(lib);
    if (!a.switch_date.empty()) c.switch_date = date_arg(a.switch_date, "--switch-date");
    return c;
}

evaluation_options options_of(const rules_args& a) {
    if (a.period.empty()) throw argument_error("--period is required (e.g. 2018, 2018-H1)");
    evaluation_options o{assessment_period(a.period)};
    if (!a.as_of.empty()) o.as_of = date_arg(a.as_of, "--as-of");
    o.apply_overrides = !a.no_overrides;
    return o;
}

/// The pack to evaluate: --pack, or "auto" = the regime governing the as-of date.
std::string pack_for(const rules_args& a, const evaluation_options& o, const pack_library& lib) {
    if (a.pack != "auto") return a.pack;
    return choice_of(a, lib).pack_for(o.as_of ? *o.as_of : o.period.last());
}

/// The --evidence file (the period's facts; with --events, the facts that are
/// not events), or nothing.
std::optional<evidence> standing_facts(const rules_args& a,
                                       const std::shared_ptr<const fact_dictionary>& dict,
                                       const organisation& org) {
    if (a.evidence.empty()) return std::nullopt;
    const bool csv = a.evidence.size() > 4 && a.evidence.compare(a.evidence.size() - 4, 4, ".csv") == 0;
    return load_evidence(a.evidence, dict, org, csv ? a.period : std::string());
}

/// The evidence to evaluate: the --evidence file, or the facts derived from
/// the --events files under the regime of the plan's pack (issue 11), with
/// --evidence then giving the facts that are not events; every problem of
/// every events file is listed in the error (exit 2).
evidence load_facts(const rules_args& a, const std::shared_ptr<const fact_dictionary>& dict,
                    const organisation& org, const evaluation_plan& plan, const evaluation_options& opt,
                    const std::string& data, bool trace = false) {
    if (a.events.empty() && a.evidence.empty())
        throw argument_error("give --evidence (facts for the period) or --events (dated events; with "
                             "--evidence for the facts that are not events)");
    std::optional<evidence> facts = standing_facts(a, dict, org);
    if (a.events.empty()) return std::move(*facts);
    return derive_evidence_from_files(a.events, data, dict, org, opt.period, plan.rules().id(),
                                      facts ? &*facts : nullptr, trace);
}

/// With --events and --pack auto, a period that straddles a change of
/// regime (2023: Decree 04/2015, then Law 10/2022 from 01/07/2023) is judged
/// by date (rules/by_date.hpp): each regime's rules on the events of its own
/// days. Nothing when the period has one regime, or with --what-if or --as-of.
std::optional<dated_findings> judge_by_date(const rules_args& a, const pack_library& lib,
                                            const std::shared_ptr<const fact_dictionary>& dict,
                                            const organisation& org, const evaluation_options& opt,
                                            const std::string& data) {
    if (a.events.empty() || a.pack != "auto" || a.what_if || opt.as_of) return std::nullopt;
    const regime_choice choice = choice_of(a, lib);
    if (regime_segments(choice, opt.period).size() < 2) return std::nullopt;
    std::optional<evidence> facts = standing_facts(a, dict, org);
    const auto kinds = load_event_kinds(data);
    const event_log log = load_events_checked(a.events, kinds, org);
    return evaluate_by_date(lib, choice, dict, org, log, load_event_windows(data), opt.period, nullptr,
                            nullptr, facts ? &*facts : nullptr);
}

int run_validate(const rules_args& a, const options& opts) {
    const std::string data = resolve_data_dir(opts);
    std::string file = a.pack_file;
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
        const pack_library lib(data);
        const auto ids = lib.ids();
        if (std::find(ids.begin(), ids.end(), file) != ids.end())
            file = lib.path_of(file); // a pack id
        else
            throw argument_error("FILE: \"" + file + "\" is neither a file nor a pack id" +
                                 detail::did_you_mean(file, ids));
    }
    // Every data file by what it is (data_file_kinds(): pack, rule tests,
    // scoring scheme, obligations, facts, organisation, evidence, events, the
    // event tables, holiday schedules, reporting conventions), with what it
    // refers to.
    std::optional<organisation> org;
    if (!a.units.empty()) org = load_organisation(a.units);
    data_file_context ctx;
    ctx.data_dir = data;
    ctx.facts = load_dict(a, data);
    ctx.org = org ? &*org : nullptr;
    const data_file_check c = validate_data_file(file, ctx);
    std::cout << "ok: " << file << ": " << c.summary << "\n";
    return 0;
}

/// Pads to `width` display columns (counting UTF-8 code points, not bytes).
std::string pad(const std::string& s, std::size_t width, bool right) {
    std::size_t cols = 0;
    for (unsigned char c : s) cols += (c & 0xC0) != 0x80;
    if (cols >= width) return s;
    const std::string fill(width - cols, ' ');
    return right ? fill + s : s + fill;
}

void print_table(std::ostream& out, const finding_table& t, const organisation& org, const std::string& pack,
                 const rules_args& a) {
    const bool vi = a.lang != "en";
    out << (vi ? "Gói quy tắc: " : "Pack: ") << pack << "   " << (vi ? "Kỳ: " : "Period: ") << a.period
        << "\n";
    out << pad(vi ? "đơn vị" : "unit", 16, false) << pad(vi ? "đạt" : "pass", 7, true)
        << pad(vi ? "k.đạt" : "fail", 7, true) << pad("?", 7, true) << pad("n/a", 7, true)
        << pad(vi ? "lỗi" : "err", 7, true) << "  "
        << (vi ? "quy định không đạt (* = khuyến nghị)" : "failed rules (* = advisory)") << "\n";
    for (std::size_t u = 0; u < t.unit_count(); ++u) {
        std::size_t n[5] = {0, 0, 0, 0, 0};
        std::string failed;
        for (std::size_t r = 0; r < t.rule_count(); ++r) {
            const verdict v = t(u, r);
            ++n[static_cast<int>(v)];
            if (v == verdict::fail)
                failed += (failed.empty() ? "" : " ") + t.rules()[r].id +
                          (t.rules()[r].conf == confidence::uncertain ? "*" : "");
        }
        out << pad(org[u].id, 16, false);
        for (int k : {0, 1, 3, 2, 4}) out << pad(std::to_string(n[k]), 7, true);
        out << "  " << failed << "\n";
    }
    if (!t.overrides().empty())
        out << t.overrides().size()
            << (vi ? " kết quả được điều chỉnh thủ công\n" : " findings overridden\n");
}

int run_evaluate(const rules_args& a, const options& opts) {
    const std::string data = resolve_data_dir(opts);
    const pack_library lib(data);
    const auto dict = load_dict(a, data);
    const auto opt = options_of(a);
    progress bar(opts, "evaluate");
    bar.step(0, 3, "loading");
    std::string pack = pack_for(a, opt, lib);
    evaluation_options eopt = opt;
    if (a.what_if) {
        pack = choice_of(a, lib).other(pack);
        if (pack.empty()) throw argument_error("--what-if needs --pack auto or one of the two regime packs");
        // overrides were decided under the regime that applies; a what-if shows the rules alone
        eopt.apply_overrides = false;
    }
    const organisation org = load_organisation(a.units);
    std::optional<dated_findings> dated = judge_by_date(a, lib, dict, org, eopt, data);
    std::optional<evaluation_plan> plan;
    if (!dated) plan.emplace(load_pack_arg(pack, lib), dict);
    const std::string pack_id = dated ? dated->rules.id() : plan->rules().id();
    bar.step(1, 3, "evaluating");
    const finding_table t = dated ? std::move(dated->findings)
                                  : evaluate(*plan, org, load_facts(a, dict, org, *plan, opt, data), eopt);
    bar.step(2, 3, "writing");
    std::ostringstream out;
    if (a.json || a.format == "json")
        out << finding_table_to_json(t, pack_id, a.period).dump(2) << "\n";
    else if (a.csv || a.format == "csv")
        out << finding_table_to_csv(t, csv_options_for(a.csv_separator));
    else if (a.format == "table")
        print_table(out, t, org, pack_id, a);
    else
        throw argument_error("--format: expected table, json or csv, found \"" + a.format + "\"");
    std::vector<std::string> inputs{a.units, a.evidence, a.pack, a.facts};
    inputs.insert(inputs.end(), a.events.begin(), a.events.end());
    emit(a.output, out.str(), std::move(inputs));
    bar.finish();
    return 0;
}

int run_explain(const rules_args& a, const options& opts) {
    const std::string data = resolve_data_dir(opts);
    const pack_library lib(data);
    const auto dict = load_dict(a, data);
    auto opt = options_of(a);
    std::string pack = pack_for(a, opt, lib);
    if (a.what_if) {
        pack = choice_of(a, lib).other(pack);
        if (pack.empty()) throw argument_error("--what-if needs --pack auto or one of the two regime packs");
        opt.apply_overrides = false; // as in evaluate --what-if: the rules alone
    }
    const organisation org = load_organisation(a.units);
    // A period judged by date: explain the rule in each segment whose pack has it.
    if (const auto dated = judge_by_date(a, lib, dict, org, opt, data)) {
        const auto where = dated->segments_of_rule(a.rule);
        if (where.empty())
            throw argument_error("--rule: \"" + a.rule + "\" is in none of the packs judging " + a.period +
                                 " (" + dated->rules.id() + ")");
        nlohmann::json all = nlohmann::json::array();
        for (std::size_t i : where) {
            const judged_segment& s = dated->segments[i];
            evaluation_options o{s.segment.period};
            o.apply_overrides = opt.apply_overrides;
            const auto x = explain(*s.plan, org, s.facts, o, a.unit, a.rule);
            if (a.json)
                all.push_back(x.to_json());
            else
                std::cout << (a.lang == "en" ? "Days " : "Các ngày ") << s.segment.period.label() << " ("
                          << s.segment.regime << "):\n"
                          << x.to_text(a.lang);
        }
        if (a.json) std::cout << (all.size() == 1 ? all.front() : all).dump(2) << "\n";
        return 0;
    }
    const evaluation_plan plan(load_pack_arg(pack, lib), dict);
    const evidence ev = load_facts(a, dict, org, plan, opt, data, true); // provenance: file, pointer, who
    const auto x = explain(plan, org, ev, opt, a.unit, a.rule);
    if (a.json)
        std::cout << x.to_json().dump(2) << "\n";
    else
        std::cout << x.to_text(a.lang);
    return 0;
}

int run_template(const rules_args& a, const options& opts) {
    if (a.xlsx)
        return run_events_workbooks(opts, {a.units, a.output, a.unit, a.period, a.by_district, a.rows});
    if (a.by_district || !a.unit.empty())
        throw argument_error("--unit and --by-district go with --xlsx (the evidence workbooks)");
    const std::string data = resolve_data_dir(opts);
    const pack_library lib(data);
    const auto dict = load_dict(a, data);
    const evaluation_plan plan(load_pack_arg(a.pack == "auto" ? "vn.decree-04-2015" : a.pack, lib), dict);
    std::vector<std::string> ids;
    if (!a.units.empty()) {
        const organisation org = load_organisation(a.units);
        for (const auto& u : org.units()) ids.push_back(u.id);
    }
    std::string text;
    if (a.format == "json")
        text = evidence_template_json(plan, ids, a.period).dump(2) + "\n";
    else if (a.format == "csv" || a.format == "table")
        text = evidence_template_csv(plan, ids, csv_options_for(a.csv_separator));
    else
        throw argument_error("--format: expected csv or json, found \"" + a.format + "\"");
    emit(a.output, text, {a.units, a.pack, a.facts});
    return 0;
}

int run_test(const rules_args& a, const options& opts) {
    const std::string data = resolve_data_dir(opts);
    const pack_library lib(data);
    const auto dict = load_dict(a, data);
    std::string path = a.pack;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) path = data + "/packs/" + a.pack + ".tests.json";
    if (!std::filesystem::is_regular_file(path, ec)) {
        std::vector<std::string> with_tests;
        for (const auto& id : lib.ids())
            if (std::filesystem::is_regular_file(data + "/packs/" + id + ".tests.json", ec))
                with_tests.push_back(id);
        throw argument_error("PACK: \"" + a.pack + "\" is neither a rule-test file nor a pack with tests (" +
                             path + ")" + detail::did_you_mean(a.pack, with_tests));
    }
    const auto rep = run_rule_tests_file(path, lib, dict);
    for (const auto& f : rep.failures)
        std::cout << "FAIL " << f.case_name << " / " << f.rule_id << ": " << f.message << "\n";
    for (const auto& g : rep.coverage_gaps) std::cout << "MISSING a case where " << g << "\n";
    std::cout << (rep.ok() ? "ok: " : "FAILED: ") << rep.pack << ": " << rep.cases << " cases, " << rep.checks
              << " checks, " << rep.failures.size() << " failures, " << rep.coverage_gaps.size()
              << " coverage gaps\n";
    return rep.ok() ? 0 : 1;
}

int run_migrate(const rules_args& a, const options& opts) {
    const std::string data = resolve_data_dir(opts);
    const auto dict = load_dict(a, data);
    const organisation org = load_organisation(a.units);
    const auto kinds = load_event_kinds(data);
    const event_windows windows = load_event_windows(data);
    migration m;
    std::vector<std::string> periods, inputs{a.units};
    for (const auto& path : a.evidence_files) {
        const bool csv = path.size() > 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
        const evidence ev = load_evidence(path, dict, org, csv ? a.period : std::string());
        const std::string label = ev.period().empty() ? a.period : ev.period();
        if (label.empty())
            throw argument_error("--period: " + path +
                                 " does not say its period; give --period (e.g. 2018-H1)");
        migrate_evidence(ev, path, assessment_period(label), *kinds, windows, m);
        if (std::find(periods.begin(), periods.end(), label) == periods.end()) periods.push_back(label);
        inputs.push_back(path);
    }
    // Check what is written: every event must load (kinds, fields, duplicates across files).
    const nlohmann::json doc = m.events_document();
    std::vector<input_problem> problems;
    (void)events_from_json(doc, a.output + "/events.json", kinds, org, &problems);
    for (const auto& p : problems)
        m.notes.push_back(
            {p.source, p.subject, "", p.message + " (written as given: fix it in the events file)"});
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(a.output, ec);
    if (ec) throw error("io", a.output + ": cannot create the folder: " + ec.message());
    detail::write_output_file(fs::path(a.output) / "events.json", doc.dump(2) + "\n", inputs);
    for (const auto& label : periods)
        detail::write_output_file(fs::path(a.output) / ("facts-" + label + ".json"),
                                  m.standing_document(label).dump(2) + "\n", inputs);
    const bool vi = a.lang != "en";
    for (const auto& n : m.notes)
        std::cout << (n.converted ? (vi ? "kiểm tra: " : "check: ")
                                  : (vi ? "không chuyển được: " : "not converted: "))
                  << n.file << ": " << (n.unit.empty() ? "" : "unit \"" + n.unit + "\", ")
                  << (n.fact.empty() ? "" : "fact \"" + n.fact + "\": ") << n.message << "\n";
    std::cout << (vi ? "đã ghi: " : "written: ") << doc["events"].size() << (vi ? " sự kiện, " : " events, ")
              << doc["none"].size() << (vi ? " khai báo không có, " : " declared nones, ") << periods.size()
              << (vi ? " tệp dữ kiện thường trực vào " : " files of standing facts to ") << a.output << "; "
              << m.unconverted() << (vi ? " dữ kiện không chuyển được" : " facts not converted") << "\n";
    return m.unconverted() == 0 && problems.empty() ? 0 : 1;
}

void common_eval_options(CLI::App* c, rules_args& a) {
    c->add_option("--pack", a.pack,
                  bi("Mã hoặc tệp gói quy tắc; auto: theo kỳ (mặc định)",
                     "Pack id or file; auto: the regime of the period (default)"));
    c->add_option("--organisation,--units", a.units,
                  bi("Tệp tổ chức (JSON hoặc CSV)", "Organisation file (JSON or CSV)"))
        ->required();
    c->add_option(
        "--evidence", a.evidence,
        bi("Tệp minh chứng theo kỳ (JSON hoặc CSV); với --events: các dữ kiện không phải sự kiện",
           "Evidence file: facts for the period (JSON or CSV); with --events, the facts that are not "
           "events"));
    c->add_option(
        "--events", a.events,
        bi("Tệp sự kiện có ngày (JSON, CSV, XLSX hoặc thư mục; có thể lặp lại), thay cho --evidence",
           "Dated events file (JSON, CSV, XLSX or a folder of them; repeatable), instead of "
           "--evidence"));
    c->add_option("--period", a.period,
                  bi("Kỳ đánh giá: 2018, 2018-H1, 2018-Q3 hoặc khoảng ngày",
                     "Period: 2018, 2018-H1, 2018-Q3 or a date range"))
        ->required();
    c->add_option("--as-of", a.as_of,
                  bi("Ngày đánh giá (mặc định: cuối kỳ)", "Evaluation date (default: end of the period)"));
    c->add_option("--switch-date", a.switch_date,
                  bi("Ngày đầu của chế độ Luật 10/2022", "First day of the Law 10/2022 regime"));
    add_facts_option(c, a.facts);
    c->add_flag("--no-overrides", a.no_overrides,
                bi("Bỏ qua điều chỉnh thủ công", "Ignore the overrides in the evidence"));
    add_lang_option(c, a.lang);
}

} // namespace

void add_rules_commands(CLI::App& app, options& opts) {
    auto a = std::make_shared<rules_args>();
    const std::string output_help =
        bi("Ghi vào tệp này thay vì stdout", "Write to this file instead of standard output");

    auto* v = app.add_subcommand(
        "validate",
        bi("Kiểm tra một tệp dữ liệu theo loại của nó (gói quy tắc, phương án chấm điểm, nghĩa "
           "vụ, từ điển dữ kiện, tổ chức, minh chứng, sự kiện, lịch nghỉ, quy ước báo cáo, kết quả, "
           "báo cáo...; tệp .csv theo dòng tiêu đề) và các tham chiếu của nó",
           "Check a data file by its kind (rule pack, scoring scheme, obligations, fact "
           "dictionary, organisation, evidence, events, holiday schedule, reporting "
           "convention, findings, report...; a .csv file by its header row) and what it refers to"));
    v->add_option("FILE", a->pack_file,
                  bi("Tệp dữ liệu (hoặc mã gói quy tắc)", "The data file (or a pack id)"))
        ->required();
    v->add_option("--organisation,--units", a->units,
                  bi("Tệp tổ chức: đơn vị của minh chứng, sự kiện, hồ sơ và kết quả phải có trong đó",
                     "Organisation file: the units of evidence, events, records and findings must be in it"));
    add_facts_option(v, a->facts);
    v->callback([a, &opts] { opts.run = [a, &opts] { return run_validate(*a, opts); }; });

    auto* e = app.add_subcommand("evaluate", bi("Đánh giá minh chứng của các đơn vị theo gói quy tắc",
                                                "Evaluate units' evidence against a rule pack"));
    common_eval_options(e, *a);
    e->add_flag("--json", a->json,
                bi("Kết quả dạng JSON (đầu vào của score)", "Findings as JSON (what `danchu score` reads)"));
    e->add_flag("--csv", a->csv, bi("Kết quả dạng CSV", "Findings as CSV"));
    e->add_option("--format", a->format, bi("table, json hoặc csv", "table, json or csv"))
        ->check(CLI::IsMember({"table", "json", "csv"}));
    e->add_flag("--what-if", a->what_if,
                bi("Đánh giá theo chế độ kia (NĐ 04/2015 <-> Luật 10/2022)",
                   "Evaluate under the other regime (Decree 04/2015 <-> Law 10/2022)"));
    add_csv_separator_option(e, a->csv_separator);
    e->add_option("-o,--output", a->output, output_help);
    e->callback([a, &opts] { opts.run = [a, &opts] { return run_evaluate(*a, opts); }; });

    auto* x = app.add_subcommand("explain", bi("Giải thích một kết quả: dữ kiện, điều kiện không đạt, căn cứ",
                                               "Explain one finding: facts, failed sub-condition, citation"));
    common_eval_options(x, *a);
    x->add_option("--unit", a->unit, bi("Mã đơn vị", "Unit id"))->required();
    x->add_option("--rule", a->rule, bi("Mã quy tắc", "Rule id"))->required();
    x->add_flag("--json", a->json, bi("Giải thích dạng JSON", "The explanation as JSON"));
    x->add_flag("--what-if", a->what_if,
                bi("Giải thích theo chế độ kia, trên cùng các sự kiện (NĐ 04/2015 <-> Luật 10/2022)",
                   "Explain under the other regime, on the same events (Decree 04/2015 <-> Law 10/2022)"));
    x->callback([a, &opts] { opts.run = [a, &opts] { return run_explain(*a, opts); }; });

    auto* t = app.add_subcommand(
        "template", bi("Viết mẫu thu thập minh chứng của gói (CSV hoặc JSON), hoặc sổ ghi sự kiện XLSX cho "
                       "từng đơn vị (--xlsx)",
                       "Write the evidence-collection template of a pack (CSV or JSON), or the XLSX "
                       "events workbooks of the units (--xlsx)"));
    auto* pack_opt = t->add_option("--pack", a->pack,
                                   bi("Mã hoặc tệp gói quy tắc (bắt buộc, trừ với --xlsx)",
                                      "Pack id or file (required, except with --xlsx)"));
    t->add_flag("--xlsx", a->xlsx,
                bi("Sổ ghi sự kiện XLSX: mỗi đơn vị một tệp trong thư mục -o (cần --organisation)",
                   "XLSX events workbooks: one file per unit in the folder -o (needs --organisation)"));
    t->add_option("--unit", a->unit, bi("Chỉ một đơn vị (với --xlsx)", "One unit only (with --xlsx)"));
    t->add_flag("--by-district", a->by_district,
                bi("Mỗi huyện một tệp (với --xlsx)", "One workbook per district (with --xlsx)"));
    t->add_option("--rows", a->rows,
                  bi("Số dòng trống mỗi trang (với --xlsx)", "Empty rows per sheet (with --xlsx)"))
        ->check(CLI::Range(1, 10000));
    add_csv_separator_option(t, a->csv_separator);
    t->add_option("--format", a->format, bi("csv (mặc định) hoặc json", "csv (default) or json"))
        ->check(CLI::IsMember({"csv", "json", "table"}));
    t->add_option(
        "--organisation,--units", a->units,
        bi("Tệp tổ chức: mỗi đơn vị một khối dòng", "Organisation file: one block of rows per unit"));
    t->add_option("--period", a->period, bi("Kỳ ghi vào mẫu JSON", "Period written into the JSON template"));
    add_facts_option(t, a->facts);
    t->add_option("-o,--output", a->output, output_help);
    t->callback([a, &opts, pack_opt] {
        if (!a->xlsx && pack_opt->count() == 0) throw CLI::RequiredError("--pack");
        if (a->format == "table") a->format = "csv";
        opts.run = [a, &opts] { return run_template(*a, opts); };
    });

    auto* m = app.add_subcommand(
        "migrate",
        bi("Chuyển minh chứng theo kỳ (dữ kiện) thành sự kiện có ngày; liệt kê những gì không chuyển được",
           "Convert per-period evidence (facts) to dated events; list what cannot be converted"));
    m->add_option("--organisation,--units", a->units,
                  bi("Tệp tổ chức (JSON hoặc CSV)", "Organisation file (JSON or CSV)"))
        ->required();
    m->add_option("--evidence", a->evidence_files,
                  bi("Tệp minh chứng theo kỳ (JSON hoặc CSV; có thể lặp lại)",
                     "Per-period evidence file (JSON or CSV; repeatable)"))
        ->required();
    m->add_option("--period", a->period,
                  bi("Kỳ của tệp CSV (hoặc tệp JSON không ghi kỳ)",
                     "Period of CSV files (or of JSON files without one)"));
    m->add_option("-o,--output", a->output,
                  bi("Thư mục ghi events.json và facts-<kỳ>.json",
                     "Folder to write events.json and facts-<period>.json"))
        ->required();
    add_facts_option(m, a->facts);
    add_lang_option(m, a->lang);
    m->callback([a, &opts] { opts.run = [a, &opts] { return run_migrate(*a, opts); }; });

    auto* s = app.add_subcommand("test", bi("Chạy các ca kiểm thử của gói (mã gói hoặc tệp .tests.json)",
                                            "Run a pack's rule tests (pack id or a .tests.json file)"));
    s->add_option("PACK", a->pack, bi("Mã gói hoặc tệp kiểm thử", "Pack id or rule-test file"))->required();
    add_facts_option(s, a->facts);
    s->callback([a, &opts] { opts.run = [a, &opts] { return run_test(*a, opts); }; });
}

} // namespace danchu::cli
