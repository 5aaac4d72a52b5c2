import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api/dispatch';
import type { ProgressEvent } from '../../../shared/api/progress';
import { call, useBackends } from '../../helpers/api';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const { workspace } = useBackends();

describe('attaching several files', () => {
  it('tells its progress file by file as each is read, and a file already stored is not read again', async () => {
    const { backend } = await workspace(tempDir(), { userName: 'Ann', areaName: 'Northshire', laCode: '841' });
    const upload = async (name: string, text: string) => ({ handle: (await call(backend, 'files.upload', { name, bytes: new TextEncoder().encode(text) })).handle });
    const files = [await upload('a.txt', 'First file'), await upload('b.csv', 'x,y\n1,2\n'), await upload('a copy.txt', 'First file')];
    const events: ProgressEvent[] = [];
    const result = await dispatch(backend, 'attachments.add', { itemId: 'send-strategy', files, metadata: {} }, (e) => events.push(e));
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    expect(events.map((e) => [e.phase, e.done, e.total])).toEqual([
      ['Storing and reading the files', 0, 3], ['Reading a.txt', 0, 3], ['Reading b.csv', 1, 3], ['Done', 3, 3],
    ]);
    expect(events.every((e) => e.operation === 'attachments.add')).toBe(true);
  });
});
