// Projects on a PostgreSQL server: its address, its schema (numbered migrations), who may do
// what in which project (roles and row-level security in the database itself), and whole
// projects moved between a file and the server (push, pull). All of the server's SQL is in this
// room (server/); nothing above it knows PostgreSQL.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/Backup.hpp"
#include "store/Store.hpp"

namespace stegvis {

// True for "postgresql://..." and "postgres://...": what --db takes for a server project.
bool IsServerAddress(const std::string& text);

// A server address as the user gave it, made ready for libpq.
struct ServerAddress {
    std::string conninfo;  // the address without project=; sslmode=require added for a remote host
    std::string project;   // the project=NAME part, decoded; "" when not given
    std::string shown;     // the address for messages and the status bar: no password, no project
    bool remote = false;   // not this machine (loopback or a local socket)
};

// Splits `project=NAME` off a postgresql:// address (percent-decoded, so "%C3%85" is "Å"); the rest
// is left for libpq, so everything libpq reads still works (PGPASSWORD, ~/.pgpass, service files).
// A connection to another machine gets sslmode=require unless the address or `pgsslmode` (the
// PGSSLMODE variable) chooses a mode itself. Throws std::invalid_argument naming the problem.
ServerAddress ParseServerAddress(const std::string& text, const char* pgsslmode);
ServerAddress ParseServerAddress(const std::string& text);  // with $PGSSLMODE

// A server's refusal or failure, in words for the user, with the server's own after them.
class ServerError : public std::runtime_error {
public:
    enum class Kind { Connection, NotAllowed, NotFound, Exists, TooNew, Other };
    ServerError(Kind kind, const std::string& what) : std::runtime_error(what), m_kind(kind) {}
    Kind GetKind() const { return m_kind; }

private:
    Kind m_kind;
};

constexpr int kServerSchemaVersion = 3;

// Creates or upgrades the schema "stegvis" in the database the address names: each migration
// and its version bump in one transaction; a schema newer than this program knows is refused
// and left untouched. Running it again changes nothing. Returns (version before, version after).
std::pair<int, int> InitServer(const ServerAddress& server);

struct ServerProject {
    std::string name;
    std::string level;  // the caller's: "chef", "team", "read"; "" for IT (the schema's owner)
    std::string createdAt;
    std::string createdBy;
};
// The projects the caller may see, by name.
std::vector<ServerProject> ListServerProjects(const ServerAddress& server);

// Gives `role` (a login role IT has made) the level "chef", "team" or "read" in the address's
// project, or changes it; only the project's chefs and IT may. A project keeps one chef at least.
void GrantAccess(const ServerAddress& server, const std::string& role, const std::string& level);
// Takes `role`'s access to the project away. False when it had none.
bool RevokeAccess(const ServerAddress& server, const std::string& role);

struct PushResult {
    int tables = 0;
    int64_t rows = 0;
};
// Uploads the whole project file `file` (history included, checked as any open) as the new
// project named in `to`, all or nothing; an existing name is refused. The caller becomes its chef.
PushResult PushProject(const std::string& file, const ServerAddress& to);
// Everything of the address's project that the caller may read, as a backup document (the
// format `report --format json` writes), in the order the rows were added.
BackupDocument ServerBackup(const ServerAddress& from);
// A complete local copy of the address's project in the new file `outFile` (never over an
// existing one), through the same checks as restoring a backup.
void PullProject(const ServerAddress& from, const std::string& outFile);

// The address's project for reading (status, report, chart): one consistent snapshot of it,
// checked as a restored backup is, held in memory; nothing is written anywhere that stays.
Store ReadServerProject(const ServerAddress& from);

// Opens the address's project to work in: a working copy of it (in a private folder under the
// temporary folder, gone with the Store) whose every edit is made on the server in one server
// transaction before it counts as saved, refused when someone else has changed what it
// changes (ApplyResult::conflict). Others' edits reach it through ChangedSinceLastCheck.
Store OpenServerProject(const ServerAddress& at);

// For the county roll-up: every project on the server the caller may read, each written into
// `folder` as a backup (NAME.json, one consistent snapshot each). Returns, per project, the
// file and how to name the unit to the user ("postgresql://...?project=NAME").
std::vector<std::pair<std::string, std::string>> WriteServerBackups(const ServerAddress& server,
                                                                    const std::string& folder);

}  // namespace stegvis
