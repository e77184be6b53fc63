// The command-line side of "nothing lost": `backups` (list, make and restore the automatic
// backups) and the hidden `script` (a stream of real edits, for the crash and two-window tests).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace stegvis {

class SafetyCommands {
public:
    explicit SafetyCommands(CLI::App& app);  // adds the subcommands
    // The exit status when one of these subcommands was given, std::nullopt otherwise.
    // Errors are thrown, as for the other subcommands.
    std::optional<int> Run() const;

private:
    int RunBackups() const;
    int RunScript() const;
    int CheckScript() const;

    CLI::App* m_backups = nullptr;
    std::string m_backupsDb, m_backupsDir, m_restore;
    bool m_make = false;

    CLI::App* m_script = nullptr;
    std::string m_scriptDb;
    int m_edits = 100;
    uint64_t m_seed = 1;
    int m_lane = 0, m_lanes = 1;
    std::string m_check;
};

}  // namespace stegvis
