#include "catch.hpp"

#include <danchu/danchu.hpp>

#include <string>

const char* danchu_odr_a();
const char* danchu_odr_b();

TEST_CASE("the version string is built from the three version macros", "[version]") {
    const std::string expected = std::to_string(DANCHU_VERSION_MAJOR) + "." +
                                 std::to_string(DANCHU_VERSION_MINOR) + "." +
                                 std::to_string(DANCHU_VERSION_PATCH);
    CHECK(std::string(danchu::version()) == expected);
    CHECK(std::string(DANCHU_VERSION_STRING) == expected);
}

TEST_CASE("two translation units that include the umbrella header link together", "[odr]") {
    CHECK(std::string(danchu_odr_a()) == danchu_odr_b());
}
