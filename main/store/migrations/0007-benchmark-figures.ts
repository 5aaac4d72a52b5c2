// Never edit once shipped: add a new numbered migration instead (tests/main/store/migrations-frozen.test.ts).
// Every area's published figures from DfE's national files (§4.1 benchmarking): public data kept apart from the
// officer's own figures in dataset_rows. One row per metric, period and area; replaced per dataset and period when
// a national file is imported again.
export default `
CREATE TABLE benchmark_figures (
  dataset TEXT NOT NULL,
  metric TEXT NOT NULL,
  period TEXT NOT NULL,
  geography TEXT NOT NULL CHECK (geography IN ('local', 'regional', 'national')),
  area_code TEXT NOT NULL,
  area_name TEXT NOT NULL,
  region_code TEXT NOT NULL DEFAULT '',
  value REAL NOT NULL,
  import_id INTEGER NOT NULL REFERENCES dataset_imports (id),
  PRIMARY KEY (metric, period, geography, area_code)
) STRICT;
CREATE INDEX benchmark_figures_dataset ON benchmark_figures (dataset, period);
`;
