"""The README's Python example, with its printed values checked."""

import datetime

import danchu

cal = danchu.Calendar.vietnam()
print(cal.add_working_days("2026-02-13", 1))  # 2026-02-23: Tết 2026 is 16–20/02
assert cal.add_working_days("2026-02-13", 1) == datetime.date(2026, 2, 23)
print(danchu.report_period("half", 2026, 1).deadline)  # Decree 09/2019: window 15/12–14/06
assert danchu.report_period("half", 2026, 1).start == datetime.date(2025, 12, 15)
pack = danchu.load_pack("vn.decree-04-2015")  # 24 cited rules
assert len(pack) == 30
print(danchu.logic.apply({"ratio_at_least": [40, 55, 2, 3]}, None))  # attendance ≥ 2/3
assert danchu.logic.apply({"ratio_at_least": [40, 55, 2, 3]}, None) is True
