import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { getItem } from '../../../main/checklist/checklist-repository';
import { updateItem } from '../../../main/review/update-item';
import { approvalCheck, saveReviewSettings, sendBack } from '../../../main/review/review';
import { privateNote, savePrivateNote } from '../../../main/checklist/private-notes';
import { listEvents } from '../../../main/audit/audit-events';
import { exportWorkspace } from '../../../main/workspace/workspace-archive';
import { trackerFile } from '../../../main/checklist/tracker';
import { readPackInput } from '../../../main/pack/read-pack-input';
import { PACK_SECTION_ORDER } from '../../../shared/domain/pack-kinds';
import { unzipSync, strFromU8 } from 'fflate';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';

const tempDir = useTempDirs();

describe('review and approval', () => {
  it('warns before approving an empty item and says what approving locks', () => {
    const workspace = makeWorkspace(tempDir(), { open: 'writable' }).workspace;
    const check = approvalCheck(workspace.db, 'send-strategy', 'A');
    expect(check.locks).toMatch(/locks its narrative \(in the pack\), owner, due date and evidence files/);
    expect(check.warnings.join(' ')).toMatch(/no narrative and no evidence files/);
    expect(check.warnings.join(' ')).toMatch(/no owner/);
    expect(check.refusal).toBeNull();
    updateItem(
      workspace.db,
      { itemId: 'send-strategy', note: 'The pupil Jayden Okafor moved.', owner: 'SEND team' },
      'A',
    );
    expect(approvalCheck(workspace.db, 'send-strategy', 'B').warnings.join(' ')).toMatch(
      /privacy check finds 1 possible item/,
    );
    workspace.close();
  });

  it('refuses approval by the last editor when the workspace asks for a second officer', () => {
    const workspace = makeWorkspace(tempDir(), { open: 'writable' }).workspace;
    updateItem(
      workspace.db,
      { itemId: 'send-strategy', note: 'Strategy 2025-28 agreed by the board.', status: 'ready-for-review' },
      'Ann',
    );
    saveReviewSettings(workspace.db, { approverMustDiffer: true }, 'Ann');
    expect(approvalCheck(workspace.db, 'send-strategy', 'Ann').refusal).toMatch(/another officer/);
    expect(() => updateItem(workspace.db, { itemId: 'send-strategy', status: 'approved' }, 'Ann')).toThrow(
      /another officer to approve/,
    );
    expect(updateItem(workspace.db, { itemId: 'send-strategy', status: 'approved' }, 'Ben')).toMatchObject({
      status: 'approved',
      approvedBy: 'Ben',
    });
    expect(listEvents(workspace.db).filter((e) => e.action === 'review-settings')).toHaveLength(1);
    workspace.close();
  });

  it('sends an item back with a comment that shows on the item and in its history until it is approved', () => {
    const workspace = makeWorkspace(tempDir(), { open: 'writable' }).workspace;
    updateItem(workspace.db, { itemId: 'jsna-send', status: 'ready-for-review', note: 'JSNA chapter.' }, 'Ann');
    expect(() => sendBack(workspace.db, 'complaints', 'Why?', 'Ben')).toThrow(/not ready for review/);
    const back = sendBack(workspace.db, 'jsna-send', 'Add the 2025 refresh and the board minutes.', 'Ben');
    expect(back.status).toBe('in-progress');
    expect(back.reviewComment).toMatchObject({ comment: 'Add the 2025 refresh and the board minutes.', by: 'Ben' });
    expect(listEvents(workspace.db, 'jsna-send').at(-1)).toMatchObject({
      action: 'send-back',
      who: 'Ben',
      before: 'ready-for-review',
      after: 'in-progress',
      reason: 'Add the 2025 refresh and the board minutes.',
    });
    updateItem(workspace.db, { itemId: 'jsna-send', status: 'ready-for-review' }, 'Ann');
    expect(getItem(workspace.db, 'jsna-send').reviewComment).not.toBeNull();
    expect(updateItem(workspace.db, { itemId: 'jsna-send', status: 'approved' }, 'Ben').reviewComment).toBeNull();
    workspace.close();
  });
});

