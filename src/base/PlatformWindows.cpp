// Platform.hpp on Windows (built with MinGW-w64). Strings are UTF-8 and turned into UTF-16 for
// the wide ("W") calls here, so a name with å, ä, ö works whatever the code page.
#include "base/Platform.hpp"

#include <windows.h>
#include <shellapi.h>
#include <shlobj.h>
#include <direct.h>
#include <fcntl.h>
#include <io.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <stdexcept>

namespace stegvis::platform {

namespace {

std::wstring Wide(const std::string& s) {
    if (s.empty()) return {};
    const int n = ::MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), nullptr, 0);
    std::wstring w(static_cast<size_t>(n), L'\0');
    ::MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), w.data(), n);
    return w;
}

std::string Narrow(const wchar_t* w) {
    if (!w || !*w) return {};
    const int len = static_cast<int>(std::wcslen(w));
    const int n = ::WideCharToMultiByte(CP_UTF8, 0, w, len, nullptr, 0, nullptr, nullptr);
    std::string s(static_cast<size_t>(n), '\0');
    ::WideCharToMultiByte(CP_UTF8, 0, w, len, s.data(), n, nullptr, nullptr);
    return s;
}

int ErrnoOf(DWORD err) {
    switch (err) {
        case ERROR_FILE_EXISTS:
        case ERROR_ALREADY_EXISTS: return EEXIST;
        case ERROR_FILE_NOT_FOUND:
        case ERROR_PATH_NOT_FOUND: return ENOENT;
        case ERROR_ACCESS_DENIED:
        case ERROR_SHARING_VIOLATION:
        case ERROR_LOCK_VIOLATION: return EACCES;
        case ERROR_DISK_FULL:
        case ERROR_HANDLE_DISK_FULL: return ENOSPC;
        case ERROR_NOT_SAME_DEVICE: return EXDEV;
        case ERROR_WRITE_PROTECT: return EROFS;
        case ERROR_FILE_TOO_LARGE: return EFBIG;
        default: return EIO;
    }
}

std::string Env(const char* name) {
    const wchar_t* w = _wgetenv(Wide(name).c_str());
    return Narrow(w);
}

std::string Trimmed(std::string dir) {
    while (dir.size() > 3 && IsSeparator(dir.back())) dir.pop_back();
    return dir;
}

}  // namespace

bool IsAbsolute(const std::string& path) {
    if (!path.empty() && IsSeparator(path[0])) return true;
    return path.size() >= 3 && std::isalpha(static_cast<unsigned char>(path[0])) && path[1] == ':' && IsSeparator(path[2]);
}

std::optional<FileIdentity> Identify(const std::string& path) {
    // No access rights asked, and every sharing mode: this looks at a file another program (or
    // SQLite) has open without disturbing it. BACKUP_SEMANTICS lets it name a folder too.
    HANDLE h = ::CreateFileW(Wide(path).c_str(), 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                             OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr);
    if (h == INVALID_HANDLE_VALUE) return std::nullopt;
    BY_HANDLE_FILE_INFORMATION info{};
    const BOOL ok = ::GetFileInformationByHandle(h, &info);
    ::CloseHandle(h);
    if (!ok) return std::nullopt;
    return FileIdentity{info.dwVolumeSerialNumber,
                        (static_cast<uint64_t>(info.nFileIndexHigh) << 32) | info.nFileIndexLow};
}

std::string NetworkFilesystemOf(const std::string& path) {
    if (path.size() >= 2 && IsSeparator(path[0]) && IsSeparator(path[1])) return "SMB";  // \\server\share
    wchar_t full[MAX_PATH * 4];
    if (!::GetFullPathNameW(Wide(path).c_str(), MAX_PATH * 4, full, nullptr)) return "";
    if (full[0] == L'\\' && full[1] == L'\\') return "SMB";
    wchar_t root[MAX_PATH * 4];
    if (!::GetVolumePathNameW(full, root, MAX_PATH * 4)) return "";
    return ::GetDriveTypeW(root) == DRIVE_REMOTE ? "SMB" : "";
}

