import m0001 from './0001-initial';
import m0002 from './0002-notice-window';
import m0003 from './0003-datasets';
import m0004 from './0004-pack-builds';
import m0005 from './0005-privacy-decisions';
import m0006 from './0006-hash-columns-checked';
import m0007 from './0007-benchmark-figures';
import m0008 from './0008-import-column-mappings';
import m0009 from './0009-review-and-private-notes';
import m0010 from './0010-self-evaluation';
import m0011 from './0011-annex-a-and-catalogue-2';
import m0012 from './0012-after-inspection';
import m0013 from './0013-extractor-version';
import m0014 from './0014-text-stored-once';
import m0015 from './0015-sync-replica';
import m0016 from './0016-template-and-list-hashes-checked';

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
  { id: 6, name: '0006-hash-columns-checked', sql: m0006 },
  { id: 7, name: '0007-benchmark-figures', sql: m0007 },
  { id: 8, name: '0008-import-column-mappings', sql: m0008 },
  { id: 9, name: '0009-review-and-private-notes', sql: m0009 },
  { id: 10, name: '0010-self-evaluation', sql: m0010 },
  { id: 11, name: '0011-annex-a-and-catalogue-2', sql: m0011 },
  { id: 12, name: '0012-after-inspection', sql: m0012 },
  { id: 13, name: '0013-extractor-version', sql: m0013 },
  { id: 14, name: '0014-text-stored-once', sql: m0014 },
  { id: 15, name: '0015-sync-replica', sql: m0015 },
  { id: 16, name: '0016-template-and-list-hashes-checked', sql: m0016 },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
