#include "base/Files.hpp"

#include "base/Text.hpp"

#include "base/Posix.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <random>

namespace stegvis {

namespace {

std::string Why(int err) { return std::strerror(err); }

std::string RandomSuffix() {
    static thread_local std::mt19937_64 rng{std::random_device{}() ^ static_cast<uint64_t>(::getpid())};
    static const char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string s;
    for (int i = 0; i < 10; ++i) s.push_back(kChars[rng() % (sizeof kChars - 1)]);
    return s;
}

std::string BaseName(const std::string& path) {
    auto slash = path.find_last_of(platform::kSeparators);
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

void RemoveFolderTree(const std::string& dir) {
    if (DIR* d = ::opendir(dir.c_str())) {
        while (dirent* e = ::readdir(d)) {
            std::string n = e->d_name;
            if (n == "." || n == "..") continue;
            std::string p = dir + "/" + n;
            struct stat sb;
            if (::lstat(p.c_str(), &sb) == 0 && S_ISDIR(sb.st_mode)) RemoveFolderTree(p);
            else ::unlink(p.c_str());
        }
        ::closedir(d);
    }
    ::rmdir(dir.c_str());
}

bool IsFolder(const std::string& path) {
    struct stat sb;
    return ::stat(path.c_str(), &sb) == 0 && S_ISDIR(sb.st_mode);
}

std::vector<std::string> FilesInFolder(const std::string& folder, const std::vector<std::string>& endings) {
    DIR* d = ::opendir(folder.c_str());
    if (!d) throw std::runtime_error(Why(errno));
    std::vector<std::string> out;
    while (dirent* e = ::readdir(d)) {
        const std::string n = e->d_name;
        bool wanted = false;
        for (const std::string& end : endings)
            wanted = wanted || (n.size() > end.size() && n.compare(n.size() - end.size(), end.size(), end) == 0);
        if (!wanted) continue;
        const std::string p =
            folder + (!folder.empty() && platform::IsSeparator(folder.back()) ? "" : platform::kSeparator) + n;
        struct stat sb;
        if (::stat(p.c_str(), &sb) == 0 && S_ISREG(sb.st_mode)) out.push_back(p);
    }
    ::closedir(d);
    std::sort(out.begin(), out.end());
    return out;
}

std::optional<FileIdentity> IdentifyFile(const std::string& path) {
    return platform::Identify(path);
}

void RefuseOutputOverInput(const std::string& output, const std::vector<std::string>& inputs) {
    const auto out = IdentifyFile(output);
    const auto outFolder = IdentifyFile(FolderOf(output));
    for (const std::string& in : inputs) {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            auto id = IdentifyFile(in + suffix);
            // The same file, or (for a side file SQLite has not made yet) the same name in the same folder.
            const bool same = (out && id && *id == *out) ||
                              (*suffix && outFolder && BaseName(output) == BaseName(in) + suffix &&
                               IdentifyFile(FolderOf(in)) == outFolder);
            if (same)
                throw std::runtime_error(output + ": är samma fil som " + in + suffix +
                                         ", som läses; välj ett annat namn för resultatet så att inget skrivs över "
                                         "(the output is the same file as an input)");
        }
    }
}

std::string MentionAs(std::string message, const std::string& privatePath, const std::string& publicPath) {
    for (size_t pos = 0; (pos = message.find(privatePath, pos)) != std::string::npos; pos += publicPath.size())
        message.replace(pos, privatePath.size(), publicPath);
    return message;
}

std::string FolderOf(const std::string& path) {
    auto pos = path.find_last_of(platform::kSeparators);
    if (pos == std::string::npos) return ".";
    if (pos == 0) return path.substr(0, 1);
#ifdef _WIN32
    if (pos == 2 && path[1] == ':') return path.substr(0, 3);  // C:\x
#endif
    return path.substr(0, pos);
}

void SyncFile(const std::string& path) {
#ifdef _WIN32
    int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);  // FlushFileBuffers needs write access
#else
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
#endif
    if (fd < 0) return;
    platform::SyncDescriptor(fd);
    ::close(fd);
}

void SyncFolderOf(const std::string& path) { platform::SyncFolder(FolderOf(path)); }

void MoveIntoPlace(const std::string& from, const std::string& to, IfExists ifExists) {
    const int err = platform::Rename(from, to, ifExists == IfExists::Replace);
    if (err == EEXIST && ifExists == IfExists::Refuse)
        throw FileExistsError(to + ": det finns redan en fil med det namnet; välj ett nytt namn");
    if (err != 0)
        throw std::runtime_error(to + (ifExists == IfExists::Replace ? ": kunde inte skrivas: " : ": kunde inte skapas: ") +
                                 Why(err));
    SyncFolderOf(to);
}

void WriteFileAtomic(const std::string& path, const std::string& content, unsigned mode, IfExists ifExists) {
    if (ifExists == IfExists::Refuse && IdentifyFile(path))
        throw FileExistsError(path + ": det finns redan en fil med det namnet; välj ett nytt namn");
    const std::string folder = FolderOf(path);
    std::string tmp;
    int fd = -1;
    for (int attempt = 0; attempt < 20 && fd < 0; ++attempt) {
        tmp = folder + "/." + BaseName(path) + ".tmp-" + RandomSuffix();
        // O_EXCL never follows a link and never reuses a file someone put there; the final mode
        // (less the umask) applies from the first byte.
        fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, static_cast<mode_t>(mode));
        if (fd < 0 && errno != EEXIST) throw std::runtime_error(path + ": kunde inte skrivas: " + Why(errno));
    }
    if (fd < 0) throw std::runtime_error(path + ": kunde inte skrivas: ingen ledig temporär fil");
    auto fail = [&](int err) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw std::runtime_error(path + ": kunde inte skrivas: " + Why(err));
    };
    size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail(errno);
        }
        done += static_cast<size_t>(n);
    }
    if (const int err = platform::SyncDescriptor(fd)) fail(err);
    if (::close(fd) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        throw std::runtime_error(path + ": kunde inte skrivas: " + Why(err));
    }
    try {
        MoveIntoPlace(tmp, path, ifExists);
    } catch (...) {
        ::unlink(tmp.c_str());
        throw;
    }
}

