#pragma once
/// @file
/// The six-monthly report a provincial Department of Home Affairs (Sở Nội vụ)
/// sends the provincial Chairman (the fifth task of the Bắc Giang letter of
/// 09/05/2018; brief source RPT-BG-2018-SEMIANNUAL, confidence uncertain), as a
/// document model independent of how its figures were computed. Plain data in
/// namespace `danchu::report`; the renderers are `validate.hpp`, `html.hpp`,
/// `markdown.hpp`, `csv.hpp` and `json.hpp` in this folder, and `report.hpp`
/// includes all of them but JSON.

#include <danchu/core/error.hpp>
#include <danchu/core/problem.hpp>
#include <danchu/core/text.hpp>
#include <danchu/scoring/classify.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace danchu::report {

/// Version of the document layout written to JSON as `schema_version`
/// (`data/schemas/report.schema.json`). Minor versions add optional fields.
inline constexpr const char* schema_version = "1.1";

/// Where a statement comes from: a legal document and its article (the shape
/// of `common.schema.json#/$defs/source`, plus how well it is established).
struct citation {
    std::string document;                ///< e.g. "Nghị định 04/2015/NĐ-CP"
    std::string article;                 ///< e.g. "Điều 4"; may be empty
    std::string clause;                  ///< may be empty
    std::string point;                   ///< may be empty
    std::string note;                    ///< free note, e.g. the brief's source id
    std::string confidence = "verified"; ///< verified, secondary or uncertain
};

/// A classification band of the legend (Tốt, Khá, Trung bình, Yếu, Not
/// eligible, Not classified, or a scoring configuration's own).
struct band {
    std::string id;       ///< referenced by units and counts, e.g. "tot"
    bilingual_text label; ///< e.g. {"Tốt", "Good"}
    std::string colour;   ///< "#rrggbb", used by the charts
    bool graded = true;   ///< false for "not eligible" and "not classified"
};

/// The six bands of the Vietnamese classification scales used by provincial
/// criteria sets (Tốt / Khá / Trung bình / Yếu), plus the two outcomes that are
/// not grades: not eligible (a knock-out condition) and not classified
/// (missing evidence). See docs/scoring.md for the cited thresholds.
inline std::vector<band> standard_bands() {
    return {
        {"tot", {"Tốt", "Good"}, "#1a7f37", true},
        {"kha", {"Khá", "Fair"}, "#54a24b", true},
        {"trung_binh", {"Trung bình", "Average"}, "#e0a526", true},
        {"yeu", {"Yếu", "Weak"}, "#c2412d", true},
        {std::string(to_string(class_status::not_eligible)), status_label(class_status::not_eligible),
         "#6e4b9e", false},
        {std::string(to_string(class_status::not_classified)), status_label(class_status::not_classified),
         "#9a9a9a", false},
    };
}

/// A regime (body of law) or rule pack the figures were computed under.
struct source_ref {
    std::string id; ///< e.g. "nd04-2015", "pack:nd04-core@1.0"
    bilingual_text name;
    std::string version; ///< may be empty
};

/// The reporting period and its data window (Decree 09/2019/NĐ-CP Art. 12:
/// six-monthly data from 15/12 of the previous year to 14/06; brief source
/// RPT-HA-CUTOFF-PATTERN).
struct period_info {
    std::string id;        ///< e.g. "2018-H1"
    std::string start;     ///< ISO date, first day of the period
    std::string end;       ///< ISO date, last day
    std::string data_from; ///< ISO date, first day of the data window
    std::string data_to;   ///< ISO date, the data cut-off
};

/// Who reports to whom, when, for what, on what basis.
struct header {
    bilingual_text province;       ///< e.g. {"Bắc Giang", "Bắc Giang"}
    bilingual_text reporting_body; ///< e.g. Sở Nội vụ
    bilingual_text recipient;      ///< e.g. Chủ tịch UBND tỉnh
    period_info period;
    std::string generated_on;        ///< ISO date the document was produced
    std::vector<source_ref> regimes; ///< at least one
    std::vector<source_ref> packs;
    std::vector<citation> legal_basis; ///< at least one
    bool synthetic = false;            ///< the data is synthetic (not real units)
    bilingual_text synthetic_note;     ///< optional extra words when synthetic
};

/// Figures for one period (the current one, or the previous one for changes).
struct figures {
    std::string period_id;
    std::size_t units_assessed = 0;
    std::size_t units_complete = 0;       ///< units with complete evidence
    std::optional<double> pass_rate;      ///< in [0, 1]; empty when nothing assessed
    std::optional<double> mean_score;     ///< in [0, 100]
    std::vector<std::size_t> band_counts; ///< one per legend band, adds up to units_assessed
    /// How units that sent no evidence at all were counted: a
    /// `no_evidence_policy` id (missing_report, not_passing); empty in
    /// documents written before schema 1.1.
    /// (Initialised here so that brace-initialising the fields above stays
    /// free of -Wmissing-field-initializers.)
    std::string no_evidence_policy{};
    /// The units (ids) that sent no evidence at all, counted as the policy says.
    std::vector<std::string> no_evidence_units{};
};

