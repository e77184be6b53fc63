// Platform.hpp on Linux (and other POSIX systems).
#include "base/Platform.hpp"

#include <sys/vfs.h>
#include <sys/wait.h>
#include <pwd.h>
#include <signal.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <vector>

#include "base/Text.hpp"

namespace stegvis::platform {

bool IsAbsolute(const std::string& path) { return !path.empty() && path[0] == '/'; }

std::optional<FileIdentity> Identify(const std::string& path) {
    struct stat sb;
    if (::stat(path.c_str(), &sb) != 0) return std::nullopt;
    return FileIdentity{static_cast<uint64_t>(sb.st_dev), static_cast<uint64_t>(sb.st_ino)};
}

std::string NetworkFilesystemOf(const std::string& path) {
    struct statfs fs;
    if (::statfs(path.c_str(), &fs) != 0) {
        const size_t slash = path.find_last_of('/');
        const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
        if (::statfs(dir.c_str(), &fs) != 0) return "";
    }
    // The magic numbers of <linux/magic.h> (and of the file systems that keep theirs elsewhere).
    switch (static_cast<uint32_t>(fs.f_type)) {
        case 0x6969: return "NFS";
        case 0x517B: return "SMB";
        case 0xFF534D42: return "SMB/CIFS";
        case 0xFE534D42: return "SMB2";
        case 0x65735546: return "FUSE";  // sshfs, rclone, synced cloud folders
        case 0x01021997: return "9P";
        case 0x73757245: return "Coda";
        case 0x5346414F:
        case 0x6B414653: return "AFS";
        case 0x00C36400: return "Ceph";
        case 0x564C: return "NCP";
        case 0x0BD00BD0: return "Lustre";
        case 0x01161970: return "GFS2";
        case 0x7461636F: return "OCFS2";
        default: return "";
    }
}

int ErrnoOfSystemError(int code) { return code; }

int Rename(const std::string& from, const std::string& to, bool replace) {
    if (replace) return ::rename(from.c_str(), to.c_str()) == 0 ? 0 : errno;
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
    int err = errno;
    if (err == EINVAL || err == ENOSYS || err == ENOTSUP) {
        // A file system without RENAME_NOREPLACE: link() fails just as atomically on a taken name.
        if (::link(from.c_str(), to.c_str()) != 0) return errno;
        ::unlink(from.c_str());
        return 0;
    }
    return err;
}

int SyncDescriptor(int fd) { return ::fsync(fd) == 0 ? 0 : errno; }

void SyncFolder(const std::string& folder) {
    int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);  // some file systems refuse a folder fsync; the rename itself has happened
    ::close(fd);
}

int MakeDir(const std::string& path, unsigned mode) {
    return ::mkdir(path.c_str(), static_cast<mode_t>(mode)) == 0 ? 0 : errno;
}

void SetMode(const std::string& path, unsigned mode) { ::chmod(path.c_str(), static_cast<mode_t>(mode)); }

std::string MakeTempDir(const std::string& prefix) {
    std::vector<char> buf(prefix.begin(), prefix.end());
    for (int i = 0; i < 6; ++i) buf.push_back('X');
    buf.push_back('\0');
    return ::mkdtemp(buf.data()) ? std::string(buf.data()) : std::string();
}

std::string TempFolder() {
    const char* t = std::getenv("TMPDIR");
    std::string dir = t && *t == '/' ? t : "/tmp";
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    return dir;
}

std::string CanonicalPath(const std::string& path) {
    char* p = ::realpath(path.c_str(), nullptr);
    if (!p) return "";
    std::string out = p;
    std::free(p);
    return out;
}

std::tm LocalTime(std::time_t t) {
    std::tm tm{};
    ::localtime_r(&t, &tm);
    return tm;
}

std::tm UtcTime(std::time_t t) {
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    return tm;
}

std::time_t UtcSeconds(std::tm tm) { return ::timegm(&tm); }

std::string LoginName() {
    if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_name) return pw->pw_name;
    return "";
}

std::string ExecutablePath() {
    char buf[PATH_MAX];
    ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return "";
    buf[n] = '\0';
    return buf;
}

static std::string Home() {
    std::string home;
    if (const char* h = std::getenv("HOME"); h && *h == '/') home = h;
    else home = "/tmp";
    while (home.size() > 1 && home.back() == '/') home.pop_back();
    return home;
}

std::string UserDataRoot() {
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x == '/') return x;
    if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.local/share";
    return "/tmp";
}

std::string UserDocumentsFolder() {
    const std::string home = Home();
    std::string dir;
    if (FILE* p = ::popen("xdg-user-dir DOCUMENTS 2>/dev/null", "r")) {
        char buf[PATH_MAX];
        if (std::fgets(buf, sizeof buf, p)) dir = Trim(buf);
        ::pclose(p);
    }
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    // xdg-user-dir answers $HOME when no documents folder is configured.
    if (!dir.empty() && dir[0] == '/' && dir != home) return dir;
    struct stat sb;
    if (::stat((home + "/Documents").c_str(), &sb) == 0) return home + "/Documents";
    return home;
}

void OpenFolderInDesktop(const std::string& folder) {
    // Without waiting for the file manager, and without leaving a zombie.
    pid_t child = ::fork();
    if (child == 0) {
        ::setsid();
        if (::fork() == 0) {
            ::execlp("xdg-open", "xdg-open", folder.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        ::_exit(0);
    }
    if (child > 0) ::waitpid(child, nullptr, 0);
}

void CopyPngToClipboard(const std::string& png, std::string* toolMissing) {
    // xclip (X11) or wl-copy (Wayland) keep serving the image after we return, as a copied
    // image must outlive the copy.
    const bool wayland = std::getenv("WAYLAND_DISPLAY") && !std::getenv("DISPLAY");
    const char* tool = wayland ? "wl-copy" : "xclip";
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
    const pid_t child = ::fork();
    if (child < 0) {
        ::close(fds[0]), ::close(fds[1]);
        throw std::runtime_error("fork");
    }
    if (child == 0) {
        ::dup2(fds[0], 0);
        const int devnull = ::open("/dev/null", O_WRONLY);
        if (devnull >= 0) ::dup2(devnull, 1), ::dup2(devnull, 2);
        if (wayland) ::execlp("wl-copy", "wl-copy", "--type", "image/png", static_cast<char*>(nullptr));
        else ::execlp("xclip", "xclip", "-selection", "clipboard", "-t", "image/png", "-i", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(fds[0]);
    // A tool that died early must not take the window with it (SIGPIPE).
    struct sigaction ignore {}, old{};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ignore, &old);
    size_t at = 0;
    while (at < png.size()) {
        const ssize_t n = ::write(fds[1], png.data() + at, png.size() - at);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        at += static_cast<size_t>(n);
    }
    ::close(fds[1]);
    ::sigaction(SIGPIPE, &old, nullptr);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        if (toolMissing) *toolMissing = std::string(tool) + "|" + (wayland ? "wl-clipboard" : "xclip");
        throw std::runtime_error(std::string(tool) + " missing");
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || at < png.size())
        throw std::runtime_error(std::string(tool) + " failed");
}

void LeaveOwnConsole() {}

void PrepareProcess() { ::signal(SIGXFSZ, SIG_IGN); }

}  // namespace stegvis::platform