int ErrnoOfSystemError(int code) { return code == 0 ? 0 : ErrnoOf(static_cast<DWORD>(code)); }

int Rename(const std::string& from, const std::string& to, bool replace) {
    // Write-through: the move is on the disk when this returns. Without REPLACE_EXISTING an
    // existing `to` makes it fail, atomically.
    const DWORD flags = MOVEFILE_WRITE_THROUGH | (replace ? MOVEFILE_REPLACE_EXISTING : 0);
    // A virus scanner or the search indexer often holds a file that was just closed for a moment.
    for (int attempt = 0;; ++attempt) {
        if (::MoveFileExW(Wide(from).c_str(), Wide(to).c_str(), flags)) return 0;
        const DWORD err = ::GetLastError();
        if ((err != ERROR_SHARING_VIOLATION && err != ERROR_ACCESS_DENIED) || attempt == 5) return ErrnoOf(err);
        ::Sleep(50);
    }
}

int SyncDescriptor(int fd) { return ::_commit(fd) == 0 ? 0 : errno; }

void SyncFolder(const std::string&) {}

int MakeDir(const std::string& path, unsigned) {
    if (::CreateDirectoryW(Wide(path).c_str(), nullptr)) return 0;
    return ErrnoOf(::GetLastError());
}

void SetMode(const std::string&, unsigned) {}

std::string MakeTempDir(const std::string& prefix) {
    static const char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::string p = prefix;
        for (int i = 0; i < 6; ++i) p.push_back(kChars[rd() % (sizeof kChars - 1)]);
        const int err = MakeDir(p, 0700);
        if (err == 0) return p;
        if (err != EEXIST) {
            errno = err;
            return "";
        }
    }
    errno = EEXIST;
    return "";
}

std::string TempFolder() {
    wchar_t buf[MAX_PATH + 1];
    const DWORD n = ::GetTempPathW(MAX_PATH + 1, buf);
    if (n == 0 || n > MAX_PATH) return ".";
    return Trimmed(Narrow(buf));
}

std::string CanonicalPath(const std::string& path) {
    HANDLE h = ::CreateFileW(Wide(path).c_str(), 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                             OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr);
    if (h == INVALID_HANDLE_VALUE) return "";
    wchar_t buf[MAX_PATH * 4];
    DWORD n = ::GetFinalPathNameByHandleW(h, buf, MAX_PATH * 4, FILE_NAME_NORMALIZED);
    if (n == 0) n = ::GetFinalPathNameByHandleW(h, buf, MAX_PATH * 4, FILE_NAME_OPENED);  // some redirectors
    ::CloseHandle(h);
    if (n == 0 || n >= MAX_PATH * 4) return "";
    std::string out = Narrow(buf);
    if (out.rfind("\\\\?\\UNC\\", 0) == 0) out = "\\\\" + out.substr(8);
    else if (out.rfind("\\\\?\\", 0) == 0) out = out.substr(4);
    return out;
}

std::tm LocalTime(std::time_t t) {
    std::tm tm{};
    ::localtime_s(&tm, &t);
    return tm;
}

std::tm UtcTime(std::time_t t) {
    std::tm tm{};
    ::gmtime_s(&tm, &t);
    return tm;
}

std::time_t UtcSeconds(std::tm tm) { return ::_mkgmtime(&tm); }

std::string LoginName() {
    wchar_t buf[256];
    DWORD n = 256;
    if (::GetUserNameW(buf, &n)) return Narrow(buf);
    return Env("USERNAME");
}

std::string ExecutablePath() {
    wchar_t buf[MAX_PATH * 4];
    const DWORD n = ::GetModuleFileNameW(nullptr, buf, MAX_PATH * 4);
    if (n == 0 || n >= MAX_PATH * 4) return "";
    return Narrow(buf);
}