/// Units by band for one district or sector (one row of a breakdown table).
struct group_counts {
    std::string key;                      ///< the district or sector as shown
    std::vector<std::size_t> band_counts; ///< one per legend band
};

/// A rule whose failure evidences a failing, with its citations.
struct rule_ref {
    std::string id;
    bilingual_text title;
    std::vector<citation> citations;
};

/// A unit found with a failing, and the rules (ids from `failing::rules`)
/// that failed for it.
struct failing_unit {
    std::string unit_id;
    std::string unit_name;
    std::string district;
    std::vector<std::string> rule_ids;
};

/// One of the failings the directive names, found unit by unit.
struct failing {
    std::string id; ///< e.g. "dissemination"
    bilingual_text title;
    citation source;                 ///< where the failing is named
    std::vector<rule_ref> rules;     ///< the rules that evidence it
    std::vector<failing_unit> units; ///< the units where it was found
};

/// The four failings named by the Bắc Giang letter of 09/05/2018 (seed
/// document; brief source RPT-BG-2018-SEMIANNUAL, uncertain: the letter itself
/// was not found), without rules or units: the assembly fills those.
inline std::vector<failing> directive_failings() {
    const citation letter{"Công văn của Chủ tịch UBND tỉnh Bắc Giang ngày 09/05/2018",
                          "",
                          "",
                          "",
                          "seed document; number of the letter unknown",
                          "uncertain"};
    return {
        {"dissemination",
         {"Tuyên truyền, phổ biến, quán triệt chưa thường xuyên", "Dissemination not regular"},
         letter,
         {},
         {}},
        {"evaluation",
         {"Không kiểm tra, đánh giá, sơ kết, tổng kết hằng năm",
          "No annual inspection, evaluation or review"},
         letter,
         {},
         {}},
        {"inspection_board",
         {"Ban Thanh tra nhân dân hoạt động chưa hiệu quả", "People's Inspection Board not effective"},
         letter,
         {},
         {}},
        {"leadership",
         {"Người đứng đầu chưa trực tiếp lãnh đạo, chỉ đạo", "Head of unit not leading the work"},
         letter,
         {},
         {}},
    };
}

/// An obligation whose due date has passed without the act being recorded.
struct overdue_item {
    std::string unit_id;
    std::string unit_name;
    std::string obligation_id;
    bilingual_text obligation;
    std::string due;           ///< ISO date
    int working_days_late = 0; ///< at the schedule's as-of date, >= 1
    std::optional<citation> source;
};

/// An obligation due within the horizon after the as-of date.
struct upcoming_item {
    std::string unit_id;
    std::string unit_name;
    std::string obligation_id;
    bilingual_text obligation;
    std::string due;           ///< ISO date
    int working_days_left = 0; ///< >= 0
    std::optional<citation> source;
};

/// Schedule status at a date: what is late, what is coming.
struct schedule_status {
    std::string as_of;     ///< ISO date; empty when there is no schedule section
    int horizon_days = 30; ///< calendar days covered by `upcoming`
    std::vector<overdue_item> overdue;
    std::vector<upcoming_item> upcoming;
};

/// How one unit moved since the previous period.
struct unit_change {
    std::string unit_id;
    std::string unit_name;
    std::optional<double> score_before;
    std::optional<double> score_after;
    std::optional<std::size_t> rank_before; ///< 1 = best
    std::optional<std::size_t> rank_after;
    std::string band_before; ///< legend id, or empty if not assessed then
    std::string band_after;  ///< legend id, or empty if not assessed now
};

/// One row of the appendix: every unit assessed or listed.
struct unit_row {
    std::string id;
    std::string name;
    std::string district;
    std::string sector;
    std::optional<double> score; ///< in [0, 100]; empty when not scored
    std::string band;            ///< legend id
    bool complete_evidence = false;
    std::optional<std::size_t> rank; ///< 1 = best
    /// Issue 11: "declared none" is evidence, "not reported" is not. The rules
    /// left unknown for want of evidence, and the facts the unit declared none
    /// of (no such event in the window: a rule that needs one fails).
    std::size_t not_reported = 0;
    std::size_t declared_none = 0;
};

/// The whole report.
struct document {
    header head;
    std::vector<band> bands = standard_bands(); ///< the legend, in display order
    figures current;
    std::optional<figures> previous; ///< the previous period, if known
    std::vector<group_counts> by_district;
    std::vector<group_counts> by_sector;
    std::vector<failing> failings;
    schedule_status schedule;
    std::vector<unit_change> changes;
    std::vector<input_problem> problems; ///< inputs left out (the report is produced for everything valid)
    std::vector<unit_row> units;
};

} // namespace danchu::report
