-- Schema version 2 as released: the CREATE statements of every file Stegvis wrote with it
-- (sqlite_master of a new file, from src/core/Store.cpp from d8847ac until cba0e4d).
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
