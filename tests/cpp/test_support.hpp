#pragma once
// Helpers shared by the C++ tests: where the repository's data is, and how to
// read the message of an expected exception.

#include <filesystem>
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
inline bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

/// A fresh folder under the system's temporary folder, removed at the end.
struct temp_dir {
    std::filesystem::path path;
    explicit temp_dir(const std::string& name)
        : path(std::filesystem::temp_directory_path() / ("danchu-test-" + name)) {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~temp_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
};

} // namespace danchu_test
