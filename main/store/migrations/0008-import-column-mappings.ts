// The column choices an officer made in an import's preview, remembered for files of the same layout (the same
// header row, normalised), per dataset: the next such file is read with them. `choices` is JSON:
// [{ "header": "Returned on time", "field": "advice_within_6_weeks" }, …] (field null: the column is not used).
export default `
CREATE TABLE import_column_mappings (
  dataset TEXT NOT NULL,
  layout_key TEXT NOT NULL,
  headers TEXT NOT NULL,
  choices TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  saved_by TEXT NOT NULL,
  PRIMARY KEY (dataset, layout_key)
) STRICT;
`;
