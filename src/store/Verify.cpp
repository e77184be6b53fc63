#include "store/Verify.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cmath>
#include <map>
#include <mutex>
#include <set>
#include <vector>

#include "domain/Inventory.hpp"
#include "domain/Measures.hpp"
#include "domain/Records.hpp"
#include "reference/Catalog.hpp"
#include "store/Store.hpp"
#include "base/Text.hpp"

namespace stegvis {

namespace {

// ---- the schema ----

std::string Normalise(const std::string& sql) {
    std::string out;
    bool space = false;
    for (char c : sql) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out.push_back(' ');
        space = false;
        out.push_back(c);
    }
    return out;
}

using SchemaObjects = std::map<std::pair<std::string, std::string>, std::string>;  // (type, name) -> sql

SchemaObjects ReadObjects(const Db& db) {
    SchemaObjects out;
    Stmt st(db, "SELECT type, name, coalesce(sql, '') FROM sqlite_master");
    while (st.Step()) out[{st.Text(0), st.Text(1)}] = Normalise(st.Text(2));
    return out;
}

struct SchemaObject {
    const char* type;
    const char* name;
    const char* sql;
};
const SchemaObject kCurrentSchema[] = {
#include "store/SchemaCurrent.inc"
};

const SchemaObjects& ExpectedObjects(int version) {
    static std::mutex mutex;
    static std::map<int, SchemaObjects> cache;
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(version);
    if (it == cache.end()) {
        // The current schema is written down; an older one (a file to be upgraded) is made by
        // running the migrations up to it in memory, which costs far more than an open.
        SchemaObjects objects;
        if (version == Store::kSchemaVersion)
            for (const SchemaObject& o : kCurrentSchema) objects[{o.type, o.name}] = Normalise(o.sql);
        else
            objects = ReadObjects(Store::SchemaInMemory(version));
        it = cache.emplace(version, std::move(objects)).first;
    }
    return it->second;
}

// ---- the contents ----

constexpr size_t kMaxText = 20000;          // bytes in one free-text field, as an edit allows
constexpr int64_t kMaxCount = 10000000;     // volumes and counts, as an edit allows
constexpr double kMaxAmount = 1e15;         // SEK and measured values: far beyond any real one

enum class K { Int, Real, Text, Date, Enum, Choices, Period };

struct Rule {
    const char* column;
    K kind;
    bool required = false;  // NULL or '' refused
    double min = 0, max = 0;
    const std::vector<Option>* options = nullptr;
    std::vector<std::string> keys = {};  // enum keys when there is no vocabulary
    size_t maxBytes = kMaxText;
    bool oneLine = false;  // no tab or line break (a catalog row's fields: the history keeps them tab-separated)
    bool idChars = false;  // A-Z a-z 0-9 - _ . only (a catalog id)
};

struct TableRules {
    std::string table;
    std::vector<Rule> rules;
};

Rule IntR(const char* c, double lo, double hi, bool required = true) { return Rule{c, K::Int, required, lo, hi}; }
Rule RealR(const char* c, double lo, double hi) { return Rule{c, K::Real, false, lo, hi}; }
Rule TextR(const char* c, bool required = false, size_t maxBytes = kMaxText) {
    Rule r{c, K::Text, required};
    r.maxBytes = maxBytes;
    return r;
}
Rule DateR(const char* c, bool required = false) { return Rule{c, K::Date, required}; }
Rule LineR(const char* c, bool required, size_t maxBytes) {
    Rule r = TextR(c, required, maxBytes);
    r.oneLine = true;
    return r;
}
Rule IdR(const char* c) {
    Rule r = LineR(c, true, kCatalogIdMax);
    r.idChars = true;
    return r;
}
Rule EnumR(const char* c, const std::vector<Option>* o) { return Rule{c, K::Enum, false, 0, 0, o}; }
Rule ChoicesR(const char* c, const std::vector<Option>* o) { return Rule{c, K::Choices, false, 0, 0, o}; }
Rule KeysR(const char* c, std::vector<std::string> keys, bool required) {
    Rule r{c, K::Enum, required};
    r.keys = std::move(keys);
    return r;
}

const std::vector<std::string> kStatuses = {"not_started", "in_progress", "done"};

// The tables whose columns are not a record kind's fields.
std::vector<TableRules> FixedTables() {
    const double kInt = 9e15;  // ids: any positive SQLite integer a person could have made
    return {
        {"project",
         {IntR("id", 1, 1), TextR("name", true), TextR("organisation", true),
          KeysR("org_kind", {"kommun", "region", "annan"}, true), TextR("catalog_edition"), DateR("created_on", true)}},
        {"step_progress",
         {IntR("step", 1, 15), KeysR("status", kStatuses, true), DateR("started_on"), DateR("done_on"), TextR("notes")}},
        {"checklist_tick", {IntR("step", 1, 15), TextR("item", true), DateR("ticked_on", true)}},
        {"decision",
         {IntR("id", 1, kInt), IntR("step", 1, 15), DateR("decided_on", true), TextR("title", true), TextR("rationale"),
          TextR("participants"), TextR("recorded_at"), TextR("recorded_by")}},
        {"decision_recommendation", {IntR("decision_id", 1, kInt), TextR("rec_id", true)}},
        {"decision_withdrawal", {IntR("decision_id", 1, kInt), TextR("withdrawn_at")}},
        // The history is the longest table and only shown as text; what undo writes back from it
        // is checked when it is written (an undo is checked like an edit before it commits).
        {"history", {IntR("action_id", 1, kInt), KeysR("state", {"done", "undone", "dropped"}, true)}},
        {"rec_discussion", {TextR("rec_id", true), DateR("discussed_on"), TextR("note")}},
        {"inventory",
         {TextR("rec_id", true), EnumR("offered", &OfferedOptions()), ChoicesR("provider", &ProviderOptions()),
          IntR("volume", 0, kMaxCount, false), IntR("staff_trained", 0, kMaxCount, false), EnumR("gap", &GapOptions()),
          TextR("comment"), IntR("reached", 0, kMaxCount, false)}},
        {"inventory_baseline", {IntR("id", 1, kInt), TextR("name", true), DateR("taken_on", true), TextR("created_at")}},
        {"inventory_baseline_row",
         {IntR("baseline_id", 1, kInt), TextR("rec_id", true), EnumR("offered", &OfferedOptions()),
          ChoicesR("provider", &ProviderOptions()), IntR("volume", 0, kMaxCount, false),
          IntR("staff_trained", 0, kMaxCount, false), EnumR("gap", &GapOptions()), TextR("comment"),
          IntR("reached", 0, kMaxCount, false)}},
        {"inventory_baseline_hidden", {IntR("baseline_id", 1, kInt), TextR("hidden_at")}},
        {"priority",
         {TextR("rec_id", true), IntR("feasibility", 1, 3, false), IntR("position", 1, 100000, false),
          IntR("selected", 0, 1, false)}},
        {"hexagon", {TextR("rec_id", true), EnumR("factor", &HexagonFactors()), IntR("rating", 1, 5)}},
        {"readiness_round",
         {IntR("id", 1, kInt), TextR("instrument", true), TextR("name", true), DateR("held_on", true),
          IntR("respondents", 0, 10000), TextR("created_at")}},
        {"readiness_round_hidden", {IntR("round_id", 1, kInt), TextR("hidden_at")}},
        {"readiness_answer",
         {IntR("round_id", 1, kInt), IntR("respondent", 1, 10000), TextR("item", true), IntR("value", -1000, 1000)}},
        {"initiative_step",
         {IntR("initiative_id", 1, kInt), IntR("step", 8, 15), KeysR("status", kStatuses, false), DateR("started_on"),
          DateR("done_on"), TextR("notes")}},
        {"initiative_tick",
         {IntR("initiative_id", 1, kInt), IntR("step", 8, 15), TextR("item", true), DateR("ticked_on", true)}},
        {"measure_point",
         {IntR("measure_id", 1, kInt), Rule{"period", K::Period, true}, RealR("numerator", 0, kMaxAmount),
          RealR("denominator", 0, kMaxAmount), TextR("note")}},
        // The project's own catalog: what a catalog file may hold (its loader's checks), so a row
        // edited in the file by hand reaches no screen in a shape no catalog has.
        {"catalog_row",
         {IdR("rec_id"), IntR("position", 1, 100000), LineR("edition", true, kCatalogEditionMax),
          KeysR("area", KnownAreas(), true), KeysR("target_group", KnownTargetGroups(), true),
          LineR("condition", true, kCatalogTextMax), LineR("intervention", true, kCatalogTextMax),
          KeysR("priority", {"", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "FoU", "icke-göra"}, false),
          KeysR("level", {"bör", "kan", "kan i undantagsfall", "FoU", "icke-göra"}, true),
          LineR("source", false, kCatalogNoteMax), LineR("level_note", false, kCatalogNoteMax),
          LineR("withdrawn_in", false, kCatalogEditionMax)}},
    };
}

// A record kind's table: its declared fields with the rules its edits obey, plus the bookkeeping.
TableRules RecordTable(const RecordKind& kind) {
    const double kInt = 9e15;
    TableRules t{kind.table, {IntR("id", 1, kInt), TextR("removed_at")}};
    if (kind.perInitiative) t.rules.push_back(IntR("initiative_id", 1, kInt));
    for (const FieldSpec& f : kind.fields) {
        switch (f.type) {
            case FieldType::Text: t.rules.push_back(TextR(f.name)); break;
            case FieldType::RequiredText:
            case FieldType::Recommendation: t.rules.push_back(TextR(f.name, true)); break;
            case FieldType::Date: t.rules.push_back(DateR(f.name)); break;
            case FieldType::Number: t.rules.push_back(RealR(f.name, 0, kMaxAmount)); break;
            case FieldType::Enum: t.rules.push_back(EnumR(f.name, f.options)); break;
            case FieldType::Choices: t.rules.push_back(ChoicesR(f.name, f.options)); break;
            case FieldType::Member: t.rules.push_back(IntR(f.name, 1, kInt, false)); break;
            case FieldType::RequiredMember: t.rules.push_back(IntR(f.name, 1, kInt, true)); break;
            case FieldType::Count: t.rules.push_back(IntR(f.name, 0, kInt, false)); break;
            case FieldType::Rating: t.rules.push_back(IntR(f.name, 1, 10, false)); break;
            case FieldType::Flag: t.rules.push_back(TextR(f.name)); break;
        }
    }
    return t;
}

const std::vector<TableRules>& AllTables() {
    static const std::vector<TableRules> k = [] {
        std::vector<TableRules> all = FixedTables();
        for (const RecordKind& kind : RecordKinds()) all.push_back(RecordTable(kind));
        return all;
    }();
    return k;
}

std::string Quote(std::string_view v) {
    std::string s = v.size() > 40 ? std::string(v.substr(0, 40)) + "…" : std::string(v);
    return "'" + s + "'";
}

std::string WithoutNul(std::string_view view) {
    std::string s(view);
    for (char& c : s)
        if (c == '\0') c = ' ';
    return s;
}

// Why the value in `col` of the current row breaks `rule`, or "" when it keeps it.
std::string CheckValue(const Stmt& st, int col, const Rule& rule, const std::map<int64_t, std::string>& periodOf,
                       int64_t measureId) {
    const int type = st.Type(col);
    if (type == SQLITE_NULL) return rule.required ? "saknas" : "";
    switch (rule.kind) {
        case K::Int: {
            if (type != SQLITE_INTEGER) return Quote(WithoutNul(st.TextView(col))) + " är inget heltal";
            const int64_t v = st.Int(col);
            if (static_cast<double>(v) < rule.min || static_cast<double>(v) > rule.max)
                return std::to_string(v) + " ligger utanför " + std::to_string(static_cast<int64_t>(rule.min)) + "–" +
                       std::to_string(static_cast<int64_t>(rule.max));
            return "";
        }
        case K::Real: {
            if (type != SQLITE_INTEGER && type != SQLITE_FLOAT) return Quote(WithoutNul(st.TextView(col))) + " är inget tal";
            const double v = st.Real(col);
            if (!std::isfinite(v) || v < rule.min || v > rule.max) {
                char b[64];
                std::snprintf(b, sizeof b, "%g ligger utanför %g–%g", v, rule.min, rule.max);
                return b;
            }
            return "";
        }
        default: break;
    }
    if (type != SQLITE_TEXT) return "är ingen text";
    const std::string_view v = st.TextView(col);
    if (v.find('\0') != std::string_view::npos) return "texten innehåller ett NUL-tecken";
    if (!IsValidUtf8(v)) return "texten är inte giltig UTF-8";
    if (v.empty()) return rule.required ? "är tom" : "";
    switch (rule.kind) {
        case K::Text:
            if (v.size() > rule.maxBytes) return "texten är längre än " + std::to_string(rule.maxBytes) + " byte";
            if (rule.required && Trim(v).empty()) return "är tom";
            if (rule.oneLine && v.find_first_of("\t\r\n") != std::string_view::npos)
                return "texten innehåller en tabb eller en radbrytning";
            if (rule.idChars && !std::all_of(v.begin(), v.end(), IsCatalogIdChar))
                return Quote(v) + " får bara innehålla A–Z, a–z, siffror, '-', '_' och '.'";
            return "";
        case K::Date: return IsIsoDate(v) ? "" : Quote(v) + " är inget datum (ÅÅÅÅ-MM-DD)";
        case K::Enum: {
            if (rule.options) {
                for (const Option& o : *rule.options)
                    if (v == o.key) return "";
                return Quote(v) + " är inget av de tillåtna värdena";
            }
            for (const std::string& k : rule.keys)
                if (v == k) return "";
            return Quote(v) + " är inget av de tillåtna värdena";
        }
        case K::Choices:
            return IsCanonicalChoices(*rule.options, std::string(v))
                       ? ""
                       : Quote(v) + " är inga av de tillåtna värdena, åtskilda med komma i listans ordning";
        case K::Period: {
            if (!IsIsoDate(v)) return Quote(v) + " är inget datum (ÅÅÅÅ-MM-DD)";
            auto it = periodOf.find(measureId);
            const std::string per = it == periodOf.end() || it->second.empty() ? "month" : it->second;
            if (per == "month" ? v.substr(8) != "01" : PeriodStart(std::string(v), per) != v)
                return Quote(v) + " är inte början på en " + (per == "week" ? "vecka (måndag)" : "månad");
            return "";
        }
        default: return "";
    }
}

}  // namespace

