import { readMeta, writeMeta } from '../../store/meta';
import type { WritableDB } from '../../store/database';
import type { Database } from 'better-sqlite3';
import neighboursJson from '../../../resources/statistical-neighbours.json' with { type: 'json' };
import type { LocalAuthority } from '../../../shared/domain/local-authority';
import { appendEvent } from '../../audit/audit-events';
import { LOCAL_AUTHORITIES } from '../../catalogue/local-authorities';
import { authorityByName } from '../import/authority';
import { readTable } from '../import/tabular/read-table';
import { WorkspaceError } from '../../refusal/refusal';

/**
 * Statistical neighbours (§4.1): ten per authority, nearest first, from the CSSNBT list shipped in
 * resources/statistical-neighbours.csv (and .json, the same list as the app reads it). The list names authorities;
 * names are resolved to old LA codes through the shipped authority list, case-insensitively and with the spellings
 * DfE's files and the neighbour list use for the same authority. A workspace can replace the list (Settings, or
 * `sendpack neighbours --file`).
 */

export interface NeighbourList {
  /** Where the list came from: 'shipped' or the replacing file's name. */
  source: string;
  /** Old LA code ⟶ its neighbours' old LA codes, nearest first. */
  neighbours: Record<string, string[]>;
}

/** Names the neighbour list spells differently from DfE's data files and the shipped authority list. */
const ALIASES: Record<string, string> = {
  'bedford borough': 'Bedford',
  durham: 'County Durham',
  'county durham': 'County Durham',
  herefordshire: 'Herefordshire, County of',
  'kingston upon hull, city of': 'Kingston upon Hull, City of',
  'kingston upon hull': 'Kingston upon Hull, City of',
};

const byLowerName = new Map<string, LocalAuthority>();
for (const la of LOCAL_AUTHORITIES) {
  byLowerName.set(la.name.toLowerCase(), la);
  if (la.dfeTidyName) byLowerName.set(la.dfeTidyName.toLowerCase(), la);
}

/** An authority named in a neighbour list, by name (any case, any of DfE's spellings) or by old or new LA code. */
export function resolveAuthorityName(name: string): LocalAuthority | undefined {
  const text = name.trim().replace(/\s+/g, ' ');
  const lower = text.toLowerCase();
  const alias = ALIASES[lower];
  return (
    byLowerName.get(lower) ??
    (alias ? byLowerName.get(alias.toLowerCase()) : undefined) ??
    LOCAL_AUTHORITIES.find((la) => la.oldCode === text || la.newCode === text.toUpperCase()) ??
    authorityByName(text) ??
    authorityByName(text.replace(/\bborough\b/i, ''))
  );
}

/** A neighbour table (authority ⟶ names) resolved to codes; every name that does not resolve is a problem. */
export function resolveNeighbourTable(
  table: Record<string, string[]>,
  source: string,
): { list: NeighbourList; problems: string[] } {
  const neighbours: Record<string, string[]> = {};
  const problems: string[] = [];
  for (const [name, names] of Object.entries(table)) {
    const la = resolveAuthorityName(name);
    if (!la) {
      problems.push(`"${name}" (a column heading) is not an English local authority in the app's list`);
      continue;
    }
    const codes: string[] = [];
    for (const n of names) {
      const neighbour = resolveAuthorityName(n);
      if (!neighbour)
        problems.push(`"${n}" (a neighbour of ${name}) is not an English local authority in the app's list`);
      else if (neighbour.oldCode !== la.oldCode && !codes.includes(neighbour.oldCode)) codes.push(neighbour.oldCode);
    }
    neighbours[la.oldCode] = codes;
  }
  return { list: { source, neighbours }, problems };
}

const SHIPPED = resolveNeighbourTable(
  (neighboursJson as { neighbours: Record<string, string[]> }).neighbours,
  'shipped',
);
/** The shipped list, resolved once. Its names all resolve (tests/main/datasets/benchmarks.test.ts). */
export const SHIPPED_NEIGHBOURS: NeighbourList = SHIPPED.list;

/**
 * Reads a neighbour file in the shipped layout (a header row of authority names, their neighbours below, nearest
 * first) from CSV or Excel. Refuses, naming every name it cannot place, rather than keep a partial list.
 */
export function parseNeighbourFile(bytes: Uint8Array, fileName: string): NeighbourList {
  const table = readTable(bytes, fileName);
  if (!table.ok) throw new WorkspaceError('invalid-request', table.problem, 'file');
  const rows = table.rows.map((r) => r.map((c) => c.raw.trim()));
  const header = rows[0] ?? [];
  const out: Record<string, string[]> = {};
  header.forEach((name, i) => {
    if (!name) return;
    out[name] = rows
      .slice(1)
      .map((r) => r[i] ?? '')
      .filter((n) => n !== '');
  });
  if (Object.keys(out).length === 0) {
    throw new WorkspaceError(
      'invalid-request',
      `${fileName} has no authority names in its first row: the first row names each authority, and its neighbours go below it, nearest first.`,
      'file',
    );
  }
  const { list, problems } = resolveNeighbourTable(out, fileName);
  if (problems.length) {
    throw new WorkspaceError(
      'invalid-request',
      `${fileName} was not used: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}. Spell each as in the app's list of authorities, or give its LA code.`,
      'file',
    );
  }
  return list;
}

const KEY = 'statistical_neighbours';

/** The workspace's neighbour list: its replacement if one was saved, else the shipped list. */
export function workspaceNeighbours(db: Database): NeighbourList {
  const raw = readMeta(db, KEY);
  return raw ? (JSON.parse(raw) as NeighbourList) : SHIPPED_NEIGHBOURS;
}

/** Saves a replacement list (or null to go back to the shipped one), with an audit entry. */
export function saveWorkspaceNeighbours(
  db: WritableDB,
  list: NeighbourList | null,
  who: string,
  at = new Date().toISOString(),
): NeighbourList {
  db.transaction(() => {
    const before = workspaceNeighbours(db).source;
    if (list) writeMeta(db, KEY, JSON.stringify(list));
    else db.prepare('DELETE FROM meta WHERE key = ?').run(KEY);
    appendEvent(db, {
      at,
      who,
      itemId: null,
      action: 'neighbours-replaced',
      before: JSON.stringify({ source: before }),
      after: JSON.stringify({
        source: list?.source ?? 'shipped',
        authorities: Object.keys((list ?? SHIPPED_NEIGHBOURS).neighbours).length,
      }),
    });
  })();
  return workspaceNeighbours(db);
}
