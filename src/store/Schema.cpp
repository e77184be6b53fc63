// The schema: every version's migration in order, applied one transaction each.
#include "store/Store.hpp"

#include "store/StoreInternal.hpp"

namespace stegvis {
using storeimpl::PragmaInt;

// ---- migrations: an ordered list; each runs with its version bump in one transaction ----

namespace {

struct Migration {
    int version;
    const char* sql;
};

const Migration kMigrations[] = {
    {1, R"SQL(
CREATE TABLE project(
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  organisation TEXT NOT NULL,
  org_kind TEXT NOT NULL CHECK (org_kind IN ('kommun','region','annan')),
  catalog_edition TEXT NOT NULL,
  created_on TEXT NOT NULL
);
CREATE TABLE step_progress(
  step INTEGER PRIMARY KEY CHECK (step BETWEEN 1 AND 15),
  status TEXT NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started','in_progress','done')),
  started_on TEXT,
  done_on TEXT,
  notes TEXT NOT NULL DEFAULT ''
);
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 15)
  INSERT INTO step_progress(step) SELECT x FROM n;
CREATE TABLE checklist_tick(
  step INTEGER NOT NULL REFERENCES step_progress(step),
  item TEXT NOT NULL,
  ticked_on TEXT NOT NULL,
  PRIMARY KEY (step, item)
);
CREATE TABLE decision(
  id INTEGER PRIMARY KEY,
  step INTEGER NOT NULL CHECK (step BETWEEN 1 AND 15),
  decided_on TEXT NOT NULL,
  title TEXT NOT NULL,
  rationale TEXT NOT NULL DEFAULT '',
  participants TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE TABLE decision_recommendation(
  decision_id INTEGER NOT NULL REFERENCES decision(id),
  rec_id TEXT NOT NULL,
  PRIMARY KEY (decision_id, rec_id)
);
-- The decision log is append-only: a decision taken back is marked withdrawn, never erased.
CREATE TRIGGER decision_append_only_u BEFORE UPDATE ON decision
  BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
CREATE TRIGGER decision_append_only_d BEFORE DELETE ON decision
  BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
CREATE TRIGGER decision_rec_append_only_u BEFORE UPDATE ON decision_recommendation
  BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
CREATE TRIGGER decision_rec_append_only_d BEFORE DELETE ON decision_recommendation
  BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
CREATE TABLE decision_withdrawal(
  decision_id INTEGER PRIMARY KEY REFERENCES decision(id),
  withdrawn_at TEXT NOT NULL
);
CREATE TABLE history(
  id INTEGER PRIMARY KEY,
  action_id INTEGER NOT NULL,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  label TEXT NOT NULL,
  entity TEXT NOT NULL,
  key TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT,
  state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done','undone','dropped'))
);
CREATE INDEX history_action ON history(action_id);
CREATE INDEX history_state ON history(state, action_id);
)SQL"},
    // Phase 1 for the manager: discussed recommendations, the needs inventory with dated
    // baselines, the prioritisation, the Hexagon ratings and readiness rounds.
    {2, R"SQL(
CREATE TABLE rec_discussion(
  rec_id TEXT PRIMARY KEY,
  discussed_on TEXT,
  note TEXT
);
CREATE TABLE inventory(
  rec_id TEXT PRIMARY KEY,
  offered TEXT CHECK (offered IN ('ja','delvis','nej','vet_ej','ej_aktuellt')),
  provider TEXT CHECK (provider IN ('egen','annan_del','socialtjanst','primarvard','psykiatri','extern','ingen')),
  volume INTEGER CHECK (volume >= 0),
  staff_trained INTEGER CHECK (staff_trained >= 0),
  gap TEXT CHECK (gap IN ('ingen','liten','stor')),
  comment TEXT
);
CREATE TABLE inventory_baseline(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  taken_on TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE inventory_baseline_row(
  baseline_id INTEGER NOT NULL REFERENCES inventory_baseline(id),
  rec_id TEXT NOT NULL,
  offered TEXT, provider TEXT, volume INTEGER, staff_trained INTEGER, gap TEXT, comment TEXT,
  PRIMARY KEY (baseline_id, rec_id)
);
-- A baseline is a snapshot: never changed once taken. Undoing one hides it.
CREATE TRIGGER baseline_row_frozen_u BEFORE UPDATE ON inventory_baseline_row
  BEGIN SELECT RAISE(ABORT, 'a baseline is frozen'); END;
CREATE TABLE inventory_baseline_hidden(
  baseline_id INTEGER PRIMARY KEY REFERENCES inventory_baseline(id),
  hidden_at TEXT NOT NULL
);
CREATE TABLE priority(
  rec_id TEXT PRIMARY KEY,
  feasibility INTEGER CHECK (feasibility BETWEEN 1 AND 3),
  position INTEGER CHECK (position >= 1),
  selected INTEGER CHECK (selected IN (0, 1))
);
CREATE TABLE hexagon(
  rec_id TEXT NOT NULL,
  factor TEXT NOT NULL CHECK (factor IN ('need','fit','resources','evidence','readiness','capacity')),
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  PRIMARY KEY (rec_id, factor)
);
CREATE TABLE readiness_round(
  id INTEGER PRIMARY KEY,
  instrument TEXT NOT NULL,
  name TEXT NOT NULL,
  held_on TEXT NOT NULL,
  respondents INTEGER NOT NULL DEFAULT 0 CHECK (respondents >= 0),
  created_at TEXT NOT NULL
);
CREATE TABLE readiness_round_hidden(
  round_id INTEGER PRIMARY KEY REFERENCES readiness_round(id),
  hidden_at TEXT NOT NULL
);
CREATE TABLE readiness_answer(
  round_id INTEGER NOT NULL REFERENCES readiness_round(id),
  respondent INTEGER NOT NULL CHECK (respondent >= 1),
  item TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (round_id, respondent, item)
);
)SQL"},
    // Steps 6-11: the team, initiatives (each moving through steps 8-15 on its own) and each
    // initiative's resources, goals, activities and trainings. Rows are never deleted: removing
    // one sets removed_at, which undo clears.
    {3, R"SQL(
CREATE TABLE team_member(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL, role TEXT, organisation TEXT, contact TEXT,
  removed_at TEXT
);
CREATE TABLE initiative(
  id INTEGER PRIMARY KEY,
  rec_id TEXT NOT NULL, name TEXT NOT NULL, decided_on TEXT, expected_effect TEXT, evidence TEXT,
  removed_at TEXT
);
CREATE TABLE initiative_step(
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  step INTEGER NOT NULL CHECK (step BETWEEN 8 AND 15),
  status TEXT CHECK (status IN ('not_started','in_progress','done')),
  started_on TEXT, done_on TEXT, notes TEXT,
  PRIMARY KEY (initiative_id, step)
);
CREATE TABLE initiative_tick(
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  step INTEGER NOT NULL,
  item TEXT NOT NULL,
  ticked_on TEXT NOT NULL,
  PRIMARY KEY (initiative_id, step, item)
);
CREATE TABLE resource(
  id INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  kind TEXT, description TEXT, amount_sek REAL CHECK (amount_sek >= 0), status TEXT,
  responsible INTEGER REFERENCES team_member(id), due_on TEXT, note TEXT,
  removed_at TEXT
);
CREATE TABLE goal(
  id INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  indicator TEXT NOT NULL, baseline REAL, target REAL, target_date TEXT,
  removed_at TEXT
);
CREATE TABLE activity(
  id INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  kind TEXT, what TEXT NOT NULL, responsible INTEGER REFERENCES team_member(id),
  start_on TEXT, due_on TEXT, status TEXT,
  removed_at TEXT
);
CREATE TABLE training(
  id INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  member INTEGER NOT NULL REFERENCES team_member(id), course TEXT NOT NULL, trained_on TEXT, trainer TEXT, status TEXT,
  removed_at TEXT
);
)SQL"},
    // Steps 12-15: measures with data by period, PDSA cycles, roll-out, and what the pilot taught.
    {4, R"SQL(
ALTER TABLE initiative ADD COLUMN study_summary TEXT;
ALTER TABLE initiative ADD COLUMN pilot_decision TEXT;
ALTER TABLE initiative ADD COLUMN full_scale_from TEXT;
ALTER TABLE initiative ADD COLUMN sustain_plan TEXT;
CREATE TABLE measure(
  id INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  name TEXT NOT NULL, definition TEXT, unit TEXT, direction TEXT, source TEXT, period TEXT,
  target REAL, baseline_from TEXT, baseline_to TEXT,
  removed_at TEXT
);
-- A missing period has no row: it is a gap, never 0.
CREATE TABLE measure_point(
  measure_id INTEGER NOT NULL REFERENCES measure(id),
  period TEXT NOT NULL,
  numerator REAL, denominator REAL CHECK (denominator > 0), note TEXT,
  PRIMARY KEY (measure_id, period)
);
CREATE TABLE pdsa_cycle(
  id INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  change TEXT NOT NULL, prediction TEXT, who_what_when TEXT, started_on TEXT, ended_on TEXT,
  did TEXT, studied TEXT, act TEXT,
  removed_at TEXT
);
CREATE TABLE rollout(
  id INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  unit TEXT NOT NULL, status TEXT, started_on TEXT, done_on TEXT, note TEXT,
  removed_at TEXT
);
)SQL"},
    // The inventory asks both how many need an intervention per year (volume) and how many get
    // it today (reached). A training can be for somebody outside the team (an investigator, a
    // therapist who will use the intervention): member becomes optional, with a trainee's name
    // and role instead. SQLite cannot drop a NOT NULL, so the table is rebuilt.
    {5, R"SQL(
ALTER TABLE inventory ADD COLUMN reached INTEGER CHECK (reached >= 0);
ALTER TABLE inventory_baseline_row ADD COLUMN reached INTEGER;
CREATE TABLE training_v5(
  id INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  member INTEGER REFERENCES team_member(id), course TEXT NOT NULL, trained_on TEXT, trainer TEXT, status TEXT,
  removed_at TEXT,
  trainee TEXT, trainee_role TEXT
);
INSERT INTO training_v5(id, initiative_id, member, course, trained_on, trainer, status, removed_at)
  SELECT id, initiative_id, member, course, trained_on, trainer, status, removed_at FROM training;
DROP TABLE training;
ALTER TABLE training_v5 RENAME TO training;
)SQL"},
    // A measure is drawn as the chart the team chose: a run chart (empty, as before) or one of the
    // control charts (I, C, P, P', U, U').
    {6, R"SQL(
ALTER TABLE measure ADD COLUMN chart TEXT;
)SQL"},
    // A project keeps its own copy of the catalog rows it was made with, so a newer catalog
    // (a new edition of the guidelines, or a row corrected) can be compared with it and the
    // project moved over when the manager chooses; rows a newer edition withdrew stay while the
    // project holds data on them. Projects from before get the one catalog there was.
    {7, R"SQL(
CREATE TABLE catalog_row(
  rec_id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  edition TEXT NOT NULL,
  area TEXT NOT NULL,
  target_group TEXT NOT NULL,
  condition TEXT NOT NULL,
  intervention TEXT NOT NULL,
  priority TEXT NOT NULL DEFAULT '',
  level TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  level_note TEXT NOT NULL DEFAULT '',
  withdrawn_in TEXT
);
)SQL"
#include "store/Catalog2015Rows.inc"
    },
    // Responsibility can be shared (an integrated team, LARO): an inventory row's provider holds
    // one or more keys joined by ',' in the list's order (Verify checks each). SQLite cannot drop
    // the CHECK that allowed one key, so the table is rebuilt with every row.
    {8, R"SQL(
CREATE TABLE inventory_v8(
  rec_id TEXT PRIMARY KEY,
  offered TEXT CHECK (offered IN ('ja','delvis','nej','vet_ej','ej_aktuellt')),
  provider TEXT,
  volume INTEGER CHECK (volume >= 0),
  staff_trained INTEGER CHECK (staff_trained >= 0),
  gap TEXT CHECK (gap IN ('ingen','liten','stor')),
  comment TEXT,
  reached INTEGER CHECK (reached >= 0)
);
INSERT INTO inventory_v8(rec_id, offered, provider, volume, staff_trained, gap, comment, reached)
  SELECT rec_id, offered, provider, volume, staff_trained, gap, comment, reached FROM inventory;
DROP TABLE inventory;
ALTER TABLE inventory_v8 RENAME TO inventory;
)SQL"},
};

static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == Store::kSchemaVersion, "kSchemaVersion must match the last migration");

}  // namespace

