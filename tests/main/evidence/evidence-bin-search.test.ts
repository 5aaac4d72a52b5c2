import { describe, expect, it } from 'vitest';
import { Backend } from '../../../main/api/backend';
import { dispatch } from '../../../main/api/dispatch';
import type { Response } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';

const tempDir = useTempDirs();
async function ok<T>(promise: Promise<ApiResult<unknown>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

describe('the bin and search', () => {
  it('leaves a binned file out of search and brings it back on restore', async () => {
    const backend = new Backend({ dataDir: tempDir(), host: 'browser' });
    await makeWorkspace(null, { via: backend, user: 'Ann', area: 'Northshire', laCode: '841' });
    const { handle } = backend.uploads.put(
      'sufficiency.txt',
      new TextEncoder().encode('Specialist places forecast: zanzibarite hub'),
    );
    const { attachments } = await ok<Response<'attachments.add'>>(
      dispatch(backend, 'attachments.add', { itemId: 'sufficiency-plan', files: [{ handle }] }),
    );
    const find = async () =>
      (await ok<Response<'search.query'>>(dispatch(backend, 'search.query', { query: 'zanzibarite' }))).hits;
    expect(await find()).toHaveLength(1);
    await ok(dispatch(backend, 'attachments.remove', { attachmentId: attachments[0]!.id }));
    expect(await find()).toEqual([]);
    await ok(dispatch(backend, 'attachments.restore', { attachmentId: attachments[0]!.id }));
    expect((await find()).map((h) => h.itemId)).toEqual(['sufficiency-plan']);
    backend.close();
  });

  it('refuses the history of an item that never existed', async () => {
    const backend = new Backend({ dataDir: tempDir(), host: 'browser' });
    await makeWorkspace(null, { via: backend, user: 'Ann', area: 'Northshire', laCode: '841' });
    expect(await dispatch(backend, 'audit.list', { itemId: 'no-such-item' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    backend.close();
  });
});
