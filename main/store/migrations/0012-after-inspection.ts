// The follow-up phase (issue 20): the inspection's outcome, the plan's actions and their progress updates.
export default `
CREATE TABLE inspection_outcome (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  site_week_start TEXT NOT NULL,
  site_week_end TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('positive', 'inconsistent', 'widespread')),
  report_received TEXT,
  report_published TEXT,
  areas_for_improvement TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(areas_for_improvement)),
  areas_for_priority_action TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(areas_for_priority_action)),
  follow_up TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(follow_up)),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
) STRICT;

CREATE TABLE plan_actions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  action TEXT NOT NULL,
  evaluation_area TEXT NOT NULL CHECK (evaluation_area IN ('EC1', 'EC2', 'EC3', 'EC4', 'EC5', 'L', 'AP')),
  report_area TEXT,
  lead TEXT NOT NULL,
  sro TEXT NOT NULL DEFAULT '',
  due_date TEXT NOT NULL,
  success_criteria TEXT NOT NULL DEFAULT '',
  expected_impact TEXT NOT NULL DEFAULT '',
  item_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(item_ids)),
  metrics TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(metrics)),
  milestones TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(milestones)),
  completed_on TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE plan_updates (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  action_id INTEGER NOT NULL REFERENCES plan_actions (id),
  update_date TEXT NOT NULL,
  rag TEXT NOT NULL CHECK (rag IN ('red', 'amber', 'green')),
  text TEXT NOT NULL,
  reported_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
) STRICT;
CREATE INDEX plan_updates_action ON plan_updates (action_id, update_date, id);
`;
