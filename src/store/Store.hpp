// The one place that speaks SQL. Opens, validates and migrates a project file and reads the
// model; writes only field-level changes on behalf of Actions (see Actions.hpp).
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "base/Files.hpp"
#include "domain/Model.hpp"
#include "store/Remote.hpp"
#include "store/Sqlite.hpp"

namespace stegvis {

namespace storeimpl {
struct Access;
}

// Why a file could not be opened. The file is never modified when this is thrown.
class OpenError : public std::runtime_error {
public:
    // Moved: the path no longer names the file that was opened (moved, deleted or replaced by
    // another program while open); nothing more is written to either.
    enum class Kind { NotFound, Exists, NotSqlite, Foreign, TooNew, ReadOnly, Locked, Corrupt, Io, Moved };
    OpenError(Kind kind, const std::string& path, const std::string& why);
    Kind GetKind() const { return m_kind; }

private:
    Kind m_kind;
};

// One field-level change: (entity, key, field) from one value to another. A missing value
// (std::nullopt) means "absent", e.g. an unticked checklist item.
struct FieldChange {
    std::string entity;
    std::string key;
    std::string field;
    std::optional<std::string> oldValue;
    std::optional<std::string> newValue;
};

// What a project file holds, read without opening it for editing (e.g. an automatic backup).
struct FileSummary {
    std::string name;
    std::string organisation;
    int schema = 0;
    int64_t historyEntries = 0;
    std::string lastChangeAt;  // newest history time, empty when never edited
};

// A storage failure (disk full, file too large, locked, read-only, damaged) in plain Swedish,
// with SQLite's own words after it, e.g. "disken är full (database or disk is full)".
std::string DescribeStorageError(const SqliteError& e);

// SQLite keeps -wal, -shm and -journal files beside a database. Without the database they are
// left-overs (of a crash, or of a file deleted by hand), and a stale -wal would be replayed into
// a new file of that name: so they go before a new file takes the name.
void RemoveSidecars(const std::string& path);

class Store {
public:
    ~Store() { Release(); }
    Store(Store&&) noexcept = default;
    Store& operator=(Store&& o) noexcept {
        if (this != &o) {
            Release();
            m_path = std::move(o.m_path);
            m_db = std::move(o.m_db);
            m_readOnly = o.m_readOnly;
            m_identity = o.m_identity;
            m_walIdentity = o.m_walIdentity;
            m_shmIdentity = o.m_shmIdentity;
            m_seenDataVersion = o.m_seenDataVersion;
            m_networkFs = std::move(o.m_networkFs);
            m_remote = std::move(o.m_remote);
            m_remoteVersion = o.m_remoteVersion;
            m_othersVersion = o.m_othersVersion;
            m_seenVersion = o.m_seenVersion;
            m_remoteStale = o.m_remoteStale;
            m_readWholeUnseen = o.m_readWholeUnseen;
            m_reportedVersion = o.m_reportedVersion;
            m_others = std::move(o.m_others);
            m_undoOwner = std::move(o.m_undoOwner);
            m_changesetColumns = std::move(o.m_changesetColumns);
        }
        return *this;
    }

    static constexpr int kSchemaVersion = 8;
    static constexpr int kApplicationId = 0x53544547;  // "STEG"

