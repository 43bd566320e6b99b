#pragma once
/// @file
/// The library version, defined once. CMake and pyproject.toml parse the three
/// `DANCHU_VERSION_*` lines below; do not reformat them.

#define DANCHU_VERSION_MAJOR 0
#define DANCHU_VERSION_MINOR 2
#define DANCHU_VERSION_PATCH 0

#define DANCHU_DETAIL_STR2(x) #x
#define DANCHU_DETAIL_STR(x) DANCHU_DETAIL_STR2(x)

/// The version as a "MAJOR.MINOR.PATCH" string literal.
#define DANCHU_VERSION_STRING                                                                                \
    DANCHU_DETAIL_STR(DANCHU_VERSION_MAJOR)                                                                  \
    "." DANCHU_DETAIL_STR(DANCHU_VERSION_MINOR) "." DANCHU_DETAIL_STR(DANCHU_VERSION_PATCH)

namespace danchu {

/// The library version, for example "0.2.0".
inline constexpr const char* version() noexcept { return DANCHU_VERSION_STRING; }

} // namespace danchu
