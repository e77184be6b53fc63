// The real stegvis binary as a child process the test controls: pipes on stdout and stderr, a
// private data folder, an optional file-size limit, and SIGKILL at a chosen moment.
#pragma once
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace stegvis::test {

struct SpawnOptions {
    std::string dataHome;               // XDG_DATA_HOME for the child; required
    std::optional<long> fileSizeLimit;  // RLIMIT_FSIZE in bytes
};

class Child {
public:
    Child(const std::vector<std::string>& args, const SpawnOptions& opt);
    ~Child();  // kills and reaps a child still running
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    // Collects output until `seconds` have passed or the child has closed its output.
    void ReadFor(double seconds);
    // Collects output until its stdout holds `text` (true), or as ReadFor (false).
    bool ReadUntil(const std::string& text, double seconds);
    void Kill();  // SIGKILL
    // Reads everything left, reaps the child and returns its wait status.
    int Wait();

    const std::string& Out() const { return m_out; }
    const std::string& Err() const { return m_err; }

private:
    void Pump(int timeoutMs);

    pid_t m_pid = -1;
    int m_outFd = -1, m_errFd = -1;
    std::string m_out, m_err;
    int m_status = 0;
    bool m_reaped = false;
};

struct Finished {
    int status = -1;  // exit status, -1 when killed by a signal
    int signal = 0;
    std::string out, err;
};
Finished RunChild(const std::vector<std::string>& args, const SpawnOptions& opt);

// A tmpfs of `bytes` mounted at `dir` (created) while the object lives, when the tests run as
// root and mounting is allowed; Ok() says whether it worked.
class TmpfsMount {
public:
    TmpfsMount(const std::string& dir, long bytes, bool readOnly = false);
    ~TmpfsMount();
    TmpfsMount(const TmpfsMount&) = delete;
    TmpfsMount& operator=(const TmpfsMount&) = delete;
    bool Ok() const { return m_ok; }
    const std::string& Dir() const { return m_dir; }

private:
    std::string m_dir;
    bool m_ok = false;
};

// Writes zeros into `path` until the file system is full; returns the bytes written.
long FillDisk(const std::string& path);

}  // namespace stegvis::test