describe('private notes', () => {
  it('belong to their writer, are audited without their text and reach neither the pack, the tracker nor an exported workspace', async () => {
    const dir = tempDir();
    const workspace = makeWorkspace(dir, { open: 'writable' }).workspace;
    const secret = 'Chase Sam for the EP figures, off until Wednesday';
    updateItem(workspace.db, { itemId: 'jsna-send', note: 'The JSNA SEND chapter was refreshed in 2025.' }, 'Ann');
    savePrivateNote(workspace.db, 'jsna-send', 'Ann', secret);
    savePrivateNote(workspace.db, 'jsna-send', 'Ann', `${secret}!`);
    expect(privateNote(workspace.db, 'jsna-send', 'Ann').note).toBe(`${secret}!`);
    expect(privateNote(workspace.db, 'jsna-send', 'Ben').note).toBe('');
    const events = listEvents(workspace.db, 'jsna-send').filter((e) => e.action === 'private-note');
    expect(events).toEqual([expect.objectContaining({ who: 'Ann', before: null, after: 'added' })]);
    expect(JSON.stringify(listEvents(workspace.db))).not.toContain('Chase Sam');

    const input = await readPackInput(workspace, { sections: [...PACK_SECTION_ORDER], approvedOnly: false }, 'Ann');
    expect(JSON.stringify(input)).toContain('refreshed in 2025');
    expect(JSON.stringify(input)).not.toContain('Chase Sam');
    const tracker = trackerFile(workspace.db, 'xlsx', 'Testshire');
    const sheet = strFromU8(unzipSync(tracker.bytes)['xl/worksheets/sheet1.xml']!);
    expect(sheet).toContain('JSNA (SEND/CYP chapter)');
    expect(sheet).not.toContain('Chase Sam');
    expect(strFromU8(trackerFile(workspace.db, 'csv', 'Testshire').bytes)).not.toContain('Chase Sam');

    const archive = join(dir, 'export.zip');
    await exportWorkspace(workspace.db, workspace.folder, 'Testshire', archive);
    const unpacked = unzipSync(new Uint8Array((await import('node:fs')).readFileSync(archive)));
    const copy = join(dir, 'exported.db');
    (await import('node:fs')).writeFileSync(copy, unpacked['workspace.db']!);
    expect(Buffer.from(unpacked['workspace.db']!).includes(Buffer.from('Chase Sam'))).toBe(false);
    const db = new BetterSqlite3(copy, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM private_notes').pluck().get()).toBe(0);
    db.close();
    // Still the writer's own in the workspace itself.
    expect(privateNote(workspace.db, 'jsna-send', 'Ann').note).toBe(`${secret}!`);
    workspace.close();
  });

  it("through the CLI: set --private-note, status --json shows the caller's own as privateNote; tracker writes one row per item", () => {
    const dir = tempDir();
    const db = join(dir, 'Northshire.sendpack');
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['bin/sendpack.mjs', ...args], {
        encoding: 'utf8',
        env: { ...process.env, SENDPACK_DATA_DIR: dir },
      });
    expect(run(['init', '--db', db, '--area', 'Northshire', '--la-code', '841', '--user', 'Ann']).status).toBe(0);
    const set = run([
      'set',
      '--db',
      db,
      '--item',
      'jsna-send',
      '--note',
      'In the pack',
      '--private-note',
      'Only mine',
      '--user',
      'Ann',
    ]);
    expect(set.status, set.stderr).toBe(0);
    const mine = JSON.parse(run(['status', '--db', db, '--json', '--user', 'Ann']).stdout) as {
      items: { id: string; note: string; privateNote: string }[];
    };
    expect(mine.items.find((i) => i.id === 'jsna-send')).toMatchObject({
      note: 'In the pack',
      privateNote: 'Only mine',
    });
    const theirs = JSON.parse(run(['status', '--db', db, '--json', '--user', 'Ben']).stdout) as {
      items: { id: string; privateNote: string }[];
    };
    expect(theirs.items.find((i) => i.id === 'jsna-send')!.privateNote).toBe('');
    const out = join(dir, 'tracker.xlsx');
    const tracker = run(['tracker', '--db', db, '--out', out]);
    expect(tracker.status, tracker.stderr).toBe(0);
    expect(tracker.stdout).toMatch(new RegExp(`tracker of ${mine.items.length} items`));
    expect(run(['tracker', '--db', db, '--out', join(dir, 'tracker.pdf')]).status).toBe(2);
  });
});
