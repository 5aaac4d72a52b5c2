import type { DatasetRow } from './types';

/** A row as kept in the workspace: the dataset it belongs to, then the row itself. */
export type StoredRow = DatasetRow & {
  /** A dataset id from DATASETS, e.g. 'ehcp-timeliness'. */
  dataset: string;
};
