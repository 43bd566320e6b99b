// `danchu calendar YEAR`: the year's non-working days (holidays, compensatory
// and swapped days, make-up Saturdays) and the report deadlines of a regime,
// in Vietnamese or English; `--ics FILE` also writes them as iCalendar.

#include "cli.hpp"

#include <danchu/calendar/calendar.hpp>
#include <danchu/calendar/holiday.hpp>
#include <danchu/calendar/ical.hpp>
#include <danchu/calendar/period.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace danchu::cli {
namespace {

struct calendar_args {
    int year = 0;
    std::string lang = "vi", ics, regime = "decree-09-2019", policy;
    std::vector<std::string> extra;
    bool no_deadlines = false;
};

std::string dmy(civil_day d) {
    const civil_date c = d.ymd();
    auto two = [](int v) { return std::string(v < 10 ? "0" : "") + std::to_string(v); };
    return two(c.day) + "/" + two(c.month) + "/" + std::to_string(c.year);
}

std::string weekday_name(civil_day d, bool vi) {
    static const char* const names_vi[] = {"Thứ Hai", "Thứ Ba",  "Thứ Tư",  "Thứ Năm",
                                           "Thứ Sáu", "Thứ Bảy", "Chủ nhật"};
    static const char* const names_en[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    const auto i = static_cast<std::size_t>(weekday_of(d));
    return vi ? names_vi[i] : names_en[i];
}

std::string kind_name(holiday_kind k, bool vi) {
    switch (k) {
    case holiday_kind::statutory: return vi ? "nghỉ lễ, tết" : "public holiday";
    case holiday_kind::compensatory: return vi ? "nghỉ bù" : "compensatory day off";
    case holiday_kind::swapped_day_off: return vi ? "nghỉ hoán đổi" : "swapped day off";
    case holiday_kind::makeup_working_day: return vi ? "làm bù" : "make-up working day";
    }
    return "";
}

std::string pad(const std::string& s, std::size_t width) {
    std::size_t chars = 0; // display width: count UTF-8 code points
    for (const char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++chars;
    return chars >= width ? s : s + std::string(width - chars, ' ');
}

std::string period_name(const report_period& p, bool vi) {
    const std::string y = std::to_string(p.year);
    switch (p.kind) {
    case period_kind::month:
        return (vi ? "Tháng " : "Month ") + std::string(p.index < 10 ? "0" : "") + std::to_string(p.index) +
               "/" + y;
    case period_kind::quarter: return (vi ? "Quý " : "Q") + std::to_string(p.index) + "/" + y;
    case period_kind::half:
        return std::string(vi ? "6 tháng " : "Half ") +
               (p.index == 1 ? (vi ? "đầu năm " : "1 ") : (vi ? "cuối năm " : "2 ")) + y;
    case period_kind::year: return (vi ? "Năm " : "Year ") + y;
    }
    return y;
}

std::string policy_name(non_working_policy p, bool vi) {
    switch (p) {
    case non_working_policy::keep: return vi ? "giữ nguyên ngày theo quy định" : "keep the legal date";
    case non_working_policy::next_working_day:
        return vi ? "dời sang ngày làm việc kế tiếp" : "move to the next working day";
    case non_working_policy::previous_working_day:
        return vi ? "chuyển về ngày làm việc liền trước" : "move to the previous working day";
    }
    return "";
}

int run_calendar(const calendar_args& a, const options& opts) {
    const bool vi = a.lang != "en";
    const std::string dir = resolve_data_dir(opts);
    holiday_data data = holiday_data::load_directory(dir + "/schedules");
    for (const auto& f : a.extra) data.add_file(f);
    const calendar cal = calendar::civil_servant(data);
    if (a.year < 1900 || a.year > 2199)
        throw calendar_error("year " + std::to_string(a.year) + " is outside 1900..2199");

    std::ostream& out = std::cout;
    out << (vi ? "Lịch làm việc năm " : "Working calendar ") << a.year
        << (vi ? " — cán bộ, công chức, viên chức (nghỉ thứ Bảy, Chủ nhật)"
               : " — civil servants and public employees (Saturday and Sunday off)")
        << "\n";
    out << (cal.has_official_schedule(a.year)
                ? (vi ? "Theo lịch nghỉ chính thức của năm.\n" : "From the year's official schedule.\n")
                : (vi ? "Chưa có thông báo chính thức: ngày nghỉ tính theo Bộ luật Lao động "
                        "(ngày nghỉ bù theo quy tắc; không có ngày hoán đổi).\n"
                      : "No official notice yet: days derived from the Labour Code (compensatory "
                        "days by rule; no swaps).\n"));
    out << "\n" << (vi ? "Ngày nghỉ và ngày làm bù:" : "Days off and make-up working days:") << "\n";
    for (const holiday& h : cal.entries(a.year)) {
        out << "  " << dmy(h.date) << "  " << pad(weekday_name(h.date, vi), 9)
            << pad(kind_name(h.kind, vi), 22) << h.name.in(vi) << "\n";
    }
    std::int64_t working = cal.working_days_between(civil_day(a.year, 1, 1) - 1, civil_day(a.year, 12, 31));
    out << (vi ? "  Số ngày làm việc trong năm: " : "  Working days in the year: ") << working << "\n";

    std::vector<ical_event> events = holiday_events(cal, a.year, vi ? "vi" : "en");
    if (!a.no_deadlines) {
        const convention_set regimes = convention_set::load_directory(dir + "/regimes");
        const reporting_convention& r = regimes.at(a.regime);
        std::optional<non_working_policy> policy;
        if (!a.policy.empty()) policy = nonworking_policy_from_string(a.policy);
        out << "\n"
            << (vi ? "Kỳ báo cáo và hạn gửi — " : "Report periods and deadlines — ") << r.name.in(vi)
            << ":\n";
        for (const period_kind k : r.kinds) {
            const auto periods = report_periods(r, k, a.year, cal, policy);
            for (const report_period& p : periods) {
                out << "  " << pad(period_name(p, vi), 23) << (vi ? "số liệu " : "data ") << dmy(p.start)
                    << " – " << dmy(p.end);
                if (p.deadline) {
                    out << (vi ? "  hạn " : "  due ") << dmy(*p.deadline) << " ("
                        << weekday_name(*p.deadline, vi);
                    if (!cal.is_working_day(*p.deadline)) out << (vi ? ", ngày nghỉ" : ", not a working day");
                    if (p.nominal_deadline && *p.nominal_deadline != *p.deadline)
                        out << (vi ? ", dời từ " : ", moved from ") << dmy(*p.nominal_deadline);
                    out << ")";
                }
                out << "\n";
            }
            auto d = deadline_events(periods, r, vi ? "vi" : "en");
            events.insert(events.end(), d.begin(), d.end());
        }
        if (r.deadline)
            out << (vi ? "  Căn cứ: " : "  Source: ") << r.deadline->source.document
                << (r.deadline->source.article.empty() ? "" : ", " + r.deadline->source.article)
                << (vi ? "; hạn rơi vào ngày nghỉ: " : "; deadline on a non-working day: ")
                << policy_name(policy ? *policy : r.deadline->policy, vi) << "\n";
    }
    if (!a.ics.empty()) {
        emit(a.ics,
             to_ical(events, vi ? "Lịch nghỉ lễ và hạn báo cáo " + std::to_string(a.year)
                                : "Holidays and report deadlines " + std::to_string(a.year)),
             a.extra);
        out << "\n"
            << (vi ? "Đã ghi " : "Wrote ") << events.size()
            << (vi ? " sự kiện iCalendar vào " : " iCalendar events to ") << a.ics << "\n";
    }
    return 0;
}

} // namespace

void add_calendar_command(CLI::App& app, options& opts) {
    auto args = std::make_shared<calendar_args>();
    CLI::App* sub = app.add_subcommand("calendar", bi("Ngày nghỉ lễ và hạn báo cáo của một năm",
                                                      "A year's non-working days and report deadlines"));
    sub->add_option("year", args->year, bi("Năm (1900..2199)", "Year (1900..2199)"))->required();
    add_lang_option(sub, args->lang);
    sub->add_option("-o,--output,--ics", args->ics,
                    bi("Ghi thêm ngày nghỉ và hạn vào tệp iCalendar (.ics)",
                       "Also write the days and deadlines to this iCalendar (.ics) file"));
    sub->add_option(
        "--regime", args->regime,
        bi("Chế độ báo cáo (mặc định decree-09-2019)", "Reporting regime id (default decree-09-2019)"));
    sub->add_option("--policy", args->policy,
                    bi("Hạn rơi vào ngày nghỉ: keep, next_working_day, previous_working_day",
                       "Deadline on a non-working day: keep, next_working_day or previous_working_day"))
        ->check(CLI::IsMember({"keep", "next_working_day", "previous_working_day"}));
    sub->add_option("--schedule", args->extra,
                    bi("Tệp lịch nghỉ bổ sung", "Extra schedule file(s), e.g. next year's official notice"))
        ->check(CLI::ExistingFile);
    sub->add_flag("--no-deadlines", args->no_deadlines, bi("Chỉ ngày nghỉ", "Only the days off"));
    sub->callback([args, &opts] { opts.run = [args, &opts] { return run_calendar(*args, opts); }; });
}

} // namespace danchu::cli
