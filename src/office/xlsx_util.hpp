#pragma once
// Internal to danchu_office: a workbook being written with libxlsxwriter,
// closed (or freed) exactly once, and text cells that are always strings.

#include <danchu/core/error.hpp>

#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

namespace danchu::office::xl {

/// Text as libxlsxwriter takes it: valid UTF-8, at most `max_bytes` bytes (cut
/// at a character boundary; an Excel cell holds 32,767 characters).
inline std::string cell_text(std::string_view s, std::size_t max_bytes = 32000) {
    std::string t = danchu::detail::valid_utf8(std::string(s));
    if (t.size() <= max_bytes) return t;
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
    t.resize(cut);
    return t;
}

/// A workbook open for writing; `close()` writes it and reports failures.
class workbook {
public:
    explicit workbook(const std::string& path) : path_(path) {
        lxw_workbook_options o{};
        o.constant_memory = LXW_FALSE;
        o.tmpdir = nullptr;
        o.use_zip64 = LXW_TRUE;
        wb_ = workbook_new_opt(path.c_str(), &o);
        if (!wb_) throw danchu::error("io", path + ": cannot create the workbook");
    }
    ~workbook() {
        if (wb_) workbook_close(wb_); // after an exception: still frees the memory
    }
    workbook(const workbook&) = delete;
    workbook& operator=(const workbook&) = delete;

    lxw_workbook* get() const noexcept { return wb_; }

    lxw_worksheet* sheet(const std::string& name) {
        lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
        if (!ws) throw danchu::error("io", path_ + ": cannot add the sheet \"" + name + "\"");
        return ws;
    }
    lxw_format* format() { return workbook_add_format(wb_); }

    void close() {
        lxw_workbook* wb = wb_;
        wb_ = nullptr;
        const lxw_error e = workbook_close(wb);
        if (e != LXW_NO_ERROR)
            throw danchu::error("io", path_ + ": cannot write the workbook: " + lxw_strerror(e));
    }

private:
    std::string path_;
    lxw_workbook* wb_ = nullptr;
};

/// A string cell (never a formula, whatever it starts with).
inline void put(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, std::string_view s, lxw_format* f = nullptr) {
    const std::string t = cell_text(s);
    if (t.empty()) {
        if (f) worksheet_write_blank(ws, r, c, f);
        return;
    }
    worksheet_write_string(ws, r, c, t.c_str(), f);
}

/// The bytes of a workbook that `write(path)` writes: libxlsxwriter writes
/// files only, so through a private temporary file (mkstemp), removed after.
template <class Write> std::string workbook_bytes(Write write) {
    namespace fs = std::filesystem;
    std::string tmpl = (fs::temp_directory_path() / "danchu-xlsx-XXXXXX").string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        throw danchu::error("io", "cannot create a temporary file in " + fs::temp_directory_path().string());
    ::close(fd);
    struct remove_after {
        std::string p;
        ~remove_after() { std::remove(p.c_str()); }
    } guard{tmpl};
    write(tmpl);
    std::ifstream in(tmpl, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) throw danchu::error("io", tmpl + ": cannot read the workbook back");
    return bytes;
}

} // namespace danchu::office::xl
