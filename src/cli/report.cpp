// `danchu report`: the six-monthly report from the data (organisation,
// evidence, pack, scheme, obligations, records), written as JSON, CSV,
// Markdown, HTML and iCalendar into one folder (-o). A main input that cannot
// be used is an error; bad secondary input is listed in the report (see
// danchu::build_report_from_files).

#include "cli.hpp"

#include <danchu/office/xlsx.hpp>

#include <danchu/report/build.hpp>
#include <danchu/io/detail/output_file.hpp>

#include <danchu/report/province.hpp>
#include <danchu/report/json.hpp>
#include <danchu/office/docx.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace danchu::cli {
namespace {

struct report_args {
    std::string units, evidence, previous_evidence, previous_period, pack = "auto", scheme;
    std::vector<std::string> events;
    std::string assessment, previous_assessment, period, as_of, out, lang = "vi";
    std::string province, generated_on, facts;
    std::string no_evidence = "missing_report";
    std::vector<std::string> obligations, records;
    int days = 30;
    bool what_if = false;
    std::string csv_separator = ",";
    bool xlsx = false;

    bool docx = false, pdf = false; // the Decree 30/2020 document (report.docx, report.pdf)
    std::string config, soffice;
};

int run_report(const options& opts, const report_args& a) {
    namespace fs = std::filesystem;
    report_request rq;
    rq.data_dir = resolve_data_dir(opts);
    rq.units = a.units;
    rq.evidence = a.evidence;
    rq.events = a.events;
    rq.period = a.period;
    rq.previous_evidence = a.previous_evidence;
    rq.previous_period = a.previous_period;
    rq.pack = a.pack;
    rq.what_if = a.what_if;
    rq.scheme = a.scheme;
    rq.assessment = a.assessment;
    rq.previous_assessment = a.previous_assessment;
    rq.obligations = a.obligations;
    rq.records = a.records;
    rq.facts = a.facts;
    rq.horizon_days = a.days;
    rq.no_evidence = from_string<no_evidence_policy>(a.no_evidence, "--no-evidence");
    if (!a.as_of.empty()) rq.as_of = civil_day::parse(a.as_of, "--as-of");
    if (!a.generated_on.empty()) rq.generated_on = civil_day::parse(a.generated_on, "--generated-on");
    if (!a.province.empty()) rq.province = bilingual_text{a.province, a.province};
    if (!a.previous_period.empty() && a.previous_evidence.empty() && a.events.empty())
        throw argument_error("--previous-period needs --previous-evidence");

    progress bar(opts, "report");
    const std::size_t stages = report_stages + 1;
    rq.on_stage = [&bar](int k, const std::string& name) {
        bar.step(static_cast<std::size_t>(k - 1), stages, name);
    };
    const report::document doc = build_report_from_files(rq);
    bar.step(report_stages, stages, "writing");

    const fs::path dir(a.out);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw danchu::error("io", a.out + ": cannot create the folder (" + ec.message() + ")");
    // Every file first, then all renamed into place: a failed run leaves the
    // previous report as it was.
    std::vector<std::string> inputs = {a.units, a.evidence, a.previous_evidence, a.assessment,
                                       a.previous_assessment};
    inputs.insert(inputs.end(), a.records.begin(), a.records.end());
    inputs.insert(inputs.end(), a.events.begin(), a.events.end());
    inputs.insert(inputs.end(), a.obligations.begin(), a.obligations.end());
    detail::output_files files(inputs);
    files.add_stream(dir / "report.json", [&doc](std::ostream& out) { // written as it is made
        report::write_json_text(out, doc);
        out << '\n';
    });
    const csv_options csv = csv_options_for(a.csv_separator);
    files.add(dir / "units.csv", report::units_csv(doc, a.lang, csv));
    files.add(dir / "overdue.csv", report::overdue_csv(doc, a.lang, csv));
    files.add(dir / "upcoming.csv", report::upcoming_csv(doc, a.lang, csv));
    if (a.xlsx) files.add(dir / "appendix.xlsx", office::report_xlsx_bytes(doc, a.lang));
    files.add(dir / "report.md", report::to_markdown(doc, a.lang));
    files.add(dir / "report.html", report::to_html(doc, a.lang));
    files.add(dir / "deadlines.ics", report_deadlines_ical(doc, a.lang));
    if (a.docx || a.pdf) { // the official document: Vietnamese, Decree 30/2020 format
        const office::report_config cfg =
            a.config.empty() ? office::default_config(doc) : office::load_config(a.config, doc);
        const std::string docx = office::to_docx(doc, cfg, rq.data_dir);
        if (a.docx) files.add(dir / "report.docx", docx);
        if (a.pdf) files.add(dir / "report.pdf", office::docx_to_pdf(docx, {a.soffice, 180}));
    }
    files.commit();

    const bool vi = a.lang == "vi";
    const auto& c = doc.current;
    bar.finish();
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
              << (c.pass_rate ? number(*c.pass_rate * 100, 1, a.lang) + " %" : std::string("—"))
              << (vi ? "; điểm bình quân: " : "; mean score: ")
              << (c.mean_score ? number(*c.mean_score, 1, a.lang) : std::string("—")) << '\n';
    if (doc.previous && doc.previous->mean_score && c.mean_score)
        std::cout << (vi ? "So với " : "Versus ") << doc.previous->period_id << ": "
                  << (*c.mean_score >= *doc.previous->mean_score ? "+" : "")
                  << number(*c.mean_score - *doc.previous->mean_score, 1, a.lang)
                  << (vi ? " điểm" : " points") << '\n';
    if (!c.no_evidence_units.empty()) // how units that sent nothing were counted
        std::cout << (vi ? "Không gửi minh chứng: " : "No evidence: ") << c.no_evidence_units.size()
                  << (vi ? " đơn vị, " : " unit(s), ") << no_evidence_label(rq.no_evidence).in(vi) << '\n';
    std::cout << (vi ? "Quá hạn: " : "Overdue: ") << doc.schedule.overdue.size()
              << (vi ? "; sắp đến hạn trong " : "; due in the next ") << doc.schedule.horizon_days
              << (vi ? " ngày: " : " days: ") << doc.schedule.upcoming.size() << '\n';
    std::cout << (vi ? "Vấn đề về dữ liệu: " : "Data problems: ") << doc.problems.size() << '\n';
    std::cout << (vi ? "Báo cáo HTML: " : "HTML report: ") << fs::absolute(dir / "report.html").string()
              << '\n';
    if (a.xlsx)
        std::cout << (vi ? "Phụ lục XLSX: " : "XLSX appendix: ")
                  << fs::absolute(dir / "appendix.xlsx").string() << '\n';

    if (a.docx)
        std::cout << (vi ? "Báo cáo DOCX: " : "DOCX report: ") << fs::absolute(dir / "report.docx").string()
                  << '\n';
    if (a.pdf)
        std::cout << (vi ? "Báo cáo PDF: " : "PDF report: ") << fs::absolute(dir / "report.pdf").string()
                  << '\n';
    return 0;
}

} // namespace

