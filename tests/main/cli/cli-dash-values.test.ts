import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/run-cli';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

/** One CLI run in this process, with what it printed. */
async function sendpack(args: string[], dataDir: string) {
  const out = { stdout: '', stderr: '' };
  const code = await runCli(args, {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    env: { ...process.env, SENDPACK_DATA_DIR: dataDir },
  });
  return { code, ...out };
}

describe('text options whose text starts with a dash', () => {
  it('takes a narrative written as a list with --note, and still refuses --note followed by another option', async () => {
    const dir = tempDir();
    const db = join(dir, 'Leeds.sendpack');
    expect((await sendpack(['init', '--db', db, '--area', 'Leeds', '--user', 'Ann'], dir)).code).toBe(0);
    const list = '- Needs analysis refreshed in 2025\n- Board signed it off';
    const set = await sendpack(
      ['set', '--db', db, '--item', 'jsna-send', '--note', list, '--private-note', '- chase Sam', '--user', 'Ann'],
      dir,
    );
    expect(set.code, set.stderr).toBe(0);
    const status = await sendpack(['status', '--db', db, '--json', '--user', 'Ann'], dir);
    const item = (
      JSON.parse(status.stdout) as { items: { id: string; note: string; privateNote: string }[] }
    ).items.find((i) => i.id === 'jsna-send')!;
    expect(item.note).toBe(list);
    expect(item.privateNote).toBe('- chase Sam');

    const slip = await sendpack(['set', '--db', db, '--item', 'jsna-send', '--note', '--status', 'approved'], dir);
    expect(slip.code).toBe(2);
    expect(slip.stderr).toMatch(/--note/);
  });
});
