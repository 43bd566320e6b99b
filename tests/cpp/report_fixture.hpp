#pragma once
// A small, realistic six-monthly report (synthetic data shaped like Bắc Giang,
// 2018-H1) to test the renderers before the real assembly step exists. The
// same document is tests/render/example-report.json (report_json_test.cpp
// checks they agree; DANCHU_UPDATE_FIXTURES=1 rewrites the file).

#include <danchu/report/report.hpp>

#include <string>
#include <vector>

namespace danchu_test {

inline danchu::report::document example_report() {
    namespace r = danchu::report;
    r::document d;
    const r::citation nd04{"Nghị định 04/2015/NĐ-CP", "", "", "", "", "verified"};
    auto nd04_art = [](const char* art, const char* conf) {
        return r::citation{"Nghị định 04/2015/NĐ-CP", art, "", "", "", conf};
    };
    d.head.province = {"Bắc Giang", "Bắc Giang"};
    d.head.reporting_body = {"Sở Nội vụ tỉnh Bắc Giang", "Bắc Giang Department of Home Affairs"};
    d.head.recipient = {"Chủ tịch Ủy ban nhân dân tỉnh Bắc Giang",
                        "Chairman of the Bắc Giang Provincial People's Committee"};
    d.head.period = {"2018-H1", "2018-01-01", "2018-06-30", "2017-12-15", "2018-06-14"};
    d.head.generated_on = "2018-06-18";
    d.head.regimes = {{"nd04-2015",
                       {"Nghị định 04/2015/NĐ-CP (thực hiện dân chủ trong cơ quan, đơn vị)",
                        "Decree 04/2015/NĐ-CP (democracy in agencies and units)"},
                       ""}};
    d.head.packs = {
        {"nd04-core", {"Quy tắc Nghị định 04/2015", "Decree 04/2015 rules"}, "1.0"},
        {"bac-giang-2018", {"Chỉ đạo của tỉnh Bắc Giang 2018", "Bắc Giang 2018 directive"}, "1.0"}};
    d.head.legal_basis = {nd04,
                          {"Công văn của Chủ tịch UBND tỉnh Bắc Giang ngày 09/05/2018", "", "", "",
                           "RPT-BG-2018-SEMIANNUAL", "uncertain"},
                          {"Nghị định 09/2019/NĐ-CP", "Điều 12", "", "",
                           "RPT-HA-CUTOFF-PATTERN: data window used as the default", "secondary"}};
    d.head.synthetic = true;
    d.head.synthetic_note = {"Tỉnh mẫu mô phỏng Bắc Giang năm 2018.",
                             "A sample province shaped like Bắc Giang in 2018."};

    d.units = {
        {"bg-snv", "Sở Nội vụ", "Cấp tỉnh", "Quản lý nhà nước", 92.5, "tot", true, 1},
        {"bg-sgddt", "Sở Giáo dục và Đào tạo", "Cấp tỉnh", "Giáo dục", 84.0, "kha", true, 3},
        {"bg-syt", "Sở Y tế", "Cấp tỉnh", "Y tế", 78.5, "kha", true, 4},
        {"ln-ubnd", "UBND huyện Lục Ngạn", "Lục Ngạn", "Quản lý nhà nước", 88.0, "tot", true, 2},
        {"ln-thcs-nghiaho", "Trường THCS Nghĩa Hồ", "Lục Ngạn", "Giáo dục", 61.0, "trung_binh", true, 7},
        {"ln-ttyt", "Trung tâm Y tế huyện Lục Ngạn", "Lục Ngạn", "Y tế", 45.5, "yeu", true, 9},
        {"yd-ubnd", "UBND huyện Yên Dũng", "Yên Dũng", "Quản lý nhà nước", 72.0, "kha", true, 5},
        {"yd-th-tanan", "Trường Tiểu học Tân An", "Yên Dũng", "Giáo dục", 58.0, "trung_binh", true, 8},
        {"yd-bvdk", "Bệnh viện Đa khoa huyện Yên Dũng", "Yên Dũng", "Y tế", std::nullopt, "not_classified",
         false, std::nullopt},
        {"tp-ubnd", "UBND thành phố Bắc Giang", "TP Bắc Giang", "Quản lý nhà nước", 66.5, "trung_binh", true,
         6},
        {"tp-thpt-nsl", "Trường THPT Ngô Sĩ Liên", "TP Bắc Giang", "Giáo dục", 81.0, "not_eligible", true,
         std::nullopt},
        {"tp-ttvh", "Trung tâm Văn hóa - Thông tin và Thể thao thành phố", "TP Bắc Giang", "Văn hóa", 38.0,
         "yeu", true, 10},
    };
    d.current = {"2018-H1", 12, 11, 8.0 / 12.0, 69.55, {2, 3, 3, 2, 1, 1}};
    d.previous = r::figures{"2017-H2", 12, 9, 7.0 / 12.0, 64.2, {1, 2, 4, 3, 0, 2}};
    d.by_district = r::count_by_group(d, false);
    d.by_sector = r::count_by_group(d, true);

    d.failings = r::directive_failings();
    d.failings[0].rules = {{"D04-ART7-PUBLICIZE",
                            {"Công khai các nội dung theo Điều 7", "Publicise the Art. 7 items"},
                            {nd04_art("Điều 7", "verified")}},
                           {"D04-ART8-FORMS",
                            {"Công khai đúng hình thức", "Use a prescribed form of publication"},
                            {nd04_art("Điều 8", "uncertain")}}};
    d.failings[0].units = {
        {"ln-ttyt", "Trung tâm Y tế huyện Lục Ngạn", "Lục Ngạn", {"D04-ART7-PUBLICIZE", "D04-ART8-FORMS"}},
        {"tp-ttvh",
         "Trung tâm Văn hóa - Thông tin và Thể thao thành phố",
         "TP Bắc Giang",
         {"D04-ART7-PUBLICIZE"}}};
    d.failings[1].rules = {
        {"D04-ART4-EVAL-ANNUAL",
         {"Người đứng đầu đánh giá cán bộ hằng năm", "The head evaluates staff every year"},
         {nd04_art("Điều 4", "secondary")}},
        {"D04-ART4-BRIEFINGS",
         {"Họp giao ban định kỳ", "Periodic briefing meetings"},
         {nd04_art("Điều 4", "secondary")}}};
    d.failings[1].units = {{"yd-th-tanan", "Trường Tiểu học Tân An", "Yên Dũng", {"D04-ART4-BRIEFINGS"}},
                           {"tp-ttvh",
                            "Trung tâm Văn hóa - Thông tin và Thể thao thành phố",
                            "TP Bắc Giang",
                            {"D04-ART4-EVAL-ANNUAL", "D04-ART4-BRIEFINGS"}}};
    d.failings[2].rules = {
        {"BTTND-D159-SIZE-TERM",
         {"Ban Thanh tra nhân dân đủ thành viên, đúng nhiệm kỳ",
          "People's Inspection Board of the right size and term"},
         {{"Luật Thanh tra số 56/2010/QH12", "Điều 72", "", "", "", "verified"}}},
        {"BTTND-REPORT-CONF",
         {"Ban Thanh tra nhân dân báo cáo tại hội nghị", "The Board reports to the staff conference"},
         {nd04_art("Điều 5", "secondary")}}};
    d.failings[2].units = {{"ln-thcs-nghiaho", "Trường THCS Nghĩa Hồ", "Lục Ngạn", {"BTTND-REPORT-CONF"}},
                           {"ln-ttyt",
                            "Trung tâm Y tế huyện Lục Ngạn",
                            "Lục Ngạn",
                            {"BTTND-D159-SIZE-TERM", "BTTND-REPORT-CONF"}}};
    d.failings[3].rules = {{"D04-CONF-CONVENER",
                            {"Người đứng đầu chủ trì tổ chức hội nghị cùng công đoàn",
                             "The head convenes the conference with the trade union"},
                            {nd04_art("Điều 5", "verified")}}};
    d.failings[3].units = {{"tp-ttvh",
                            "Trung tâm Văn hóa - Thông tin và Thể thao thành phố",
                            "TP Bắc Giang",
                            {"D04-CONF-CONVENER"}}};

    const r::citation unit_report_rule{
        "danchu: mặc định có thể cấu hình", "", "", "", "RPT-HA-CUTOFF-PATTERN", "uncertain"};
    const danchu::bilingual_text unit_report{"Báo cáo sáu tháng của đơn vị gửi Sở Nội vụ",
                                             "Unit's six-monthly report to the Department of Home Affairs"};
    d.schedule.as_of = "2018-06-18";
    d.schedule.horizon_days = 30;
    d.schedule.overdue = {{"ln-ttyt", "Trung tâm Y tế huyện Lục Ngạn", "unit-report-h1", unit_report,
                           "2018-06-08", 6, unit_report_rule},
                          {"yd-bvdk", "Bệnh viện Đa khoa huyện Yên Dũng", "unit-report-h1", unit_report,
                           "2018-06-08", 6, unit_report_rule}};
    d.schedule.upcoming = {
        {"bg-snv",
         "Sở Nội vụ",
         "dept-report-h1",
         {"Báo cáo sáu tháng gửi Chủ tịch UBND tỉnh", "Six-monthly report to the Chairman"},
         "2018-06-20",
         2,
         r::citation{"Công văn của Chủ tịch UBND tỉnh Bắc Giang ngày 09/05/2018", "", "", "",
                     "RPT-BG-2018-SEMIANNUAL", "uncertain"}},
        {"yd-th-tanan",
         "Trường Tiểu học Tân An",
         "bttnd-election",
         {"Bầu Ban Thanh tra nhân dân nhiệm kỳ mới", "Elect a new People's Inspection Board"},
         "2018-07-02",
         10,
         r::citation{"Luật Thanh tra số 56/2010/QH12", "Điều 72", "", "", "", "verified"}}};

    d.changes = {
        {"bg-snv", "Sở Nội vụ", 88.0, 92.5, 2, 1, "kha", "tot"},
        {"ln-ubnd", "UBND huyện Lục Ngạn", 85.0, 88.0, 1, 2, "tot", "tot"},
        {"ln-ttyt", "Trung tâm Y tế huyện Lục Ngạn", 52.0, 45.5, 7, 9, "trung_binh", "yeu"},
        {"tp-thpt-nsl", "Trường THPT Ngô Sĩ Liên", 79.0, 81.0, 3, std::nullopt, "kha", "not_eligible"}};
    d.problems = {{"unknown_unit", "evidence-2018-H1.csv", "line 214", "ln-thcs-phuson",
                   "unit \"ln-thcs-phuson\" is not in the organisation"},
                  {"unknown_obligation", "submissions-2018.json", "/submissions/17/obligation",
                   "bttnd-report-q2", "no obligation \"bttnd-report-q2\" in the regime's obligations"},
                  {"missing_evidence", "evidence-2018-H1.csv", "", "yd-bvdk",
                   "no evidence recorded for the period 2018-H1"}};
    return d;
}

} // namespace danchu_test
