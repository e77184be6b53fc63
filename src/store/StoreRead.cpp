// Reading a project into the model: all of it (Load), the parts an edit touched (Refresh), the
// history, and what the county overview needs of a unit.
#include "store/Store.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "domain/Records.hpp"
#include "base/Text.hpp"
#include "store/StoreInternal.hpp"

namespace stegvis {
using storeimpl::PragmaInt;

ProjectModel Store::Load() const {
    try {
        ReadTransaction snapshot(m_db);  // one consistent model, even while another window writes
        ProjectModel m;
        LoadProject(m);
        LoadSteps(m);
        LoadDecisions(m);
        LoadPhase1(m, kAllPhase1);
        LoadRecords(m, true, true);
        LoadHistoryCounts(m);
        LoadCatalogRows(m);
        return m;
    } catch (const SqliteError& e) {
        // A damaged page the opening checks did not read (an index the checks' scans do not
        // use): the file is refused by name, like any other damaged file, instead of an error
        // without one reaching whoever opened it.
        const int primary = e.Code() & 0xff;
        if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
            throw OpenError(OpenError::Kind::Corrupt, m_path, DescribeStorageError(e));
        throw;
    }
}

void Store::LoadCatalogRows(ProjectModel& m) const { storeimpl::ReadCatalogRows(m_db, &m.catalogRows); }

void storeimpl::ReadCatalogRows(const Db& db, std::vector<Recommendation>* rows) {
    rows->clear();
    Stmt st(db,
            "SELECT rec_id, edition, area, target_group, condition, intervention, priority, level, source, level_note, "
            "withdrawn_in FROM catalog_row ORDER BY position, rec_id");
    while (st.Step()) {
        Recommendation r;
        r.id = st.Text(0);
        r.edition = st.Text(1);
        r.area = st.Text(2);
        r.targetGroup = st.Text(3);
        r.condition = st.Text(4);
        r.intervention = st.Text(5);
        // The file's checks (Verify) hold these to what a catalog allows.
        if (auto p = ParsePriority(st.Text(6))) r.priority = *p;
        if (auto l = ParseLevel(st.Text(7))) r.level = *l;
        r.source = st.Text(8);
        r.levelNote = st.Text(9);
        r.withdrawnIn = st.IsNull(10) ? "" : st.Text(10);
        rows->push_back(std::move(r));
    }
}

void Store::LoadProject(ProjectModel& m) const {
    m.project = ProjectInfo{};
    Stmt st(m_db, "SELECT name, organisation, org_kind, catalog_edition, created_on FROM project WHERE id = 1");
    if (st.Step()) {
        m.project.name = st.Text(0);
        m.project.organisation = st.Text(1);
        ParseOrgKind(st.Text(2), &m.project.kind);
        m.project.catalogEdition = st.Text(3);
        m.project.createdOn = st.Text(4);
    }
}

namespace {
// Columns step, status, started_on, done_on, notes starting at `col`.
StepProgress ReadStepProgress(const Stmt& st, int col) {
    StepProgress p;
    p.step = static_cast<int>(st.Int(col));
    ParseStepStatus(st.Text(col + 1), &p.status);
    p.startedOn = st.Text(col + 2);
    p.doneOn = st.Text(col + 3);
    p.notes = st.Text(col + 4);
    return p;
}

// Columns numerator, denominator, note starting at `col`.
PointRow ReadPoint(const Stmt& st, int col) {
    PointRow row;
    if (!st.IsNull(col)) row.numerator = st.Real(col);
    if (!st.IsNull(col + 1)) row.denominator = st.Real(col + 1);
    row.note = st.Text(col + 2);
    return row;
}
}  // namespace

void Store::LoadSteps(ProjectModel& m) const {
    m.steps.clear();
    {
        Stmt st(m_db, "SELECT step, status, started_on, done_on, notes FROM step_progress ORDER BY step");
        while (st.Step()) m.steps.push_back(ReadStepProgress(st, 0));
    }
    Stmt st(m_db, "SELECT step, item FROM checklist_tick");
    while (st.Step()) {
        int step = static_cast<int>(st.Int(0));
        if (step >= 1 && step <= static_cast<int>(m.steps.size())) m.steps[static_cast<size_t>(step - 1)].ticked.insert(st.Text(1));
    }
}

void Store::LoadDecisions(ProjectModel& m) const {
    m.decisions.clear();
    Stmt st(m_db,
            "SELECT d.id, d.step, d.decided_on, d.title, d.rationale, d.participants, d.recorded_at, d.recorded_by, "
            "w.decision_id IS NOT NULL FROM decision d LEFT JOIN decision_withdrawal w ON w.decision_id = d.id "
            "ORDER BY d.decided_on, d.id");
    std::map<int64_t, size_t> at;
    while (st.Step()) {
        Decision d;
        d.id = st.Int(0);
        d.step = static_cast<int>(st.Int(1));
        d.decidedOn = st.Text(2);
        d.title = st.Text(3);
        d.rationale = st.Text(4);
        d.participants = st.Text(5);
        d.recordedAt = st.Text(6);
        d.recordedBy = st.Text(7);
        d.withdrawn = st.Int(8) != 0;
        at[d.id] = m.decisions.size();
        m.decisions.push_back(std::move(d));
    }
    Stmt rec(m_db, "SELECT decision_id, rec_id FROM decision_recommendation ORDER BY decision_id, rec_id");
    while (rec.Step()) {
        auto it = at.find(rec.Int(0));
        if (it != at.end()) m.decisions[it->second].recommendations.push_back(rec.Text(1));
    }
}

void Store::LoadHistoryCounts(ProjectModel& m) const {
    m.undoable = PragmaInt(m_db, "SELECT count(DISTINCT action_id) FROM history WHERE state = 'done'");
    m.redoable = PragmaInt(m_db, "SELECT count(DISTINCT action_id) FROM history WHERE state = 'undone'");
    Stmt st(m_db, "SELECT max(at) FROM history");
    if (st.Step()) m.lastChangeAt = st.Text(0);
}

namespace {
std::optional<int> OptInt(const Stmt& st, int col) {
    if (st.IsNull(col)) return std::nullopt;
    return static_cast<int>(st.Int(col));
}

// Columns offered, provider, volume, staff_trained, gap, comment, reached starting at `col`.
InventoryRow ReadInventoryRow(const Stmt& st, int col) {
    InventoryRow r;
    r.offered = st.Text(col);
    r.provider = st.Text(col + 1);
    r.volume = OptInt(st, col + 2);
    r.staffTrained = OptInt(st, col + 3);
    r.gap = st.Text(col + 4);
    r.comment = st.Text(col + 5);
    r.reached = OptInt(st, col + 6);
    return r;
}
}  // namespace

namespace {
// One recommendation's inventory row read again as LoadPhase1 reads it (or gone, as a reload
// would not find it).
void RefreshInventoryRows(const Db& db, ProjectModel& m, const std::set<std::string>& recIds) {
    Stmt st(db, "SELECT offered, provider, volume, staff_trained, gap, comment, reached FROM inventory WHERE rec_id = ?");
    for (const std::string& rec : recIds) {
        st.Reset();
        st.Bind(1, rec);
        if (st.Step()) m.inventory[rec] = ReadInventoryRow(st, 0);
        else m.inventory.erase(rec);
    }
}

// A step's own row read again as LoadSteps reads it, its ticks kept (a tick is an edit of its
// own). False when a row or its place in the model is not there: then LoadSteps reads them all.
bool RefreshStepRows(const Db& db, ProjectModel& m, const std::set<std::string>& steps) {
    Stmt st(db, "SELECT step, status, started_on, done_on, notes FROM step_progress WHERE step = ?");
    for (const std::string& key : steps) {
        st.Reset();
        st.Bind(1, key);  // bound as the write path binds it
        if (!st.Step()) return false;
        StepProgress p = ReadStepProgress(st, 0);
        auto it = std::find_if(m.steps.begin(), m.steps.end(), [&](const StepProgress& s) { return s.step == p.step; });
        if (it == m.steps.end()) return false;
        p.ticked = std::move(it->ticked);
        *it = std::move(p);
    }
    return true;
}

// One data point read again as LoadRecords reads it; a period without a row is a gap, and a
// measure without points has no entry, as after a reload.
void RefreshPoints(const Db& db, ProjectModel& m, const std::set<std::pair<int64_t, std::string>>& rows) {
    Stmt st(db, "SELECT numerator, denominator, note FROM measure_point WHERE measure_id = ? AND period = ?");
    for (const auto& [measure, period] : rows) {
        st.Reset();
        st.Bind(1, measure).Bind(2, period);
        if (st.Step()) {
            m.points[measure][period] = ReadPoint(st, 0);
            continue;
        }
        auto it = m.points.find(measure);
        if (it == m.points.end()) continue;
        it->second.erase(period);
        if (it->second.empty()) m.points.erase(it);
    }
}
}  // namespace

void Store::Refresh(ProjectModel& m, const std::vector<std::pair<std::string, std::string>>& touched) const {
    bool project = false, steps = false, decisions = false, records = false, points = false, catalog = false;
    unsigned phase1 = 0;
    std::set<int64_t> measures;
    bool allPoints = false;
    // An edit names the rows it wrote (a recommendation's inventory row, a measure's period): only
    // those are read again, not the whole table or every point of the measure.
    std::set<std::string> inventoryRows, stepRows;
    std::set<std::pair<int64_t, std::string>> pointRows;
    for (const auto& [e, key] : touched) {
        if (e == "project") project = true;
        else if (e == "catalog") catalog = true;
        else if (e == "step") stepRows.insert(key);
        else if (e == "tick") steps = true;
        else if (e == "decision") decisions = true;
        else if (e == "discussion") phase1 |= kDiscussions;
        else if (e == "inventory") inventoryRows.insert(key);
        else if (e == "baseline") phase1 |= kBaselines;
        else if (e == "priority") phase1 |= kPriorities;
        else if (e == "hexagon") phase1 |= kHexagon;
        else if (e == "round" || e == "answer") phase1 |= kRounds;
        else if (e == "point") {
            // Keyed "measure/period", as the write path splits it.
            const std::vector<std::string> parts = Split(key, '/');
            try {
                if (parts.size() != 2) throw std::invalid_argument("point key");
                size_t used = 0;
                const int64_t measure = std::stoll(parts[0], &used);
                if (used != parts[0].size() || std::to_string(measure) != parts[0]) throw std::invalid_argument("point key");
                pointRows.emplace(measure, parts[1]);
            } catch (const std::exception&) {
                // Not a key the write path makes: the measure again, or every point.
                points = true;
                const auto slash = key.find('/');
                try {
                    measures.insert(std::stoll(key.substr(0, slash)));
                } catch (const std::exception&) {
                    allPoints = true;
                }
            }
        }
        else if (e == "istep" || e == "itick") records = true;
        else if (FindRecordKind(e)) records = true;
        else {  // unknown: all of it
            project = steps = decisions = records = points = allPoints = catalog = true;
            phase1 = kAllPhase1;
        }
    }
    // Everything read again from one snapshot of the file; a single row needs no transaction of
    // its own (its statement is one), which spares the three statements that open and close one.
    const bool tables = project || steps || decisions || phase1 || records || points || catalog;
    std::optional<ReadTransaction> snapshot;
    if (tables || stepRows.size() + inventoryRows.size() + pointRows.size() > 1) snapshot.emplace(m_db);
    if (project) LoadProject(m);
    if (catalog) LoadCatalogRows(m);
    if (steps || (!stepRows.empty() && !RefreshStepRows(m_db, m, stepRows))) {
        if (!snapshot) snapshot.emplace(m_db);
        LoadSteps(m);
    }
    if (decisions) LoadDecisions(m);
    if (phase1) LoadPhase1(m, phase1);
    if (!inventoryRows.empty() && !(phase1 & kInventory)) RefreshInventoryRows(m_db, m, inventoryRows);
    if (records || points) LoadRecords(m, records, points, allPoints ? std::set<int64_t>{} : measures);
    // Rows of a measure read again whole above are not read again one by one.
    if (allPoints) pointRows.clear();
    for (auto it = pointRows.begin(); it != pointRows.end();) it = measures.count(it->first) ? pointRows.erase(it) : std::next(it);
    if (!pointRows.empty()) RefreshPoints(m_db, m, pointRows);
}

void Store::LoadPhase1(ProjectModel& m, unsigned parts) const {
    if (parts & kDiscussions) {
        m.discussions.clear();
        Stmt st(m_db, "SELECT rec_id, discussed_on, note FROM rec_discussion");
        while (st.Step()) m.discussions[st.Text(0)] = Discussion{st.Text(1), st.Text(2)};
    }
    if (parts & kInventory) {
        m.inventory.clear();
        Stmt st(m_db, "SELECT rec_id, offered, provider, volume, staff_trained, gap, comment, reached FROM inventory");
        while (st.Step()) m.inventory[st.Text(0)] = ReadInventoryRow(st, 1);
    }
    if (parts & kBaselines) {
        m.baselines.clear();
        Stmt st(m_db,
                "SELECT b.id, b.name, b.taken_on, b.created_at FROM inventory_baseline b "
                "WHERE b.id NOT IN (SELECT baseline_id FROM inventory_baseline_hidden) ORDER BY b.taken_on, b.id");
        while (st.Step()) {
            InventoryBaseline b;
            b.id = st.Int(0);
            b.name = st.Text(1);
            b.takenOn = st.Text(2);
            b.createdAt = st.Text(3);
            m.baselines.push_back(std::move(b));
        }
        Stmt rows(m_db,
                  "SELECT baseline_id, rec_id, offered, provider, volume, staff_trained, gap, comment, reached "
                  "FROM inventory_baseline_row");
        while (rows.Step()) {
            int64_t id = rows.Int(0);
            for (auto& b : m.baselines)
                if (b.id == id) b.rows[rows.Text(1)] = ReadInventoryRow(rows, 2);
        }
    }
    if (parts & kPriorities) {
        m.priorities.clear();
        Stmt st(m_db, "SELECT rec_id, feasibility, position, selected FROM priority");
        while (st.Step()) {
            PriorityEntry e;
            e.feasibility = OptInt(st, 1);
            e.position = OptInt(st, 2);
            e.selected = st.Int(3) != 0;
            m.priorities[st.Text(0)] = e;
        }
    }
    if (parts & kHexagon) {
        m.hexagon.clear();
        Stmt st(m_db, "SELECT rec_id, factor, rating FROM hexagon");
        while (st.Step()) m.hexagon[st.Text(0)][st.Text(1)] = static_cast<int>(st.Int(2));
    }
    if (parts & kRounds) {
        m.rounds.clear();
        Stmt st(m_db,
                "SELECT id, instrument, name, held_on, respondents FROM readiness_round "
                "WHERE id NOT IN (SELECT round_id FROM readiness_round_hidden) ORDER BY held_on, id");
        while (st.Step()) {
            ReadinessRound r;
            r.id = st.Int(0);
            r.instrument = st.Text(1);
            r.name = st.Text(2);
            r.heldOn = st.Text(3);
            r.respondents = static_cast<int>(st.Int(4));
            m.rounds.push_back(std::move(r));
        }
        Stmt ans(m_db, "SELECT round_id, respondent, item, value FROM readiness_answer");
        while (ans.Step()) {
            int64_t id = ans.Int(0);
            for (auto& r : m.rounds)
                if (r.id == id) r.answers[{static_cast<int>(ans.Int(1)), ans.Text(2)}] = static_cast<int>(ans.Int(3));
        }
    }
}

namespace {
// The columns of a history row, in the order HistoryRow reads them.
constexpr const char* kHistoryColumns =
    "SELECT id, action_id, at, who, label, entity, key, field, old_value, new_value, state FROM history ";

HistoryEntry HistoryRow(const Stmt& st) {
    HistoryEntry h;
    h.id = st.Int(0);
    h.actionId = st.Int(1);
    h.at = st.Text(2);
    h.who = st.Text(3);
    h.label = st.Text(4);
    h.entity = st.Text(5);
    h.key = st.Text(6);
    h.field = st.Text(7);
    h.hadOld = !st.IsNull(8);
    h.oldValue = st.Text(8);
    h.hasNew = !st.IsNull(9);
    h.newValue = st.Text(9);
    h.state = st.Text(10);
    return h;
}

std::vector<HistoryEntry> HistoryRows(const Db& db, const std::string& where, int64_t bound) {
    std::vector<HistoryEntry> out;
    Stmt st(db, (kHistoryColumns + where).c_str());
    st.Bind(1, bound);
    while (st.Step()) out.push_back(HistoryRow(st));
    return out;
}
}  // namespace

std::vector<HistoryEntry> Store::History(int limit) const { return HistoryRows(m_db, "ORDER BY id DESC LIMIT ?", limit); }

std::vector<HistoryEntry> Store::ActionEntries(int64_t actionId) const {
    return HistoryRows(m_db, "WHERE action_id = ? ORDER BY id", actionId);
}

namespace {
void ReadRecordKind(const Db& db, const RecordKind& kind, ProjectModel& m);
}  // namespace

void Store::LoadRecords(ProjectModel& m, bool records, bool points, const std::set<int64_t>& measures) const {
    if (records) {
        m.records.clear();
        m.initiativeSteps.clear();
        for (const RecordKind& kind : RecordKinds()) ReadRecordKind(m_db, kind, m);
        Stmt steps(m_db,
                   "SELECT initiative_id, step, status, started_on, done_on, notes FROM initiative_step "
                   "WHERE initiative_id IN (SELECT id FROM initiative WHERE removed_at IS NULL)");
        while (steps.Step()) {
            StepProgress p = ReadStepProgress(steps, 1);
            m.initiativeSteps[steps.Int(0)][p.step] = std::move(p);
        }
        Stmt ticks(m_db, "SELECT initiative_id, step, item FROM initiative_tick");
        while (ticks.Step()) {
            auto& p = m.initiativeSteps[ticks.Int(0)][static_cast<int>(ticks.Int(1))];
            p.step = static_cast<int>(ticks.Int(1));
            p.ticked.insert(ticks.Text(2));
        }
    }
    if (!points) return;
    if (measures.empty()) {
        m.points.clear();
        Stmt pts(m_db, "SELECT measure_id, period, numerator, denominator, note FROM measure_point ORDER BY measure_id, period");
        while (pts.Step()) m.points[pts.Int(0)][pts.Text(1)] = ReadPoint(pts, 2);
        return;
    }
    // Only the measures an edit touched: a national project has many thousands of points.
    Stmt pts(m_db, "SELECT period, numerator, denominator, note FROM measure_point WHERE measure_id = ? ORDER BY period");
    for (int64_t measure : measures) {
        auto& list = m.points[measure];
        list.clear();
        pts.Reset();
        pts.Bind(1, measure);
        while (pts.Step()) list[pts.Text(0)] = ReadPoint(pts, 1);
        if (list.empty()) m.points.erase(measure);
    }
}

namespace {

// The rows of one record kind not removed, as LoadRecords reads them.
void ReadRecordKind(const Db& db, const RecordKind& kind, ProjectModel& m) {
    std::string sql = "SELECT id";
    if (kind.perInitiative) sql += ", initiative_id";
    for (const auto& f : kind.fields) sql += std::string(", ") + f.name;
    sql += std::string(" FROM ") + kind.table + " WHERE removed_at IS NULL ORDER BY id";
    Stmt st(db, sql.c_str());
    auto& list = m.records[kind.kind];
    while (st.Step()) {
        Record r;
        int col = 0;
        r.id = st.Int(col++);
        if (kind.perInitiative) r.initiative = st.Int(col++);
        for (const auto& f : kind.fields) {
            if (!st.IsNull(col)) {
                std::string value = st.Text(col);
                // Numbers stored as REAL read back as "1200.0"; show them as people write them.
                if (f.type == FieldType::Number && value.size() > 2 && value.compare(value.size() - 2, 2, ".0") == 0)
                    value.resize(value.size() - 2);
                r.fields[f.name] = std::move(value);
            }
            ++col;
        }
        list.push_back(std::move(r));
    }
}

}  // namespace

ProjectModel Store::ReadOverviewFrom(const Db& db) { return storeimpl::ReadOverviewFrom(db, std::nullopt); }

ProjectModel storeimpl::ReadOverviewFrom(const Db& db, const std::optional<std::string>& lastChangeAt) {
    ReadTransaction snapshot(db);
    ProjectModel m;
    ReadCatalogRows(db, &m.catalogRows);  // which catalog the unit's answers refer to
    {
        Stmt st(db, "SELECT name, organisation, org_kind, catalog_edition, created_on FROM project WHERE id = 1");
        if (st.Step()) {
            m.project.name = st.Text(0);
            m.project.organisation = st.Text(1);
            ParseOrgKind(st.Text(2), &m.project.kind);
            m.project.catalogEdition = st.Text(3);
            m.project.createdOn = st.Text(4);
        }
    }
    {
        Stmt st(db, "SELECT step, status, started_on, done_on, notes FROM step_progress ORDER BY step");
        while (st.Step()) {
            StepProgress p;
            p.step = static_cast<int>(st.Int(0));
            ParseStepStatus(st.Text(1), &p.status);
            p.startedOn = st.Text(2);
            p.doneOn = st.Text(3);
            p.notes = st.Text(4);
            m.steps.push_back(std::move(p));
        }
        Stmt ticks(db, "SELECT step, item FROM checklist_tick");
        while (ticks.Step()) {
            int step = static_cast<int>(ticks.Int(0));
            if (step >= 1 && step <= static_cast<int>(m.steps.size())) m.steps[static_cast<size_t>(step - 1)].ticked.insert(ticks.Text(1));
        }
    }
    {
        Stmt st(db, "SELECT rec_id, offered, provider, volume, staff_trained, gap, comment, reached FROM inventory");
        while (st.Step()) m.inventory[st.Text(0)] = ReadInventoryRow(st, 1);
    }
    // The initiatives, and what their signals are worked out from.
    for (const char* kind : {"initiative", "measure", "pdsa"}) ReadRecordKind(db, *FindRecordKind(kind), m);
    {
        Stmt steps(db,
                   "SELECT initiative_id, step, status, started_on, done_on, notes FROM initiative_step "
                   "WHERE initiative_id IN (SELECT id FROM initiative WHERE removed_at IS NULL)");
        while (steps.Step()) {
            StepProgress p;
            p.step = static_cast<int>(steps.Int(1));
            ParseStepStatus(steps.Text(2), &p.status);
            p.startedOn = steps.Text(3);
            p.doneOn = steps.Text(4);
            p.notes = steps.Text(5);
            m.initiativeSteps[steps.Int(0)][p.step] = std::move(p);
        }
        Stmt ticks(db, "SELECT initiative_id, step, item FROM initiative_tick");
        while (ticks.Step()) {
            auto& p = m.initiativeSteps[ticks.Int(0)][static_cast<int>(ticks.Int(1))];
            p.step = static_cast<int>(ticks.Int(1));
            p.ticked.insert(ticks.Text(2));
        }
    }
    {
        // In the table's own order: in the index's order every row cost a lookup in the table
        // besides. The maps sort the points either way, and of two rows with the same measure and
        // period (a damaged file) the one with the higher rowid wins either way, as equal keys
        // stand in rowid order in the index.
        Stmt pts(db, "SELECT measure_id, period, numerator, denominator, note FROM measure_point");
        std::map<std::string, PointRow>* list = nullptr;
        int64_t listOf = 0;
        while (pts.Step()) {
            PointRow row;
            if (!pts.IsNull(2)) row.numerator = pts.Real(2);
            if (!pts.IsNull(3)) row.denominator = pts.Real(3);
            row.note = pts.Text(4);
            const int64_t measure = pts.Int(0);
            if (!list || measure != listOf) list = &m.points[listOf = measure];
            (*list)[pts.Text(1)] = std::move(row);
        }
    }
    if (lastChangeAt) {
        m.lastChangeAt = *lastChangeAt;
    } else {
        Stmt st(db, "SELECT max(at) FROM history");
        if (st.Step()) m.lastChangeAt = st.Text(0);
    }
    return m;
}


}  // namespace stegvis
