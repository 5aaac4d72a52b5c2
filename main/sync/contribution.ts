import { randomUUID } from 'node:crypto';
import { readMeta } from '../store/meta';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import * as Y from 'yjs';
import type { Workspace } from '../workspace/workspace';
import type { Extractor } from '../evidence/extractor';
import { recordBlob, storedText, storeFiles } from '../evidence/attachments-repository';
import { blobPath, sha256Of } from '../store/blob-store';
import { WorkspaceError } from '../refusal/refusal';
import { ZipFileWriter } from '../formats/zip-writer';
import { entryContent, readCentralDirectory } from '../formats/zip-reader';
import { scanText } from '../privacy/scan-text';
import { maskIdentifier } from '../../shared/domain/privacy/findings';
import { privacyScanOptions } from '../privacy/privacy-settings';
import { renameSync } from '../files/fs-faults';
import {
  attachmentsOf,
  itemsOf,
  readItem,
  replaceText,
  writeItem,
  ITEM_FIELDS,
  type AttachmentRecord,
  type Author,
  type ItemState,
} from './doc-model';
import { Replica, setWorkspaceSyncId, workspaceSyncId } from './replica';
import { enforceRules } from './rules';

/**
 * Contributions: working together across organisations with no shared server. The coordinator exports the items
 * assigned to one person as a file: a Yjs document holding only those items (and their evidence files), nothing else
 * of the workspace. The contributor opens it as a workspace of their own, works in it, and exports it back; the
 * coordinator imports the returned file: every part is checked against its SHA-256 in the manifest (an altered file is
 * refused naming the part), the contributor's changes are merged by the engine (their narrative edits and the
 * coordinator's own since are two sets of changes to one base text, merged by Yjs), the partnership's rules apply
 * with the contributor as author (their approval does not count; an edit to an approved item reopens it), and the
 * privacy check runs on what arrived.
 */
export const CONTRIBUTION_KIND = 'sendpack-contribution';
const MANIFEST = 'manifest.json';
const DOCUMENT = 'document.yjs';
const MAX_DOCUMENT_BYTES = 64 * 2 ** 20;

interface Manifest {
  kind: typeof CONTRIBUTION_KIND;
  version: 1;
  /** Which way the file goes: to the contributor, or back to the coordinator. */
  direction: 'out' | 'back';
  contribution: string;
  workspace: string;
  for: string;
  items: string[];
  createdAt: string;
  parts: { name: string; sha256: string; bytes: number }[];
}

const CONTRIBUTION_META = (id: string) => `contribution:${id}`;
const OWN_CONTRIBUTION = 'contribution_received';

interface SentContribution {
  for: string;
  items: string[];
  base: Record<string, ItemState>;
  at: string;
}

async function writeContributionFile(
  out: string,
  manifest: Omit<Manifest, 'parts'>,
  document: Uint8Array,
  files: string[],
  folder: string,
): Promise<void> {
  const parts = [
    { name: DOCUMENT, sha256: sha256Of(document), bytes: document.length },
    ...files.map((sha) => ({ name: `files/${sha}`, sha256: sha, bytes: statSync(blobPath(folder, sha)).size })),
  ];
  const full: Manifest = { ...manifest, parts };
  const temp = `${out}.partial`;
  const handle = await open(temp, 'w', 0o600);
  try {
    const zip = new ZipFileWriter(handle, new Date());
    await zip.addBytes(MANIFEST, Buffer.from(JSON.stringify(full, null, 2)), true);
    await zip.addBytes(DOCUMENT, document, true);
    for (const sha of files) await zip.addBytes(`files/${sha}`, readFileSync(blobPath(folder, sha)), false);
    await zip.finish();
    await handle.sync();
  } catch (error) {
    await handle.close();
    rmSync(temp, { force: true });
    throw error;
  }
  await handle.close();
  renameSync(temp, out);
}

interface ReadContribution {
  manifest: Manifest;
  document: Uint8Array;
  files: Map<string, Uint8Array>;
}