    // Creates a new project file; refuses an existing path. `catalog`: the rows the project is
    // made with, kept in it as its own (none: it follows the catalog Stegvis ships).
    static Store Create(const std::string& path, const ProjectInfo& info, const Catalog* catalog = nullptr);
    // Opens an existing project file, checking it is a Stegvis file this program can read (its
    // schema is Stegvis's own, its contents keep the edits' rules: Verify.hpp), then brings its
    // schema up to date.
    static Store Open(const std::string& path);
    // Opens a project file for reading only: one consistent snapshot of it (its log included) is
    // copied into memory through SQLite and read there. Nothing is written to the file (no
    // migration, no journal), so it works on a full disk, a read-only file or folder. A file of
    // an older schema is upgraded in the copy. `readLimitSeconds` > 0 bounds every read (a file
    // from anyone, in a roll-up). The same checks as Open; writes fail.
    static Store OpenReadOnly(const std::string& path, double readLimitSeconds = 0);
    // What the county overview reads of one unit: the project, the steps (also per initiative)
    // with their ticks, the inventory, the initiatives, measures and PDSA cycles, the data points
    // and the last change; nothing else is loaded. The file gets every check OpenReadOnly gives
    // and the same refusals, but a file of the current schema is checked and read in place, in
    // one read transaction (one snapshot, its lock held for those few milliseconds), instead of
    // being copied into memory first; an older one is upgraded in a copy as OpenReadOnly does.
    static ProjectModel ReadOverview(const std::string& path, double readLimitSeconds);
    // The empty schema of `version`, in memory: what a file of that version must hold.
    static Db SchemaInMemory(int version);
    // For tests of the upgrade path: build the schema only up to `version`.
    static void CreateAtVersion(const std::string& path, int version);

    // ---- whole files, for checks and automatic backups; none of these migrate or write the source ----
    // "ok", or SQLite's list of problems (PRAGMA integrity_check). Opens the file read-only; a
    // file SQLite cannot read at all gives the reason instead of "ok".
    static std::string CheckIntegrity(const std::string& path);
    // Reads the project's name and history size from a Stegvis file. Throws OpenError.
    static FileSummary Summarize(const std::string& path);
    // The schema version in the file's SQLite header (PRAGMA user_version as last checkpointed),
    // read from its first 100 bytes without opening it; -1 when it is not a readable SQLite
    // file. A version bumped since the last checkpoint may still be in the -wal, so this can be
    // lower than the truth, never higher.
    static int HeaderSchemaVersion(const std::string& path);
    // Copies a consistent snapshot of the Stegvis file `sourcePath` (other windows may keep
    // editing it) into `destPath`, which must be missing or empty. The copy is one
    // self-contained file (rollback journal, no -wal beside it). Throws OpenError or SqliteError.
    // With `progress`, copied a few pages at a time (counted in pages), and Avbryt stops it
    // with Cancelled (the caller removes `destPath`).
    static void SnapshotTo(const std::string& sourcePath, const std::string& destPath,
                           TaskProgress* progress = nullptr);
    // Replaces everything in the project file `livePath` with the contents of the Stegvis file
    // `sourcePath`, in one transaction through SQLite (so its -wal stays consistent and a
    // window that has the file open sees an external change). Throws OpenError (Kind::Corrupt
    // when `livePath` cannot be read as a database) or SqliteError. With `progress`, copied a few
    // pages at a time: until the step that commits, Avbryt throws Cancelled and `livePath` is
    // left exactly as it was (the transaction rolls back); that step is past the point of no return.
    static void ReplaceContents(const std::string& livePath, const std::string& sourcePath,
                                TaskProgress* progress = nullptr);
    // The number of pages in a Stegvis file (what SnapshotTo would copy); 0 when it cannot be read.
    static int64_t PageCount(const std::string& path);

    const std::string& Path() const { return m_path; }
    bool IsReadOnly() const { return m_readOnly; }
    // The network file system the file is on ("NFS", "SMB/CIFS", ...), "" on a local disk. Such
    // a file is written with a rollback journal instead of the WAL log: two machines share no
    // memory, and the log's -shm would let both write at once and corrupt the file.
    const std::string& NetworkFilesystem() const { return m_networkFs; }
    int SchemaVersion() const;

    // ---- the file under the path ----
    // False when the path no longer names the file this Store opened: it was moved, deleted or
    // replaced (a sync client, a copy over it). Every write transaction checks this first, so
    // nothing is written to a file the user no longer sees, and the -wal is never left to be
    // replayed into a file it does not belong to.
    bool StillAtPath() const;
    // Throws OpenError(Kind::Moved) unless StillAtPath(). Called inside each write transaction.
    void CheckStillAtPath() const;
    // Writes everything this Store has (its file and its log, as one consistent snapshot) to
    // `newPath`, which must not exist: how the edits of a file moved or replaced under an open
    // window are saved. The copy is a complete project (mode 0600).
    void SaveCopyTo(const std::string& newPath) const;
    // Whether every value still keeps the rules (Verify.hpp); the first problem in plain words.
    std::optional<std::string> ContentProblem() const;

