/**
 * Each file's text is stored once (migration 0014): in blobs.text, with a compact map of its parts, read by the
 * full-text index through an external-content FTS5 table. A workspace made before (schema 13) is upgraded with its
 * text still searchable and scanned; the index stays consistent through attach, rename, bin, restore and purge.
 */
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  attachFiles,
  binAttachment,
  restoreAttachment,
  updateAttachment,
} from '../../../main/evidence/attachments-repository';
import { purgeAttachment } from '../../../main/evidence/purge-attachment';
import { compactSegments, decodeStoredText, storedSegments } from '../../../main/store/stored-text';
import { extractText } from '../../../main/formats/extract-text';
import { scanWorkspace } from '../../../main/privacy/scan-workspace';
import { search } from '../../../main/search/search-index';
import { LATEST_SCHEMA_VERSION } from '../../../main/store/migrations';
import { openWorkspace } from '../../../main/workspace/open-workspace';
import { Workspace } from '../../../main/workspace/workspace';
import { SHIPPED_CATALOGUE } from '../../../main/catalogue/shipped-catalogue';
import { groupNhsNumber, makeNhsNumber } from '../../../shared/domain/privacy/synthetic';
import { docx, p } from '../../fixtures/extract/build';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';

// Made with the app at schema 13 (before this change): strategy.docx (an NHS number in a tracked deletion),
// minutes.txt (a name after "Mrs" on line 3) and board-paper.pdf (a postcode on page 2), all on send-strategy.
const FIXTURE = new URL('../../fixtures/workspaces/schema-13.sendpack', import.meta.url);
const tempDir = useTempDirs();

const indexIsConsistent = (db: Database) => {
  db.prepare("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)").run();
  return true;
};
const findingsOf = (db: Database) =>
  scanWorkspace(db, { today: '2026-12-06' }).findings.map((f) => [
    f.kind,
    f.location.fileName,
    f.location.detail,
    f.key,
  ]);