std::string ContentProblem::Describe() const {
    std::string s = "tabell " + table;
    if (rowid != 0) s += ", rad " + std::to_string(rowid);
    if (!column.empty()) s += ", fält " + column;
    return s + ": " + why;
}

std::optional<std::string> CheckSchemaObjects(const Db& db, int version) {
    if (version < 1 || version > Store::kSchemaVersion) return "okänd schemaversion " + std::to_string(version);
    ReadTransaction snapshot(db);
    const SchemaObjects have = ReadObjects(db);
    const SchemaObjects& want = ExpectedObjects(version);
    for (const auto& [key, sql] : have) {
        const auto& [type, name] = key;
        if (type == "table" && (name == "sqlite_stat1" || name == "sqlite_stat4" || name == "sqlite_sequence")) continue;
        auto it = want.find(key);
        if (it == want.end()) return type + " '" + name + "' hör inte till ett Stegvis-projekt";
        if (it->second != sql) return type + " '" + name + "' är ändrad och är inte Stegvis egen";
    }
    for (const auto& [key, sql] : want)
        if (!have.count(key)) return key.first + " '" + key.second + "' saknas";
    return std::nullopt;
}

namespace {
using TableColumns = std::map<std::string, std::set<std::string>>;

TableColumns ReadColumns(const Db& db) {
    TableColumns columns;
    Stmt st(db, "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'");
    while (st.Step()) columns[st.Text(0)].insert(st.Text(1));
    return columns;
}

// The columns of a schema already held to Stegvis's own definition of `version`: the same for
// every such file, so asked of the first one only (the pragma costs about as much as the checks
// of a small table).
const TableColumns& ColumnsOfChecked(const Db& db, int version) {
    static std::mutex mutex;
    static std::map<int, TableColumns> cache;
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(version);
    if (it == cache.end()) it = cache.emplace(version, ReadColumns(db)).first;
    return it->second;
}
}  // namespace

