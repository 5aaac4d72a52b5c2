import m0001 from './0001-initial';
import m0002 from './0002-notice-window';
import m0003 from './0003-datasets';
import m0004 from './0004-pack-builds';
import m0005 from './0005-privacy-decisions';
import m0006 from './0006-extractor-version';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/** Every migration in order. Append only; ids are 1, 2, 3… with no gaps. */
export const MIGRATIONS: readonly Migration[] = [
  { id: 1, name: '0001-initial', sql: m0001 },
  { id: 2, name: '0002-notice-window', sql: m0002 },
  { id: 3, name: '0003-datasets', sql: m0003 },
  { id: 4, name: '0004-pack-builds', sql: m0004 },
  { id: 5, name: '0005-privacy-decisions', sql: m0005 },
  { id: 6, name: '0006-extractor-version', sql: m0006 },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