describe('text stored once', () => {
  it('upgrades a schema-13 workspace: its files stay searchable and scanned, with the same finding keys', async () => {
    const folder = join(tempDir(), 'Old.sendpack');
    cpSync(FIXTURE, folder, { recursive: true });
    for (const sub of ['backups', 'bin']) mkdirSync(join(folder, sub), { recursive: true });
    const old = new BetterSqlite3(join(folder, 'workspace.db'));
    expect(old.pragma('user_version', { simple: true })).toBe(13);
    // As the schema-13 app found them (its scanWorkspace, run on this fixture): decisions are recorded by these keys.
    const before = [
      ['nhs-number', 'strategy.docx', 'tracked deletion, paragraph 2', '92e4e92fc651b8b00aa2335c3cb260a5'],
      ['person-name', 'minutes.txt', 'line 3', '96007adb390072d44dc50a1e770322e7'],
      ['postcode', 'board-paper.pdf', 'page 2', 'd4881fb33c6d1d0549e8de7d3daec5c8'],
    ];
    const oldSegments = new Map(
      (old.prepare('SELECT sha256, segments FROM blobs').all() as { sha256: string; segments: string }[]).map((b) => [
        b.sha256,
        JSON.parse(b.segments) as { location: string; text: string }[],
      ]),
    );
    old.close();

    const workspace = await openWorkspace(folder, { user: 'Upgrader', catalogue: SHIPPED_CATALOGUE });
    try {
      const db = workspace.db;
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(findingsOf(db)).toEqual(before);
      for (const [sha, segments] of oldSegments) {
        const blob = db.prepare('SELECT text, segments FROM blobs WHERE sha256 = ?').get(sha) as {
          text: unknown;
          segments: string;
        };
        expect(storedSegments(decodeStoredText(blob.text), blob.segments)).toEqual(segments);
      }
      expect(search(db, 'waits fell').map((h) => [h.kind, h.title])).toEqual([
        ['attachment', 'board-paper board-paper.pdf'],
      ]);
      expect(search(db, 'parent carer forum').find((h) => h.kind === 'attachment')?.snippet).toMatch(
        /\[parent\] \[carer\] \[forum\]/,
      );
      expect(search(db, 'strategy').some((h) => h.kind === 'item' && h.itemId === 'send-strategy')).toBe(true);
      expect(indexIsConsistent(db)).toBe(true);
      expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'search_index_content'").pluck().get()).toBe(
        0,
      );
    } finally {
      workspace.close();
    }
  });

  it("holds a file's text once in the database file, and keeps the index consistent through rename, bin, restore and purge", async () => {
    const folder = makeWorkspace(tempDir()).folder;
    const workspace = Workspace.open(folder, { user: 'A' });
    if (!workspace.isWritable()) throw new Error('this test holds the workspace lock');
    try {
      const db = workspace.db;
      const phrase = 'Quillwort marigold tangerine partnership memorandum';
      // Short text is stored as it is, longer text compressed: both are searched and stored once.
      const [a] = await attachFiles(
        workspace,
        'send-strategy',
        [{ name: 'memo.docx', bytes: docx(p(phrase) + p('Second paragraph.')) }],
        {},
        'A',
        extractText,
      );
      const [b] = await attachFiles(
        workspace,
        'jsna-send',
        [{ name: 'same.docx', bytes: docx(p(phrase) + p('Second paragraph.')) }],
        {},
        'A',
        extractText,
      );
      const long = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} on waiting times.`).join(' ');
      const [c] = await attachFiles(
        workspace,
        'jsna-send',
        [{ name: 'long.txt', bytes: new TextEncoder().encode(`${long} Ravenglass ferry timetable.`) }],
        {},
        'A',
        extractText,
      );
      expect(db.prepare('SELECT typeof(text) FROM blobs WHERE sha256 = ?').pluck().get(c!.sha256)).toBe('blob');
      expect(search(db, 'ravenglass').map((h) => [h.attachmentId, h.snippet])).toEqual([
        [c!.id, '…on waiting times. [Ravenglass] ferry timetable.'],
      ]);
      expect(
        search(db, 'quillwort')
          .map((h) => h.attachmentId)
          .sort(),
      ).toEqual([a!.id, b!.id].sort());
      // Live rows only: a row rewritten while two reads overlapped can leave its old copy on a freed page until the
      // file is rebuilt (the order of the reads varies with the machine's load), which is not the text stored twice.
      db.exec('VACUUM');
      db.pragma('wal_checkpoint(TRUNCATE)');
      const bytes = readFileSync(join(folder, 'workspace.db'));
      expect(bytes.toString('latin1').split(phrase).length - 1).toBe(1);

      updateAttachment(db, a!.id, { title: 'Renamed memorandum' }, 'A');
      expect(search(db, 'renamed').map((h) => h.attachmentId)).toEqual([a!.id]);
      binAttachment(db, a!.id, 'A');
      expect(search(db, 'quillwort').map((h) => h.attachmentId)).toEqual([b!.id]);
      restoreAttachment(db, a!.id, 'A');
      expect(
        search(db, 'quillwort')
          .map((h) => h.attachmentId)
          .sort(),
      ).toEqual([a!.id, b!.id].sort());
      expect(indexIsConsistent(db)).toBe(true);

      binAttachment(db, a!.id, 'A');
      binAttachment(db, b!.id, 'A');
      await purgeAttachment(workspace, a!.id, 'A', 'attached by mistake', () => []);
      await purgeAttachment(workspace, b!.id, 'A', 'attached by mistake', () => []);
      expect(search(db, 'quillwort')).toEqual([]);
      expect(db.prepare('SELECT count(*) FROM blobs WHERE sha256 = ?').pluck().get(a!.sha256)).toBe(0);
      expect(indexIsConsistent(db)).toBe(true);
      db.pragma('wal_checkpoint(TRUNCATE)');
      expect(readFileSync(join(folder, 'workspace.db')).toString('latin1').toLowerCase()).not.toContain('quillwort');
    } finally {
      workspace.close();
    }
  });

  it('re-indexes the attachments of a file read again whose text changed', async () => {
    const workspace = makeWorkspace(tempDir(), { open: 'readable' }).workspace;
    try {
      const db = workspace.db;
      const file = {
        name: 'plan.docx',
        bytes: docx(
          p('Agreed.') +
            `<w:p><w:del w:id="1" w:author="R"><w:r><w:delText>Zanzibar ${groupNhsNumber(makeNhsNumber(3))}</w:delText></w:r></w:del></w:p>`,
        ),
      };
      const [first] = await attachFiles(workspace, 'send-strategy', [file], {}, 'A', extractText);
      // As an earlier reader left it: the body text only, indexed with it.
      db.transaction(() => {
        db.prepare(`UPDATE blobs SET extractor_version = 1, text = 'Agreed.', segments = '[["paragraph 1",1]]'`).run();
        db.prepare(
          "DELETE FROM search_index WHERE rowid IN (SELECT id FROM search_docs WHERE kind = 'attachment')",
        ).run();
        db.prepare(
          "INSERT INTO search_index (rowid, title, body) SELECT id, title, 'Agreed.' FROM search_docs WHERE kind = 'attachment'",
        ).run();
      })();
      expect(search(db, 'zanzibar')).toEqual([]);
      await attachFiles(workspace, 'jsna-send', [file], {}, 'A', extractText);
      expect(search(db, 'zanzibar').map((h) => h.attachmentId)).toContain(first!.id);
      expect(indexIsConsistent(db)).toBe(true);
    } finally {
      workspace.close();
    }
  });

  it('maps parts compactly and gives back exactly the parts it was given', () => {
    const segments = [
      ...Array.from({ length: 500 }, (_, i) => ({ location: `line ${i + 1}`, text: `Row ${i}` })),
      { location: 'line 502', text: 'after a gap' },
      { location: 'page 1', text: 'two\nlines' },
      { location: 'page 2', text: '' },
      { location: 'sheet Budget, row 07', text: 'leading zero is not a run' },
      { location: 'comment 1', text: 'x\n\ny' },
    ];
    const map = compactSegments(segments);
    expect(map.length).toBeLessThan(200);
    expect(storedSegments(segments.map((s) => s.text).join('\n'), map)).toEqual(segments);
    // Text the map does not account for is still given back (and so scanned), as one last part.
    expect(storedSegments('a\nb\nc', '[["line 1",1]]')).toEqual([
      { location: 'line 1', text: 'a' },
      { location: '', text: 'b\nc' },
    ]);
    expect(storedSegments('a', 'not json')).toEqual([{ location: '', text: 'a' }]);
  });
});
