#pragma once
/// @file
/// Classification of a score into bands (Tốt / Khá / Trung bình / Yếu, or a
/// province's own pass / fail), with explicit boundaries, rounding, caps and
/// multi-condition bands such as Bắc Giang's pass rule (legal brief §6.2):
/// total ≥ 80, more than 80% of criteria at no less than half their maximum,
/// and no criterion at zero.
///
/// Bands are tried from the highest threshold down; a unit gets the first band
/// whose threshold and extra conditions all hold. A cap then lowers the band to
/// at most the cap's band. Ineligibility ("không đủ điều kiện xếp loại") is a
/// result of its own and is decided before any band.

#include <danchu/core/enum_names.hpp>
#include <danchu/core/error.hpp>
#include <danchu/core/text.hpp>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace danchu {

/// How a threshold compares: `at_least` is ≥, `above` is >.
enum class boundary : std::uint8_t { at_least, above };

DANCHU_ENUM_NAMES(boundary, "boundary", {boundary::at_least, ">="}, {boundary::above, ">"})

/// @throws argument_error naming the accepted values.
inline boundary boundary_from_string(std::string_view s) { return from_string<boundary>(s); }

/// Tolerance of threshold comparisons, in points: sums of fractional credits
/// are not exact in binary floating point (0.1 + 0.2 ≠ 0.3), so `x ≥ t` holds
/// when `x ≥ t − 1e-9` and `x > t` when `x > t + 1e-9`.
inline constexpr double threshold_tolerance = 1e-9;

/// Whether `value` meets `threshold` under boundary `b` (with the tolerance).
inline bool meets(double value, double threshold, boundary b) noexcept {
    return b == boundary::at_least ? value >= threshold - threshold_tolerance
                                   : value > threshold + threshold_tolerance;
}

/// Rounding applied to a total before it is compared with band thresholds.
enum class rounding_mode : std::uint8_t {
    none,      ///< compare the exact total
    half_up,   ///< 79.5 → 80 (ties away from zero; totals are never negative)
    half_even, ///< banker's rounding: 78.5 → 78, 79.5 → 80
    floor,     ///< truncate: 79.99 → 79
};

DANCHU_ENUM_NAMES(rounding_mode, "rounding mode", {rounding_mode::none, "none"},
                  {rounding_mode::half_up, "half_up"}, {rounding_mode::half_even, "half_even"},
                  {rounding_mode::floor, "floor"})

/// @throws argument_error naming the accepted values.
inline rounding_mode rounding_mode_from_string(std::string_view s) { return from_string<rounding_mode>(s); }

/// A rounding rule: mode and number of decimals (0 to 6).
struct rounding {
    rounding_mode mode = rounding_mode::none;
    int decimals = 0;

    /// Rounds `x`. Decimal ties are detected with a relative tolerance of
    /// 1e-9, so 79.95 (stored as 79.9499999…) rounds half-up to 80.0 at one
    /// decimal, as a person rounding the printed number would.
    double apply(double x) const noexcept {
        if (mode == rounding_mode::none || !std::isfinite(x)) return x;
        const double scale = std::pow(10.0, decimals);
        const double y = x * scale;
        const double eps = 1e-9 * (std::fabs(y) > 1.0 ? std::fabs(y) : 1.0);
        double r = 0.0;
        switch (mode) {
        case rounding_mode::half_up: r = std::floor(y + 0.5 + eps); break;
        case rounding_mode::floor: r = std::floor(y + eps); break;
        case rounding_mode::half_even: {
            const double f = std::floor(y);
            const double frac = y - f;
            if (std::fabs(frac - 0.5) <= eps)
                r = std::fmod(f, 2.0) == 0.0 ? f : f + 1.0;
            else
                r = std::floor(y + 0.5);
            break;
        }
        case rounding_mode::none: r = y; break;
        }
        return r / scale;
    }
};

