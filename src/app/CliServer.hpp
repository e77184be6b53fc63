// The command line of shared projects on a PostgreSQL server: `server init|projects|grant|revoke`,
// `push` (a project file up as a new server project) and `pull` (a server project down as a new
// file). Where this build has no server support (Windows, for now), the commands say so.
#pragma once
#include <optional>
#include <string>

#include "store/Store.hpp"

namespace CLI {
class App;
}

namespace stegvis {

// "postgresql://..." or "postgres://...": a project on a server rather than a file.
bool NamesServer(const std::string& db);
// A project to change: a file, or a server project's working copy (server/Server.hpp).
Store OpenForEditing(const std::string& db);

class ServerCommands {
public:
    explicit ServerCommands(CLI::App& app);  // adds the subcommands
    // The exit status when one of these subcommands was given, std::nullopt otherwise.
    // Errors are thrown, as for the other subcommands.
    std::optional<int> Run() const;

private:
    CLI::App* m_server = nullptr;
    CLI::App* m_init = nullptr;
    CLI::App* m_projects = nullptr;
    CLI::App* m_grant = nullptr;
    CLI::App* m_revoke = nullptr;
    CLI::App* m_push = nullptr;
    CLI::App* m_pull = nullptr;
    std::string m_db, m_user, m_level, m_to, m_out;
};

}  // namespace stegvis
