#include "base/Paths.hpp"

#include "base/Files.hpp"
#include "base/Platform.hpp"

#include <cerrno>
#include <cstdio>
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
    size_t from = 0;
    if (path.size() > 2 && platform::IsSeparator(path[0]) && platform::IsSeparator(path[1]) && platform::kSeparator[0] == '\\') {
        // \\server\share\...: the share is the root, as C:\ is; nothing above it can be made.
        size_t seps = 0;
        for (from = 2; from < path.size() && seps < 2; ++from)
            if (platform::IsSeparator(path[from])) ++seps;
    }
    for (size_t i = from; i <= path.size(); ++i) {
        if (i < path.size() && !platform::IsSeparator(path[i])) continue;
        cur = path.substr(0, i);
        // Not the root itself ("", "C:" on Windows), nor a folder already there.
        if (cur.empty() || PathExists(cur)) continue;
#ifdef _WIN32
        if (cur.size() == 2 && cur[1] == ':') continue;
#endif
        if (const int err = platform::MakeDir(cur, mode); err != 0 && err != EEXIST) return false;
    }
    return PathExists(path);
}

std::string DataDir() {
#ifdef _WIN32
    std::string dir = platform::UserDataRoot() + "\\Stegvis";
#else
    std::string dir = platform::UserDataRoot() + "/stegvis";
#endif
    MakeDirs(dir);
    return dir;
}

std::string DocumentsDir() { return platform::UserDocumentsFolder(); }

static std::string ExecutableDir() {
    const std::string p = platform::ExecutablePath();
    auto pos = p.find_last_of(platform::kSeparators);
    return pos == std::string::npos ? "." : p.substr(0, pos);
}

std::string ResourceDir() {
    if (const char* h = std::getenv("STEGVIS_HOME"); h && *h) return h;
    // Installed (/usr/bin/stegvis with /usr/share/stegvis): the data beside the binary, even on
    // the machine it was built on; in the build tree, the sources'.
    std::string share = ExecutableDir() + "/../share/stegvis";
    if (PathExists(share + "/phases/steps.json")) return share;
    // The Windows folder: stegvis.exe with phases\, data\, templates\ beside it.
    if (PathExists(ExecutableDir() + "/phases/steps.json")) return ExecutableDir();
    std::string src = STEGVIS_SOURCE_DIR;
    return src;
}

std::string CatalogPath() { return ResourceDir() + "/data/catalog.tsv"; }
std::string PhasesPath() { return ResourceDir() + "/phases/steps.json"; }
std::string InstrumentsDir() { return ResourceDir() + "/data/instruments"; }
std::string DefaultProjectPath() { return DataDir() + platform::kSeparator + "projekt.stegvis"; }
std::string DemoProjectPath() { return DataDir() + platform::kSeparator + "demo.stegvis"; }

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