/// Extra conditions a band may require besides its score threshold (Bắc
/// Giang's pass rule, brief §6.2). Criteria counted are the scheme's main
/// criteria (not bonus criteria, not wholly not-applicable ones).
struct band_conditions {
    /// A criterion is "achieved" when its points reach this fraction of its
    /// maximum (Bắc Giang: 0.5, "at least 50% of its standard points").
    std::optional<double> achieved_fraction;
    boundary achieved_boundary = boundary::at_least;
    /// Share of criteria that must be achieved (Bắc Giang: 0.8, "more than 80%").
    std::optional<double> min_achieved_share;
    boundary share_boundary = boundary::above;
    /// No criterion may score zero (Bắc Giang).
    bool no_zero_criterion = false;

    bool empty() const noexcept { return !min_achieved_share && !no_zero_criterion; }
};

/// One band: the lowest score it admits, how the score compares, extra
/// conditions, and where the threshold comes from.
struct band {
    std::string id;                  ///< e.g. "tot", "kha", "trung_binh", "yeu", "dat"
    bilingual_text name;             ///< e.g. {"Tốt", "Good"}
    std::optional<double> min_score; ///< none: the catch-all lowest band
    boundary bound = boundary::at_least;
    band_conditions conditions;
    std::string source; ///< citation of the threshold
};

/// Why a unit did not reach a band it was tried for (bit flags).
enum class unmet : std::uint8_t {
    none = 0,
    score = 1,          ///< total below the band's threshold
    achieved_share = 2, ///< too few criteria achieved
    zero_criterion = 4, ///< a criterion scored zero
};

/// One reason a unit can miss a band: its `unmet` bit, its id (what JSON, CSV
/// and Python write) and the words users read.
struct unmet_reason {
    unmet bit;
    std::string_view id;
    bilingual_text label;
};

/// Every reason, in bit order: the one definition of their ids and words,
/// used by the command-line tool (table, JSON, CSV) and Python. Bit flags have
/// no DANCHU_ENUM_NAMES table (a value may hold several of them).
inline const std::vector<unmet_reason>& unmet_reasons() {
    static const std::vector<unmet_reason> all = {
        {unmet::score, "score", {"tổng điểm dưới ngưỡng", "total below the threshold"}},
        {unmet::achieved_share,
         "achieved_share",
         {"quá ít tiêu chí đạt yêu cầu", "too few criteria achieved"}},
        {unmet::zero_criterion, "zero_criterion", {"có tiêu chí 0 điểm", "a criterion scored zero"}},
    };
    return all;
}

/// The ids of the reasons set in `bits`, in bit order (empty when none is).
inline std::vector<std::string> unmet_ids(std::uint8_t bits) {
    std::vector<std::string> out;
    for (const auto& r : unmet_reasons())
        if (bits & static_cast<std::uint8_t>(r.bit)) out.emplace_back(r.id);
    return out;
}

/// The reasons set in `bits` in words, joined by "; " (empty when none is):
/// {"tổng điểm dưới ngưỡng; có tiêu chí 0 điểm", "total below the threshold;
/// a criterion scored zero"}.
inline bilingual_text unmet_label(std::uint8_t bits) {
    bilingual_text out;
    for (const auto& r : unmet_reasons()) {
        if (!(bits & static_cast<std::uint8_t>(r.bit))) continue;
        out.vi += (out.vi.empty() ? "" : "; ") + r.label.vi;
        out.en += (out.en.empty() ? "" : "; ") + r.label.en;
    }
    return out;
}

/// Figures a band's conditions are checked against.
struct criteria_stats {
    std::size_t counted = 0;  ///< criteria counted (main, applicable)
    std::size_t achieved = 0; ///< of which achieved
    std::size_t zero = 0;     ///< of which at zero points
    double achieved_share() const noexcept {
        return counted == 0 ? 1.0 : static_cast<double>(achieved) / static_cast<double>(counted);
    }
};

/// An ordered, validated list of bands (highest first).
class band_scale {
public:
    band_scale() = default;

    /// @param bands highest first; thresholds strictly decreasing (two bands
    ///   with the same threshold must differ in boundary or conditions, the
    ///   stricter first); only the last band may lack a threshold.
    /// @throws scoring_error naming the band.
    explicit band_scale(std::vector<band> bands) : bands_(std::move(bands)) {
        if (auto p = problem(bands_))
            throw scoring_error("band #" + std::to_string(p->index) + " (\"" + bands_[p->index].id + "\") " +
                                p->field + ": " + p->message);
    }

