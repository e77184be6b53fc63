// The write path: field-level reads and writes on the whitelist, inserts of new records, and
// the history rows that make undo and redo possible. Reached through Apply (edit/Actions).
#include "store/Store.hpp"

#include <algorithm>
#include <set>

#include "domain/Records.hpp"
#include "base/Text.hpp"
#include "store/StoreInternal.hpp"

namespace stegvis {
using storeimpl::PragmaInt;

// ---- field-level access; the whitelist below is every field an action may change ----

namespace {
// The SQL of one plain field, made from its entry in the field registry (domain/Fields.hpp).
struct FieldSql {
    std::string entity;
    std::string field;
    std::string read;
    std::string write;  // ?1 = value (may be NULL), ?2 = key
    bool upsert = false;  // a missing row reads as empty instead of being an error
};

// Every field of an entity kept as columns of one table (Storage::One and PerKey). The names come
// from the registry, never from a caller: the whitelist of what an action may change. A flag of
// a One entity (a round's "hidden") is a presence row the store composes instead.
const std::vector<FieldSql>& PlainFields() {
    static const std::vector<FieldSql> k = [] {
        std::vector<FieldSql> out;
        for (const RecordKind& e : Entities()) {
            if (e.storage != Storage::One && e.storage != Storage::PerKey) continue;
            const std::string table = e.table, key = e.key;
            for (const FieldSpec& f : e.fields) {
                if (e.storage == Storage::One && f.type == FieldType::Flag) continue;
                const std::string col = f.name;
                FieldSql q{e.kind, col, "SELECT " + col + " FROM " + table + " WHERE " + key + " = ?2", "", false};
                if (e.storage == Storage::One) {
                    q.write = "UPDATE " + table + " SET " + col + " = ?1 WHERE " + key + " = ?2";
                } else {  // created on the first write; a missing row reads as empty
                    q.write = "INSERT INTO " + table + "(" + key + ", " + col + ") VALUES (?2, ?1) ON CONFLICT(" + key +
                              ") DO UPDATE SET " + col + " = excluded." + col;
                    q.upsert = true;
                }
                out.push_back(std::move(q));
            }
        }
        return out;
    }();
    return k;
}

const FieldSql& FindPlainField(const std::string& entity, const std::string& field) {
    for (const auto& f : PlainFields())
        if (entity == f.entity && field == f.field) return f;
    throw std::logic_error("no such field: " + entity + "." + field);
}

// "3/s03-rank" -> step 3, item "s03-rank"
std::pair<int, std::string> SplitTickKey(const std::string& key) {
    auto pos = key.find('/');
    if (pos == std::string::npos) throw std::logic_error("bad checklist key: " + key);
    return {std::stoi(key.substr(0, pos)), key.substr(pos + 1)};
}
}  // namespace

std::optional<std::string> Store::ReadField(const std::string& entity, const std::string& key,
                                            const std::string& field) const {
    if (entity == "tick") {
        auto [step, item] = SplitTickKey(key);
        Stmt st(m_db, "SELECT ticked_on FROM checklist_tick WHERE step = ? AND item = ?");
        st.Bind(1, step).Bind(2, item);
        if (st.Step()) return st.Text(0);
        return std::nullopt;
    }
    if (entity == "decision" && field == "withdrawn") {
        Stmt st(m_db, "SELECT withdrawn_at FROM decision_withdrawal WHERE decision_id = ?");
        st.Bind(1, static_cast<int64_t>(std::stoll(key)));
        if (st.Step()) return st.Text(0);
        return std::nullopt;
    }
    if (auto composite = ReadComposite(entity, key, field); composite.first) return composite.second;
    const FieldSql& f = FindPlainField(entity, field);
    Stmt st(m_db, f.read.c_str());
    st.Bind(2, key);
    if (!st.Step()) {
        if (f.upsert) return std::nullopt;
        throw std::logic_error("no such record: " + entity + " " + key);
    }
    if (st.IsNull(0)) return std::nullopt;
    return st.Text(0);
}

void Store::WriteField(const std::string& entity, const std::string& key, const std::string& field,
                       const std::optional<std::string>& value) {
    if (entity == "tick") {
        auto [step, item] = SplitTickKey(key);
        if (value) {
            Stmt st(m_db, "INSERT OR REPLACE INTO checklist_tick(step, item, ticked_on) VALUES (?, ?, ?)");
            st.Bind(1, step).Bind(2, item).Bind(3, *value).Run();
        } else {
            Stmt st(m_db, "DELETE FROM checklist_tick WHERE step = ? AND item = ?");
            st.Bind(1, step).Bind(2, item).Run();
        }
        return;
    }
    if (entity == "decision" && field == "withdrawn") {
        int64_t id = std::stoll(key);
        if (value) {
            Stmt st(m_db, "INSERT OR REPLACE INTO decision_withdrawal(decision_id, withdrawn_at) VALUES (?, ?)");
            st.Bind(1, id).Bind(2, *value).Run();
        } else {
            Stmt st(m_db, "DELETE FROM decision_withdrawal WHERE decision_id = ?");
            st.Bind(1, id).Run();
        }
        return;
    }
    if (WriteComposite(entity, key, field, value)) return;
    const FieldSql& f = FindPlainField(entity, field);
    Stmt st(m_db, f.write.c_str());
    st.Bind(1, value).Bind(2, key).Run();
    if (m_db.Changes() != 1) throw std::logic_error("no such record: " + entity + " " + key);
}

// Entities whose presence is the value: a Hexagon rating ("BI-04/need"), a readiness answer
// ("3/2/oric-05"), and the hidden flag of a baseline or round (undo of their creation).
std::pair<bool, std::optional<std::string>> Store::ReadComposite(const std::string& entity, const std::string& key,
                                                                 const std::string& field) const {
    auto one = [&](const char* sql, auto bind) -> std::optional<std::string> {
        Stmt st(m_db, sql);
        bind(st);
        if (st.Step() && !st.IsNull(0)) return st.Text(0);
        return std::nullopt;
    };
    if (entity == "catalog" && field == "row") return {true, storeimpl::ReadCatalogRow(m_db, key)};
    if (entity == "catalog" && field == "order") return {true, storeimpl::ReadCatalogOrder(m_db)};
    if (entity == "hexagon" && field == "rating") {
        auto parts = Split(key, '/');
        return {true, one("SELECT rating FROM hexagon WHERE rec_id = ? AND factor = ?",
                          [&](Stmt& st) { st.Bind(1, parts.at(0)).Bind(2, parts.at(1)); })};
    }
    if (entity == "answer" && field == "value") {
        auto parts = Split(key, '/');
        return {true, one("SELECT value FROM readiness_answer WHERE round_id = ? AND respondent = ? AND item = ?",
                          [&](Stmt& st) {
                              st.Bind(1, static_cast<int64_t>(std::stoll(parts.at(0))))
                                  .Bind(2, std::stoi(parts.at(1)))
                                  .Bind(3, parts.at(2));
                          })};
    }
    if (const RecordKind* kind = FindRecordKind(entity)) {
        // Identifiers come from the declared fields only, never from input.
        if (field != "removed_at" && !kind->Field(field)) throw std::logic_error("no such field: " + entity + "." + field);
        std::string sql = std::string("SELECT ") + field + " FROM " + kind->table + " WHERE id = ?";
        Stmt st(m_db, sql.c_str());
        st.Bind(1, static_cast<int64_t>(std::stoll(key)));
        if (!st.Step()) throw std::logic_error("no such record: " + entity + " " + key);
        if (st.IsNull(0)) return {true, std::nullopt};
        return {true, st.Text(0)};
    }
    if (entity == "point") {
        auto parts = Split(key, '/');
        static const std::set<std::string> kCols = {"numerator", "denominator", "note"};
        if (!kCols.count(field)) throw std::logic_error("no such field: point." + field);
        std::string sql = "SELECT " + field + " FROM measure_point WHERE measure_id = ? AND period = ?";
        auto v = one(sql.c_str(), [&](Stmt& st) { st.Bind(1, static_cast<int64_t>(std::stoll(parts.at(0)))).Bind(2, parts.at(1)); });
        if (v && field != "note" && v->size() > 2 && v->compare(v->size() - 2, 2, ".0") == 0) v->resize(v->size() - 2);
        return {true, v};
    }
    if (entity == "istep") {
        auto parts = Split(key, '/');
        static const std::set<std::string> kCols = {"status", "started_on", "done_on", "notes"};
        if (!kCols.count(field)) throw std::logic_error("no such field: istep." + field);
        std::string sql = "SELECT " + field + " FROM initiative_step WHERE initiative_id = ? AND step = ?";
        return {true, one(sql.c_str(), [&](Stmt& st) {
                    st.Bind(1, static_cast<int64_t>(std::stoll(parts.at(0)))).Bind(2, std::stoi(parts.at(1)));
                })};
    }
    if (entity == "itick") {
        auto parts = Split(key, '/');
        return {true, one("SELECT ticked_on FROM initiative_tick WHERE initiative_id = ? AND step = ? AND item = ?",
                          [&](Stmt& st) {
                              st.Bind(1, static_cast<int64_t>(std::stoll(parts.at(0))))
                                  .Bind(2, std::stoi(parts.at(1)))
                                  .Bind(3, parts.at(2));
                          })};
    }
    if (entity == "baseline" && field == "hidden")
        return {true, one("SELECT hidden_at FROM inventory_baseline_hidden WHERE baseline_id = ?",
                          [&](Stmt& st) { st.Bind(1, static_cast<int64_t>(std::stoll(key))); })};
    if (entity == "round" && field == "hidden")
        return {true, one("SELECT hidden_at FROM readiness_round_hidden WHERE round_id = ?",
                          [&](Stmt& st) { st.Bind(1, static_cast<int64_t>(std::stoll(key))); })};
    return {false, std::nullopt};
}

bool Store::WriteComposite(const std::string& entity, const std::string& key, const std::string& field,
                           const std::optional<std::string>& value) {
    if (entity == "catalog" && field == "row") {
        storeimpl::WriteCatalogRow(m_db, key, value);
        return true;
    }
    if (entity == "catalog" && field == "order") {
        storeimpl::WriteCatalogOrder(m_db, value);
        return true;
    }
    if (entity == "hexagon" && field == "rating") {
        auto parts = Split(key, '/');
        if (value) {
            Stmt st(m_db, "INSERT OR REPLACE INTO hexagon(rec_id, factor, rating) VALUES (?, ?, ?)");
            st.Bind(1, parts.at(0)).Bind(2, parts.at(1)).Bind(3, std::stoi(*value)).Run();
        } else {
            Stmt st(m_db, "DELETE FROM hexagon WHERE rec_id = ? AND factor = ?");
            st.Bind(1, parts.at(0)).Bind(2, parts.at(1)).Run();
        }
        return true;
    }
    if (entity == "answer" && field == "value") {
        auto parts = Split(key, '/');
        int64_t round = std::stoll(parts.at(0));
        int respondent = std::stoi(parts.at(1));
        if (value) {
            Stmt st(m_db, "INSERT OR REPLACE INTO readiness_answer(round_id, respondent, item, value) VALUES (?, ?, ?, ?)");
            st.Bind(1, round).Bind(2, respondent).Bind(3, parts.at(2)).Bind(4, std::stoi(*value)).Run();
        } else {
            Stmt st(m_db, "DELETE FROM readiness_answer WHERE round_id = ? AND respondent = ? AND item = ?");
            st.Bind(1, round).Bind(2, respondent).Bind(3, parts.at(2)).Run();
        }
        return true;
    }
    if (const RecordKind* kind = FindRecordKind(entity)) {
        if (field != "removed_at" && !kind->Field(field)) throw std::logic_error("no such field: " + entity + "." + field);
        std::string sql = std::string("UPDATE ") + kind->table + " SET " + field + " = ? WHERE id = ?";
        Stmt st(m_db, sql.c_str());
        st.Bind(1, value).Bind(2, static_cast<int64_t>(std::stoll(key))).Run();
        if (m_db.Changes() != 1) throw std::logic_error("no such record: " + entity + " " + key);
        return true;
    }
    if (entity == "istep") {
        auto parts = Split(key, '/');
        static const std::set<std::string> kCols = {"status", "started_on", "done_on", "notes"};
        if (!kCols.count(field)) throw std::logic_error("no such field: istep." + field);
        std::string sql = "INSERT INTO initiative_step(initiative_id, step, " + field + ") VALUES (?, ?, ?) " +
                          "ON CONFLICT(initiative_id, step) DO UPDATE SET " + field + " = excluded." + field;
        Stmt st(m_db, sql.c_str());
        st.Bind(1, static_cast<int64_t>(std::stoll(parts.at(0)))).Bind(2, std::stoi(parts.at(1))).Bind(3, value).Run();
        return true;
    }
    if (entity == "point") {
        auto parts = Split(key, '/');
        static const std::set<std::string> kCols = {"numerator", "denominator", "note"};
        if (!kCols.count(field)) throw std::logic_error("no such field: point." + field);
        std::string sql = "INSERT INTO measure_point(measure_id, period, " + field + ") VALUES (?, ?, ?) " +
                          "ON CONFLICT(measure_id, period) DO UPDATE SET " + field + " = excluded." + field;
        Stmt st(m_db, sql.c_str());
        st.Bind(1, static_cast<int64_t>(std::stoll(parts.at(0)))).Bind(2, parts.at(1)).Bind(3, value).Run();
        // A period with nothing left in it is a gap again: no row.
        Stmt gc(m_db, "DELETE FROM measure_point WHERE measure_id = ? AND period = ? AND numerator IS NULL "
                      "AND denominator IS NULL AND coalesce(note, '') = ''");
        gc.Bind(1, static_cast<int64_t>(std::stoll(parts.at(0)))).Bind(2, parts.at(1)).Run();
        return true;
    }
    if (entity == "itick") {
        auto parts = Split(key, '/');
        int64_t init = std::stoll(parts.at(0));
        int step = std::stoi(parts.at(1));
        if (value) {
            Stmt st(m_db, "INSERT OR REPLACE INTO initiative_tick(initiative_id, step, item, ticked_on) VALUES (?, ?, ?, ?)");
            st.Bind(1, init).Bind(2, step).Bind(3, parts.at(2)).Bind(4, *value).Run();
        } else {
            Stmt st(m_db, "DELETE FROM initiative_tick WHERE initiative_id = ? AND step = ? AND item = ?");
            st.Bind(1, init).Bind(2, step).Bind(3, parts.at(2)).Run();
        }
        return true;
    }
    const char* insert = nullptr;
    const char* remove = nullptr;
    if (entity == "baseline" && field == "hidden") {
        insert = "INSERT OR REPLACE INTO inventory_baseline_hidden(baseline_id, hidden_at) VALUES (?, ?)";
        remove = "DELETE FROM inventory_baseline_hidden WHERE baseline_id = ?";
    } else if (entity == "round" && field == "hidden") {
        insert = "INSERT OR REPLACE INTO readiness_round_hidden(round_id, hidden_at) VALUES (?, ?)";
        remove = "DELETE FROM readiness_round_hidden WHERE round_id = ?";
    } else {
        return false;
    }
    int64_t id = std::stoll(key);
    if (value) {
        Stmt st(m_db, insert);
        st.Bind(1, id).Bind(2, *value).Run();
    } else {
        Stmt st(m_db, remove);
        st.Bind(1, id).Run();
    }
    return true;
}

int64_t Store::InsertRecord(const std::string& kindName, int64_t initiative,
                            const std::map<std::string, std::string>& fields) {
    const RecordKind* kind = FindRecordKind(kindName);
    if (!kind) throw std::logic_error("no such record kind: " + kindName);
    std::string cols, marks;
    std::vector<const std::string*> values;
    if (kind->perInitiative) {
        cols = "initiative_id";
        marks = "?";
    }
    for (const auto& [name, value] : fields) {
        if (!kind->Field(name)) throw std::logic_error("no such field: " + kindName + "." + name);
        cols += (cols.empty() ? "" : ", ") + name;
        marks += marks.empty() ? "?" : ", ?";
        values.push_back(&value);
    }
    std::string sql = std::string("INSERT INTO ") + kind->table + "(" + cols + ") VALUES (" + marks + ")";
    Stmt st(m_db, sql.c_str());
    int idx = 1;
    if (kind->perInitiative) st.Bind(idx++, initiative);
    for (const std::string* v : values) {
        if (v->empty()) st.BindNull(idx++);
        else st.Bind(idx++, *v);
    }
    st.Run();
    return m_db.LastInsertId();
}

int Store::CountReferences(const std::string& memberId) const {
    Stmt st(m_db,
            "SELECT (SELECT count(*) FROM activity a JOIN initiative i ON i.id = a.initiative_id "
            "        WHERE a.responsible = ?1 AND a.removed_at IS NULL AND i.removed_at IS NULL "
            "          AND coalesce(a.status, '') <> 'done') "
            "     + (SELECT count(*) FROM resource r JOIN initiative i ON i.id = r.initiative_id "
            "        WHERE r.responsible = ?1 AND r.removed_at IS NULL AND i.removed_at IS NULL)");
    st.Bind(1, static_cast<int64_t>(std::stoll(memberId)));
    return st.Step() ? static_cast<int>(st.Int(0)) : 0;
}

std::vector<std::pair<int64_t, std::string>> Store::MembersWithRole(const std::string& role) const {
    std::vector<std::pair<int64_t, std::string>> out;
    Stmt st(m_db, "SELECT id, name FROM team_member WHERE role = ? AND removed_at IS NULL ORDER BY id");
    st.Bind(1, role);
    while (st.Step()) out.emplace_back(st.Int(0), st.Text(1));
    return out;
}


Store::Write Store::BeginWrite() { return Write(*this); }

void Store::SetDurable(bool durable) { m_db.Exec(durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = OFF"); }

int64_t Store::InsertBaseline(const std::string& name, const std::string& takenOn) {
    Stmt st(m_db, "INSERT INTO inventory_baseline(name, taken_on, created_at) VALUES (?, ?, ?)");
    st.Bind(1, name).Bind(2, takenOn).Bind(3, NowIsoSeconds()).Run();
    int64_t id = m_db.LastInsertId();
    Stmt copy(m_db,
              "INSERT INTO inventory_baseline_row(baseline_id, rec_id, offered, provider, volume, staff_trained, gap, comment, reached) "
              "SELECT ?, rec_id, offered, provider, volume, staff_trained, gap, comment, reached FROM inventory");
    copy.Bind(1, id).Run();
    return id;
}

int64_t Store::InsertRound(const std::string& instrument, const std::string& name, const std::string& heldOn) {
    Stmt st(m_db, "INSERT INTO readiness_round(instrument, name, held_on, created_at) VALUES (?, ?, ?, ?)");
    st.Bind(1, instrument).Bind(2, name).Bind(3, heldOn).Bind(4, NowIsoSeconds()).Run();
    return m_db.LastInsertId();
}

int64_t Store::InsertDecision(const Decision& d) {
    Stmt st(m_db,
            "INSERT INTO decision(step, decided_on, title, rationale, participants, recorded_at, recorded_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)");
    st.Bind(1, d.step).Bind(2, d.decidedOn).Bind(3, d.title).Bind(4, d.rationale).Bind(5, d.participants);
    st.Bind(6, d.recordedAt).Bind(7, d.recordedBy).Run();
    int64_t id = m_db.LastInsertId();
    Stmt rec(m_db, "INSERT INTO decision_recommendation(decision_id, rec_id) VALUES (?, ?)");
    for (const auto& r : d.recommendations) {
        rec.Reset();
        rec.Bind(1, id).Bind(2, r).Run();
    }
    return id;
}

bool Store::NameInUse(const std::string& entity, const std::string& name) const {
    const char* sql = nullptr;
    if (entity == "baseline")
        sql = "SELECT count(*) FROM inventory_baseline WHERE name = ? "
              "AND id NOT IN (SELECT baseline_id FROM inventory_baseline_hidden)";
    else if (entity == "round")
        sql = "SELECT count(*) FROM readiness_round WHERE name = ? AND id NOT IN (SELECT round_id FROM readiness_round_hidden)";
    else
        throw std::logic_error("NameInUse: " + entity);
    Stmt st(m_db, sql);
    st.Bind(1, name);
    return st.Step() && st.Int(0) > 0;
}

bool Store::RoundExists(int64_t id) const {
    Stmt st(m_db, "SELECT count(*) FROM readiness_round WHERE id = ? AND id NOT IN (SELECT round_id FROM readiness_round_hidden)");
    st.Bind(1, id);
    return st.Step() && st.Int(0) > 0;
}

std::vector<std::string> Store::PositionedRecommendations() const {
    std::vector<std::string> out;
    Stmt st(m_db, "SELECT rec_id FROM priority WHERE position IS NOT NULL ORDER BY position");
    while (st.Step()) out.push_back(st.Text(0));
    return out;
}

std::vector<std::pair<int, std::string>> Store::RoundAnswerKeys(int64_t round) const {
    std::vector<std::pair<int, std::string>> out;
    Stmt st(m_db, "SELECT respondent, item FROM readiness_answer WHERE round_id = ? ORDER BY respondent, item");
    st.Bind(1, round);
    while (st.Step()) out.emplace_back(static_cast<int>(st.Int(0)), st.Text(1));
    return out;
}

int64_t Store::NextActionId() const { return PragmaInt(m_db, "SELECT coalesce(max(action_id), 0) + 1 FROM history"); }

int64_t Store::RecordHistory(int64_t actionId, const std::string& who, const std::string& label, const FieldChange& c,
                             const std::string& at) {
    Stmt st(m_db,
            "INSERT INTO history(action_id, at, who, label, entity, key, field, old_value, new_value) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.Bind(1, actionId).Bind(2, at).Bind(3, who).Bind(4, label).Bind(5, c.entity).Bind(6, c.key);
    st.Bind(7, c.field).Bind(8, c.oldValue).Bind(9, c.newValue).Run();
    return m_db.LastInsertId();
}

std::optional<int64_t> Store::LastDoneAction() const {
    // On a server project: this login's own newest action, whatever others did since.
    Stmt st(m_db, "SELECT max(action_id) FROM history WHERE state = 'done' AND (?1 = '' OR who = ?1 OR substr(who, -length(?1) - 3) = ' (' || ?1 || ')')");
    st.Bind(1, m_undoOwner);
    if (st.Step() && !st.IsNull(0)) return st.Int(0);
    return std::nullopt;
}

std::optional<int64_t> Store::FirstUndoneAction() const {
    Stmt st(m_db, "SELECT min(action_id) FROM history WHERE state = 'undone' AND (?1 = '' OR who = ?1 OR substr(who, -length(?1) - 3) = ' (' || ?1 || ')')");
    st.Bind(1, m_undoOwner);
    if (st.Step() && !st.IsNull(0)) return st.Int(0);
    return std::nullopt;
}

std::optional<HistoryEntry> Store::LaterChange(int64_t actionId) const {
    Stmt st(m_db,
            "SELECT h.who, h.label, h.new_value FROM history h JOIN history mine ON mine.action_id = ?1 "
            "AND h.entity = mine.entity AND h.key = mine.key AND h.field = mine.field "
            "WHERE h.action_id > ?1 AND h.state = 'done' ORDER BY h.id DESC LIMIT 1");
    st.Bind(1, actionId);
    if (!st.Step()) return std::nullopt;
    HistoryEntry h;
    h.who = st.Text(0);
    h.label = st.Text(1);
    h.hasNew = !st.IsNull(2);
    h.newValue = h.hasNew ? st.Text(2) : "";
    return h;
}

void Store::SetActionState(int64_t actionId, const std::string& state) {
    Stmt st(m_db, "UPDATE history SET state = ? WHERE action_id = ?");
    st.Bind(1, state).Bind(2, actionId).Run();
}

void Store::DropUndone() {
    // A new edit ends its author's redo chain; others' chains are theirs.
    Stmt st(m_db, "UPDATE history SET state = 'dropped' WHERE state = 'undone' AND (?1 = '' OR who = ?1 OR substr(who, -length(?1) - 3) = ' (' || ?1 || ')')");
    st.Bind(1, m_undoOwner).Run();
}


}  // namespace stegvis

namespace stegvis::storeimpl {

std::optional<std::string> ReadCatalogRow(const Db& db, const std::string& id) {
    Stmt st(db,
            "SELECT rec_id, edition, area, target_group, condition, intervention, priority, level, source, level_note, "
            "withdrawn_in FROM catalog_row WHERE rec_id = ?");
    st.Bind(1, id);
    if (!st.Step()) return std::nullopt;
    std::string out = st.Text(0);
    for (int c = 1; c <= 9; ++c) out += "\t" + st.Text(c);
    if (!st.IsNull(10) && !st.Text(10).empty()) out += "\t" + st.Text(10);
    return out;
}

void WriteCatalogRow(Db& db, const std::string& id, const std::optional<std::string>& value) {
    if (!value) {
        Stmt st(db, "DELETE FROM catalog_row WHERE rec_id = ?");
        st.Bind(1, id).Run();
        return;
    }
    std::optional<Recommendation> r = RecommendationFromTsv(*value);
    if (!r || r->id != id) throw std::invalid_argument("not a catalog row of " + id);
    // A row already there keeps its place; a new one goes last until the order is written.
    Stmt st(db,
            "INSERT INTO catalog_row(rec_id, position, edition, area, target_group, condition, intervention, priority, "
            "level, source, level_note, withdrawn_in) "
            "VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM catalog_row), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
            "ON CONFLICT(rec_id) DO UPDATE SET edition = excluded.edition, area = excluded.area, "
            "target_group = excluded.target_group, condition = excluded.condition, intervention = excluded.intervention, "
            "priority = excluded.priority, level = excluded.level, source = excluded.source, "
            "level_note = excluded.level_note, withdrawn_in = excluded.withdrawn_in");
    st.Bind(1, r->id).Bind(2, r->edition).Bind(3, r->area).Bind(4, r->targetGroup).Bind(5, r->condition);
    st.Bind(6, r->intervention).Bind(7, r->priority.ToString()).Bind(8, std::string(LevelText(r->level)));
    st.Bind(9, r->source).Bind(10, r->levelNote);
    if (r->withdrawnIn.empty()) st.Bind(11, std::optional<std::string>{});
    else st.Bind(11, r->withdrawnIn);
    st.Run();
}

std::optional<std::string> ReadCatalogOrder(const Db& db) {
    Stmt st(db, "SELECT rec_id FROM catalog_row ORDER BY position, rec_id");
    std::string out;
    while (st.Step()) out += (out.empty() ? "" : ",") + st.Text(0);
    if (out.empty()) return std::nullopt;
    return out;
}

void WriteCatalogOrder(Db& db, const std::optional<std::string>& order) {
    if (!order) return;  // no rows: nothing to order
    int position = 0;
    Stmt st(db, "UPDATE catalog_row SET position = ? WHERE rec_id = ?");
    for (const std::string& id : Split(*order, ',')) {
        st.Bind(1, ++position).Bind(2, id).Run();
        st.Reset();
    }
    // Rows the list does not name (none, when the list came from the same catalog) go after it.
    const std::vector<std::string> listed = Split(*order, ',');
    std::vector<std::string> rest;
    {
        Stmt all(db, "SELECT rec_id FROM catalog_row ORDER BY position, rec_id");
        while (all.Step())
            if (std::find(listed.begin(), listed.end(), all.Text(0)) == listed.end()) rest.push_back(all.Text(0));
    }
    for (const std::string& id : rest) {
        st.Bind(1, ++position).Bind(2, id).Run();
        st.Reset();
    }
}

}  // namespace stegvis::storeimpl
