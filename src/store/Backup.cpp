#include "store/Backup.hpp"

#include <cereal/archives/json.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <rapidjson/document.h>
#include "base/Posix.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "reference/JsonReader.hpp"
#include "base/Paths.hpp"
#include "store/Sqlite.hpp"
#include "store/Store.hpp"
#include "store/StoreInternal.hpp"
#include "base/Files.hpp"
#include "base/Text.hpp"
#include "store/Verify.hpp"

namespace stegvis {

template <class Archive>
void serialize(Archive& ar, BackupTable& t, const std::uint32_t /*version*/) {
    ar(cereal::make_nvp("name", t.name), cereal::make_nvp("columns", t.columns), cereal::make_nvp("rows", t.rows));
}

template <class Archive>
void serialize(Archive& ar, BackupDocument& d, const std::uint32_t version) {
    ar(cereal::make_nvp("format", d.format), cereal::make_nvp("program", d.program),
       cereal::make_nvp("exported_at", d.exportedAt), cereal::make_nvp("schema", d.schema));
    // Version 1 is the only one so far; a later version adds its fields here, behind a check.
    if (version >= 1) ar(cereal::make_nvp("tables", d.tables));
}

}  // namespace stegvis

CEREAL_CLASS_VERSION(stegvis::BackupDocument, 1)
CEREAL_CLASS_VERSION(stegvis::BackupTable, 1)