void Store::Migrate(Db& db, const std::string& path, int target) {
    const int atStart = PragmaInt(db, "PRAGMA user_version");
    if (atStart >= target) return;
    for (const Migration& m : kMigrations) {
        if (m.version > target) break;
        int current = atStart;
        try {
            Transaction tx(db);
            // Read again under the write lock: another process opening the same old file at the
            // same moment may have applied this migration already.
            current = PragmaInt(db, "PRAGMA user_version");
            if (m.version <= current) continue;  // rolls back nothing
            db.Exec(m.sql);
            if (m.version == 1) db.Exec("PRAGMA application_id = " + std::to_string(kApplicationId));
            db.Exec("PRAGMA user_version = " + std::to_string(m.version));
            tx.Commit();
        } catch (const SqliteError& e) {
            if ((e.Code() & 0xff) == SQLITE_BUSY || (e.Code() & 0xff) == SQLITE_LOCKED)
                throw OpenError(OpenError::Kind::Locked, path, "filen är låst av ett annat program");
            // A new file (version 0) is being made, not upgraded.
            const std::string what = current == 0 ? std::string("kunde inte skapas: ")
                                                  : "kunde inte uppgradera till schemaversion " +
                                                        std::to_string(m.version) + ": ";
            throw OpenError(OpenError::Kind::Io, path, what + DescribeStorageError(e));
        }
    }
}

Db Store::SchemaInMemory(int version) {
    Db db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    Migrate(db, ":memory:", version);
    return db;
}

void Store::CreateAtVersion(const std::string& path, int version) {
    Db db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    Configure(db, path);
    Migrate(db, path, version);
}


}  // namespace stegvis
