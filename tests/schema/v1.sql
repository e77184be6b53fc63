-- Schema version 1 as released: the CREATE statements of every file Stegvis wrote with it
-- (sqlite_master of a new file, from src/core/Store.cpp from e49eeca until d8847ac).
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
