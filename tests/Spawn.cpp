#include "Spawn.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace stegvis::test {

Child::Child(const std::vector<std::string>& args, const SpawnOptions& opt) {
    std::vector<std::string> argStore{STEGVIS_BINARY};
    argStore.insert(argStore.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argStore) argv.push_back(a.data());
    argv.push_back(nullptr);
    // The environment is built before fork: only async-signal-safe calls come after it.
    std::vector<std::string> envStore;
    for (char** e = environ; *e; ++e)
        if (std::strncmp(*e, "XDG_DATA_HOME=", 14) != 0) envStore.emplace_back(*e);
    envStore.push_back("XDG_DATA_HOME=" + opt.dataHome);
    std::vector<char*> envp;
    for (auto& e : envStore) envp.push_back(e.data());
    envp.push_back(nullptr);

    int out[2], err[2];
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    m_pid = ::fork();
    if (m_pid < 0) throw std::runtime_error("fork failed");
    if (m_pid == 0) {
        ::dup2(out[1], 1);
        ::dup2(err[1], 2);
        int devnull = ::open("/dev/null", O_RDONLY);
        if (devnull >= 0) ::dup2(devnull, 0);
        if (opt.fileSizeLimit) {
            // SIGXFSZ keeps its default action: stegvis itself ignores it, so writes fail with EFBIG.
            rlimit lim{static_cast<rlim_t>(*opt.fileSizeLimit), static_cast<rlim_t>(*opt.fileSizeLimit)};
            ::setrlimit(RLIMIT_FSIZE, &lim);
        }
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    m_outFd = out[0];
    m_errFd = err[0];
}

Child::~Child() {
    if (!m_reaped && m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, &m_status, 0);
    }
    if (m_outFd >= 0) ::close(m_outFd);
    if (m_errFd >= 0) ::close(m_errFd);
}

void Child::Pump(int timeoutMs) {
    pollfd fds[2];
    int n = 0;
    if (m_outFd >= 0) fds[n++] = {m_outFd, POLLIN, 0};
    if (m_errFd >= 0) fds[n++] = {m_errFd, POLLIN, 0};
    if (n == 0) return;
    if (::poll(fds, static_cast<nfds_t>(n), timeoutMs) <= 0) return;
    for (int i = 0; i < n; ++i) {
        if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        char buf[65536];
        ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
        bool isOut = fds[i].fd == m_outFd;
        if (got > 0) {
            (isOut ? m_out : m_err).append(buf, static_cast<size_t>(got));
        } else if (got == 0 || errno != EINTR) {
            ::close(fds[i].fd);
            (isOut ? m_outFd : m_errFd) = -1;
        }
    }
}

void Child::ReadFor(double seconds) {
    auto end = std::chrono::steady_clock::now() + std::chrono::microseconds(static_cast<long>(seconds * 1e6));
    while (m_outFd >= 0 || m_errFd >= 0) {
        auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now()).count();
        if (left <= 0) break;
        Pump(static_cast<int>(left));
    }
}

bool Child::ReadUntil(const std::string& text, double seconds) {
    auto end = std::chrono::steady_clock::now() + std::chrono::microseconds(static_cast<long>(seconds * 1e6));
    while (m_out.find(text) == std::string::npos && (m_outFd >= 0 || m_errFd >= 0)) {
        auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now()).count();
        if (left <= 0) break;
        Pump(static_cast<int>(std::min<long long>(left, 50)));
    }
    return m_out.find(text) != std::string::npos;
}

void Child::Kill() {
    if (!m_reaped) ::kill(m_pid, SIGKILL);
}

int Child::Wait() {
    while (m_outFd >= 0 || m_errFd >= 0) Pump(1000);
    if (!m_reaped) {
        while (::waitpid(m_pid, &m_status, 0) < 0 && errno == EINTR) {
        }
        m_reaped = true;
    }
    return m_status;
}

Finished RunChild(const std::vector<std::string>& args, const SpawnOptions& opt) {
    Child c(args, opt);
    int st = c.Wait();
    Finished f;
    f.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    f.signal = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
    f.out = c.Out();
    f.err = c.Err();
    return f;
}

TmpfsMount::TmpfsMount(const std::string& dir, long bytes, bool readOnly) : m_dir(dir) {
    ::mkdir(dir.c_str(), 0700);
    if (::geteuid() != 0) return;
    std::string data = "size=" + std::to_string(bytes) + ",mode=0700";
    m_ok = ::mount("tmpfs", dir.c_str(), "tmpfs", readOnly ? MS_RDONLY : 0, data.c_str()) == 0;
}

TmpfsMount::~TmpfsMount() {
    if (m_ok) ::umount2(m_dir.c_str(), MNT_DETACH);
}

long FillDisk(const std::string& path) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) return 0;
    static const char zeros[4096] = {};
    long total = 0;
    for (;;) {
        ssize_t w = ::write(fd, zeros, sizeof zeros);
        if (w <= 0) break;
        total += w;
    }
    // Fill the last partial block too, byte by byte.
    for (;;) {
        if (::write(fd, zeros, 1) != 1) break;
        ++total;
    }
    ::fsync(fd);
    ::close(fd);
    return total;
}

}  // namespace stegvis::test