    // ---- changes made by others: another window or another program on the same file ----
    // SQLite's PRAGMA data_version: a number that changes when another connection (another
    // window, another process) has committed to the file since this one last looked. This
    // Store's own commits leave it unchanged. Cheap (no disk reads in WAL mode), so a window can
    // poll it every frame or every second and reload its model when it moves.
    int64_t DataVersion() const;
    // True when DataVersion() has moved since the previous call (or since Open): someone else
    // has changed the file and the model shown is out of date.
    bool ChangedSinceLastCheck();

    // ---- checkpoints: when the write-ahead log is copied back into the file ----
    // By default SQLite does it inside whichever commit fills the log, which makes that one edit
    // several times slower. A window defers them and calls Checkpoint() while it waits for input.
    void DeferCheckpoints();
    // Copies what it can of the log into the file without waiting for other readers (PASSIVE).
    // Storage errors are swallowed: the log stays and the next call tries again.
    void Checkpoint();

    // ---- a project kept on a server (store/Remote.hpp) ----
    // From now on every write transaction first takes the project's turn on `remote` and takes
    // in what others committed there since `version` (what this file holds), and is made there,
    // in one server transaction, before it commits here; refused there, it is not kept here
    // either. The file is then the server project's working copy (the Store takes the Remote,
    // which may own the file's folder).
    void AttachRemote(std::unique_ptr<Remote> remote, int64_t version);
    Remote* GetRemote() const { return m_remote.get(); }
    // Takes in what others have committed to the server project since (without waiting for a
    // turn); true when anything came. Throws RemoteUnreachable when the server cannot be reached.
    bool TakeInRemote();
    // The user has now seen the project as this file holds it. An edit of a field someone else
    // changed after what the user last saw is refused, never written over (RemoteConflict), so
    // the caller marks what it has shown: a window after it reloads the model, a script after
    // each edit. Until the first call: what the project was when opened.
    void MarkSeen() {
        m_seenVersion = m_remoteVersion;
        m_readWholeUnseen = false;
    }
    // The server version this file holds, and the one MarkSeen() last noted (0 for a file).
    int64_t RemoteVersion() const { return m_remoteVersion; }
    int64_t SeenVersion() const { return m_seenVersion; }
    // True when others' edits have been taken in since MarkSeen(): the model shown is behind.
    bool OthersNewerThanSeen() const { return m_othersVersion > m_seenVersion || m_readWholeUnseen; }
    // The name the history gives an edit by `who`: on a server project the server's login,
    // "who (login)" when the user has given another name; `who` itself in a file.
    std::string Actor(const std::string& who) const;

    ProjectModel Load() const;
    // Reads again only the parts of `m` that changes to these (entity, key) pairs can reach: an
    // edit's own changes. The undo counts and the history are the caller's to update.
    void Refresh(ProjectModel& m, const std::vector<std::pair<std::string, std::string>>& touched) const;
    std::vector<HistoryEntry> History(int limit) const;

    // ---- writing: only through a Write, the one write transaction an edit holds ----
    class Write;
    // Takes the file's write lock (another window's edit waits) and checks the file is still at
    // its path. Everything read through this Store until the Write ends sees that state.
    Write BeginWrite();
    // For a file nobody else sees yet (the demo being built): commits skip the wait for the
    // disk until this is called again with true.
    void SetDurable(bool durable);

