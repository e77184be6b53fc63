#include "base/Paths.hpp"

#include "base/Files.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "base/Text.hpp"

namespace stegvis {

bool PathExists(const std::string& path) {
    struct stat sb;
    return ::stat(path.c_str(), &sb) == 0;
}

bool MakeDirs(const std::string& path, unsigned mode) {
    if (path.empty()) return false;
    std::string cur;
    for (const auto& part : Split(path, '/')) {
        cur += part;
        if (!cur.empty() && !PathExists(cur) && ::mkdir(cur.c_str(), mode) != 0 && errno != EEXIST) return false;
        cur += '/';
    }
    return PathExists(path);
}

std::string DataDir() {
    std::string base;
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x == '/') base = x;
    else if (const char* h = std::getenv("HOME"); h && *h) base = std::string(h) + "/.local/share";
    else base = "/tmp";
    std::string dir = base + "/stegvis";
    MakeDirs(dir);
    return dir;
}

std::string DocumentsDir() {
    std::string home;
    if (const char* h = std::getenv("HOME"); h && *h == '/') home = h;
    else home = "/tmp";
    while (home.size() > 1 && home.back() == '/') home.pop_back();
    std::string dir;
    if (FILE* p = ::popen("xdg-user-dir DOCUMENTS 2>/dev/null", "r")) {
        char buf[PATH_MAX];
        if (std::fgets(buf, sizeof buf, p)) dir = Trim(buf);
        ::pclose(p);
    }
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    // xdg-user-dir answers $HOME when no documents folder is configured.
    if (!dir.empty() && dir[0] == '/' && dir != home) return dir;
    if (PathExists(home + "/Documents")) return home + "/Documents";
    return home;
}

static std::string ExecutableDir() {
    char buf[PATH_MAX];
    ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return ".";
    buf[n] = '\0';
    std::string p(buf);
    auto pos = p.find_last_of('/');
    return pos == std::string::npos ? "." : p.substr(0, pos);
}

std::string ResourceDir() {
    if (const char* h = std::getenv("STEGVIS_HOME"); h && *h) return h;
    // Installed (/usr/bin/stegvis with /usr/share/stegvis): the data beside the binary, even on
    // the machine it was built on; in the build tree, the sources'.
    std::string share = ExecutableDir() + "/../share/stegvis";
    if (PathExists(share + "/phases/steps.json")) return share;
    std::string src = STEGVIS_SOURCE_DIR;
    return src;
}

std::string CatalogPath() { return ResourceDir() + "/data/catalog.tsv"; }
std::string PhasesPath() { return ResourceDir() + "/phases/steps.json"; }
std::string InstrumentsDir() { return ResourceDir() + "/data/instruments"; }
std::string DefaultProjectPath() { return DataDir() + "/projekt.stegvis"; }
std::string DemoProjectPath() { return DataDir() + "/demo.stegvis"; }

Settings::Settings(std::string path) : m_path(std::move(path)) {
    std::string text;
    try {
        text = ReadFile(m_path, 1 << 20);  // a regular file only: a FIFO or device here must not hang the start
    } catch (const std::exception&) {
        return;  // no settings yet, or unusable ones: the defaults serve
    }
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        auto eq = line.find('=');
        if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
        m_values[Trim(line.substr(0, eq))] = Trim(line.substr(eq + 1));
    }
}

Settings Settings::InDataDir() { return Settings(DataDir() + "/settings.txt"); }

std::string Settings::Get(const std::string& key, const std::string& fallback) const {
    auto it = m_values.find(key);
    return it == m_values.end() ? fallback : it->second;
}

void Settings::Set(const std::string& key, const std::string& value) {
    std::string v;
    for (char c : value) v.push_back(c == '\n' || c == '\r' ? ' ' : c);
    m_values[key] = v;
}

void Settings::Save() const {
    std::string text = "# Stegvis settings\n";
    for (const auto& [k, v] : m_values) text += k + " = " + v + "\n";
    try {
        WriteFileAtomic(m_path, text, 0600);  // they name the user's files
    } catch (const std::exception&) {
        // Settings are a convenience; never fail the program over them.
    }
}

}  // namespace stegvis
