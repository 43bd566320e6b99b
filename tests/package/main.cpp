// Built against an installed danchu: checks the headers, the version and that
// the installed data directory is found.
#include <danchu/danchu.hpp>

#include <filesystem>
#include <iostream>

int main() {
    const std::filesystem::path data = danchu::default_data_dir();
    if (!std::filesystem::is_directory(data / "schemas")) {
        std::cerr << "installed data not found at " << data << '\n';
        return 1;
    }
    std::cout << "danchu " << danchu::version() << " with data at " << data.string() << '\n';
    return 0;
}