    // ---- reads the rules of an edit need (edit/Validate, edit/Actions) ----
    std::optional<std::string> ReadField(const std::string& entity, const std::string& key,
                                         const std::string& field) const;
    // Open activities and resources (of initiatives not removed) a member is responsible for.
    int CountReferences(const std::string& memberId) const;
    std::vector<std::pair<int64_t, std::string>> MembersWithRole(const std::string& role) const;  // (id, name), not removed
    int64_t NextActionId() const;
    bool NameInUse(const std::string& entity, const std::string& name) const;  // "baseline" / "round", visible ones
    bool RoundExists(int64_t id) const;
    std::vector<std::string> PositionedRecommendations() const;
    std::vector<std::pair<int, std::string>> RoundAnswerKeys(int64_t round) const;  // (respondent, item)
    // The newest action still applied (for undo) and the oldest undone one (for redo).
    std::optional<int64_t> LastDoneAction() const;
    std::optional<int64_t> FirstUndoneAction() const;
    std::vector<HistoryEntry> ActionEntries(int64_t actionId) const;
    // A change a later action (not undone) made to a field `actionId` changed: undoing or redoing
    // `actionId` would silently take it back. Nothing when there is none.
    std::optional<HistoryEntry> LaterChange(int64_t actionId) const;

private:
    friend class Write;
    friend struct storeimpl::Access;  // the other files of src/store (a backup reads every table)
    void WriteField(const std::string& entity, const std::string& key, const std::string& field,
                    const std::optional<std::string>& value);
    int64_t InsertDecision(const Decision& d);
    int64_t InsertBaseline(const std::string& name, const std::string& takenOn);  // snapshots the inventory
    int64_t InsertRound(const std::string& instrument, const std::string& name, const std::string& heldOn);
    int64_t InsertRecord(const std::string& kind, int64_t initiative, const std::map<std::string, std::string>& fields);
    int64_t RecordHistory(int64_t actionId, const std::string& who, const std::string& label, const FieldChange& c,
                          const std::string& at);
    void SetActionState(int64_t actionId, const std::string& state);
    void DropUndone();

    Store(std::string path, Db db, bool readOnly = false);
    // Closes the connection. When the file is no longer at its path, its log is first copied into
    // it (wherever it is now: a moved file keeps every edit; SQLite itself skips that on close),
    // then the -wal and -shm left at the path are taken away, so they are never replayed into a
    // file that takes the name later. Ours only: checked by identity.
    void Release();
    // Busy timeout, foreign keys, durable commits, and the journal: the WAL log on a local disk, a
    // rollback journal on a network file system (`path` decides; returns that file system's
    // name, or ""). Throws OpenError when a file on a network share cannot leave WAL mode
    // because a program, perhaps on another machine, still has it open.
    static std::string Configure(Db& db, const std::string& path);
    static void Migrate(Db& db, const std::string& path, int target);
    void LoadProject(ProjectModel& m) const;
    void LoadSteps(ProjectModel& m) const;
    void LoadDecisions(ProjectModel& m) const;
    enum : unsigned { kDiscussions = 1, kInventory = 2, kBaselines = 4, kPriorities = 8, kHexagon = 16, kRounds = 32, kAllPhase1 = 63 };
    void LoadPhase1(ProjectModel& m, unsigned parts) const;
    // Records and initiative steps (`records`), measure points (`points`: of `measures`, or all
    // when that is empty).
    void LoadRecords(ProjectModel& m, bool records, bool points, const std::set<int64_t>& measures = {}) const;
    void LoadHistoryCounts(ProjectModel& m) const;
    void LoadCatalogRows(ProjectModel& m) const;
    static ProjectModel ReadOverviewFrom(const Db& db);
    std::pair<bool, std::optional<std::string>> ReadComposite(const std::string& entity, const std::string& key,
                                                              const std::string& field) const;
    bool WriteComposite(const std::string& entity, const std::string& key, const std::string& field,
                        const std::optional<std::string>& value);