void add_report_command(CLI::App& app, options& opts) {
    auto a = std::make_shared<report_args>();
    auto* cmd = app.add_subcommand(
        "report",
        bi("Viết báo cáo sáu tháng (JSON, CSV, Markdown, HTML, iCalendar); dữ liệu phụ lỗi được liệt kê",
           "Write the six-monthly report (JSON, CSV, Markdown, HTML, iCalendar); bad secondary "
           "input is listed in it"));
    cmd->add_option("--organisation,--units", a->units,
                    bi("Tệp tổ chức (JSON hoặc CSV)", "Organisation file (JSON or CSV)"))
        ->required();
    cmd->add_option("--evidence", a->evidence,
                    bi("Minh chứng của kỳ (JSON hoặc CSV); với --events: các dữ kiện không phải sự kiện",
                       "Evidence of the period (JSON or CSV); with --events, the facts that are not events"));
    cmd->add_option(
        "--events", a->events,
        bi("Tệp sự kiện có ngày (JSON, CSV, XLSX hoặc thư mục; có thể lặp lại); kỳ trước cũng được xét "
           "trên các sự kiện này",
           "Dated events files (JSON, CSV, XLSX or a folder of them; repeatable); the previous period is "
           "judged on the same events"));
    cmd->add_option("--period", a->period, bi("Kỳ, ví dụ 2018-H1", "The period, e.g. 2018-H1"))->required();
    cmd->add_option(
        "--previous-evidence", a->previous_evidence,
        bi("Minh chứng kỳ trước, để so sánh", "Evidence of the previous period, for the changes"));
    cmd->add_option(
        "--previous-period", a->previous_period,
        bi("Kỳ trước (mặc định: kỳ liền trước)", "The previous period (default: the one before)"));
    cmd->add_option("--pack", a->pack,
                    bi("Mã hoặc tệp gói quy tắc (mặc định auto: gói mà dữ liệu cần)",
                       "Pack id or file (default auto: the pack the evidence and records need)"));
    cmd->add_flag("--what-if", a->what_if,
                  bi("Báo cáo theo chế độ kia, trên cùng các sự kiện (NĐ 04/2015 <-> Luật 10/2022)",
                     "Report under the other regime, on the same events (Decree 04/2015 <-> Law 10/2022)"));
    cmd->add_option("--scheme", a->scheme,
                    bi("Phương pháp chấm điểm (mặc định default-<mã gói>)",
                       "Scoring scheme id or file (default: default-<pack id>)"));
    cmd->add_option("--assessment", a->assessment,
                    bi("Tệp điểm tự chấm, thẩm định", "Assessment file (manual and appraised points)"));
    cmd->add_option("--previous-assessment", a->previous_assessment,
                    bi("Tệp điểm kỳ trước", "Assessment file of the previous period"));
    add_obligations_option(cmd, a->obligations);
    add_records_option(cmd, a->records);
    cmd->add_option("--as-of", a->as_of,
                    bi("Ngày xét YYYY-MM-DD (mặc định: ngày chốt số liệu)",
                       "Status date YYYY-MM-DD (default: the data cut-off)"));
    add_days_option(cmd, a->days);
    cmd->add_option("-o,--output", a->out, bi("Thư mục ghi báo cáo", "Output folder"))->required();
    add_lang_option(cmd, a->lang);
    cmd->add_option("--province", a->province,
                    bi("Tên tỉnh (mặc định: từ đơn vị gốc)", "Province name (default: from the root unit)"));
    cmd->add_option("--generated-on", a->generated_on,
                    bi("Ngày lập báo cáo (mặc định: hôm nay)", "Date of the report (default: today)"));
    add_facts_option(cmd, a->facts);
    add_no_evidence_option(cmd, a->no_evidence);
    add_csv_separator_option(cmd, a->csv_separator);
    cmd->add_flag("--xlsx", a->xlsx,
                  bi("Ghi thêm phụ lục appendix.xlsx (bảng đơn vị, tồn tại, quá hạn, vấn đề dữ liệu)",
                     "Also write the appendix appendix.xlsx (units, failings, obligations, data problems)"));

    cmd->add_flag("--docx", a->docx,
                  bi("Ghi thêm report.docx: văn bản theo Nghị định 30/2020/NĐ-CP",
                     "Also write report.docx, the document in the Decree 30/2020 format"));
    cmd->add_flag("--pdf", a->pdf,
                  bi("Ghi thêm report.pdf (chuyển từ DOCX bằng LibreOffice)",
                     "Also write report.pdf (the DOCX converted by LibreOffice)"));
    cmd->add_option(
           "--config", a->config,
           bi("Tệp cấu hình văn bản (JSON: tiêu đề, số, nơi nhận, người ký, mẫu DOCX)",
              "Document configuration (JSON: letterhead, number, recipients, signer, DOCX template)"))
        ->check(CLI::ExistingFile);
    cmd->add_option(
        "--soffice", a->soffice,
        bi("Chương trình LibreOffice (mặc định: soffice)", "LibreOffice program (default: soffice)"));
    cmd->callback([&opts, a] { opts.run = [&opts, a] { return run_report(opts, *a); }; });
}

} // namespace danchu::cli
