#pragma once
/// @file
/// One rule of a rule pack: what it checks (a condition in the condition
/// language, over facts of the fact dictionary), where the obligation comes from
/// (citation), how sure we are of it (confidence), whom it applies to (unit
/// kinds, staff-count thresholds, dates of validity, an optional condition), how
/// often it is due, and how it counts (weight, severity, partial credit).

#include <danchu/core/date.hpp>
#include <danchu/evidence/fact.hpp>
#include <danchu/rules/finding.hpp>
#include <danchu/organisation/unit.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace danchu {

/// How often an obligation falls due (metadata shown to users and used by
/// reporting; the condition itself says what "done" means for the period).
enum class frequency : std::uint8_t {
    continuous, ///< at all times (a standing arrangement)
    monthly,
    quarterly,
    six_monthly,
    annual,
    per_term,  ///< once per term of office (e.g. the People's Inspection Board's 2 years)
    per_event, ///< each time an event occurs (a request, a publication)
};

DANCHU_ENUM_NAMES(frequency, "frequency", {frequency::continuous, "continuous"},
                  {frequency::monthly, "monthly"}, {frequency::quarterly, "quarterly"},
                  {frequency::six_monthly, "six_monthly"}, {frequency::annual, "annual"},
                  {frequency::per_term, "per_term"}, {frequency::per_event, "per_event"})

/// @throws argument_error naming the accepted values.
inline frequency frequency_from_string(std::string_view s) { return from_string<frequency>(s); }

/// Whom and when a rule applies to. Empty `kinds` = every kind.
struct applicability {
    std::vector<unit_kind> kinds;
    std::optional<std::int64_t> min_staff; ///< applies if staff >= min_staff
    std::optional<std::int64_t> max_staff; ///< applies if staff <= max_staff
    std::optional<civil_day> valid_from;   ///< not applicable to periods ending before
    std::optional<civil_day> valid_to;     ///< not applicable to periods starting after
    nlohmann::json condition; ///< optional extra condition (null = none); false -> not_applicable

    /// Whether the kind and staff-count tests admit `u`.
    bool admits(const unit& u) const noexcept {
        if (!kinds.empty()) {
            bool ok = false;
            for (auto k : kinds) ok = ok || k == u.kind;
            if (!ok) return false;
        }
        if (min_staff && u.staff < *min_staff) return false;
        if (max_staff && u.staff > *max_staff) return false;
        return true;
    }
    /// Whether the rule is in force during [start, end] (days since 1970-01-01).
    bool in_force(civil_day start, civil_day end) const noexcept {
        if (valid_from && end < *valid_from) return false;
        if (valid_to && start > *valid_to) return false;
        return true;
    }
};

/// One rule, as loaded from a pack (after overlays).
struct rule {
    std::string id;
    bilingual_text title;
    bilingual_text note; ///< optional explanation shown with findings (may be empty)
    citation cite;
    confidence conf = confidence::verified;
    applicability applies;
    frequency freq = frequency::annual;
    nlohmann::json condition; ///< the condition-language expression (must be boolean)
    nlohmann::json credit;    ///< optional partial credit in [0, 1] when failing (null = none)
    double weight = 1.0;
    severity sev = severity::medium;
    std::vector<std::string> tags;
    std::vector<std::string>
        facts; ///< facts read, derived from the expressions (checked against any declared list)
    /// Amending documents (ids) this rule was checked against and found to
    /// encode correctly; see rule_set::unverified_amendments.
    std::vector<std::string> amendments_checked;
    std::string pack;    ///< id of the pack that defined (or last replaced) the rule
    std::string file;    ///< file it was loaded from
    std::string pointer; ///< its JSON pointer in that file

    /// `uncertain` rules are advisory: reported, never a hard failure.
    bool advisory() const noexcept { return conf == confidence::uncertain; }

    /// The metadata scoring needs.
    rule_meta meta() const {
        rule_meta m;
        m.id = id;
        m.title = title;
        m.weight = weight;
        m.sev = sev;
        m.conf = conf;
        m.tags = tags;
        return m;
    }

    /// "ND04 Art. 5(2)(a)"-style short citation.
    std::string citation_text() const { return short_text(cite); }
};

} // namespace danchu