std::string UserDataRoot() {
    // %APPDATA% (roaming: it follows the user to another municipal PC), else the known folder.
    std::string dir = Env("APPDATA");
    if (dir.empty()) {
        PWSTR p = nullptr;
        if (::SHGetKnownFolderPath(FOLDERID_RoamingAppData, 0, nullptr, &p) == S_OK) dir = Narrow(p);
        ::CoTaskMemFree(p);
    }
    return dir.empty() ? TempFolder() : Trimmed(dir);
}

std::string UserDocumentsFolder() {
    std::string dir;
    PWSTR p = nullptr;
    if (::SHGetKnownFolderPath(FOLDERID_Documents, 0, nullptr, &p) == S_OK) dir = Narrow(p);
    ::CoTaskMemFree(p);
    if (dir.empty()) dir = Env("USERPROFILE");
    return dir.empty() ? TempFolder() : Trimmed(dir);
}

void OpenFolderInDesktop(const std::string& folder) {
    ::ShellExecuteW(nullptr, L"open", Wide(folder).c_str(), nullptr, nullptr, SW_SHOWNORMAL);
}

void CopyPngToClipboard(const std::string& png, std::string*) {
    // The registered "PNG" format is the one Word, PowerPoint, Outlook and LibreOffice paste.
    const UINT format = ::RegisterClipboardFormatW(L"PNG");
    // The clipboard's owner is a window: a message-only one of this program's, kept for its life
    // (a clipboard opened without a window cannot be given data).
    static const HWND owner = ::CreateWindowExW(0, L"STATIC", L"Stegvis", 0, 0, 0, 0, 0, HWND_MESSAGE, nullptr,
                                                ::GetModuleHandleW(nullptr), nullptr);
    if (format == 0 || owner == nullptr) throw std::runtime_error("the clipboard cannot be used here");
    HGLOBAL mem = ::GlobalAlloc(GMEM_MOVEABLE, png.size());
    void* at = mem ? ::GlobalLock(mem) : nullptr;
    if (at == nullptr) {
        if (mem) ::GlobalFree(mem);
        throw std::runtime_error("out of memory for the clipboard");
    }
    std::memcpy(at, png.data(), png.size());
    ::GlobalUnlock(mem);
    // Another program may have the clipboard open for a moment.
    bool open = false;
    for (int i = 0; i < 25 && !(open = ::OpenClipboard(owner) != 0); ++i) ::Sleep(20);
    if (!open) {
        ::GlobalFree(mem);
        throw std::runtime_error("the clipboard is busy: another program has it open");
    }
    ::EmptyClipboard();
    const bool given = ::SetClipboardData(format, mem) != nullptr;  // the clipboard owns it now
    ::CloseClipboard();
    if (!given) {
        ::GlobalFree(mem);
        throw std::runtime_error("the clipboard did not take the image");
    }
}

void LeaveOwnConsole() {
    DWORD ids[2];
    if (::GetConsoleProcessList(ids, 2) == 1) ::FreeConsole();
}

void PrepareProcess() {
    // stegvis.exe is a Windows program: started from a console with a command (stegvis.exe
    // status ...), it has no output of its own. It then writes to the console it was started
    // from, unless its output goes to a file or a pipe already. (stegvis.com is the console's.)
    const HANDLE out = ::GetStdHandle(STD_OUTPUT_HANDLE);
    if ((out == nullptr || out == INVALID_HANDLE_VALUE) && ::AttachConsole(ATTACH_PARENT_PROCESS)) {
        std::FILE* ignored = nullptr;
        ::freopen_s(&ignored, "CONOUT$", "w", stdout);
        ::freopen_s(&ignored, "CONOUT$", "w", stderr);
    }
    _fmode = _O_BINARY;  // fopen and open without a mode: bytes as they are
    // Output byte for byte as on Linux ("\n", not "\r\n"), so a script or a diff sees the same;
    // input stays text, so a file saved by Notepad (CRLF) reads as lines.
    ::_setmode(::_fileno(stdout), _O_BINARY);
    ::_setmode(::_fileno(stderr), _O_BINARY);
    ::SetConsoleOutputCP(CP_UTF8);
    ::SetConsoleCP(CP_UTF8);
}

}  // namespace stegvis::platform
