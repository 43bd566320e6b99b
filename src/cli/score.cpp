// `danchu score`: score a findings file under a scheme, optionally with an
// assessment (manual and appraised points) and an organisation tree for the
// roll-up, coverage and a comparison with an earlier period.

#include "cli.hpp"

#include <danchu/rules/findings_io.hpp>
#include <danchu/scoring/io.hpp>
#include <danchu/organisation/io.hpp>
#include <danchu/scoring/rollup.hpp>
#include <danchu/scoring/scorecard.hpp>

#include <danchu/io/detail/csv_writer.hpp>
#include <danchu/io/detail/json_text.hpp>
#include <danchu/core/detail/suggest.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

namespace danchu::cli {
namespace {

struct score_args {
    std::string findings, scheme, assessment, units;
    std::string previous_findings, previous_assessment;
    std::string weighting = "staff", format = "table", lang = "vi", node, output;
    std::string label, previous_label;
    std::string no_evidence = "missing_report";
    std::string csv_separator = ",";
};

/// Digits shown for a scheme's scores: the scheme's rounding decimals (what
/// was classified), or 2 when the scheme does not round.
int shown_decimals(const scoring_scheme& s) {
    return s.spec().round.mode == rounding_mode::none ? 2 : s.spec().round.decimals;
}

/// Machine output (CSV): a point, "-" when not finite.
std::string num(double x, int decimals) {
    if (!std::isfinite(x)) return "-";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
    return buf;
}

std::string band_label(const scorecard& sc, std::size_t u, const std::string& lang) {
    switch (sc.status(u)) {
    case class_status::not_eligible:
    case class_status::not_classified:
    case class_status::not_applicable:
    case class_status::missing_report: return status_label(sc.status(u)).in(lang != "en");
    case class_status::classified: break;
    }
    if (sc.band(u) < 0) return "-";
    const auto& b = sc.scheme().bands()[static_cast<std::size_t>(sc.band(u))];
    return lang == "en" ? b.name.en : b.name.vi;
}

nlohmann::json nan_null(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }

/// The top band's name, for "why not <top band>".
const bilingual_text& top_band_name(const scorecard& sc) { return sc.scheme().bands()[0].name; }

nlohmann::json scorecard_json(const scorecard& sc) {
    nlohmann::json units = nlohmann::json::array();
    const auto& crit = sc.scheme().criteria();
    for (std::size_t u = 0; u < sc.unit_count(); ++u) {
        nlohmann::json j;
        j["unit"] = sc.unit_ids()[u];
        // no total (null) for a unit to which nothing applies or whose report is missing
        j["self_total"] = nan_null(sc.self_total(u));
        j["appraised_total"] = nan_null(sc.appraised_total(u));
        j["total"] = nan_null(sc.total(u));
        if (sc.scheme().kind() == scheme_kind::xccdf) {
            j["xccdf_score"] = nan_null(sc.xccdf_score(u));
            j["xccdf_maximum"] = nan_null(sc.maximum(u));
        }
        j["status"] = std::string(to_string(sc.status(u)));
        j["band"] = sc.band(u) >= 0
                        ? nlohmann::json(sc.scheme().bands()[static_cast<std::size_t>(sc.band(u))].id)
                        : nlohmann::json(nullptr);
        j["unmet_top"] = unmet_ids(sc.unmet_top(u)); // why the top band was missed: ids, then words
        if (sc.unmet_top(u)) {
            const bilingual_text why = unmet_label(sc.unmet_top(u));
            j["unmet_top_text"] = {{"vi", why.vi}, {"en", why.en}};
        }
        j["no_evidence"] = sc.no_evidence(u);
        if (sc.cap(u) >= 0) j["capped_by"] = sc.scheme().spec().caps[static_cast<std::size_t>(sc.cap(u))].id;
        if (sc.ineligible(u) >= 0)
            j["ineligible"] = sc.scheme().spec().ineligible[static_cast<std::size_t>(sc.ineligible(u))].id;
        j["unknown"] = sc.unknown_count(u);
        j["errors"] = sc.error_count(u);
        nlohmann::json cj = nlohmann::json::array();
        for (std::size_t c = 0; c < crit.size(); ++c) {
            static const char* states[] = {"scored", "not_applicable", "missing"};
            cj.push_back({{"id", crit[c].id},
                          {"max_points", crit[c].max_points},
                          {"self", sc.self_points(u, c)},
                          {"appraised", sc.appraised_points(u, c)},
                          {"state", states[static_cast<int>(sc.state(u, c))]}});
        }
        if (!crit.empty()) j["criteria"] = cj;
        units.push_back(std::move(j));
    }
    nlohmann::json adj = nlohmann::json::array();
    for (const auto& e : sc.adjustments())
        adj.push_back({{"unit", e.unit},
                       {"criterion", e.criterion},
                       {"points", e.points},
                       {"kind", std::string(to_string(e.kind))},
                       {"who", e.who},
                       {"date", e.date},
                       {"reason", e.reason}});
    return {{"scheme", sc.scheme().id()},
            {"no_evidence", std::string(to_string(sc.no_evidence_counted_as()))},
            {"units", units},
            {"adjustments", adj}};
}

nlohmann::json rollup_json(const rollup& r, std::size_t top) {
    nlohmann::json nodes = nlohmann::json::array();
    for (std::size_t i : r.subtree(top)) {
        nlohmann::json bands = nlohmann::json::object();
        for (std::size_t b = 0; b < r.bands().size(); ++b) bands[r.bands()[b].id] = r.band_count(i, b);
        bands[std::string(to_string(class_status::not_eligible))] = r.band_count(i, r.bands().size());
        bands[std::string(to_string(class_status::not_classified))] = r.band_count(i, r.bands().size() + 1);
        nodes.push_back(
            {{"id", r.id(i)},
             {"name", r.name(i)},
             {"parent",
              r.parent(i) == rollup::npos ? nlohmann::json(nullptr) : nlohmann::json(r.id(r.parent(i)))},
             {"units", r.units(i)},
             {"mean", nan_null(r.mean(i))},
             {"minimum", nan_null(r.minimum(i))},
             {"minimum_unit", r.minimum_unit(i) == rollup::npos ? nlohmann::json(nullptr)
                                                                : nlohmann::json(r.id(r.minimum_unit(i)))},
             {"rank", r.rank(i)},
             {"bands", bands},
             {"missing", r.missing(i)},
             {"incomplete", r.incomplete(i)}});
    }
    const auto cov = r.coverage(top);
    return {{"node", r.id(top)},
            {"weighting", std::string(to_string(r.options().weigh))},
            {"nodes", nodes},
            {"coverage",
             {{"missing", cov.missing},
              {"missing_evidence", cov.missing_evidence},
              {"missing_input", cov.missing_input},
              {"not_eligible", cov.not_eligible},
              {"not_classified", cov.not_classified}}}};
}

void print_scorecard(std::ostream& out, const scorecard& sc, const std::string& lang) {
    const int dp = shown_decimals(sc.scheme());
    // Rounded the way the scheme rounds the total it classifies, so the self
    // and appraised columns never show 80.0 beside a total of 79.9.
    auto num = [&](double x) { return number(sc.scheme().spec().round.apply(x), dp, lang); };
    const auto& t = sc.scheme().spec().title;
    out << (lang == "en" ? t.en : t.vi) << "\n";
    out << (lang == "en" ? "unit | self | appraised | total | band\n"
                         : "đơn vị | tự chấm | thẩm định | tổng | xếp loại\n");
    for (std::size_t u = 0; u < sc.unit_count(); ++u) {
        out << sc.unit_ids()[u] << " | " << num(sc.self_total(u)) << " | " << num(sc.appraised_total(u))
            << " | " << num(sc.total(u)) << " | " << band_label(sc, u, lang);
        if (sc.unmet_top(u)) // why not the top band, in words
            out << (lang == "en" ? " (not " : " (chưa đạt ") << top_band_name(sc).in(lang != "en") << ": "
                << unmet_label(sc.unmet_top(u)).in(lang != "en") << ")";
        if (sc.cap(u) >= 0)
            out << (lang == "en" ? " (capped: " : " (bị giới hạn: ")
                << sc.scheme().spec().caps[static_cast<std::size_t>(sc.cap(u))].id << ")";
        if (sc.unknown_count(u))
            out << (lang == "en" ? " [missing evidence: " : " [thiếu minh chứng: ") << sc.unknown_count(u)
                << "]";
        out << "\n";
    }
}

void print_rollup(std::ostream& out, const rollup& r, std::size_t top, const std::string& lang, int dp) {
    auto num = [&](double x) { return number(x, dp, lang); };
    out << "\n" << (lang == "en" ? "roll-up (" : "tổng hợp (") << to_string(r.options().weigh) << ")\n";
    out << (lang == "en" ? "node | units | mean | min | rank | missing\n"
                         : "đơn vị | số đơn vị | bình quân | thấp nhất | hạng | thiếu báo cáo\n");
    for (std::size_t i : r.subtree(top)) {
        if (r.units(i) == 0 && r.missing(i) == 0) continue;
        out << std::string(2 * (r.depth(i) - r.depth(top)), ' ') << r.id(i) << " " << r.name(i) << " | "
            << r.units(i) << " | " << num(r.mean(i)) << " | " << num(r.minimum(i)) << " | "
            << (r.rank(i) ? std::to_string(r.rank(i)) : "-") << " | " << r.missing(i) << "\n";
    }
    const auto cov = r.coverage(top);
    auto list = [&](const char* vi, const char* en, const std::vector<std::string>& ids) {
        if (ids.empty()) return;
        out << (lang == "en" ? en : vi) << " (" << ids.size() << "):";
        for (const auto& id : ids) out << " " << id;
        out << "\n";
    };
    out << "\n";
    list("thiếu báo cáo", "missing reports", cov.missing);
    list("thiếu minh chứng", "missing evidence", cov.missing_evidence);
    list("chưa nhập điểm", "points not entered", cov.missing_input);
    const bilingual_text ne = status_label(class_status::not_eligible);
    list(ne.vi.c_str(), ne.en.c_str(), cov.not_eligible);
}

/// The scheme: --scheme, else the report's default, default-<pack id> of the
/// pack the findings name.
std::string scheme_of(const score_args& a) {
    if (!a.scheme.empty()) return a.scheme;
    const bool csv = a.findings.size() >= 4 && (a.findings.compare(a.findings.size() - 4, 4, ".csv") == 0 ||
                                                a.findings.compare(a.findings.size() - 4, 4, ".CSV") == 0);
    std::string pack;
    if (!csv) {
        const nlohmann::json doc = detail::read_json_file(a.findings);
        if (doc.is_object() && doc.contains("pack") && doc["pack"].is_string())
            pack = doc["pack"].get<std::string>();
    }
    if (pack.empty())
        throw argument_error(
            "--scheme: " + a.findings +
            " names no pack, so there is no default scheme (default-<pack id>): give --scheme");
    return "default-" + pack;
}

int run_score(const score_args& a, const options& opts) {
    const std::string data = resolve_data_dir(opts);
    auto scheme = std::make_shared<const scoring_scheme>(find_scoring_scheme(scheme_of(a), data));
    const finding_table table = load_findings(a.findings);
    const assessment input = a.assessment.empty() ? assessment{} : load_assessment(a.assessment);
    score_options so;
    so.no_evidence = from_string<no_evidence_policy>(a.no_evidence, "--no-evidence");
    const scorecard sc = score(scheme, table, input, so);

    std::ostringstream out; // written at the end, in one checked step (emit)

    std::unique_ptr<rollup> roll, prev;
    std::vector<std::size_t> tops; // --node, else every root (a forest is rolled up tree by tree)
    if (!a.units.empty()) {
        const organisation org = load_organisation(a.units);
        rollup_options o;
        o.weigh = weighting_from_string(a.weighting);
        o.label = a.label;
        roll = std::make_unique<rollup>(org, sc, o);
        if (!a.node.empty()) {
            const std::size_t top = roll->find(a.node);
            tops.push_back(top);
            if (top == rollup::npos) {
                std::vector<std::string> ids;
                for (std::size_t i = 0; i < roll->size(); ++i) ids.push_back(roll->id(i));
                throw argument_error("--node: unknown unit \"" + a.node + "\" in " + a.units +
                                     detail::did_you_mean(a.node, ids));
            }
        } else {
            for (std::size_t i = 0; i < roll->size(); ++i)
                if (roll->parent(i) == rollup::npos) tops.push_back(i);
        }
        if (!a.previous_findings.empty()) {
            const finding_table pt = load_findings(a.previous_findings);
            const assessment pa =
                a.previous_assessment.empty() ? assessment{} : load_assessment(a.previous_assessment);
            o.label = a.previous_label;
            prev = std::make_unique<rollup>(org, score(scheme, pt, pa, so), o);
        }
    } else if (!a.previous_findings.empty() || !a.node.empty()) {
        throw argument_error("--previous-findings and --node need --units (the organisation tree)");
    }

    if (a.format == "json") {
        nlohmann::json j = scorecard_json(sc);
        if (tops.size() == 1) {
            j["rollup"] = rollup_json(*roll, tops[0]);
        } else if (tops.size() > 1) { // several roots: one roll-up per tree, none left out
            j["rollup"] = nlohmann::json::array();
            for (const std::size_t t : tops) j["rollup"].push_back(rollup_json(*roll, t));
        }
        if (roll && prev) {
            nlohmann::json rows = nlohmann::json::array();
            for (const auto& c : compare(*roll, *prev))
                rows.push_back({{"id", c.id},
                                {"mean_now", nan_null(c.mean_now)},
                                {"mean_before", nan_null(c.mean_before)},
                                {"delta", nan_null(c.delta)},
                                {"rank_now", c.rank_now},
                                {"rank_before", c.rank_before},
                                {"rank_change", c.rank_change},
                                {"band_now", c.band_now},
                                {"band_before", c.band_before}});
            j["comparison"] = rows;
        }
        j["overrides"] = overrides_to_json(table);
        out << j.dump(2) << "\n";
    } else if (a.format == "csv") {
        detail::csv_writer w(csv_options_for(a.csv_separator));
        w.header("unit", "self_total", "appraised_total", "total", "status", "band", "capped_by", "unknown",
                 "errors", "unmet_top", "unmet_top_text", "overrides");
        const int dp = shown_decimals(*scheme);
        const auto& rnd = scheme->spec().round;
        auto ids_of = [](std::uint8_t bits) { // "score;zero_criterion"
            std::string s;
            for (const auto& id : unmet_ids(bits)) s += (s.empty() ? "" : ";") + id;
            return s;
        };
        for (std::size_t u = 0; u < sc.unit_count(); ++u) {
            std::string ov; // "RULE: original → replacement (who, date)", one per override of the unit
            for (const auto& o : table.overrides())
                if (o.unit_id == sc.unit_ids()[u])
                    ov += (ov.empty() ? "" : "; ") + o.rule_id + ": " + std::string(to_string(o.original)) +
                          " → " + std::string(to_string(o.replacement)) + " (" + o.who + ", " + o.date + ")";
            w.text(sc.unit_ids()[u])
                .value(num(rnd.apply(sc.self_total(u)), dp))
                .value(num(rnd.apply(sc.appraised_total(u)), dp))
                .value(num(sc.total(u), dp))
                .value(to_string(sc.status(u)))
                .text(sc.band(u) >= 0 ? sc.scheme().bands()[static_cast<std::size_t>(sc.band(u))].id : "")
                .text(sc.cap(u) >= 0 ? sc.scheme().spec().caps[static_cast<std::size_t>(sc.cap(u))].id : "")
                .value(std::to_string(sc.unknown_count(u)))
                .value(std::to_string(sc.error_count(u)))
                .text(ids_of(sc.unmet_top(u)))
                .text(unmet_label(sc.unmet_top(u)).in(a.lang != "en"))
                .text(ov)
                .end_row();
        }
        out << std::move(w).str();
    } else {
        const int dp = shown_decimals(*scheme);
        auto num = [&](double x) { return number(x, dp, a.lang); };
        print_scorecard(out, sc, a.lang);
        if (!table.overrides().empty()) {
            const bool en = a.lang == "en";
            out << "\n"
                << (en ? "overrides (unit | rule | original → now | who | date | reason)\n"
                       : "điều chỉnh thủ công (đơn vị | quy tắc | ban đầu → hiện tại | người quyết định | "
                         "ngày | lý do)\n");
            for (const auto& o : table.overrides())
                out << o.unit_id << " | " << o.rule_id << " | " << to_string(o.original) << " → "
                    << to_string(o.replacement) << " | " << o.who << " | " << o.date << " | " << o.reason
                    << "\n";
        }
        for (const std::size_t t : tops) print_rollup(out, *roll, t, a.lang, dp);
        if (roll && prev) {
            out << "\n" << (a.lang == "en" ? "change in rank (+ = up)\n" : "thay đổi thứ hạng (+ = tăng)\n");
            for (const auto& c : compare(*roll, *prev))
                if (c.rank_now && c.rank_before)
                    out << c.id << " | " << num(c.mean_before) << " → " << num(c.mean_now) << " | "
                        << c.rank_before << " → " << c.rank_now << " (" << (c.rank_change > 0 ? "+" : "")
                        << c.rank_change << ")\n";
        }
    }
    emit(a.output, out.str(),
         {a.findings, a.assessment, a.units, a.previous_findings, a.previous_assessment, a.scheme});
    return 0;
}

} // namespace

void add_score_command(CLI::App& app, options& opts) {
    auto args = std::make_shared<score_args>();
    CLI::App* sub =
        app.add_subcommand("score", bi("Chấm điểm, xếp loại kết quả đánh giá; tổng hợp theo cây tổ chức",
                                       "Score findings under a scheme; roll up over the organisation tree"));
    sub->add_option("findings", args->findings,
                    bi("Tệp kết quả đánh giá (.json hoặc .csv)", "Findings file (.json or .csv)"))
        ->required()
        ->check(CLI::ExistingFile);
    sub->add_option("-s,--scheme", args->scheme,
                    bi("Phương pháp chấm: tệp hoặc mã (mặc định default-<mã gói>)",
                       "Scheme file or id (default: default-<pack id of the findings>)"));
    sub->add_option("-a,--assessment", args->assessment,
                    bi("Tệp điểm tự chấm, thẩm định", "Assessment file (self-assessed and appraised points)"))
        ->check(CLI::ExistingFile);
    sub->add_option(
           "-u,--organisation,--units", args->units,
           bi("Tệp tổ chức (JSON hoặc CSV), để tổng hợp", "Organisation file (JSON or CSV), for the roll-up"))
        ->check(CLI::ExistingFile);
    sub->add_option("-w,--weighting", args->weighting,
                    bi("Trọng số tổng hợp: staff hoặc equal", "Roll-up weighting: staff or equal"))
        ->check(CLI::IsMember({"staff", "equal"}));
    sub->add_option(
        "--node", args->node,
        bi("Tổng hợp từ đơn vị này (mặc định: gốc)", "Roll up from this unit (default: the root)"));
    sub->add_option(
           "--previous-findings", args->previous_findings,
           bi("Kết quả kỳ trước, để so sánh thứ hạng", "Findings of the earlier period, for rank changes"))
        ->check(CLI::ExistingFile);
    sub->add_option("--previous-assessment", args->previous_assessment,
                    bi("Tệp điểm kỳ trước", "Assessment of the earlier period"))
        ->check(CLI::ExistingFile);
    auto* period = sub->add_option("--period", args->label,
                                   bi("Kỳ này, ví dụ 2025-H2 (nhãn trong so sánh)",
                                      "This period, e.g. 2025-H2 (its label in comparisons)"));
    auto* previous = sub->add_option("--previous-period", args->previous_label,
                                     bi("Kỳ trước, ví dụ 2025-H1", "The earlier period, e.g. 2025-H1"));
    // --label and --previous-label: the 0.2 names, kept as hidden aliases.
    auto* label = sub->add_option("--label", args->label)->group("");
    auto* previous_label = sub->add_option("--previous-label", args->previous_label)->group("");
    sub->parse_complete_callback([=] {
        if (period->count() > 0 && label->count() > 0)
            throw CLI::ValidationError("--period", "give --period or its old name --label, not both");
        if (previous->count() > 0 && previous_label->count() > 0)
            throw CLI::ValidationError("--previous-period",
                                       "give --previous-period or its old name --previous-label, not both");
    });
    add_no_evidence_option(sub, args->no_evidence);
    sub->add_option("-f,--format", args->format,
                    bi("Đầu ra: table, json hoặc csv", "Output: table, json or csv"))
        ->check(CLI::IsMember({"table", "json", "csv"}));
    sub->add_option(
           "--lang", args->lang,
           bi("Ngôn ngữ của bảng: vi (mặc định) hoặc en", "Language of the table: vi (default) or en"))
        ->check(CLI::IsMember({"vi", "en"}));
    sub->add_option("-o,--output", args->output,
                    bi("Ghi vào tệp này thay vì stdout", "Write to this file instead of standard output"));
    add_csv_separator_option(sub, args->csv_separator);
    sub->callback([args, &opts] { opts.run = [args, &opts] { return run_score(*args, opts); }; });
}

} // namespace danchu::cli