/** Reads a contribution file, checking every part against the manifest; refuses naming what failed. */
export async function readContributionFile(file: string): Promise<ReadContribution> {
  const refuse = (what: string): never => {
    throw new WorkspaceError(
      'refused',
      `${file} was refused: ${what}. Ask for the file again; nothing was imported.`,
      'file',
    );
  };
  if (!existsSync(file)) refuse('there is no such file');
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    let entries;
    try {
      entries = await readCentralDirectory(handle, size, 100_000);
    } catch (error) {
      return refuse(`it is not a contribution file (${(error as Error).message})`);
    }
    const read = async (name: string, max: number): Promise<Uint8Array> => {
      const entry = entries.find((e) => e.name === name);
      if (!entry) return refuse(`it has no ${name}`);
      const chunks: Uint8Array[] = [];
      try {
        for await (const chunk of entryContent(handle, entry, size, { maxBytes: max })) chunks.push(chunk);
      } catch (error) {
        return refuse(`its part ${name} cannot be read (${(error as Error).message})`);
      }
      return Buffer.concat(chunks);
    };
    let manifest: Manifest;
    try {
      manifest = JSON.parse(Buffer.from(await read(MANIFEST, 4 * 2 ** 20)).toString('utf8')) as Manifest;
    } catch (error) {
      if (error instanceof WorkspaceError) throw error;
      return refuse('its manifest is not readable');
    }
    if (
      manifest.kind !== CONTRIBUTION_KIND ||
      manifest.version !== 1 ||
      !Array.isArray(manifest.parts) ||
      !Array.isArray(manifest.items)
    )
      refuse('it is not a SEND Evidence Pack contribution file');
    const named = new Set(manifest.parts.map((p) => p.name));
    for (const entry of entries)
      if (entry.name !== MANIFEST && !named.has(entry.name))
        refuse(`it holds ${entry.name}, which its manifest does not list`);
    let document: Uint8Array | null = null;
    const files = new Map<string, Uint8Array>();
    for (const part of manifest.parts) {
      const bytes = await read(part.name, part.name === DOCUMENT ? MAX_DOCUMENT_BYTES : part.bytes);
      const got = sha256Of(bytes);
      if (got !== part.sha256 || bytes.length !== part.bytes)
        refuse(`${part.name} was altered (its SHA-256 is ${got}, the manifest says ${part.sha256})`);
      if (part.name === DOCUMENT) document = bytes;
      else if (/^files\/[0-9a-f]{64}$/.test(part.name) && part.name === `files/${part.sha256}`)
        files.set(part.sha256, bytes);
      else refuse(`${part.name} is not a part a contribution holds`);
    }
    if (!document) return refuse(`it has no ${DOCUMENT}`);
    return { manifest, document, files };
  } finally {
    await handle.close();
  }
}

/** The coordinator's export: the named items (and their evidence files) for one person. */
export async function exportContribution(
  workspace: Workspace,
  options: { for: string; items: string[]; out: string; who: string },
): Promise<{ contribution: string; files: number }> {
  workspace.assertWritable();
  const db = workspace.db;
  if (options.items.length === 0)
    throw new WorkspaceError('invalid-request', 'Name at least one item (--items a,b).', 'items');
  let id = workspaceSyncId(db);
  if (!id) {
    id = randomUUID();
    setWorkspaceSyncId(db, id);
  }
  const replica = new Replica(db, workspace.folder);
  try {
    replica.bind();
    const doc = new Y.Doc();
    const base: Record<string, ItemState> = {};
    const files: string[] = [];
    doc.transact(() => {
      for (const itemId of options.items) {
        const entry = itemsOf(replica.doc).get(itemId);
        if (!entry) throw new WorkspaceError('not-found', `There is no checklist item with id "${itemId}".`, 'items');
        const state = readItem(entry);
        writeItem(doc, itemId, state, null);
        base[itemId] = state;
      }
      for (const [uid, record] of attachmentsOf(replica.doc).entries()) {
        if (!options.items.includes(record.itemId) || record.state === 'superseded') continue;
        attachmentsOf(doc).set(uid, record);
        if (!files.includes(record.sha256) && existsSync(blobPath(workspace.folder, record.sha256)))
          files.push(record.sha256);
      }
    });
    const contribution = randomUUID();
    await writeContributionFile(
      options.out,
      {
        kind: CONTRIBUTION_KIND,
        version: 1,
        direction: 'out',
        contribution,
        workspace: id,
        for: options.for,
        items: options.items,
        createdAt: new Date().toISOString(),
      },
      Y.encodeStateAsUpdate(doc),
      files,
      workspace.folder,
    );
    const sent: SentContribution = { for: options.for, items: options.items, base, at: new Date().toISOString() };
    db.transaction(() => {
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(
        CONTRIBUTION_META(contribution),
        JSON.stringify(sent),
      );
      db.prepare(
        'INSERT INTO events (at, who, item_id, action, before, after, reason) VALUES (?, ?, NULL, ?, NULL, ?, NULL)',
      ).run(
        sent.at,
        options.who,
        'contribution-export',
        JSON.stringify({ contribution, for: options.for, items: options.items }),
      );
    })();
    return { contribution, files: files.length };
  } finally {
    replica.destroy();
  }
}