namespace stegvis {

namespace {

// In foreign-key order, so a restore can insert them as listed.
const char* const kTables[] = {
    "project", "step_progress", "checklist_tick", "decision", "decision_recommendation", "decision_withdrawal",
    "history", "rec_discussion", "inventory", "inventory_baseline", "inventory_baseline_row",
    "inventory_baseline_hidden", "priority", "hexagon", "readiness_round", "readiness_round_hidden",
    "readiness_answer", "team_member", "initiative", "initiative_step", "initiative_tick", "resource", "goal",
    "activity", "training", "measure", "measure_point", "pdsa_cycle", "rollout", "catalog_row"};
constexpr int kBackupVersion = 1;
}  // namespace

const std::vector<std::string>& ProjectTables() {
    static const std::vector<std::string> k(std::begin(kTables), std::end(kTables));
    return k;
}

namespace {
// Far beyond any real project (a few dozen tables of a few columns, tens of thousands of rows),
// so a damaged or hostile backup is refused before it can take the machine's memory.
constexpr rapidjson::SizeType kMaxTables = 256;
constexpr rapidjson::SizeType kMaxColumns = 256;
constexpr rapidjson::SizeType kMaxRows = 5'000'000;
constexpr rapidjson::SizeType kMaxCellBytes = 4u << 20;

bool TableExists(const Db& db, const std::string& name) {
    Stmt st(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
    st.Bind(1, name);
    return st.Step() && st.Int(0) > 0;
}

std::vector<std::string> Columns(const Db& db, const std::string& table) {
    std::vector<std::string> out;
    Stmt st(db, ("PRAGMA table_info(" + table + ")").c_str());  // table names come from kTables only
    while (st.Step()) out.push_back(st.Text(1));
    return out;
}

std::string Cell(sqlite3_stmt* st, int col) {
    switch (sqlite3_column_type(st, col)) {
        case SQLITE_NULL: return "n";
        case SQLITE_INTEGER: return "i:" + std::to_string(sqlite3_column_int64(st, col));
        case SQLITE_FLOAT: {
            char b[40];
            std::snprintf(b, sizeof b, "r:%.17g", sqlite3_column_double(st, col));
            return b;
        }
        default: {
            const unsigned char* p = sqlite3_column_text(st, col);
            return "t:" + std::string(p ? reinterpret_cast<const char*>(p) : "", static_cast<size_t>(sqlite3_column_bytes(st, col)));
        }
    }
}

}  // namespace

BackupDocument ExportBackup(const std::string& dbPath) {
    Store store = Store::OpenReadOnly(dbPath);  // the same checks as opening in the window; writes nothing
    Db& db = storeimpl::Access::Connection(store);
    BackupDocument doc;
    doc.program = STEGVIS_VERSION;
    doc.exportedAt = NowIsoSeconds();
    doc.schema = store.SchemaVersion();
    ReadTransaction snapshot(db);  // one consistent snapshot, without the write lock
    for (const char* name : kTables) {
        if (!TableExists(db, name)) continue;
        BackupTable t;
        t.name = name;
        t.columns = Columns(db, name);
        std::string sql = std::string("SELECT * FROM ") + name + " ORDER BY rowid";
        sqlite3_stmt* raw = nullptr;
        if (sqlite3_prepare_v2(db.Handle(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) db.Throw(SQLITE_ERROR, sql);
        int rc;
        while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int c = 0; c < static_cast<int>(t.columns.size()); ++c) row.push_back(Cell(raw, c));
            t.rows.push_back(std::move(row));
        }
        sqlite3_finalize(raw);
        // A read error part-way must not give a backup that looks complete.
        if (rc != SQLITE_DONE) db.Throw(rc, sql);
        doc.tables.push_back(std::move(t));
    }
    return doc;
}

std::string BackupToJson(const BackupDocument& doc) {
    std::ostringstream out;
    {
        cereal::JSONOutputArchive ar(out);  // flushes when it goes out of scope
        ar(cereal::make_nvp("backup", doc));
    }
    return out.str() + "\n";
}

namespace {

// Reads the document cereal wrote, checking every field on the way with paths a person can find,
// so no error ever comes from deep inside the JSON library.
BackupDocument ReadDocument(const std::string& text, const std::string& source) {
    BackupDocument doc;
    rapidjson::Document d;
    JsonReader rd(source);
    rd.Parse(d, text);
    if (!d.IsObject() || !d.HasMember("backup") || !d["backup"].IsObject())
        rd.Fail("backup", "", "is missing: this is not a Stegvis backup");
    const auto& b = d["backup"];
    if (!b.HasMember("format") || !b["format"].IsString() || std::string(b["format"].GetString()) != "stegvis-backup")
        rd.Fail("backup", "format", "is not \"stegvis-backup\"");
    for (const char* key : {"program", "exported_at"}) {
        if (b.HasMember(key) && !b[key].IsString()) rd.Fail("backup", key, "must be a text string");
    }
    if (b.HasMember("program")) doc.program = b["program"].GetString();
    if (b.HasMember("exported_at")) doc.exportedAt = b["exported_at"].GetString();
    if (b.HasMember("cereal_class_version") && b["cereal_class_version"].IsInt() && b["cereal_class_version"].GetInt() > kBackupVersion)
        rd.Fail("backup", "cereal_class_version", "this backup was made by a newer Stegvis");
    if (b.HasMember("cereal_class_version") &&
        (!b["cereal_class_version"].IsInt() || b["cereal_class_version"].GetInt() < 1))
        rd.Fail("backup", "cereal_class_version", "is not a backup version (1 or later)");
    if (!b.HasMember("schema") || !b["schema"].IsInt()) rd.Fail("backup", "schema", "is missing or not a whole number");
    int schema = b["schema"].GetInt();
    doc.schema = schema;
    if (schema < 1 || schema > Store::kSchemaVersion)
        rd.Fail("backup", "schema", "version " + std::to_string(schema) + " cannot be read by this Stegvis (up to " +
                                        std::to_string(Store::kSchemaVersion) + ")");
    if (!b.HasMember("tables") || !b["tables"].IsArray()) rd.Fail("backup", "tables", "is missing or not a list");
    const auto& tables = b["tables"];
    if (tables.Size() > kMaxTables)
        rd.Fail("backup", "tables",
                std::to_string(tables.Size()) + " tables is more than the limit of " + std::to_string(kMaxTables));
    bool hasProject = false;
    for (rapidjson::SizeType i = 0; i < tables.Size(); ++i) {
        std::string path = "backup.tables[" + std::to_string(i) + "]";
        const auto& t = tables[i];
        if (!t.IsObject() || !t.HasMember("name") || !t["name"].IsString()) rd.Fail(path, "name", "is missing");
        std::string name(t["name"].GetString(), t["name"].GetStringLength());
        bool known = false;
        for (const char* k : kTables) known = known || name == k;
        if (!known) rd.Fail(path, "name", "'" + name + "' is not a table of a Stegvis project");
        hasProject = hasProject || name == "project";
        if (!t.HasMember("columns") || !t["columns"].IsArray()) rd.Fail(path, "columns", "is missing or not a list");
        if (!t.HasMember("rows") || !t["rows"].IsArray()) rd.Fail(path, "rows", "is missing or not a list");
        const rapidjson::SizeType width = t["columns"].Size();
        if (width == 0) rd.Fail(path, "columns", "names no column");
        if (width > kMaxColumns)
            rd.Fail(path, "columns",
                    std::to_string(width) + " columns is more than the limit of " + std::to_string(kMaxColumns));
        BackupTable table;
        table.name = name;
        std::set<std::string> columnNames;
        for (rapidjson::SizeType c = 0; c < width; ++c) {
            std::string cpath = path + ".columns[" + std::to_string(c) + "]";
            if (!t["columns"][c].IsString()) rd.Fail(cpath, "", "must be a text string");
            std::string column(t["columns"][c].GetString(), t["columns"][c].GetStringLength());
            if (!columnNames.insert(column).second) rd.Fail(cpath, "", "'" + column.substr(0, 40) + "' is given twice");
            table.columns.push_back(column);
        }
        const auto& rows = t["rows"];
        if (rows.Size() > kMaxRows)
            rd.Fail(path, "rows",
                    std::to_string(rows.Size()) + " rows is more than the limit of " + std::to_string(kMaxRows));
        for (rapidjson::SizeType r = 0; r < rows.Size(); ++r) {
            std::string rpath = path + ".rows[" + std::to_string(r) + "]";
            if (!rows[r].IsArray() || rows[r].Size() != width)
                rd.Fail(rpath, "", "must be a list of " + std::to_string(width) + " cells");
            std::vector<std::string> row;
            for (rapidjson::SizeType c = 0; c < width; ++c) {
                const auto& cell = rows[r][c];
                std::string cpath = rpath + "[" + std::to_string(c) + "]";
                if (!cell.IsString()) rd.Fail(cpath, "", "must be a text string");
                if (cell.GetStringLength() > kMaxCellBytes)
                    rd.Fail(cpath, "", "is longer than the limit of " + std::to_string(kMaxCellBytes >> 20) + " MB");
                std::string v(cell.GetString(), cell.GetStringLength());
                if (v.find('\0') != std::string::npos)
                    rd.Fail(cpath, "", "holds a NUL character, which no text in a project can hold");
                bool ok = v == "n" || StartsWith(v, "t:");
                if (!ok && StartsWith(v, "i:")) {
                    char* end = nullptr;
                    errno = 0;
                    std::strtoll(v.c_str() + 2, &end, 10);
                    ok = v.size() > 2 && *end == '\0' && errno != ERANGE;
                }
                if (!ok && StartsWith(v, "r:")) {
                    char* end = nullptr;
                    double x = std::strtod(v.c_str() + 2, &end);
                    ok = v.size() > 2 && *end == '\0' && std::isfinite(x);
                }
                if (!ok)
                    rd.Fail(cpath, "",
                            "'" + v.substr(0, 40) + "' is not a cell (n, i:WHOLE NUMBER, r:FINITE NUMBER or t:TEXT)");
                row.push_back(std::move(v));
            }
            table.rows.push_back(std::move(row));
        }
        doc.tables.push_back(std::move(table));
    }
    if (!hasProject) rd.Fail("backup.tables", "", "holds no project table");
    return doc;
}

}  // namespace

std::string ReadBackupFile(const std::string& path) {
    // Refused by its size before it is read; a FIFO or device never blocks.
    return ReadFile(path, JsonReader::kMaxBytes);
}

void ImportBackup(const std::string& text, const std::string& source, const std::string& newDbPath) {
    if (PathExists(newDbPath))
        throw OpenError(OpenError::Kind::Exists, newDbPath, "det finns redan en fil med det namnet; välj ett nytt namn");
    if (text.size() > JsonReader::kMaxBytes)
        throw DataError(source, 0, "", "", "is larger than " + std::to_string(JsonReader::kMaxBytes >> 20) + " MB");
    const BackupDocument doc = ReadDocument(text, source);
    // Built in a private folder and moved into place, without replacing anything, when whole: all
    // or nothing, and a file that took the name meanwhile is never overwritten.
    PrivateTempDir work(newDbPath);
    const std::string tmp = work.File("import.stegvis");
    std::string where = "backup";  // the part being restored, for an error the database reports
    // Where each inserted row came from, so a rule broken by a row is named by its place in the file.
    std::map<std::pair<std::string, int64_t>, std::string> rowPath;
    auto placeOf = [&](const ContentProblem& p) {
        auto it = rowPath.find({p.table, p.rowid});
        std::string place = it != rowPath.end() ? it->second : "backup.tables (" + p.table + ")";
        return p.column.empty() ? place : place + " (" + p.column + ")";
    };
    try {
        Store::CreateAtVersion(tmp, doc.schema);
        try {
            Db db(tmp, SQLITE_OPEN_READWRITE);
            db.Exec("PRAGMA foreign_keys = ON");
            Transaction tx(db);
            db.Exec("DELETE FROM step_progress");  // migration 1 seeds the 15 steps; the backup has its own
            for (size_t ti = 0; ti < doc.tables.size(); ++ti) {
                where = "backup.tables[" + std::to_string(ti) + "]";
                const BackupTable& t = doc.tables[ti];
                if (!TableExists(db, t.name))
                    throw DataError(source, 0, "backup.tables[" + std::to_string(ti) + "]", "name",
                                    "table '" + t.name + "' does not exist in schema " + std::to_string(doc.schema));
                auto have = Columns(db, t.name);
                for (size_t c = 0; c < t.columns.size(); ++c)
                    if (std::find(have.begin(), have.end(), t.columns[c]) == have.end())
                        throw DataError(source, 0, "backup.tables[" + std::to_string(ti) + "].columns[" + std::to_string(c) + "]",
                                        "", "'" + t.columns[c] + "' is not a column of " + t.name);
                std::string cols, marks;
                for (const auto& c : t.columns) {
                    cols += (cols.empty() ? "" : ", ") + c;
                    marks += marks.empty() ? "?" : ", ?";
                }
                std::string sql = "INSERT INTO " + t.name + "(" + cols + ") VALUES (" + marks + ")";
                Stmt st(db, sql.c_str());
                for (size_t r = 0; r < t.rows.size(); ++r) {
                    st.Reset();
                    for (size_t c = 0; c < t.columns.size(); ++c) {
                        const std::string& v = t.rows[r][c];
                        int idx = static_cast<int>(c) + 1;
                        if (v == "n") st.BindNull(idx);
                        else if (StartsWith(v, "i:")) st.Bind(idx, static_cast<int64_t>(std::stoll(v.substr(2))));
                        else if (StartsWith(v, "r:"))
                            st.Bind(idx, std::strtod(v.c_str() + 2, nullptr));  // checked; a subnormal is fine
                        else st.Bind(idx, v.substr(2));
                    }
                    const std::string rpath = "backup.tables[" + std::to_string(ti) + "].rows[" + std::to_string(r) + "]";
                    try {
                        st.Run();
                    } catch (const SqliteError& e) {
                        throw DataError(source, 0, rpath, "", std::string("does not fit the project file: ") + e.what());
                    }
                    rowPath[{t.name, db.LastInsertId()}] = rpath;
                }
            }
            where = "backup";
            {
                Stmt projects(db, "SELECT count(*) FROM project");
                const int64_t n = projects.Step() ? projects.Int(0) : 0;
                if (n != 1)
                    throw DataError(source, 0, "backup.tables", "",
                                    "holds " + std::to_string(n) + " project rows; a project file has exactly one");
            }
            // The rules every edit obeys (types, ranges, dates, vocabularies, references, the
            // fifteen steps): a backup that breaks one would give a project that cannot be used.
            if (auto problem = CheckContents(db))
                throw DataError(source, 0, placeOf(*problem), "", problem->why);
            tx.Commit();
            db.Exec("PRAGMA journal_mode = DELETE");
        } catch (const SqliteError& e) {
            throw DataError(source, 0, where, "", std::string("does not fit the project file: ") + e.what());
        }
        try {
            Store::Open(tmp);  // the same checks as any file, and brings an older schema up to date
        } catch (const OpenError& e) {
            if (e.GetKind() != OpenError::Kind::Corrupt) throw;
            std::string why = e.what();
            if (StartsWith(why, tmp + ": ")) why = why.substr(tmp.size() + 2);  // the private copy means nothing to anyone
            throw DataError(source, 0, "backup", "", "does not give a usable project file: " + why);
        }
        platform::SetMode(tmp, 0600);  // private before it has its name, so no kill leaves it readable
        SyncFile(tmp);
        if (!IdentifyFile(newDbPath)) RemoveSidecars(newDbPath);  // a stale -wal must not be replayed into it
        MoveIntoPlace(tmp, newDbPath, IfExists::Refuse);
    } catch (const FileExistsError&) {
        throw OpenError(OpenError::Kind::Exists, newDbPath, "det finns redan en fil med det namnet; välj ett nytt namn");
    } catch (const DataError&) {
        throw;
    } catch (const OpenError& e) {
        throw OpenError(e.GetKind(), newDbPath, MentionAs(e.what(), tmp + ": ", ""));
    } catch (const SqliteError& e) {
        throw OpenError(OpenError::Kind::Io, newDbPath, "kunde inte skapas: " + DescribeStorageError(e));
    }
}

}  // namespace stegvis
