#pragma once
// Helpers shared by the C++ tests: where the repository's data is, and how to
// read the message of an expected exception.

#include <string>

namespace danchu_test {

/// The repository's data/ folder (the tests never read outside the repository).
inline const std::string data_dir = DANCHU_TEST_SOURCE_DIR "/data";

/// The message of the exception of type E that `f` throws ("" if none).
template <class E, class F> std::string error_of(F f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    }
    return "";
}

/// True if `s` contains `part`.
inline bool has(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

} // namespace danchu_test
