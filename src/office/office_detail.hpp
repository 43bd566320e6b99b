#pragma once
// Internal helpers of danchu_office (not installed).

#include <string>
#include <string_view>

namespace danchu::office::detail {

/// Text made safe for a WordprocessingML text node: valid UTF-8 (an invalid
/// byte becomes U+FFFD), characters XML 1.0 forbids and other control
/// characters (newline and tab included) become a space. Formula-like text
/// (=HYPERLINK(...)), markup (<script>) stays what it is: text, escaped by
/// pugixml when written.
std::string clean_text(std::string_view s);

/// Upper case of Vietnamese text (ASCII, Latin-1, Latin Extended-A/B and the
/// Vietnamese letters of Latin Extended Additional); other characters unchanged.
std::string upper_vi(std::string_view s);

} // namespace danchu::office::detail
