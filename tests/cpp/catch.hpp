#pragma once
// The one compatibility point between Catch2 v2 (Debian 12) and v3 (Debian 13).

#if defined(DANCHU_CATCH2_V3)
#include <string>

#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>
using Catch::Approx;
namespace danchu_test {
/// A matcher for "the string contains `s`" (ContainsSubstring in v3).
inline auto contains(const std::string& s) { return Catch::Matchers::ContainsSubstring(s); }
} // namespace danchu_test
#else
#include <catch2/catch.hpp>
namespace danchu_test {
/// A matcher for "the string contains `s`" (Contains in v2).
inline auto contains(const std::string& s) { return Catch::Matchers::Contains(s); }
} // namespace danchu_test
#endif
