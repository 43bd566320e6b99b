// The README's C++ example, with its printed values checked (run by CTest).
#include <danchu/calendar/calendar.hpp>
#include <danchu/calendar/lunar.hpp>

#include <cassert>
#include <iostream>

int main() {
    const auto cal = danchu::calendar::vietnam();  // civil-servant calendar
    const auto tet = danchu::lunar_new_year(2026); // UTC+7 lunar calendar
    const auto due = cal.add_working_days(danchu::make_day(2026, 2, 13), 1);
    std::cout << danchu::to_iso(tet) << ' ' << danchu::to_iso(due) << '\n';
    // Tết 2026: 17/02 (calendar brief §3.3); days off 16–20/02 (§2.4).
    if (danchu::to_iso(tet) != "2026-02-17" || danchu::to_iso(due) != "2026-02-23") return 1;
    return 0;
}
