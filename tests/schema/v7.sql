-- Schema version 7 as released: the CREATE statements of every file Stegvis wrote with it
-- (sqlite_master of a new file, from src/store/Schema.cpp from 2b1445b until the version 8 migration).
-- Frozen: the upgrade tests build old files from this. Never edit it; a new version gets its own file.
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
, reached INTEGER CHECK (reached >= 0));
CREATE TABLE inventory_baseline(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  taken_on TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE inventory_baseline_row(
  baseline_id INTEGER NOT NULL REFERENCES inventory_baseline(id),
  rec_id TEXT NOT NULL,
  offered TEXT, provider TEXT, volume INTEGER, staff_trained INTEGER, gap TEXT, comment TEXT, reached INTEGER,
  PRIMARY KEY (baseline_id, rec_id)
);
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
CREATE TABLE team_member(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL, role TEXT, organisation TEXT, contact TEXT,
  removed_at TEXT
);
CREATE TABLE initiative(
  id INTEGER PRIMARY KEY,
  rec_id TEXT NOT NULL, name TEXT NOT NULL, decided_on TEXT, expected_effect TEXT, evidence TEXT,
  removed_at TEXT
, study_summary TEXT, pilot_decision TEXT, full_scale_from TEXT, sustain_plan TEXT);
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
CREATE TABLE measure(
  id INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  name TEXT NOT NULL, definition TEXT, unit TEXT, direction TEXT, source TEXT, period TEXT,
  target REAL, baseline_from TEXT, baseline_to TEXT,
  removed_at TEXT
, chart TEXT);
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
CREATE TABLE "training"(
  id INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  member INTEGER REFERENCES team_member(id), course TEXT NOT NULL, trained_on TEXT, trainer TEXT, status TEXT,
  removed_at TEXT,
  trainee TEXT, trainee_role TEXT
);
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