PrivateTempDir::PrivateTempDir(const std::string& besidePath) {
    m_path = platform::MakeTempDir(FolderOf(besidePath) + "/." + BaseName(besidePath) + ".work-");
    if (m_path.empty())
        throw std::runtime_error(besidePath + ": kunde inte skapas (mappen går inte att skriva i: " + Why(errno) + ")");
}

PrivateTempDir::~PrivateTempDir() {
    if (!m_path.empty()) RemoveFolderTree(m_path);
}

std::string ReadFile(const std::string& path, uint64_t maxBytes) {
    // O_NONBLOCK so a FIFO cannot hold the open; it is refused just below.
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) throw DataError(path, 0, "", "", "kan inte läsas: " + Why(errno));
    struct stat sb;
    if (::fstat(fd, &sb) != 0) {
        int err = errno;
        ::close(fd);
        throw DataError(path, 0, "", "", "kan inte läsas: " + Why(err));
    }
    if (!S_ISREG(sb.st_mode)) {
        ::close(fd);
        throw DataError(path, 0, "", "", "kan inte läsas: är ingen vanlig fil (en mapp, en enhet eller en pipe)");
    }
    auto tooLarge = [&] {
        ::close(fd);
        const std::string limit = maxBytes >= (1u << 20) ? std::to_string(maxBytes >> 20) + " MB"
                                                         : std::to_string(maxBytes) + " byte";
        return DataError(path, 0, "", "", "kan inte läsas: filen är större än gränsen på " + limit);
    };
    if (static_cast<uint64_t>(sb.st_size) > maxBytes) throw tooLarge();
    std::string out;
    out.reserve(static_cast<size_t>(sb.st_size));
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            int err = errno;
            ::close(fd);
            throw DataError(path, 0, "", "", "kan inte läsas: " + Why(err));
        }
        if (n == 0) break;
        out.append(buf, static_cast<size_t>(n));
        if (out.size() > maxBytes) throw tooLarge();  // a file that grows while read
    }
    ::close(fd);
    return out;
}

namespace {
std::mutex g_pretendMutex;
std::string g_pretendPrefix, g_pretendName;
}  // namespace

void PretendNetworkFilesystem(const std::string& prefix, const std::string& name) {
    std::lock_guard<std::mutex> lock(g_pretendMutex);
    g_pretendPrefix = name.empty() ? "" : prefix;
    g_pretendName = name;
}

std::string NetworkFilesystem(const std::string& path) {
    {
        std::lock_guard<std::mutex> lock(g_pretendMutex);
        if (!g_pretendPrefix.empty() && path.compare(0, g_pretendPrefix.size(), g_pretendPrefix) == 0) return g_pretendName;
    }
    return platform::NetworkFilesystemOf(path);
}

}  // namespace stegvis