    /// A problem found in a list of bands: which band, which field, what.
    struct band_problem {
        std::size_t index;
        std::string field; ///< JSON member name, e.g. "min", "id"
        std::string message;
    };

    /// The first problem in `bands`, if any (used by the constructor and by
    /// the configuration loader, which turns it into a JSON pointer).
    static std::optional<band_problem> problem(const std::vector<band>& bands) {
        for (std::size_t i = 0; i < bands.size(); ++i) {
            const auto& b = bands[i];
            if (b.id.empty()) return band_problem{i, "id", "the band id is empty"};
            for (std::size_t j = 0; j < i; ++j)
                if (bands[j].id == b.id)
                    return band_problem{i, "id", "band id \"" + b.id + "\" appears twice"};
            if (!b.min_score && i + 1 != bands.size())
                return band_problem{i, "min", "only the last band may have no minimum score"};
            if (b.min_score && !std::isfinite(*b.min_score))
                return band_problem{i, "min", "the minimum score must be a finite number"};
            if (i > 0 && b.min_score) {
                const auto& prev = bands[i - 1];
                const double p = *prev.min_score;
                const double c = *b.min_score;
                const bool stricter_first =
                    c < p ||
                    (c == p && ((prev.bound == boundary::above && b.bound == boundary::at_least) ||
                                (prev.bound == b.bound && !prev.conditions.empty() && b.conditions.empty())));
                if (!stricter_first)
                    return band_problem{i, "min",
                                        "bands must be ordered from the highest threshold down without "
                                        "overlap, but " +
                                            std::string(to_string(b.bound)) + " " + fmt(c) +
                                            " is not below the previous band \"" + prev.id + "\" (" +
                                            std::string(to_string(prev.bound)) + " " + fmt(p) + ")"};
            }
            const auto& k = b.conditions;
            if (k.achieved_fraction && !(*k.achieved_fraction >= 0 && *k.achieved_fraction <= 1))
                return band_problem{i, "achieved_fraction", "expected a number in [0, 1]"};
            if (k.min_achieved_share && !(*k.min_achieved_share >= 0 && *k.min_achieved_share <= 1))
                return band_problem{i, "min_achieved_share", "expected a number in [0, 1]"};
            if (k.min_achieved_share && !k.achieved_fraction)
                return band_problem{i, "min_achieved_share",
                                    "needs achieved_fraction (when a criterion counts as achieved)"};
        }
        return std::nullopt;
    }

    std::size_t size() const noexcept { return bands_.size(); }
    bool empty() const noexcept { return bands_.empty(); }
    const band& operator[](std::size_t i) const noexcept { return bands_[i]; }
    const std::vector<band>& bands() const noexcept { return bands_; }

    /// Index of a band by id, or -1.
    int find(std::string_view id) const noexcept {
        for (std::size_t i = 0; i < bands_.size(); ++i)
            if (bands_[i].id == id) return static_cast<int>(i);
        return -1;
    }

    /// Why `total`/`stats` do not reach band `i` (unmet::none if they do).
    std::uint8_t check(std::size_t i, double total, const criteria_stats& stats) const noexcept {
        const auto& b = bands_[i];
        std::uint8_t why = 0;
        if (b.min_score && !meets(total, *b.min_score, b.bound))
            why |= static_cast<std::uint8_t>(unmet::score);
        const auto& k = b.conditions;
        if (k.min_achieved_share && !meets(stats.achieved_share(), *k.min_achieved_share, k.share_boundary))
            why |= static_cast<std::uint8_t>(unmet::achieved_share);
        if (k.no_zero_criterion && stats.zero > 0) why |= static_cast<std::uint8_t>(unmet::zero_criterion);
        return why;
    }

    /// The first band reached, or -1 when none is (a scale without a
    /// catch-all band).
    int classify(double total, const criteria_stats& stats) const noexcept {
        for (std::size_t i = 0; i < bands_.size(); ++i)
            if (check(i, total, stats) == 0) return static_cast<int>(i);
        return -1;
    }

private:
    static std::string fmt(double x) {
        std::string s = std::to_string(x);
        while (!s.empty() && s.back() == '0') s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
        return s;
    }
    std::vector<band> bands_;
};

