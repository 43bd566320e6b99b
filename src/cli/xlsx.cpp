// `danchu template --xlsx`: the evidence workbooks a Department sends its
// units (danchu::office, issue 13), one per unit or one per district.

#include "cli.hpp"

#include <danchu/core/error.hpp>
#include <danchu/evidence/event_kinds_io.hpp>
#include <danchu/io/detail/output_file.hpp>
#include <danchu/office/xlsx.hpp>
#include <danchu/organisation/io.hpp>

#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace danchu::cli {

namespace {

/// A file name from a district's name: its text, with the characters file
/// systems refuse (and control characters) replaced by '-'.
std::string file_name_of(const std::string& s) {
    std::string out;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || std::string_view("<>:\"/\\|?*").find(c) != std::string_view::npos) ? '-' : c;
    }
    while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
    if (out.empty() || out[0] == '.') out = "_" + out;
    if (out.size() > 120) out.resize(120);
    return out;
}

} // namespace

int run_events_workbooks(const options& opts, const workbook_args& a) {
    namespace fs = std::filesystem;
    if (a.organisation.empty()) throw argument_error("--xlsx needs --organisation (the units to write for)");
    if (a.output.empty()) throw argument_error("--xlsx needs -o/--output: the folder for the workbooks");
    const std::string data = resolve_data_dir(opts);
    const auto kinds = load_event_kinds(data);
    const organisation org = load_organisation(a.organisation);
    // file name -> units
    std::map<std::string, std::vector<std::size_t>> files;
    if (!a.unit.empty()) {
        const std::size_t u = org.find(a.unit);
        if (u == organisation::npos)
            throw argument_error("--unit: \"" + a.unit + "\" is not in the organisation " + a.organisation);
        files[a.unit].push_back(u);
    } else {
        for (std::size_t u = 0; u < org.size(); ++u) {
            if (is_grouping(org[u])) continue;
            if (a.by_district) {
                const auto d = org[u].labels.find("district");
                files[file_name_of(d == org[u].labels.end() ? "khong-thuoc-huyen" : d->second)].push_back(u);
            } else
                files[org[u].id].push_back(u);
        }
    }
    if (files.empty()) throw argument_error(a.organisation + ": no unit to write a workbook for");
    const fs::path dir(a.output);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw danchu::error("io", a.output + ": cannot create the folder (" + ec.message() + ")");
    office::events_workbook_options o;
    o.rows = a.rows;
    o.title = a.period.empty() ? std::string() : "Kỳ báo cáo: " + a.period;
    detail::output_files out({a.organisation});
    std::vector<fs::path> written;
    for (const auto& [name, units] : files) {
        written.push_back(dir / (name + ".xlsx"));
        out.add(written.back(), office::events_workbook_bytes(*kinds, org, units, o));
    }
    out.commit();
    for (const auto& p : written) std::cout << p.string() << '\n';
    return 0;
}

} // namespace danchu::cli
