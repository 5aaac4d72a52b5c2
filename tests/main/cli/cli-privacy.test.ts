/**
 * Privacy decisions from the command line: `sendpack check --json` gives each finding a stable id and a location that
 * names the item, the file and the part; `sendpack privacy` lists them and resolves them, each decision in the audit
 * trail as the app's own are. Run through the real CLI entry, as `npm run sendpack -- ARGS` runs it.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupNhsNumber, makeNhsNumber } from '../../../shared/domain/privacy/synthetic';
import { docx, p } from '../../fixtures/extract/build';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const NHS = groupNhsNumber(makeNhsNumber(31));

function sendpack(args: string[], dataDir: string) {
  const run = spawnSync(process.execPath, ['bin/sendpack.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, SENDPACK_DATA_DIR: dataDir },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface CheckJson {
  findings: {
    id: string;
    kind: string;
    location: string;
    snippet: string;
    severity: string;
    file: string | null;
    part: string;
  }[];
  unscanned: { id: string; file: string; reason: string }[];
  blocking: number;
}

describe('sendpack privacy', { timeout: 180_000 }, () => {
  it('lists findings with stable ids and resolves each from the command line, in the audit trail', () => {
    const dir = tempDir();
    const db = join(dir, 'W.sendpack');
    expect(sendpack(['init', '--db', db, '--area', 'W', '--la-code', '841', '--user', 'Ann'], dir).code).toBe(0);
    const strategy = join(dir, 'strategy.docx');
    writeFileSync(
      strategy,
      docx(
        p('The strategy was agreed.') +
          `<w:p><w:r><w:t>Reviewed.</w:t></w:r><w:del w:id="1" w:author="R"><w:r><w:delText>NHS ${NHS} for the referral</w:delText></w:r></w:del></w:p>` +
          p('Waiting times were reviewed with the family of pupil Jayden Smith.'),
      ),
    );
    const minutes = join(dir, 'minutes.txt');
    writeFileSync(minutes, 'Call the family on 07700 900123 after school.');
    const scan = join(dir, 'scan.pdf');
    writeFileSync(scan, '%PDF-1.4\nnot really a pdf\n%%EOF\n');
    expect(sendpack(['attach', '--db', db, '--item', 'send-strategy', strategy, minutes, scan], dir).code).toBe(0);

    const check = sendpack(['check', '--db', db, '--json'], dir);
    expect(check.code).toBe(1);
    const first = JSON.parse(check.stdout) as CheckJson;
    const nhs = first.findings.find((f) => f.kind === 'nhs-number')!;
    expect(nhs).toMatchObject({ severity: 'block', file: 'strategy.docx', part: 'tracked deletion, paragraph 2' });
    expect(nhs.location).toMatch(/^item "[^"]+", file strategy\.docx, tracked deletion, paragraph 2$/);
    expect(nhs.id).toMatch(/^F[0-9A-F]{10}$/);
    const name = first.findings.find((f) => f.kind === 'person-name')!;
    const phone = first.findings.find((f) => f.kind === 'phone')!;
    expect(first.unscanned).toEqual([
      expect.objectContaining({ file: 'scan.pdf', id: expect.stringMatching(/^A\d+$/) }),
    ]);
    // The same workspace checked again gives the same ids.
    expect(
      (JSON.parse(sendpack(['check', '--db', db, '--json'], dir).stdout) as CheckJson).findings.map((f) => f.id),
    ).toEqual(first.findings.map((f) => f.id));

    const list = sendpack(['privacy', '--db', db], dir);
    expect(list.code).toBe(1);
    expect(list.stdout).toContain(`${nhs.id}  BLOCKS`);
    expect(list.stdout).toContain(`${first.unscanned[0]!.id}`);

    // Usage errors say what is missing.
    const noReason = sendpack(['privacy', '--db', db, '--not-personal', nhs.id], dir);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toMatch(/needs --reason/);
    expect(sendpack(['privacy', '--db', db, '--not-personal', 'F000000', '--reason', 'x'], dir)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no finding F000000/),
    });

    expect(
      sendpack(
        [
          'privacy',
          '--db',
          db,
          '--user',
          'Ann',
          '--not-personal',
          nhs.id.slice(0, 7),
          '--reason',
          'Test number from the NHS range',
        ],
        dir,
      ).stderr,
    ).toMatch(/is not personal data/);
    expect(sendpack(['privacy', '--db', db, '--user', 'Ann', '--leave-out-file', phone.id], dir).stderr).toMatch(
      /Left out: A\d+ minutes\.txt/,
    );
    expect(
      sendpack(
        [
          'privacy',
          '--db',
          db,
          '--user',
          'Ann',
          '--confirm-file',
          first.unscanned[0]!.id,
          '--reason',
          'A blank cover sheet',
        ],
        dir,
      ).stderr,
    ).toMatch(/scan\.pdf holds no personal data/);
    expect(
      sendpack(
        [
          'privacy',
          '--db',
          db,
          '--user',
          'Ann',
          '--not-personal',
          name.id,
          '--reason',
          'A fictional pupil in a training example',
        ],
        dir,
      ).code,
    ).toBe(0);

    const after = sendpack(['check', '--db', db, '--json'], dir);
    expect(after.code).toBe(0);
    expect((JSON.parse(after.stdout) as CheckJson).blocking).toBe(0);
    const log = JSON.parse(sendpack(['log', '--db', db, '--json'], dir).stdout) as {
      events: { action: string; who: string; reason: string | null }[];
    };
    const decisions = log.events.filter((e) => e.action.startsWith('privacy-'));
    expect(decisions.map((e) => [e.action, e.who, e.reason])).toEqual(
      expect.arrayContaining([
        ['privacy-false-positive', 'Ann', 'Test number from the NHS range'],
        ['privacy-file-decision', 'Ann', 'Left out of the pack and bundle from the command line'],
        ['privacy-file-decision', 'Ann', 'A blank cover sheet'],
        ['privacy-false-positive', 'Ann', 'A fictional pupil in a training example'],
      ]),
    );
    expect(decisions).toHaveLength(4);
  });
});
