// `danchu render`: renders a report document (JSON, data/schemas/report.schema.json)
// as HTML, Markdown, CSV or JSON, in Vietnamese or English. For re-rendering
// an archived report, or one written by other software; `danchu report`
// produces the document from the data.

#include "cli.hpp"

#include <danchu/report/report.hpp>
#include <danchu/report/json.hpp>
#include <danchu/office/docx.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

namespace danchu::cli {

namespace {

struct render_args {
    std::string input;
    std::string output; // empty: standard output
    std::string format; // empty: from the output's suffix, else html
    std::string lang = "vi";
    std::string csv_separator = ",";
    std::string config; // docx, pdf: the document configuration
};

std::string format_of(const render_args& a) {
    if (!a.format.empty()) return a.format;
    const std::string ext = std::filesystem::path(a.output).extension().string();
    if (ext == ".md") return "md";
    if (ext == ".json") return "json";
    if (ext == ".csv") return "units-csv";
    if (ext == ".docx") return "docx";
    if (ext == ".pdf") return "pdf";
    return "html";
}

int run_render(const options& opts, const render_args& a) {
    const report::document doc = report::load_json(a.input);
    const std::string format = format_of(a);
    std::string text;
    if (format == "html")
        text = report::to_html(doc, a.lang);
    else if (format == "md")
        text = report::to_markdown(doc, a.lang);
    else if (format == "json")
        text = report::to_json_text(doc) + "\n";
    else if (format == "units-csv")
        text = report::units_csv(doc, a.lang, csv_options_for(a.csv_separator));
    else if (format == "overdue-csv")
        text = report::overdue_csv(doc, a.lang, csv_options_for(a.csv_separator));
    else if (format == "upcoming-csv")
        text = report::upcoming_csv(doc, a.lang, csv_options_for(a.csv_separator));
    else if (format == "docx" || format == "pdf") { // Vietnamese, Decree 30/2020 format
        const office::report_config cfg =
            a.config.empty() ? office::default_config(doc) : office::load_config(a.config, doc);
        text = office::to_docx(doc, cfg, resolve_data_dir(opts));
        if (format == "pdf") text = office::docx_to_pdf(text);
    } else
        throw argument_error("--format: unknown format \"" + format +
                             "\": expected html, md, json, units-csv, overdue-csv, "
                             "upcoming-csv, docx or pdf");
    if (a.output.empty()) {
        std::cout << text;
        return std::cout.good() ? 0 : 1;
    }
    emit(a.output, text, {a.input});
    std::cerr << "danchu: wrote " << a.output << " (" << format << ", " << a.lang << ")\n";
    return 0;
}

} // namespace

void add_render_command(CLI::App& app, options& opts) {
    auto args = std::make_shared<render_args>();
    auto* cmd = app.add_subcommand("render",
                                   bi("Trình bày tài liệu báo cáo (JSON) dạng HTML, Markdown, CSV hoặc JSON",
                                      "Render a report document (JSON) as HTML, Markdown, CSV or JSON"));
    cmd->add_option("report", args->input,
                    bi("Tài liệu báo cáo (report.json)", "The report document (report.json)"))
        ->required()
        ->check(CLI::ExistingFile);
    cmd->add_option("-o,--output", args->output,
                    bi("Tệp ghi (mặc định stdout); đuôi tệp chọn định dạng",
                       "Output file (default: standard output); its suffix chooses the format"));
    cmd->add_option(
           "-f,--format", args->format,
           bi("Định dạng (mặc định: theo --output, nếu không html)",
              "html, md, json, units-csv, overdue-csv or upcoming-csv (default: from --output, else html)"))
        ->check(
            CLI::IsMember({"html", "md", "json", "units-csv", "overdue-csv", "upcoming-csv", "docx", "pdf"}));
    cmd->add_option(
           "--config", args->config,
           bi("docx, pdf: tệp cấu hình văn bản (JSON)", "docx, pdf: the document configuration (JSON)"))
        ->check(CLI::ExistingFile);
    cmd->add_option("-l,--lang", args->lang,
                    bi("Ngôn ngữ: vi (mặc định) hoặc en", "Language: vi (default) or en"))
        ->check(CLI::IsMember({"vi", "en"}));
    add_csv_separator_option(cmd, args->csv_separator);
    cmd->callback([args, &opts] { opts.run = [args, &opts] { return run_render(opts, *args); }; });
}

} // namespace danchu::cli
