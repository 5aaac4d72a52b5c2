// The self-evaluation and the pack's new sections (issue 18): the grid per evaluation area with its dated ratings
// (kept, never overwritten, so the pack shows the trend), case studies, and a baseline and target per metric.
// The rating scale and the local context's text live in meta (JSON), as other workspace settings do. The council
// template packs are built into is kept in the database (one row, the chosen one), so it travels with the workspace
// in backups and exports.
export default `
CREATE TABLE self_evaluation (
  area TEXT PRIMARY KEY,
  what_good TEXT NOT NULL DEFAULT '',
  strengths TEXT NOT NULL DEFAULT '',
  development TEXT NOT NULL DEFAULT '',
  impact TEXT NOT NULL DEFAULT '',
  next_steps TEXT NOT NULL DEFAULT '',
  evidence TEXT NOT NULL DEFAULT '[]',
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE self_evaluation_ratings (
  id INTEGER PRIMARY KEY,
  area TEXT NOT NULL,
  rating TEXT NOT NULL,
  rated_on TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
) STRICT;
CREATE INDEX self_evaluation_ratings_area ON self_evaluation_ratings (area, rated_on);

CREATE TABLE case_studies (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  area TEXT NOT NULL,
  story TEXT NOT NULL,
  consent_recorded INTEGER NOT NULL CHECK (consent_recorded IN (0, 1)),
  consent_note TEXT NOT NULL DEFAULT '',
  removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE pack_template (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  file_name TEXT NOT NULL,
  bytes BLOB NOT NULL,
  sha256 TEXT NOT NULL,
  chosen_at TEXT NOT NULL,
  chosen_by TEXT NOT NULL
) STRICT;

CREATE TABLE metric_targets (
  metric_id TEXT NOT NULL,
  breakdown TEXT NOT NULL DEFAULT '',
  baseline_period TEXT,
  target REAL,
  target_period TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (metric_id, breakdown)
) STRICT;
`;
