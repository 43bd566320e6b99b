// `danchu agenda`: what every unit owes and when, with its status (done on
// time, done late, overdue, due soon), and the agenda of the next N days.

#include "cli.hpp"

#include <danchu/calendar.hpp>
#include <danchu/organisation_io.hpp>
#include <danchu/schedule_io.hpp>

#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>

namespace danchu::cli {

namespace {

struct agenda_args {
    std::string units;
    std::vector<std::string> records;
    std::vector<std::string> obligations;
    std::string as_of;
    std::string from, to;
    int days = 30;
    std::string lang = "vi";
    std::string format = "table";
    bool all = false;
};

std::string obligation_file(const std::string& data_dir, const std::string& id) {
    if (std::filesystem::exists(id)) return id;
    return data_dir + "/obligations/" + id + ".json";
}

int run_agenda(const options& opts, const agenda_args& a) {
    const std::string data = resolve_data_dir(opts);
    const organisation org = load_organisation(a.units);
    const day_number as_of = parse_iso_date(a.as_of, "--as-of");
    obligation_set obs;
    std::vector<std::string> ids = a.obligations;
    if (ids.empty()) // the regime in force on the as-of date (Law 10/2022 Art. 90)
        ids.push_back(as_of < days_from_civil(2023, 7, 1) ? "vn.decree-04-2015" : "vn.law-10-2022");
    for (const auto& id : ids) obs.add_file(obligation_file(data, id));
    schedule_records rec;
    for (const auto& f : a.records) load_schedule_records(f, rec);

    const calendar cal = calendar::vietnam(data);
    schedule_options so;
    const civil_date c = civil_from_days(as_of);
    so.from = a.from.empty() ? days_from_civil(c.year, 1, 1) : parse_iso_date(a.from, "--from");
    so.to = a.to.empty() ? as_of + a.days : parse_iso_date(a.to, "--to");
    so.as_of = as_of;
    so.due_soon_days = a.days;
    so.is_working_day = [&cal](day_number d) { return cal.is_working_day(d); };
    const schedule s = build_schedule(obs, org, rec.submissions, rec.events, so);

    std::vector<const occurrence*> rows;
    if (a.all)
        for (const auto& oc : s.items) rows.push_back(&oc);
    else
        rows = agenda(s, as_of, a.days);
    const bool vi = a.lang != "en";
    auto status_text = [&](const occurrence& oc) -> std::string {
        switch (oc.status) {
        case occurrence_status::done_on_time: return vi ? "đã thực hiện đúng hạn" : "done on time";
        case occurrence_status::done_late:
            return (vi ? "thực hiện muộn " : "done late by ") + std::to_string(oc.working_days_late) +
                   (vi ? " ngày làm việc" : " working days");
        case occurrence_status::overdue:
            return (vi ? "quá hạn " : "overdue by ") + std::to_string(oc.working_days_late) +
                   (vi ? " ngày làm việc" : " working days");
        case occurrence_status::due_soon: return vi ? "sắp đến hạn" : "due soon";
        case occurrence_status::upcoming: return vi ? "chưa đến hạn" : "upcoming";
        case occurrence_status::unknown: return vi ? "không xác định (thiếu hồ sơ)" : "unknown (no record)";
        }
        return "";
    };
    if (a.format == "json") {
        nlohmann::json out = {{"as_of", to_iso(as_of)}, {"items", nlohmann::json::array()},
                              {"problems", nlohmann::json::array()}};
        for (const auto* oc : rows) {
            const auto& ob = obs.items()[oc->obligation];
            nlohmann::json j = {{"unit", org[oc->unit].id}, {"obligation", ob.id}, {"occurrence", oc->key},
                                {"status", std::string(to_string(oc->status))},
                                {"working_days_late", oc->working_days_late},
                                {"confidence", std::string(to_string(ob.conf))}};
            j["due"] = oc->due ? nlohmann::json(to_iso(*oc->due)) : nlohmann::json();
            j["done_on"] = oc->done_on ? nlohmann::json(to_iso(*oc->done_on)) : nlohmann::json();
            out["items"].push_back(std::move(j));
        }
        for (const auto& p : s.problems) out["problems"].push_back({{"where", p.where}, {"message", p.message}});
        std::cout << out.dump(1) << '\n';
    } else if (a.format == "csv") {
        std::cout << "unit,obligation,occurrence,due,status,working_days_late,done_on\n";
        for (const auto* oc : rows)
            std::cout << org[oc->unit].id << ',' << obs.items()[oc->obligation].id << ",\"" << oc->key << "\","
                      << (oc->due ? to_iso(*oc->due) : "") << ',' << to_string(oc->status) << ','
                      << oc->working_days_late << ',' << (oc->done_on ? to_iso(*oc->done_on) : "") << '\n';
    } else {
        std::cout << (vi ? "Lịch nghĩa vụ đến " : "Obligations as of ") << to_iso(as_of)
                  << (a.all ? "" : (vi ? " (quá hạn và " + std::to_string(a.days) + " ngày tới)"
                                       : " (overdue and the next " + std::to_string(a.days) + " days)"))
                  << '\n';
        for (const auto* oc : rows) {
            const auto& ob = obs.items()[oc->obligation];
            std::cout << (oc->due ? to_iso(*oc->due) : std::string("          ")) << "  "
                      << std::left << std::setw(28) << org[oc->unit].id << ' '
                      << (vi ? ob.title.vi : ob.title.en) << " [" << oc->key << "] — " << status_text(*oc)
                      << (ob.conf == confidence::uncertain ? (vi ? " (căn cứ chưa chắc chắn)" : " (uncertain basis)") : "")
                      << '\n';
        }
        std::cout << rows.size() << (vi ? " mục" : " items") << '\n';
    }
    for (const auto& p : s.problems) std::cerr << "danchu agenda: " << p.where << ": " << p.message << '\n';
    return 0;
}

} // namespace

void add_agenda_command(CLI::App& app, options& opts) {
    auto args = std::make_shared<agenda_args>();
    auto* cmd = app.add_subcommand("agenda", "What each unit owes and when: overdue and upcoming obligations");
    cmd->add_option("--units", args->units, "Units file (JSON or CSV)")->required();
    cmd->add_option("--records", args->records, "Submissions/events files (JSON or CSV), repeatable");
    cmd->add_option("--obligations", args->obligations,
                    "Obligation set ids or files, repeatable (default: the regime in force on --as-of)");
    cmd->add_option("--as-of", args->as_of, "Status date YYYY-MM-DD")->required();
    cmd->add_option("--days", args->days, "Horizon in days (default 30)")->check(CLI::Range(0, 3660));
    cmd->add_option("--from", args->from, "First due date of the schedule (default: 1 January of the as-of year)");
    cmd->add_option("--to", args->to, "Last due date of the schedule (default: as-of + days)");
    cmd->add_flag("--all", args->all, "List every occurrence in [from, to], not only the agenda");
    cmd->add_option("--lang", args->lang, "vi or en")->check(CLI::IsMember({"vi", "en"}));
    cmd->add_option("--format", args->format, "table, json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
    cmd->callback([&opts, args] { opts.run = [&opts, args] { return run_agenda(opts, *args); }; });
}

} // namespace danchu::cli
