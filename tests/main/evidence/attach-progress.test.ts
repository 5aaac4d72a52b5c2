import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api/dispatch';
import type { ProgressEvent } from '../../../shared/api/progress';
import { call, useBackends } from '../../helpers/api';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const { workspace } = useBackends();

describe('attaching several files', () => {
  it('tells its progress file by file as each is read, and a file already stored is not read again', async () => {
    const { backend } = await workspace(tempDir(), { user: 'Ann', area: 'Northshire', laCode: '841' });
    const upload = async (name: string, text: string) => ({
      handle: (await call(backend, 'files.upload', { name, bytes: new TextEncoder().encode(text) })).handle,
    });
    const files = [
      await upload('a.txt', 'First file'),
      await upload('b.csv', 'x,y\n1,2\n'),
      await upload('a copy.txt', 'First file'),
    ];
    const events: ProgressEvent[] = [];
    const result = await dispatch(backend, 'attachments.add', { itemId: 'send-strategy', files, metadata: {} }, (e) =>
      events.push(e),
    );
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    // Each file is told as it starts being read and as its reading ends (the next file is stored meanwhile, so
    // reads can end in either order); the count moves with each that ends.
    const told = events.map((e) => [e.phase, e.done, e.total]);
    expect(told.slice(0, 3)).toEqual([
      ['Storing and reading the files', 0, 3],
      ['Reading a.txt', 0, 3],
      ['Reading b.csv', 0, 3],
    ]);
    expect(told.slice(3, 5).map(([, done]) => done)).toEqual([1, 2]);
    expect(
      told
        .slice(3, 5)
        .map(([phase]) => phase)
        .sort(),
    ).toEqual(['Read a.txt', 'Read b.csv']);
    expect(told.slice(5)).toEqual([['Done', 3, 3]]);
    expect(events.every((e) => e.operation === 'attachments.add')).toBe(true);
  });
});