    std::string m_path;
    Db m_db;
    bool m_readOnly = false;
    std::optional<FileIdentity> m_identity;  // of the file at m_path when opened
    std::string m_networkFs;                 // see NetworkFilesystem()
    // Its side files while this Store is open; SQLite makes them at the first read or write.
    mutable std::optional<FileIdentity> m_walIdentity, m_shmIdentity;
    void NoteSideFiles() const;
    int64_t m_seenDataVersion = 0;
    // Goes after Release() has closed the connection (the destructor's body), so a folder it
    // owns for the working copy is removed only once the file is closed.
    std::unique_ptr<Remote> m_remote;
    // The server version this file holds; the newest taken in from others; the one last seen.
    int64_t m_remoteVersion = 0, m_othersVersion = 0, m_seenVersion = 0;
    // The file is behind the server in a way taking in cannot mend: read the whole project again.
    bool m_remoteStale = false;
    int64_t m_reportedVersion = 0;   // the newest of others' edits ChangedSinceLastCheck has told of
    bool m_readWholeUnseen = false;  // read whole from the server since the user last saw it
    // Per field (entity, key, field), the newest change others made to it that was taken in.
    struct OtherEdit {
        int64_t version = 0;
        std::string who, at;
        std::optional<std::string> value;
    };
    std::map<std::tuple<std::string, std::string, std::string>, OtherEdit> m_others;
    // Undo and redo take back only this login's own actions ("" in a file: every action).
    std::string m_undoOwner;
    // Per table of this file, its columns in order (what a changeset names by position).
    std::map<std::string, std::vector<std::string>> m_changesetColumns;
    // Applies others' commits to the file, in one transaction; a commit that does not fit what the
    // file holds makes the whole project read again instead.
    void TakeIn(const std::vector<RemoteCommit>& commits);
    void ReloadFromRemote();
    // The project's turn on the server, taken before a Write's transaction here begins.
    bool BeginTurn();
};

// One write transaction on a Store: the only way anything changes the file. Made by
// Store::BeginWrite (Apply, Undo and Redo each hold one); rolls back unless Commit() is called.
class Store::Write {
public:
    Write(const Write&) = delete;
    Write& operator=(const Write&) = delete;

    const Store& Reads() const { return m_store; }
    void Field(const std::string& entity, const std::string& key, const std::string& field,
               const std::optional<std::string>& value) {
        if (m_store.m_remote) m_fields.emplace_back(entity, key, field);
        m_store.WriteField(entity, key, field, value);
    }
    int64_t InsertDecision(const Decision& d) { return m_store.InsertDecision(d); }
    int64_t InsertBaseline(const std::string& name, const std::string& takenOn) {
        return m_store.InsertBaseline(name, takenOn);
    }
    int64_t InsertRound(const std::string& instrument, const std::string& name, const std::string& heldOn) {
        return m_store.InsertRound(instrument, name, heldOn);
    }
    int64_t InsertRecord(const std::string& kind, int64_t initiative, const std::map<std::string, std::string>& fields) {
        return m_store.InsertRecord(kind, initiative, fields);
    }
    // One history row for a change of this action; returns the row's id.
    int64_t RecordHistory(int64_t actionId, const std::string& who, const std::string& label, const FieldChange& c,
                          const std::string& at) {
        return m_store.RecordHistory(actionId, who, label, c, at);
    }
    void SetActionState(int64_t actionId, const std::string& state) { m_store.SetActionState(actionId, state); }
    void DropUndone() { m_store.DropUndone(); }  // a new edit ends the redo chain
    // Commits: on a server project first there (throws RemoteConflict, RemoteUnreachable or
    // another error, and the transaction then rolls back here too), then here.
    void Commit();
    ~Write();

private:
    friend class Store;
    explicit Write(Store& store);
    // On a server project: the project's turn there (others' edits taken in), held from before
    // the transaction here begins until Commit; given back, keeping nothing, when not committed.
    struct Turn {
        Store* store = nullptr;
        explicit Turn(Store& s) : store(s.BeginTurn() ? &s : nullptr) {}
        Turn(const Turn&) = delete;
        Turn& operator=(const Turn&) = delete;
        ~Turn() {
            if (store) store->m_remote->Abort();
        }
    };
    Store& m_store;
    Turn m_turn;
    Transaction m_tx;
    // The fields this transaction writes (a server project's, for the check against others').
    std::vector<std::tuple<std::string, std::string, std::string>> m_fields;
    // What this transaction changes, recorded row by row for a server project (else null).
    struct SessionHandle;
    std::unique_ptr<SessionHandle> m_session;
};

}  // namespace stegvis
