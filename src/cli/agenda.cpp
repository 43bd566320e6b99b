// `danchu agenda`: what every unit owes and when, with its status (done on
// time, done late, overdue, due soon), and the agenda of the next N days.

#include "cli.hpp"

#include <danchu/calendar/calendar.hpp>
#include <danchu/io/detail/csv_writer.hpp>
#include <danchu/report/detail/pack_auto.hpp>
#include <danchu/organisation/io.hpp>
#include <danchu/evidence/event_io.hpp>
#include <danchu/schedule/from_events.hpp>
#include <danchu/schedule/io.hpp>

#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>

namespace danchu::cli {

namespace {

struct agenda_args {
    std::string units;
    std::vector<std::string> records, events;
    std::vector<std::string> obligations;
    std::string as_of, pack = "auto";
    std::string from, to;
    int days = 30;
    std::string lang = "vi";
    std::string format = "table";
    std::string csv_separator = ",";
    bool all = false;
};

std::string obligation_file(const std::string& data_dir, const std::string& id) {
    std::error_code ec;
    if (std::filesystem::exists(id, ec) || id.find('/') != std::string::npos) return id;
    return data_dir + "/obligations/" + id + ".json";
}

int run_agenda(const options& opts, const agenda_args& a) {
    const std::string data = resolve_data_dir(opts);
    const organisation org = load_organisation(a.units);
    const civil_day as_of = civil_day::parse(a.as_of, "--as-of");
    schedule_records rec;
    for (const auto& f : a.records) load_schedule_records(f, rec);
    obligation_set obs;
    std::vector<std::string> ids = a.obligations;
    if (ids.empty()) { // the obligations of the pack (and its base packs): given, or the one the records need
        const pack_library lib(data);
        const std::string pack =
            a.pack != "auto" ? a.pack
                             : detail::choose_pack(lib, nullptr, as_of, {detail::obligations_named(rec), {}});
        std::error_code ec;
        const rule_set set = lib.load_set(pack);
        for (const auto& id : set.chain())
            if (std::filesystem::is_regular_file(data + "/obligations/" + id + ".json", ec))
                ids.push_back(id);
    } else if (a.pack != "auto") {
        throw argument_error("--pack and --obligations: give one of them");
    }
    for (const auto& id : ids) obs.add_file(obligation_file(data, id));
    // Dated events (issue 11): the same events the rules read give the records;
    // every problem of every file is listed in the error (exit 2), and an event
    // that fulfils nothing is named on stderr.
    if (!a.events.empty()) {
        const event_log log = load_events_checked(a.events, load_event_kinds(data), org);
        std::vector<input_problem> lp;
        schedule_records r = schedule_records_from_events(log, obs, org, &lp);
        for (auto& x : r.submissions) rec.submissions.push_back(std::move(x));
        for (auto& x : r.events) rec.events.push_back(std::move(x));
        for (const auto& p : lp)
            std::cerr << "danchu agenda: " << p.source << ":" << p.location << ": " << p.message << '\n';
    }

    const calendar cal = calendar::vietnam(data);
    schedule_options so;
    so.from = a.from.empty() ? civil_day(as_of.year(), 1, 1) : civil_day::parse(a.from, "--from");
    so.to = a.to.empty() ? as_of + a.days : civil_day::parse(a.to, "--to");
    so.as_of = as_of;
    so.due_soon_days = a.days;
    so.is_working_day = [&cal](civil_day d) { return cal.is_working_day(d); };
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
        nlohmann::json out = {{"as_of", to_iso(as_of)},
                              {"items", nlohmann::json::array()},
                              {"problems", nlohmann::json::array()}};
        for (const auto* oc : rows) {
            const auto& ob = obs.items()[oc->obligation];
            nlohmann::json j = {{"unit", org[oc->unit].id},
                                {"obligation", ob.id},
                                {"occurrence", oc->key},
                                {"status", std::string(to_string(oc->status))},
                                {"working_days_late", oc->working_days_late},
                                {"confidence", std::string(to_string(ob.conf))}};
            j["due"] = oc->due ? nlohmann::json(to_iso(*oc->due)) : nlohmann::json();
            j["done_on"] = oc->done_on ? nlohmann::json(to_iso(*oc->done_on)) : nlohmann::json();
            out["items"].push_back(std::move(j));
        }
        for (const auto& p : s.problems)
            out["problems"].push_back({{"where", p.where}, {"message", p.message}});
        std::cout << out.dump(1) << '\n';
    } else if (a.format == "csv") {
        detail::csv_writer w(csv_options_for(a.csv_separator));
        w.header("unit", "obligation", "occurrence", "due", "status", "working_days_late", "done_on");
        for (const auto* oc : rows)
            w.text(org[oc->unit].id)
                .text(obs.items()[oc->obligation].id)
                .text(oc->key)
                .value(oc->due ? to_iso(*oc->due) : "")
                .value(to_string(oc->status))
                .value(std::to_string(oc->working_days_late))
                .value(oc->done_on ? to_iso(*oc->done_on) : "")
                .end_row();
        std::cout << std::move(w).str();
    } else {
        std::cout << (vi ? "Lịch nghĩa vụ đến " : "Obligations as of ") << to_iso(as_of)
                  << (a.all ? ""
                            : (vi ? " (quá hạn và " + std::to_string(a.days) + " ngày tới)"
                                  : " (overdue and the next " + std::to_string(a.days) + " days)"))
                  << '\n';
        for (const auto* oc : rows) {
            const auto& ob = obs.items()[oc->obligation];
            std::cout << (oc->due ? to_iso(*oc->due) : std::string("          ")) << "  " << std::left
                      << std::setw(28) << org[oc->unit].id << ' ' << (vi ? ob.title.vi : ob.title.en) << " ["
                      << oc->key << "] — " << status_text(*oc)
                      << (ob.conf == confidence::uncertain
                              ? (vi ? " (căn cứ chưa chắc chắn)" : " (uncertain basis)")
                              : "")
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
    auto* cmd =
        app.add_subcommand("agenda", bi("Nghĩa vụ của từng đơn vị: quá hạn và sắp đến hạn",
                                        "What each unit owes and when: overdue and upcoming obligations"));
    cmd->add_option("--organisation,--units", args->units,
                    bi("Tệp tổ chức (JSON hoặc CSV)", "Organisation file (JSON or CSV)"))
        ->required();
    add_records_option(cmd, args->records);
    cmd->add_option("--events", args->events,
                    bi("Tệp sự kiện có ngày (JSON hoặc CSV; lặp lại được): các sự kiện hoàn thành nghĩa vụ",
                       "Dated events files (JSON or CSV; repeatable): the events that fulfil obligations"));
    cmd->add_option("--pack", args->pack,
                    bi("Gói quy tắc có nghĩa vụ (mặc định auto: gói mà hồ sơ cần)",
                       "Pack whose obligations apply (default auto: the one the records need)"));
    add_obligations_option(cmd, args->obligations);
    cmd->add_option("--as-of", args->as_of, bi("Ngày xét YYYY-MM-DD", "Status date YYYY-MM-DD"))->required();
    add_days_option(cmd, args->days);
    cmd->add_option(
        "--from", args->from,
        bi("Hạn đầu tiên (mặc định: 1/1 của năm)", "First due date (default: 1 January of the as-of year)"));
    cmd->add_option(
        "--to", args->to,
        bi("Hạn cuối cùng (mặc định: ngày xét + số ngày)", "Last due date (default: as-of + days)"));
    cmd->add_flag("--all", args->all, bi("Liệt kê mọi lần phát sinh", "List every occurrence in [from, to]"));
    add_lang_option(cmd, args->lang);
    cmd->add_option("--format", args->format, bi("table, json hoặc csv", "table, json or csv"))
        ->check(CLI::IsMember({"table", "json", "csv"}));
    add_csv_separator_option(cmd, args->csv_separator);
    cmd->callback([&opts, args] { opts.run = [&opts, args] { return run_agenda(opts, *args); }; });
}

} // namespace danchu::cli
