#pragma once
/// @file
/// A problem with an input that was left out so that work could go on (a
/// lenient loader, a report built from partly invalid data). Strict loaders
/// throw instead; lenient ones collect these, and the report lists them.

#include <string>

namespace danchu {

/// An input that was invalid or missing, named well enough to be fixed.
struct input_problem {
    std::string kind;     ///< e.g. "unknown_unit", "invalid_value", "parse", "missing_evidence"
    std::string source;   ///< the file (or "<memory>"); may be empty
    std::string location; ///< JSON pointer, "line N", or empty
    std::string subject;  ///< the unit, obligation or period concerned; may be empty
    std::string message;  ///< what was wrong, as the strict loader or the library's error says it
};

} // namespace danchu