std::optional<ContentProblem> CheckContents(const Db& db, ContentCheck* how) {
    ReadTransaction snapshot(db);
    // Required rows: the one project and the fifteen steps.
    {
        Stmt st(db, "SELECT count(*) FROM project");
        if (!st.Step() || st.Int(0) != 1)
            return ContentProblem{"project", 0, "", "projektuppgifterna saknas (en rad krävs, filen har " +
                                                        std::to_string(st.Int(0)) + ")"};
    }
    {
        Stmt st(db, "SELECT count(DISTINCT step) FROM step_progress WHERE step BETWEEN 1 AND 15");
        if (!st.Step() || st.Int(0) != 15)
            return ContentProblem{"step_progress", 0, "", "alla 15 steg krävs, filen har " + std::to_string(st.Int(0))};
    }
    // Every table's columns in one statement (a statement per table would cost more than the check).
    TableColumns read;
    const TableColumns& columns = how && how->checkedSchema > 0 ? ColumnsOfChecked(db, how->checkedSchema) : (read = ReadColumns(db));
    auto hasTable = [&](const std::string& name) { return columns.count(name) > 0; };
    std::map<int64_t, std::string> periodOf;
    if (hasTable("measure")) {
        Stmt st(db, "SELECT id, period FROM measure");
        while (st.Step()) periodOf[st.Int(0)] = st.Type(1) == SQLITE_TEXT ? st.Text(1) : "";
    }
    // The newest history time, as max(at) gives it, while the history is read for its checks.
    // Text compares as SQLite's BINARY collation does (bytes, then length); any other type, where
    // max() would order by type first, leaves it to the reader's own query.
    const bool wantLastChange = how && hasTable("history") && columns.at("history").count("at");
    bool lastChangeText = true;
    std::string lastChange;
    for (const TableRules& t : AllTables()) {
        if (!hasTable(t.table)) continue;  // an older schema: the table comes with its migration
        const std::set<std::string>& have = columns.at(t.table);
        std::vector<const Rule*> rules;
        std::string cols = "rowid";
        int measureCol = -1, atCol = -1;
        for (const Rule& r : t.rules) {
            if (!have.count(r.column)) continue;
            rules.push_back(&r);
            cols += std::string(", ") + r.column;
        }
        if (t.table == "measure_point") {
            cols += ", measure_id";
            measureCol = static_cast<int>(rules.size()) + 1;
        }
        if (t.table == "history" && wantLastChange) {
            cols += ", at";
            atCol = static_cast<int>(rules.size()) + 1;
        }
        Stmt st(db, ("SELECT " + cols + " FROM " + t.table).c_str());  // names come from the rules only
        while (st.Step()) {
            const int64_t measureId = measureCol > 0 && st.Type(measureCol) == SQLITE_INTEGER ? st.Int(measureCol) : 0;
            for (size_t i = 0; i < rules.size(); ++i) {
                std::string why = CheckValue(st, static_cast<int>(i) + 1, *rules[i], periodOf, measureId);
                if (!why.empty()) return ContentProblem{t.table, st.Int(0), rules[i]->column, why};
            }
            if (atCol > 0 && lastChangeText) {
                if (st.Type(atCol) != SQLITE_TEXT) {
                    lastChangeText = false;
                    continue;
                }
                const std::string_view at = st.TextView(atCol);
                if (at.compare(lastChange) > 0) lastChange.assign(at.data(), at.size());
            }
        }
    }
    if (wantLastChange && lastChangeText) how->lastChangeAt = std::move(lastChange);
    {
        Stmt st(db, "PRAGMA foreign_key_check");
        if (st.Step())
            return ContentProblem{st.Text(0), st.Int(1), "", "hänvisar till en rad i " + st.Text(2) + " som inte finns"};
    }
    // Record references the schema does not declare: a responsible person is a team member.
    for (const RecordKind& kind : RecordKinds()) {
        for (const FieldSpec& f : kind.fields) {
            if (f.type != FieldType::Member && f.type != FieldType::RequiredMember) continue;
            if (!hasTable(kind.table)) continue;
            std::string sql = std::string("SELECT rowid FROM ") + kind.table + " WHERE " + f.name + " IS NOT NULL AND " +
                              f.name + " NOT IN (SELECT id FROM team_member)";
            Stmt st(db, sql.c_str());
            if (st.Step()) return ContentProblem{kind.table, st.Int(0), f.name, "personen finns inte i teamet"};
        }
    }
    return std::nullopt;
}

namespace {
int DeadlineHandler(void* arg) {
    const auto* deadline = static_cast<const std::chrono::steady_clock::time_point*>(arg);
    return std::chrono::steady_clock::now() > *deadline ? 1 : 0;
}
}  // namespace

void LimitReadTime(const Db& db, double seconds) {
    // One deadline per connection, kept as long as the handler may run.
    static thread_local std::map<sqlite3*, std::chrono::steady_clock::time_point> deadlines;
    if (seconds <= 0) {
        sqlite3_progress_handler(db.Handle(), 0, nullptr, nullptr);
        deadlines.erase(db.Handle());
        return;
    }
    auto& d = deadlines[db.Handle()];
    d = std::chrono::steady_clock::now() +
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds));
    sqlite3_progress_handler(db.Handle(), 10000, DeadlineHandler, &d);
}

void HardenConnection(const Db& db) {
    sqlite3_db_config(db.Handle(), SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    sqlite3_db_config(db.Handle(), SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
}

}  // namespace stegvis
