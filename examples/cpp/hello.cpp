// The smallest danchu program: prints the library version and data directory.
#include <danchu/danchu.hpp>

#include <iostream>

int main() {
    std::cout << "danchu " << danchu::version() << ", data: " << danchu::default_data_dir() << '\n';
}
