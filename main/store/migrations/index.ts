import m0001 from './0001-initial';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/** Every migration in order. Append only; ids are 1, 2, 3… with no gaps. */
export const MIGRATIONS: readonly Migration[] = [
  { id: 1, name: '0001-initial', sql: m0001 },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
