// PDF: the DOCX converted by LibreOffice headless, so the PDF is the same
// document as the DOCX (docs/report.md, "Why LibreOffice"). soffice runs in
// its own process group with a private profile folder, under a timeout.

#include <danchu/core/error.hpp>
#include <danchu/office/docx.hpp>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace danchu::office {

namespace {

namespace fs = std::filesystem;

struct temp_dir {
    fs::path path;
    temp_dir() {
        std::string base = (fs::temp_directory_path() / "danchu-pdf-XXXXXX").string();
        std::vector<char> buf(base.begin(), base.end());
        buf.push_back('\0');
        if (!mkdtemp(buf.data()))
            throw error("office", "cannot create a temporary folder for LibreOffice (" +
                                      std::string(std::strerror(errno)) + ")");
        path = buf.data();
    }
    ~temp_dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool on_path(const std::string& program) {
    if (program.find('/') != std::string::npos) return access(program.c_str(), X_OK) == 0;
    const char* path = std::getenv("PATH");
    std::stringstream ss(path ? path : "");
    std::string dir;
    while (std::getline(ss, dir, ':'))
        if (!dir.empty() && access((fs::path(dir) / program).c_str(), X_OK) == 0) return true;
    return false;
}

} // namespace

std::string docx_to_pdf(const std::string& docx, const pdf_options& options) {
    std::string soffice = options.soffice;
    if (soffice.empty()) {
        const char* env = std::getenv("DANCHU_SOFFICE");
        soffice = env && *env ? env : "soffice";
    }
    if (!on_path(soffice))
        throw error("office",
                    "LibreOffice (" + soffice +
                        ") was not found: the PDF is the DOCX converted by LibreOffice headless. Install "
                        "it (Debian: apt-get install libreoffice-writer-nogui), or give its program with "
                        "--soffice or DANCHU_SOFFICE; the DOCX does not need it");
    if (options.timeout_seconds <= 0) throw argument_error("timeout: expected a positive number of seconds");
    temp_dir tmp;
    const fs::path in = tmp.path / "report.docx", outdir = tmp.path / "out", log = tmp.path / "soffice.log";
    {
        std::ofstream f(in, std::ios::binary);
        f.write(docx.data(), static_cast<std::streamsize>(docx.size()));
        if (!f.flush()) throw error("office", "cannot write the DOCX for LibreOffice in a temporary folder");
    }
    const std::string profile = "-env:UserInstallation=file://" + (tmp.path / "profile").string();
    std::vector<std::string> args = {
        soffice, "--headless",   "--norestore",           "--nologo", "--nolockcheck", "--nodefault",
        profile, "--convert-to", "pdf:writer_pdf_Export", "--outdir", outdir.string(), in.string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    // HOME in the temporary folder too: nothing of the user's is read or written.
    std::vector<std::string> env_s;
    for (char** e = environ; *e; ++e)
        if (std::strncmp(*e, "HOME=", 5) != 0) env_s.emplace_back(*e);
    env_s.push_back("HOME=" + tmp.path.string());
    std::vector<char*> envp;
    for (auto& e : env_s) envp.push_back(e.data());
    envp.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, soffice.c_str(), &fa, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (rc != 0)
        throw error("office", "cannot start LibreOffice (" + soffice + "): " + std::strerror(rc) +
                                  " (Debian: apt-get install libreoffice-writer-nogui)");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.timeout_seconds);
    int status = 0;
    for (;;) {
        const pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid) break;
        if (w < 0 && errno != EINTR) throw error("office", "lost track of LibreOffice (" + soffice + ")");
        if (std::chrono::steady_clock::now() > deadline) {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            throw error("office", "LibreOffice (" + soffice + ") did not convert the DOCX within " +
                                      std::to_string(options.timeout_seconds) + " s and was stopped");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill(-pid, SIGKILL); // anything it left behind in its process group
    const fs::path pdf = outdir / "report.pdf";
    std::error_code ec;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !fs::is_regular_file(pdf, ec)) {
        std::string out = read_file(log);
        if (out.size() > 2000) out = out.substr(0, 2000) + "…";
        throw error("office", "LibreOffice (" + soffice + ") could not convert the DOCX to PDF (" +
                                  (WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                                                     : std::string("killed by a signal")) +
                                  (out.empty() ? std::string(")") : "): " + out));
    }
    std::string bytes = read_file(pdf);
    if (bytes.rfind("%PDF", 0) != 0) throw error("office", "LibreOffice (" + soffice + ") wrote no PDF");
    return bytes;
}

} // namespace danchu::office