/** The contributor opens a contribution as a workspace of their own (created, must not exist). */
export async function openContribution(workspace: Workspace, file: string, extract: Extractor): Promise<Manifest> {
  workspace.assertWritable();
  const { manifest, document, files } = await readContributionFile(file);
  if (manifest.direction !== 'out')
    throw new WorkspaceError(
      'refused',
      `${file} is a contribution coming back to a coordinator; import it into their workspace instead.`,
      'file',
    );
  await storeArrived(workspace, files, extract, document);
  const db = workspace.db;
  db.transaction(() => {
    db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(
      OWN_CONTRIBUTION,
      JSON.stringify({
        contribution: manifest.contribution,
        workspace: manifest.workspace,
        for: manifest.for,
        items: manifest.items,
      }),
    );
    db.prepare('INSERT INTO sync_updates (doc_update) VALUES (?)').run(Buffer.from(document));
    db.prepare(
      "INSERT INTO meta (key, value) VALUES ('sync_bound', '1') ON CONFLICT (key) DO UPDATE SET value = '1'",
    ).run();
  })();
  const replica = new Replica(db, workspace.folder);
  try {
    replica.bind();
  } finally {
    replica.destroy();
  }
  return manifest;
}

/** The contributor's return file: their copy of the contribution's document, with the files they added. */
export async function returnContribution(
  workspace: Workspace,
  out: string,
): Promise<{ contribution: string; files: number }> {
  workspace.assertWritable();
  const db = workspace.db;
  const raw = readMeta(db, OWN_CONTRIBUTION);
  if (!raw)
    throw new WorkspaceError(
      'refused',
      'This workspace was not opened from a contribution file; to send items to someone, use --for NAME --items a,b.',
      'db',
    );
  const own = JSON.parse(raw) as { contribution: string; workspace: string; for: string; items: string[] };
  const replica = new Replica(db, workspace.folder);
  try {
    replica.bind();
    const files = [
      ...new Set([...attachmentsOf(replica.doc).values()].filter((a) => a.state !== 'superseded').map((a) => a.sha256)),
    ].filter((sha) => existsSync(blobPath(workspace.folder, sha)));
    await writeContributionFile(
      out,
      {
        kind: CONTRIBUTION_KIND,
        version: 1,
        direction: 'back',
        contribution: own.contribution,
        workspace: own.workspace,
        for: own.for,
        items: own.items,
        createdAt: new Date().toISOString(),
      },
      Y.encodeStateAsUpdate(replica.doc),
      files,
      workspace.folder,
    );
    return { contribution: own.contribution, files: files.length };
  } finally {
    replica.destroy();
  }
}

async function storeArrived(
  workspace: Workspace,
  files: Map<string, Uint8Array>,
  extract: Extractor,
  document: Uint8Array,
): Promise<void> {
  workspace.assertWritable();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, document);
  const names = new Map([...attachmentsOf(doc).values()].map((a) => [a.sha256, a.fileName]));
  for (const [sha, bytes] of files) {
    const [stored] = await storeFiles(workspace, [{ name: names.get(sha) ?? sha, bytes }], extract);
    workspace.db.transaction(() => recordBlob(workspace.db, stored!, new Date().toISOString()))();
  }
}

/** A Yjs merge of two changes to one base text: each side's edit as word-level changes, merged by the engine. */
function mergeText(base: string, ours: string, theirs: string): string {
  if (ours === base) return theirs;
  if (theirs === base || theirs === ours) return ours;
  const root = new Y.Doc();
  root.getText('t').insert(0, base);
  const start = Y.encodeStateAsUpdate(root);
  const a = new Y.Doc();
  Y.applyUpdate(a, start);
  replaceText(a.getText('t'), ours);
  const b = new Y.Doc();
  Y.applyUpdate(b, start);
  replaceText(b.getText('t'), theirs);
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
  return a.getText('t').toString();
}

export interface ContributionImport {
  for: string;
  changedItems: string[];
  files: number;
  /** What the privacy check found in what arrived (item, kind, masked), for the coordinator to deal with. */
  privacy: { itemId: string; kind: string; masked: string }[];
}

const CONTRIBUTION_ORIGIN = Symbol('sendpack-contribution');

