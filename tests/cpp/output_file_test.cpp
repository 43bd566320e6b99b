// Output files (include/danchu/io/detail/output_file.hpp): written to a temporary
// file, closed with every step checked, renamed only when the whole set is
// written. Regressions of issue 15, items 9 (a full disk gave exit 0 and empty
// files) and 10 (outputs followed planted symbolic links and could overwrite an
// input).
#include "catch.hpp"

#include <danchu/io/detail/output_file.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace {
namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

struct scratch {
    fs::path dir = fs::temp_directory_path() / ("danchu-out-" + std::to_string(::getpid()));
    scratch() {
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~scratch() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    std::size_t entries() const {
        return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), {}));
    }
};
} // namespace

TEST_CASE("a set of outputs is all new or all old", "[io][regression]") {
    scratch s;
    { std::ofstream(s.dir / "a.txt") << "old a"; }
    { std::ofstream(s.dir / "victim.txt") << "keep"; }
    fs::create_symlink(s.dir / "victim.txt", s.dir / "b.txt");
    {
        danchu::detail::output_files out;
        out.add(s.dir / "a.txt", "new a");
        CHECK_THROWS_WITH(out.add(s.dir / "b.txt", "evil"), danchu_test::contains("is a symbolic link"));
    } // not committed: the temporary file of a.txt is removed
    CHECK(slurp(s.dir / "a.txt") == "old a");
    CHECK(slurp(s.dir / "victim.txt") == "keep");
    CHECK(s.entries() == 3); // a.txt, victim.txt, b.txt: no temporary file left

    danchu::detail::output_files out;
    out.add(s.dir / "a.txt", "new a");
    out.add(s.dir / "c.txt", "new c");
    CHECK(slurp(s.dir / "a.txt") == "old a"); // nothing replaced before commit
    out.commit();
    CHECK(slurp(s.dir / "a.txt") == "new a");
    CHECK(slurp(s.dir / "c.txt") == "new c");
    CHECK(s.entries() == 4);
}

TEST_CASE("an input, a folder or a full device is refused by name", "[io][regression]") {
    scratch s;
    { std::ofstream(s.dir / "in.json") << "{}"; }
    CHECK_THROWS_WITH(
        danchu::detail::write_output_file(s.dir / "in.json", "x", {(s.dir / "in.json").string()}),
        danchu_test::contains("is an input of this run"));
    CHECK(slurp(s.dir / "in.json") == "{}");
    CHECK_THROWS_WITH(danchu::detail::write_output_file(s.dir, "x"), danchu_test::contains("is a folder"));
    if (fs::exists("/dev/full"))
        CHECK_THROWS_WITH(danchu::detail::write_output_file("/dev/full", std::string(1 << 16, 'x')),
                          danchu_test::contains("/dev/full: writing the file failed"));
}