/// What triggers a cap: a failed rule of critical severity, or any of the
/// listed rules failing.
struct cap_rule {
    std::string id;
    bilingual_text title;
    bool any_critical_failure = false; ///< a `fail` of any rule of severity critical
    std::vector<std::string> rules;    ///< or a `fail` of one of these rules
    std::string max_band;              ///< the best band a capped unit can get
    std::string source;
};

/// What makes a unit not eligible for classification: a rule that fails
/// (e.g. "no official disciplined at reprimand or above this year"), or a
/// declaration in the assessment input under this condition's id.
struct ineligibility_rule {
    std::string id; ///< e.g. "discipline_reprimand_or_above"
    bilingual_text title;
    std::string rule; ///< optional: a rule whose `fail` makes the unit ineligible
    std::string source;
};

/// Whether and how a unit was classified.
enum class class_status : std::uint8_t {
    classified,     ///< a band was assigned (band index ≥ 0) or the scale has none
    not_eligible,   ///< "không đủ điều kiện xếp loại": an ineligibility condition holds
    not_classified, ///< no band reached (a scale without a catch-all band)
    not_applicable, ///< nothing the scheme scores applies to the unit (no score to classify)
    /// the unit sent no evidence at all and the scoring options count that as
    /// a missing report (`no_evidence_policy::missing_report`): no score, no band
    missing_report,
};

/// `unclassified` is read as `not_classified` (the scorecard's id for the
/// same outcome until 0.2; the report always wrote `not_classified`).
DANCHU_ENUM_NAMES(class_status, "classification status", {class_status::classified, "classified"},
                  {class_status::not_eligible, "not_eligible"},
                  {class_status::not_classified, "not_classified"},
                  {class_status::not_applicable, "not_applicable"},
                  {class_status::missing_report, "missing_report"},
                  {class_status::not_classified, "unclassified"})

/// What users read for a status: the one definition of these labels, used by
/// the report's band legend (not_eligible, not_classified), the command-line
/// tool and Python.
inline bilingual_text status_label(class_status s) {
    switch (s) {
    case class_status::classified: return {"Đã xếp loại", "Classified"};
    case class_status::not_eligible: return {"Không đủ điều kiện xếp loại", "Not eligible"};
    case class_status::not_classified: return {"Chưa xếp loại", "Not classified"};
    case class_status::not_applicable: return {"Không có tiêu chí áp dụng", "Nothing applies"};
    case class_status::missing_report: return {"Thiếu báo cáo", "Missing report"};
    }
    return {};
}

/// What a unit that sent no evidence at all counts as (docs/scoring.md, "A
/// unit that sent nothing").
enum class no_evidence_policy : std::uint8_t {
    /// (default) a missing report: status `missing_report`, no total, no band;
    /// a roll-up counts it with the missing reports (coverage) and leaves it
    /// out of means, minima and ranks
    missing_report,
    /// scored like any other unit: its `unknown` findings count as the
    /// scheme's `counting.unknown` says (by default scored, not passing), so
    /// it usually gets the lowest band
    not_passing,
};

DANCHU_ENUM_NAMES(no_evidence_policy, "no-evidence policy",
                  {no_evidence_policy::missing_report, "missing_report"},
                  {no_evidence_policy::not_passing, "not_passing"})

/// What users read for a no-evidence policy.
inline bilingual_text no_evidence_label(no_evidence_policy p) {
    switch (p) {
    case no_evidence_policy::missing_report:
        return {"coi là thiếu báo cáo (không chấm điểm, không xếp loại, không tính vào điểm bình quân)",
                "treated as missing reports (not scored, not graded, not in the means)"};
    case no_evidence_policy::not_passing:
        return {"chấm như không đạt (kết quả thiếu minh chứng tính theo counting.unknown của phương pháp "
                "chấm; mặc định: không đạt)",
                "scored as not passing (findings without evidence count as the scheme's counting.unknown "
                "says; default: not passing)"};
    }
    return {};
}

} // namespace danchu