/** The coordinator imports a returned contribution. */
export async function importContribution(
  workspace: Workspace,
  file: string,
  extract: Extractor,
): Promise<ContributionImport> {
  workspace.assertWritable();
  const db = workspace.db;
  const { manifest, document, files } = await readContributionFile(file);
  if (manifest.direction !== 'back')
    throw new WorkspaceError(
      'refused',
      `${file} is a contribution going out to ${manifest.for}; they open it with sendpack contribution open.`,
      'file',
    );
  const raw = readMeta(db, CONTRIBUTION_META(manifest.contribution));
  if (!raw || workspaceSyncId(db) !== manifest.workspace) {
    throw new WorkspaceError(
      'refused',
      `${file} was refused: it answers contribution ${manifest.contribution}, which this workspace did not send. Nothing was imported.`,
      'file',
    );
  }
  const sent = JSON.parse(raw) as SentContribution;
  if (JSON.stringify(sent.items) !== JSON.stringify(manifest.items) || sent.for !== manifest.for) {
    throw new WorkspaceError(
      'refused',
      `${file} was refused: its manifest names other items or another person than the contribution sent to ${sent.for}. Nothing was imported.`,
      'file',
    );
  }
  const returned = new Y.Doc();
  Y.applyUpdate(returned, document);
  const extra = [...itemsOf(returned).keys()].filter((id) => !sent.items.includes(id));
  if (extra.length > 0)
    throw new WorkspaceError(
      'refused',
      `${file} was refused: it changes ${extra.join(', ')}, which were not sent to ${sent.for}. Nothing was imported.`,
      'file',
    );
  const arrivedRecords = [...attachmentsOf(returned).entries()].filter(([, r]) => sent.items.includes(r.itemId));
  for (const [, record] of arrivedRecords) {
    if (!files.has(record.sha256) && !existsSync(blobPath(workspace.folder, record.sha256))) {
      throw new WorkspaceError(
        'refused',
        `${file} was refused: it names the evidence file "${record.fileName}" but does not carry it. Nothing was imported.`,
        'file',
      );
    }
  }
  await storeArrived(workspace, files, extract, document);

  const replica = new Replica(db, workspace.folder);
  const author: Author = { name: sent.for, role: 'contributor' };
  const stopRules = enforceRules(replica.doc, (origin) => (origin === CONTRIBUTION_ORIGIN ? author : null));
  const changed: string[] = [];
  try {
    replica.bind();
    replica.applyExternal(() => {
      for (const itemId of sent.items) {
        const back = itemsOf(returned).get(itemId);
        const entry = itemsOf(replica.doc).get(itemId);
        if (!back || !entry) continue;
        const theirs = readItem(back);
        const base = sent.base[itemId]!;
        const ours = readItem(entry);
        const next: ItemState = { ...ours };
        let any = false;
        for (const field of ITEM_FIELDS) {
          if (field === 'note' || theirs[field] === base[field]) continue;
          (next as unknown as Record<string, unknown>)[field] = theirs[field];
          any = true;
        }
        if (theirs.note !== base.note) {
          next.note = mergeText(base.note, ours.note, theirs.note);
          any = true;
        }
        if (any) {
          writeItem(replica.doc, itemId, next, ours);
          changed.push(itemId);
        }
      }
      const records = attachmentsOf(replica.doc);
      for (const [uid, record] of arrivedRecords) {
        const current = records.get(uid);
        if (!current || JSON.stringify(current) !== JSON.stringify(record)) {
          records.set(uid, { ...record, addedBy: current?.addedBy ?? author.name } satisfies AttachmentRecord);
          if (!changed.includes(record.itemId)) changed.push(record.itemId);
        }
      }
    }, CONTRIBUTION_ORIGIN);
  } finally {
    stopRules();
    replica.destroy();
  }
  // The privacy check, on what arrived: narratives of the items and the text of the files.
  const options = privacyScanOptions(db);
  const privacy: ContributionImport['privacy'] = [];
  for (const itemId of changed) {
    const note = db.prepare('SELECT note FROM items WHERE id = ?').pluck().get(itemId) as string;
    for (const f of scanText(note, options))
      privacy.push({ itemId, kind: f.kind, masked: maskIdentifier(f.kind, f.match) });
  }
  for (const [, record] of arrivedRecords) {
    const text = storedText(db, record.sha256);
    for (const f of scanText(text, options))
      privacy.push({
        itemId: record.itemId,
        kind: f.kind,
        masked: `${record.fileName}: ${maskIdentifier(f.kind, f.match)}`,
      });
  }
  // What came back is the base of the next file back for this contribution: importing one twice changes nothing more,
  // and a second return carries only what the contributor did since.
  for (const itemId of sent.items) {
    const back = itemsOf(returned).get(itemId);
    if (back) sent.base[itemId] = readItem(back);
  }
  db.prepare('UPDATE meta SET value = ? WHERE key = ?').run(
    JSON.stringify(sent),
    CONTRIBUTION_META(manifest.contribution),
  );
  db.prepare(
    'INSERT INTO events (at, who, item_id, action, before, after, reason) VALUES (?, ?, NULL, ?, NULL, ?, NULL)',
  ).run(
    new Date().toISOString(),
    sent.for,
    'contribution-import',
    JSON.stringify({ contribution: manifest.contribution, items: changed, files: files.size }),
  );
  return { for: sent.for, changedItems: changed, files: files.size, privacy };
}
