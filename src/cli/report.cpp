// `danchu report`: the six-monthly report from the data (organisation,
// evidence, pack, scheme, obligations, records), written as JSON, CSV,
// Markdown, HTML and iCalendar into one folder. Bad input is listed in the
// report, not fatal (see danchu::build_report_from_files).

#include "cli.hpp"

#include <danchu/province_report.hpp>
#include <danchu/report_json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

namespace danchu::cli {
namespace {

struct report_args {
    std::string units, evidence, previous_evidence, previous_period, pack = "auto", scheme;
    std::string assessment, previous_assessment, period, as_of, out, lang = "vi";
    std::string province, generated_on, facts;
    std::vector<std::string> obligations, records;
    int days = 30;
};

void write_file(const std::filesystem::path& p, const std::string& text) {
    std::ofstream f(p, std::ios::binary);
    if (!f || !(f << text)) throw danchu::error("io", p.string() + ": cannot write the file");
}

std::string fixed(double x, int decimals, bool vi) {
    char buf[64] = {};
    std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
    std::string s = buf;
    if (vi)
        for (auto& c : s)
            if (c == '.') c = ',';
    return s;
}

int run_report(const options& opts, const report_args& a) {
    namespace fs = std::filesystem;
    report_request rq;
    rq.data_dir = resolve_data_dir(opts);
    rq.units = a.units;
    rq.evidence = a.evidence;
    rq.period = a.period;
    rq.previous_evidence = a.previous_evidence;
    rq.previous_period = a.previous_period;
    rq.pack = a.pack;
    rq.scheme = a.scheme;
    rq.assessment = a.assessment;
    rq.previous_assessment = a.previous_assessment;
    rq.obligations = a.obligations;
    rq.records = a.records;
    rq.facts = a.facts;
    rq.horizon_days = a.days;
    if (!a.as_of.empty()) rq.as_of = parse_iso_date(a.as_of, "--as-of");
    if (!a.generated_on.empty()) rq.generated_on = parse_iso_date(a.generated_on, "--generated-on");
    if (!a.province.empty()) rq.province = report::text{a.province, a.province};
    if (!a.previous_period.empty() && a.previous_evidence.empty())
        throw argument_error("--previous-period needs --previous-evidence");

    const report::document doc = build_report_from_files(rq);

    const fs::path dir(a.out);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw danchu::error("io", a.out + ": cannot create the folder (" + ec.message() + ")");
    write_file(dir / "report.json", report::to_json_text(doc) + "\n");
    write_file(dir / "units.csv", report::units_csv(doc, a.lang));
    write_file(dir / "overdue.csv", report::overdue_csv(doc, a.lang));
    write_file(dir / "upcoming.csv", report::upcoming_csv(doc, a.lang));
    write_file(dir / "report.md", report::to_markdown(doc, a.lang));
    write_file(dir / "report.html", report::to_html(doc, a.lang));
    write_file(dir / "deadlines.ics", report_deadlines_ical(doc, a.lang));

    const bool vi = a.lang == "vi";
    const auto& c = doc.current;
    std::cout << (vi ? "Báo cáo " : "Report ") << doc.head.period.id << " — "
              << (vi ? doc.head.province.vi : doc.head.province.en)
              << (doc.head.synthetic ? (vi ? " (dữ liệu giả lập)" : " (synthetic data)") : "") << '\n';
    std::cout << (vi ? "Đơn vị được đánh giá: " : "Units assessed: ") << c.units_assessed
              << (vi ? " (đủ minh chứng: " : " (complete evidence: ") << c.units_complete << ")\n";
    std::cout << (vi ? "Xếp loại:" : "Bands:");
    for (std::size_t b = 0; b < doc.bands.size(); ++b)
        std::cout << (b ? ", " : " ") << (vi ? doc.bands[b].label.vi : doc.bands[b].label.en) << ' '
                  << c.band_counts[b];
    std::cout << '\n';
    std::cout << (vi ? "Tỷ lệ đạt: " : "Pass rate: ")
              << (c.pass_rate ? fixed(*c.pass_rate * 100, 1, vi) + " %" : std::string("—"))
              << (vi ? "; điểm bình quân: " : "; mean score: ")
              << (c.mean_score ? fixed(*c.mean_score, 1, vi) : std::string("—")) << '\n';
    if (doc.previous && doc.previous->mean_score && c.mean_score)
        std::cout << (vi ? "So với " : "Versus ") << doc.previous->period_id << ": "
                  << (*c.mean_score >= *doc.previous->mean_score ? "+" : "")
                  << fixed(*c.mean_score - *doc.previous->mean_score, 1, vi)
                  << (vi ? " điểm" : " points") << '\n';
    std::cout << (vi ? "Quá hạn: " : "Overdue: ") << doc.schedule.overdue.size()
              << (vi ? "; sắp đến hạn trong " : "; due in the next ") << doc.schedule.horizon_days
              << (vi ? " ngày: " : " days: ") << doc.schedule.upcoming.size() << '\n';
    std::cout << (vi ? "Vấn đề về dữ liệu: " : "Data problems: ") << doc.problems.size() << '\n';
    std::cout << (vi ? "Báo cáo HTML: " : "HTML report: ") << fs::absolute(dir / "report.html").string()
              << '\n';
    return 0;
}

} // namespace

void add_report_command(CLI::App& app, options& opts) {
    auto a = std::make_shared<report_args>();
    auto* cmd = app.add_subcommand(
        "report", "Write the six-monthly report (báo cáo sáu tháng) from the data: JSON, CSV, "
                  "Markdown, HTML and iCalendar; bad input is listed in the report");
    cmd->add_option("--units", a->units, "Organisation file (JSON or CSV)")->required();
    cmd->add_option("--evidence", a->evidence, "Evidence of the period (JSON or CSV)")->required();
    cmd->add_option("--period", a->period, "The period, e.g. 2018-H1")->required();
    cmd->add_option("--previous-evidence", a->previous_evidence,
                    "Evidence of the previous period, for the changes");
    cmd->add_option("--previous-period", a->previous_period,
                    "The previous period (default: the one before --period)");
    cmd->add_option("--pack", a->pack,
                    "Pack id or file (default auto: the regime in force at the end of the period)");
    cmd->add_option("--scheme", a->scheme, "Scoring scheme id or file (default: default-<pack id>)");
    cmd->add_option("--assessment", a->assessment, "Assessment file (manual and appraised points)");
    cmd->add_option("--previous-assessment", a->previous_assessment,
                    "Assessment file of the previous period");
    cmd->add_option("--obligations", a->obligations,
                    "Obligation set ids or files, repeatable (default: those of the pack and its base)");
    cmd->add_option("--records", a->records, "Submissions/events files (JSON or CSV), repeatable");
    cmd->add_option("--as-of", a->as_of, "Status date YYYY-MM-DD (default: the data cut-off)");
    cmd->add_option("--days", a->days, "Horizon of upcoming deadlines in days (default 30)")
        ->check(CLI::Range(0, 3660));
    cmd->add_option("--out", a->out, "Output folder")->required();
    cmd->add_option("--lang", a->lang, "Language of HTML, Markdown, CSV and iCalendar: vi or en")
        ->check(CLI::IsMember({"vi", "en"}));
    cmd->add_option("--province", a->province, "Province name (default: from the root unit)");
    cmd->add_option("--generated-on", a->generated_on, "Date of the report (default: today)");
    cmd->add_option("--facts", a->facts, "Fact dictionary (default: the bundled facts.json)");
    cmd->callback([&opts, a] { opts.run = [&opts, a] { return run_report(opts, *a); }; });
}

} // namespace danchu::cli
