#pragma once
/// @file
/// Where a statement comes from and how well it is established: the one
/// citation type (a legal document and its article, clause, point) and the one
/// confidence scale, shared by rules, obligations, holidays, report
/// conventions, scoring configurations and the report.

#include <danchu/core/enum_names.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace danchu {

/// How well the legal fact behind a rule, holiday or deadline is established
/// (the domain briefs' VERIFIED / VERIFIED (secondary) / UNCERTAIN).
/// `uncertain` rules are advisory.
enum class confidence : std::uint8_t { verified, secondary, uncertain };

DANCHU_ENUM_NAMES(confidence, "confidence", {confidence::verified, "verified"},
                  {confidence::secondary, "secondary"}, {confidence::uncertain, "uncertain"})

/// @throws argument_error naming the accepted values.
inline confidence confidence_from_string(std::string_view s) { return from_string<confidence>(s); }

/// Where an obligation comes from. `document` is the id or title of a legal
/// document (for rules: a document listed in the pack's regime or an
/// ancestor pack's).
struct citation {
    std::string document; ///< e.g. "ND04", "Labour Code 45/2019/QH14"
    std::string article;  ///< e.g. "5"; may be empty
    std::string clause;   ///< may be empty
    std::string point;    ///< may be empty
    std::string url;      ///< a source where the text (or a summary) can be read; may be empty
    std::string note;     ///< e.g. "article number uncertain"; may be empty
};

/// "ND04 Art. 5(2)(a)"-style short form: document, article, (clause), (point).
inline std::string short_text(const citation& c) {
    std::string s = c.document;
    if (!c.article.empty()) s += " Art. " + c.article;
    if (!c.clause.empty()) s += "(" + c.clause + ")";
    if (!c.point.empty()) s += "(" + c.point + ")";
    return s;
}

} // namespace danchu
