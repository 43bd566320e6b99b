#pragma once
/// @file
/// Text shown to users: every name, title and note danchu shows exists in
/// Vietnamese (with diacritics) and English. This is the one type that holds
/// such a pair, wherever it comes from (rule packs, holiday schedules, report
/// conventions, scoring configurations, the report document).

#include <string>

namespace danchu {

/// A Vietnamese / English text pair.
struct bilingual_text {
    std::string vi;
    std::string en;

    /// The Vietnamese text if `vietnamese`, else the English one.
    const std::string& in(bool vietnamese) const noexcept { return vietnamese ? vi : en; }

    friend bool operator==(const bilingual_text& a, const bilingual_text& b) noexcept {
        return a.vi == b.vi && a.en == b.en;
    }
    friend bool operator!=(const bilingual_text& a, const bilingual_text& b) noexcept { return !(a == b); }
};

} // namespace danchu
