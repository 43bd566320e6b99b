#pragma once
/// @file
/// Internal: writing output files so that a failed run never leaves a
/// truncated file or a mix of old and new outputs. Each file is written to a
/// temporary file in its own folder, flushed and closed with every step
/// checked (a full disk fails here, not silently), and renamed over its
/// target only when every file of the set has been written. A target that is
/// a symbolic link, or that is one of the run's inputs, is refused before
/// anything is written. A target that is a device or pipe (`/dev/stdout`) is
/// written in place, still checked.

#include <danchu/core/error.hpp>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace danchu::detail {

/// A set of output files written together (see the file comment).
class output_files {
public:
    /// @param inputs the run's input files: none of them may be overwritten.
    explicit output_files(std::vector<std::string> inputs = {}) : inputs_(std::move(inputs)) {}
    output_files(const output_files&) = delete;
    output_files& operator=(const output_files&) = delete;
    ~output_files() {
        std::error_code ec;
        for (const auto& p : pending_) std::filesystem::remove(p.temp, ec);
    }

    /// Writes `text` for `target` (to a temporary file, or in place for a
    /// device or pipe).
    /// @throws error ("io") naming the target: a symbolic link, an input of
    ///         the run, a folder, or a write, flush or close that failed.
    void add(const std::filesystem::path& target, std::string_view text) {
        add_stream(target, [&](std::ostream& out) {
            out.write(text.data(), static_cast<std::streamsize>(text.size()));
        });
    }

    /// Like add, for an output written as it is produced: `write(out)` writes
    /// the file's bytes to the stream (a large report never held whole).
    /// Whatever `write` throws propagates; the temporary file is removed.
    template <class Write> void add_stream(const std::filesystem::path& target, Write&& write) {
        namespace fs = std::filesystem;
        std::error_code ec;
        const auto st = fs::symlink_status(target, ec);
        const std::string name = target.string();
        if (st.type() == fs::file_type::symlink)
            throw error("io", name + ": is a symbolic link; refusing to write through it (remove it or "
                                     "choose another output)");
        if (st.type() == fs::file_type::directory) throw error("io", name + ": is a folder, not a file");
        if (fs::exists(st))
            for (const auto& in : inputs_)
                if (fs::equivalent(target, in, ec))
                    throw error("io", name + ": is an input of this run (" + in +
                                          "); refusing to overwrite it, choose another output");
        if (st.type() == fs::file_type::character || st.type() == fs::file_type::fifo) {
            write_checked(target, write, name); // /dev/stdout, a pipe: no rename possible
            return;
        }
        const fs::path temp = temp_name(target);
        pending_.push_back({temp, target});
        write_checked(temp, write, name);
    }

    /// Renames every temporary file over its target.
    /// @throws error ("io") naming the target whose rename failed.
    void commit() {
        for (auto& p : pending_) {
            std::error_code ec;
            std::filesystem::rename(p.temp, p.target, ec);
            if (ec) throw error("io", p.target.string() + ": cannot replace the file (" + ec.message() + ")");
            p.temp.clear();
        }
        pending_.clear();
    }

private:
    struct pending {
        std::filesystem::path temp, target;
    };

    static std::filesystem::path temp_name(const std::filesystem::path& target) {
        static thread_local std::mt19937_64 rng{std::random_device{}()};
        const char* hex = "0123456789abcdef";
        std::string suffix = ".tmp-";
        for (auto x = rng(); suffix.size() < 17; x >>= 4) suffix += hex[x & 15];
        return target.parent_path() / ("." + target.filename().string() + suffix);
    }

    template <class Write>
    static void write_checked(const std::filesystem::path& p, Write& write, const std::string& name) {
        std::ofstream f(p, std::ios::binary | std::ios::trunc);
        if (!f) throw error("io", name + ": cannot create the file");
        write(static_cast<std::ostream&>(f));
        f.flush();
        f.close();
        if (f.fail()) throw error("io", name + ": writing the file failed (disk full?)");
    }

    std::vector<std::string> inputs_;
    std::vector<pending> pending_;
};

/// Writes one output file (see output_files).
inline void write_output_file(const std::filesystem::path& target, std::string_view text,
                              std::vector<std::string> inputs = {}) {
    output_files out(std::move(inputs));
    out.add(target, text);
    out.commit();
}

} // namespace danchu::detail
