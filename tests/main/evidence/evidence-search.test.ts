import { describe, expect, it } from 'vitest';
import { Backend } from '../../../main/api/backend';
import { useTempDirs } from '../../helpers/temp-dir';
import { call, useBackends } from '../../helpers/api';

const tempDir = useTempDirs();
const backends = useBackends();

const newBackend = async () =>
  (await backends.workspace(tempDir(), { user: 'Sam Searcher', area: 'Searchshire', laCode: null })).backend;

async function attach(backend: Backend, itemId: string, name: string, content: string, metadata: object = {}) {
  const { handle } = await call(backend, 'files.upload', { name, bytes: new TextEncoder().encode(content) });
  return (await call(backend, 'attachments.add', { itemId, files: [{ handle }], metadata })).attachments[0]!;
}

const search = async (backend: Backend, query: string) => (await call(backend, 'search.query', { query })).hits;

describe('full-text search', () => {
  it('finds item titles by a word prefix', async () => {
    const backend = await newBackend();
    const hits = await search(backend, 'tribun');
    expect(hits).toContainEqual(
      expect.objectContaining({ kind: 'item', itemId: 'tribunal', attachmentId: null, title: 'Tribunal appeals' }),
    );
    expect((await search(backend, 'Tribunal appeals')).map((h) => h.itemId)).toContain('tribunal');
    expect(await search(backend, '')).toEqual([]);
    // Search syntax is not obeyed: quotes, stars and brackets are dropped, and OR is read as the plain word "or".
    expect(await search(backend, '"* (')).toEqual([]);
    expect((await search(backend, '"* OR (')).map((h) => h.itemId).sort()).toEqual(
      (await search(backend, 'or')).map((h) => h.itemId).sort(),
    );
  });

  it('finds an item by its note once the note is saved, and no longer by a note that was replaced', async () => {
    const backend = await newBackend();
    expect(await search(backend, 'Grimsthorpe')).toEqual([]);
    await call(backend, 'checklist.update', {
      itemId: 'mediation',
      note: 'Figures from the Grimsthorpe mediation service',
    });
    expect(await search(backend, 'grimsth')).toEqual([expect.objectContaining({ kind: 'item', itemId: 'mediation' })]);
    await call(backend, 'checklist.update', { itemId: 'mediation', note: 'Awaiting the provider' });
    expect(await search(backend, 'Grimsthorpe')).toEqual([]);
    expect((await search(backend, 'awaiting provider')).map((h) => h.itemId)).toEqual(['mediation']);
  });

  it('finds attachments by title and by the text inside attached .txt and .csv files', async () => {
    const backend = await newBackend();
    const txt = await attach(
      backend,
      'sendiass',
      'annual-report.txt',
      'SENDIASS annual report\nDemand rose; the Wexcombe hub opened.\n',
      { title: 'Quillerby service review' },
    );
    const csv = await attach(
      backend,
      'attendance',
      'absence.csv',
      'school,pupils,persistent\nBrackenfold Primary,120,14\nOakhurst Academy,300,22\n',
    );
    expect(txt.textStatus).toBe('ok');
    expect(csv.textStatus).toBe('ok');

    const byTitle = await search(backend, 'quillerby');
    expect(byTitle).toEqual([
      expect.objectContaining({ kind: 'attachment', itemId: 'sendiass', attachmentId: txt.id }),
    ]);
    const byText = await search(backend, 'wexcomb');
    expect(byText).toEqual([expect.objectContaining({ kind: 'attachment', itemId: 'sendiass', attachmentId: txt.id })]);
    expect(byText[0]!.snippet).toMatch(/\[Wexcombe\]/);
    expect(await search(backend, 'brackenfold')).toEqual([
      expect.objectContaining({ kind: 'attachment', itemId: 'attendance', attachmentId: csv.id }),
    ]);
    expect((await search(backend, 'oakhurst academy')).map((h) => h.attachmentId)).toEqual([csv.id]);
    // The file name is searchable too, and a renamed attachment is found by its new title only.
    expect((await search(backend, 'absence')).map((h) => h.attachmentId)).toContain(csv.id);
    await call(backend, 'attachments.update', { attachmentId: txt.id, metadata: { title: 'Zennor annual review' } });
    expect(await search(backend, 'quillerby')).toEqual([]);
    expect((await search(backend, 'zennor')).map((h) => h.attachmentId)).toEqual([txt.id]);
    // Still found by its text after the rename.
    expect((await search(backend, 'wexcombe')).map((h) => h.attachmentId)).toEqual([txt.id]);
  });

  it('finds only the current version of a replaced file, and the text of a file attached again', async () => {
    const backend = await newBackend();
    const first = await attach(backend, 'complaints', 'themes.txt', 'Theme: Pellinore transport delays');
    const { handle } = await call(backend, 'files.upload', {
      name: 'themes-v2.txt',
      bytes: new TextEncoder().encode('Theme: Trevanion waiting times'),
    });
    const second = await call(backend, 'attachments.replace', { attachmentId: first.id, file: { handle } });
    expect(await search(backend, 'pellinore')).toEqual([]);
    expect((await search(backend, 'trevanion')).map((h) => h.attachmentId)).toEqual([second.id]);
    // The same bytes attached elsewhere reuse the extracted text.
    const again = await attach(backend, 'lgsco', 'copy.txt', 'Theme: Trevanion waiting times');
    expect((await search(backend, 'trevanion')).map((h) => h.attachmentId).sort()).toEqual(
      [second.id, again.id].sort(),
    );
  });
});
