// A project kept on a server: its file is the server project's working copy. Every write
// transaction on it begins by taking the project's turn on the server and taking in what others
// committed since, and commits there, in one server transaction, before it commits here
// (Store::AttachRemote). The store knows nothing of the server beyond this; server/ does.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace stegvis {

// One row a write transaction added, changed or removed, as SQLite's session extension records
// it: enough to make the same change on the server and to check that the row there is still
// what this copy had.
struct RowChange {
    enum class Op { Insert, Update, Delete };
    using Value = std::optional<std::string>;  // std::nullopt is SQL NULL; numbers as text
    std::string table;
    Op op = Op::Update;
    std::vector<std::string> columns;  // every column of the table, in order
    std::vector<bool> key;             // per column: part of the primary key
    // Per column: the value before the change (Update: the key and the changed columns; Delete:
    // all) and after it (Insert: all; Update: the changed columns). Empty optional: not given.
    std::vector<std::optional<Value>> before, after;
};

// One edit someone committed to the server project: its row changes as a SQLite changeset.
struct RemoteCommit {
    int64_t version = 0;  // grows with every commit to the project
    std::string who;      // the login that made it (the server's word, not the editor's)
    std::string changeset;
};

// Where a Store's writes go besides its own file.
class Remote {
public:
    virtual ~Remote() = default;
    // Starts a server transaction and waits for the project's turn (one writer at a time), then
    // returns what others committed after `since`, oldest first. Throws when the server cannot
    // be reached (nothing is then open there).
    virtual std::vector<RemoteCommit> Begin(int64_t since) = 0;
    // Makes `changes` on the server, each only where the row there is still what `before` says,
    // records `changeset` for the others, and commits. Returns the new version. Throws
    // RemoteConflict when a row is not what this copy had (nothing is then kept), or another
    // error (no connection, not allowed). Ends the transaction Begin started either way.
    virtual int64_t Commit(const std::vector<RowChange>& changes, const std::string& changeset) = 0;
    // Ends a transaction Begin started without keeping anything. Never throws.
    virtual void Abort() noexcept = 0;
    // What others committed after `since`, without waiting for a turn.
    virtual std::vector<RemoteCommit> Fetch(int64_t since) = 0;
    // True when the server has announced others' commits since the last call. Cheap, never waits.
    virtual bool OthersChanged() = 0;
    // The whole project, written as a new Stegvis file at `path`, and the version it is at.
    virtual int64_t Snapshot(const std::string& path) = 0;
    // The project's address without secrets, for the status bar and messages.
    virtual std::string Name() const = 0;
    // The login the server knows this user by.
    virtual std::string Login() const = 0;
    // The logins that have the project open besides this one, by name; empty when unknown.
    virtual std::vector<std::string> OthersOpen() = 0;
    // False while the server cannot be reached (the last call failed for want of a connection).
    virtual bool Connected() const = 0;
};

// A write refused because the server's project is not what this copy had.
class RemoteConflict : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A write refused because the server could not be reached: nothing was saved, and it can be
// made again once the server is back.
class RemoteUnreachable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace stegvis
