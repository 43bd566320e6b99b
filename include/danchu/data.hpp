#pragma once
/// @file
/// Where danchu finds its bundled data files (rule packs, holiday schedules,
/// report regimes, scoring configurations, JSON Schemas).
///
/// Search order:
///   1. the `DANCHU_DATA_DIR` environment variable, if set;
///   2. the directory compiled in as `DANCHU_DATA_DIR_DEFAULT` (CMake sets it to
///      the source tree's `data/` for a build-tree consumer and to
///      `<prefix>/share/danchu` for an installed one).
/// The Python package and the command-line tool pass their own location
/// explicitly, so a relocated wheel or install prefix keeps working.

#include <danchu/error.hpp>

#include <cstdlib>
#include <string>

namespace danchu {

/// The default data directory (see the file comment for the search order).
/// @throws error if none is configured.
inline std::string default_data_dir() {
    if (const char* env = std::getenv("DANCHU_DATA_DIR"); env != nullptr && *env != '\0')
        return env;
#ifdef DANCHU_DATA_DIR_DEFAULT
    return DANCHU_DATA_DIR_DEFAULT;
#else
    throw error("data", "no data directory: set DANCHU_DATA_DIR or define "
                        "DANCHU_DATA_DIR_DEFAULT when compiling");
#endif
}

} // namespace danchu
