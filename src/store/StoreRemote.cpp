// A server project's working copy (store/Remote.hpp): each write transaction recorded row by row
// with SQLite's session extension and made on the server before it commits here; others' edits
// taken in as the changesets they recorded.
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>

#include <cstdio>
#include <map>

#include "base/Files.hpp"
#include "base/Text.hpp"
#include "store/Store.hpp"

namespace stegvis {

struct Store::Write::SessionHandle {
    sqlite3_session* session = nullptr;
    ~SessionHandle() {
        if (session) sqlite3session_delete(session);
    }
};

Store::Write::Write(Store& store) : m_store(store), m_turn(store), m_tx(store.m_db) {
    m_store.CheckStillAtPath();
    if (!m_store.m_remote) return;
    m_session = std::make_unique<SessionHandle>();
    int rc = sqlite3session_create(m_store.m_db.Handle(), "main", &m_session->session);
    if (rc == SQLITE_OK) rc = sqlite3session_attach(m_session->session, nullptr);  // every table
    if (rc != SQLITE_OK) m_store.m_db.Throw(rc, "sqlite3session_create");
}

Store::Write::~Write() = default;

namespace {

RowChange::Value ValueText(sqlite3_value* v) {
    switch (sqlite3_value_type(v)) {
        case SQLITE_NULL: return std::nullopt;
        case SQLITE_INTEGER: return std::to_string(sqlite3_value_int64(v));
        case SQLITE_FLOAT: {
            char b[40];
            std::snprintf(b, sizeof b, "%.17g", sqlite3_value_double(v));
            return std::string(b);
        }
        default: {
            const unsigned char* p = sqlite3_value_text(v);
            return std::string(p ? reinterpret_cast<const char*>(p) : "", static_cast<size_t>(sqlite3_value_bytes(v)));
        }
    }
}

std::vector<std::string> ColumnsOf(const Db& db, const std::string& table) {
    std::vector<std::string> out;
    Stmt st(db, ("PRAGMA table_info(\"" + table + "\")").c_str());  // a table of this file, named by SQLite
    while (st.Step()) out.push_back(st.Text(1));
    return out;
}

// The rows a changeset adds, changes and removes. `columns`: the tables' columns known so far,
// added to as others are read. Throws SqliteError when it cannot be read.
std::vector<RowChange> ReadChangeset(const Db& db, const std::string& changeset,
                                     std::map<std::string, std::vector<std::string>>& columns) {
    std::vector<RowChange> changes;
    sqlite3_changeset_iter* it = nullptr;
    int rc = sqlite3changeset_start(&it, static_cast<int>(changeset.size()), const_cast<char*>(changeset.data()));
    if (rc != SQLITE_OK) db.Throw(rc, "sqlite3changeset_start");
    while ((rc = sqlite3changeset_next(it)) == SQLITE_ROW) {
        const char* table = nullptr;
        int count = 0, op = 0, indirect = 0;
        sqlite3changeset_op(it, &table, &count, &op, &indirect);
        unsigned char* pk = nullptr;
        int pkCount = 0;
        sqlite3changeset_pk(it, &pk, &pkCount);
        RowChange c;
        c.table = table ? table : "";
        c.op = op == SQLITE_INSERT ? RowChange::Op::Insert
               : op == SQLITE_DELETE ? RowChange::Op::Delete
                                     : RowChange::Op::Update;
        auto& names = columns[c.table];
        if (names.empty()) names = ColumnsOf(db, c.table);
        if (names.size() != static_cast<size_t>(count)) {
            sqlite3changeset_finalize(it);
            db.Throw(SQLITE_CORRUPT, ("changeset for table '" + c.table + "'").c_str());
        }
        c.columns = names;
        for (int i = 0; i < count; ++i) {
            c.key.push_back(pk && i < pkCount && pk[i] != 0);
            sqlite3_value* v = nullptr;
            if (op != SQLITE_INSERT && sqlite3changeset_old(it, i, &v) == SQLITE_OK && v)
                c.before.emplace_back(ValueText(v));
            else
                c.before.emplace_back();
            v = nullptr;
            if (op != SQLITE_DELETE && sqlite3changeset_new(it, i, &v) == SQLITE_OK && v)
                c.after.emplace_back(ValueText(v));
            else
                c.after.emplace_back();
        }
        changes.push_back(std::move(c));
    }
    const int end = sqlite3changeset_finalize(it);
    if (rc != SQLITE_DONE) db.Throw(rc, "sqlite3changeset_next");
    if (end != SQLITE_OK) db.Throw(end, "sqlite3changeset_finalize");
    return changes;
}

// Memory SQLite's session extension handed over (a changeset), freed at the end of the scope.
struct SqliteMemory {
    void* p;
    SqliteMemory(const SqliteMemory&) = delete;
    SqliteMemory& operator=(const SqliteMemory&) = delete;
    ~SqliteMemory() { sqlite3_free(p); }
};

std::string Shown(const std::optional<std::string>& v) { return v && !v->empty() ? "'" + *v + "'" : "(tomt)"; }

// "2026-11-30 10:42:07" as "10:42" today, "2026-11-29 10:42" before.
std::string WhenText(std::string at) {
    if (at.size() < 16) return at;
    if (at[10] == 'T') at[10] = ' ';
    return at.compare(0, 10, TodayIso()) == 0 ? at.substr(11, 5) : at.substr(0, 16);
}

}  // namespace

void Store::Write::Commit() {
    if (!m_store.m_remote) {
        m_tx.Commit();
        return;
    }
    // A field someone else changed after what the user last saw is not written over.
    if (!m_fields.empty() && m_store.m_readWholeUnseen)
        throw RemoteConflict("projektet har lästs om från servern sedan du såg det; se över värdet och försök "
                             "igen. Din ändring sparades inte");
    for (const auto& f : m_fields) {
        auto other = m_store.m_others.find(f);
        if (other == m_store.m_others.end() || other->second.version <= m_store.m_seenVersion) continue;
        const auto& o = other->second;
        throw RemoteConflict(o.who + " ändrade detta till " + Shown(o.value) + " " + WhenText(o.at) +
                             "; din ändring sparades inte");
    }
    int size = 0;
    void* data = nullptr;
    int rc = sqlite3session_changeset(m_session->session, &size, &data);
    if (rc != SQLITE_OK) m_store.m_db.Throw(rc, "sqlite3session_changeset");
    const SqliteMemory freeData{data};
    const std::string changeset(static_cast<const char*>(data), static_cast<size_t>(size));
    if (changeset.empty()) {
        m_tx.Commit();  // nothing changed: nothing for the server
        return;
    }
    const std::vector<RowChange> changes = ReadChangeset(m_store.m_db, changeset, m_store.m_changesetColumns);
    // The server first: what it refuses is not kept here either (the transaction here rolls
    // back when this throws). Commit ends the server's transaction, kept or not.
    Store* turn = m_turn.store;
    m_turn.store = nullptr;
    if (!turn) throw std::logic_error("a write on a server project without its turn");
    int64_t version = 0;
    try {
        version = m_store.m_remote->Commit(changes, changeset);
    } catch (const RemoteConflict&) {
        // A row on the server is not what this copy had (a change made outside Stegvis): the
        // copy is read whole again at the next turn.
        m_store.m_remoteStale = true;
        throw;
    }
    m_store.m_remoteVersion = version;
    try {
        m_tx.Commit();
    } catch (...) {
        // Kept on the server but not here: this file is read again from the server next time.
        m_store.m_remoteStale = true;
        throw;
    }
}

void Store::AttachRemote(std::unique_ptr<Remote> remote, int64_t version) {
    m_remote = std::move(remote);
    m_undoOwner = m_remote->Login();
    m_remoteVersion = m_othersVersion = m_seenVersion = m_reportedVersion = version;
}

std::string Store::Actor(const std::string& who) const {
    if (!m_remote) return who;
    const std::string login = m_remote->Login();
    const std::string name = Trim(who);
    return name.empty() || name == login ? login : name + " (" + login + ")";
}

bool Store::BeginTurn() {
    if (!m_remote) return false;
    // What others committed is taken in before the turn, so the turn (others wait meanwhile)
    // holds only what came in the last moment.
    if (!m_remoteStale) TakeIn(m_remote->Fetch(m_remoteVersion));
    std::vector<RemoteCommit> commits = m_remote->Begin(m_remoteVersion);
    try {
        if (m_remoteStale) ReloadFromRemote();
        else TakeIn(commits);
    } catch (...) {
        m_remote->Abort();
        throw;
    }
    return true;
}

bool Store::TakeInRemote() {
    if (!m_remote) return false;
    if (m_remoteStale) {
        ReloadFromRemote();
        return true;
    }
    std::vector<RemoteCommit> commits = m_remote->Fetch(m_remoteVersion);
    if (commits.empty()) return false;
    TakeIn(commits);
    return true;
}

void Store::TakeIn(const std::vector<RemoteCommit>& commits) {
    if (commits.empty()) return;
    // The history rows each commit wrote: what others changed, by whom and to what.
    std::vector<std::pair<int64_t, int64_t>> historyRows;  // (version, history id)
    bool fits = true;
    {
        Transaction tx(m_db);
        // The commits as one changeset, applied at once (SQLite prepares its statements once per
        // table, not once per commit): each in turn changes what the one before it left.
        sqlite3_changegroup* group = nullptr;
        if (sqlite3changegroup_new(&group) != SQLITE_OK) m_db.Throw(SQLITE_NOMEM, "sqlite3changegroup_new");
        struct Group {
            sqlite3_changegroup* g;
            ~Group() { sqlite3changegroup_delete(g); }
        } groupOwner{group};
        for (const RemoteCommit& c : commits) {
            std::vector<RowChange> rows;
            try {
                rows = ReadChangeset(m_db, c.changeset, m_changesetColumns);
            } catch (const SqliteError&) {
                fits = false;
                break;
            }
            for (const RowChange& r : rows) {
                if (r.table != "history") continue;
                const auto& id = r.op == RowChange::Op::Insert ? r.after[0] : r.before[0];
                if (id && *id && r.op != RowChange::Op::Delete) historyRows.emplace_back(c.version, std::stoll(**id));
                // The history names the login the server stamped on the commit, nobody else.
                for (size_t i = 0; i < r.columns.size(); ++i) {
                    if (r.columns[i] != "who" || !r.after[i] || !*r.after[i]) continue;
                    const std::string& who = **r.after[i];
                    const std::string tail = " (" + c.who + ")";
                    if (who != c.who && !(who.size() > tail.size() && who.compare(who.size() - tail.size(), tail.size(), tail) == 0))
                        fits = false;
                }
            }
            if (!fits) break;
            if (sqlite3changegroup_add(group, static_cast<int>(c.changeset.size()),
                                       const_cast<char*>(c.changeset.data())) != SQLITE_OK) {
                fits = false;
                break;
            }
        }
        int size = 0;
        void* data = nullptr;
        if (fits && sqlite3changegroup_output(group, &size, &data) != SQLITE_OK) fits = false;
        const SqliteMemory freeData{data};
        // Any row that is not what the commits expect (this copy is behind in a way the log does
        // not tell) stops the taking in: the project is then read whole.
        auto onConflict = [](void*, int, sqlite3_changeset_iter*) -> int { return SQLITE_CHANGESET_ABORT; };
        if (fits && size > 0 &&
            sqlite3changeset_apply(m_db.Handle(), size, data, nullptr, onConflict, nullptr) != SQLITE_OK)
            fits = false;
        if (fits) tx.Commit();
    }
    if (!fits) {
        ReloadFromRemote();
        return;
    }
    Stmt st(m_db, "SELECT entity, key, field, state, old_value, new_value, who, at FROM history WHERE id = ?");
    for (const auto& [version, id] : historyRows) {
        st.Reset();
        st.Bind(1, id);
        if (!st.Step() || st.Text(3) == "dropped") continue;
        OtherEdit& o = m_others[{st.Text(0), st.Text(1), st.Text(2)}];
        if (o.version > version) continue;
        o.version = version;
        o.who = st.Text(6);
        o.at = st.Text(7);
        const int col = st.Text(3) == "done" ? 5 : 4;
        o.value = st.IsNull(col) ? std::nullopt : std::optional<std::string>(st.Text(col));
    }
    m_remoteVersion = commits.back().version;
    m_othersVersion = m_remoteVersion;
}

void Store::ReloadFromRemote() {
    if (!m_remote) return;
    const std::string fresh = m_path + ".fresh";
    RemoveSidecars(fresh);
    std::remove(fresh.c_str());
    const int64_t version = m_remote->Snapshot(fresh);
    try {
        Store::ReplaceContents(m_path, fresh);
    } catch (...) {
        std::remove(fresh.c_str());
        RemoveSidecars(fresh);
        throw;
    }
    std::remove(fresh.c_str());
    RemoveSidecars(fresh);
    // Which fields others changed is not known across a whole read: until the user has seen the
    // project as read, every edit counts as meeting a change by others (Write::Commit).
    m_others.clear();
    m_changesetColumns.clear();
    m_readWholeUnseen = true;
    m_reportedVersion = -1;  // a window reloads its model (ChangedSinceLastCheck)
    m_remoteVersion = version;
    m_othersVersion = version;
    m_remoteStale = false;
    m_seenDataVersion = DataVersion();
}

}  // namespace stegvis
