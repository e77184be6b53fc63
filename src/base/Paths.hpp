// Where things live: the user's data folder, the program's data files, small settings.
#pragma once
#include <map>
#include <string>

namespace stegvis {

// $XDG_DATA_HOME/stegvis, default ~/.local/share/stegvis; %APPDATA%\\Stegvis on Windows. Created
// (mode 0700) when missing.
std::string DataDir();
// The folder holding phases/, data/ and templates/: $STEGVIS_HOME, else ../share/stegvis beside
// the executable (installed), else the executable's own folder (the Windows zip), else the source
// tree the binary was built from.
std::string ResourceDir();
std::string CatalogPath();
std::string PhasesPath();
std::string InstrumentsDir();
// Where documents are exported by default: the desktop's documents folder as `xdg-user-dir
// DOCUMENTS` names it (e.g. ~/Dokument), else ~/Documents when it exists, else $HOME; on Windows
// the user's Documents (Dokument) folder. Not
// created here: the folder may not exist until the first export.
std::string DocumentsDir();
std::string DefaultProjectPath();  // DataDir()/projekt.stegvis
std::string DemoProjectPath();     // DataDir()/demo.stegvis
bool PathExists(const std::string& path);
bool MakeDirs(const std::string& path, unsigned mode = 0700);

// A tiny key=value file in the data folder (language, font size, last file, user name).
class Settings {
public:
    explicit Settings(std::string path);
    static Settings InDataDir();
    std::string Get(const std::string& key, const std::string& fallback = "") const;
    void Set(const std::string& key, const std::string& value);
    void Save() const;  // atomic: written to a temp file, then renamed
    const std::string& Path() const { return m_path; }

private:
    std::string m_path;
    std::map<std::string, std::string> m_values;
};

}  // namespace stegvis
