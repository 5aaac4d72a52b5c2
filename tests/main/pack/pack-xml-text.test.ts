/**
 * Valid documents whatever the text (issue 14, item 4): characters XML forbids are refused where text enters and
 * stripped as the last line of the docx writer; direction controls in file names are shown; a document that would
 * not open is a failed build. The texts and files are made by the test.
 */
import { readFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api/dispatch';
import { assertDocxWellFormed, xmlPartProblem } from '../../../main/pack/check-docx';
import { forbiddenXmlCharacter, showDirectionControls, stripForbiddenXml } from '../../../shared/domain/xml-text';
import { libreOfficePdf, squash } from '../../fixtures/pack/docx-parts';
import { useTempDirs } from '../../helpers/temp-dir';
import { call, refused, useBackends } from '../../helpers/api';

const tempDir = useTempDirs();
const backends = useBackends();
const FORBIDDEN = ['\uFFFE', '\uFFFF', '\u0000', '\u0001', '\u000B', '\u001F', '\uD800', '\uDFFF'];

describe('characters XML forbids', () => {
  it('are found and stripped, and only they (tab, line feed, carriage return, a paired surrogate and U+FFFD stay)', () => {
    for (const c of FORBIDDEN)
      expect(forbiddenXmlCharacter(`Chapter ${c} due`), JSON.stringify(c)).toMatch(/^U\+[0-9A-F]{4} at character 9$/);
    const allowed = 'Tab\there\nline\r\u{1F600} \uFFFD é';
    expect(forbiddenXmlCharacter(allowed)).toBeNull();
    expect(stripForbiddenXml(`${FORBIDDEN.map((c) => `a${c}`).join('')}b${allowed}`)).toBe(`aaaaaaaab${allowed}`);
  });

  it('are refused where text enters: narratives, titles, names, file names and settings, naming the field', async () => {
    const dir = tempDir();
    const { backend } = await backends.workspace(dir, { user: 'Ann', area: 'Textshire', laCode: '841' });
    for (const c of FORBIDDEN) {
      expect(
        (await refused(backend, 'checklist.update', { itemId: 'jsna-send', note: `Chapter ${c} due` })).message,
      ).toMatch(
        /^checklist\.update: note holds a character a Word document cannot hold \(U\+[0-9A-F]{4} at character 9\); remove it\.$/,
      );
    }
    expect((await refused(backend, 'checklist.addItem', { title: 'Extra \uFFFF', areas: ['EC1'] })).field).toBe(
      'title',
    );
    expect((await refused(backend, 'settings.setUserName', { userName: 'Ann\u0007' })).field).toBe('userName');
    expect((await refused(backend, 'files.upload', { name: 'a\uFFFE.txt', bytes: new Uint8Array(1) })).field).toBe(
      'name',
    );
    expect(
      (await refused(backend, 'privacy.saveSettings', { smallNumberThreshold: 5, casePatterns: ['AB\u0001'] })).field,
    ).toMatch(/^casePatterns/);
    // Nothing was written.
    const items = (await call(backend, 'checklist.list', {})).items;
    expect(items.find((i) => i.id === 'jsna-send')!.note).toBe('');
  });

  it('that reach the database another way (an imported workspace, a dataset file) are stripped from the pack, which LibreOffice opens', async () => {
    const dir = tempDir();
    const { backend } = await backends.workspace(dir, { user: 'Ann', area: 'Stripshire', laCode: '841' });
    await call(backend, 'checklist.update', { itemId: 'jsna-send', status: 'in-progress', note: 'placeholder' });
    const { handle } = await call(backend, 'files.upload', {
      name: 'evil\u202Egpj.exe',
      bytes: new TextEncoder().encode('Partnership notes'),
    });
    await call(backend, 'attachments.add', {
      itemId: 'jsna-send',
      files: [{ handle }],
      metadata: { title: 'Minutes of the board' },
    });
    const db = backend.openWorkspace().db;
    db.prepare("UPDATE items SET note = ?, title = ? WHERE id = 'jsna-send'").run(
      `Chapter\uFFFE due\u0001 in \uFFFFspring\uD800 ${'x'.repeat(3)}`,
      'JSNA \u0002chapter',
    );
    const built = await call(backend, 'pack.build', { bundle: false });
    const docx = readFileSync(built.docxPath);
    const parts = unzipSync(docx, { filter: (f) => /\.(xml|rels)$/.test(f.name) });
    for (const [name, bytes] of Object.entries(parts)) expect(xmlPartProblem(name, bytes), name).toBeNull();
    const { all } = await libreOfficePdf(docx, 'stripped');
    const text = squash(all);
    expect(text).toContain('Chapter due in spring');
    expect(text).toContain('JSNA chapter');
    // The direction control is shown, not obeyed: the file name cannot pass for "evilexe.jpg".
    expect(text).toContain('evil[RLO]gpj.exe');
  }, 120_000);

  it('a document with a part Word or LibreOffice could not read fails the build, naming the part', () => {
    const good = zipSync({
      '[Content_Types].xml': new TextEncoder().encode('<?xml version="1.0"?><Types/>'),
      'word/document.xml': new TextEncoder().encode('<w:document xmlns:w="x"><w:body><w:p/></w:body></w:document>'),
    });
    expect(() => assertDocxWellFormed(good)).not.toThrow();
    for (const [xml, why] of [
      ['<w:document><w:body></w:document>', /word\/document\.xml is not well-formed XML/],
      ['<w:document a=1/>', /not well-formed XML/],
      ['<w:document>\uFFFE</w:document>', /character XML forbids \(U\+FFFE/],
      ['<w:document>&nbsp;</w:document>', /not well-formed XML/],
    ] as const) {
      const bad = zipSync({ 'word/document.xml': new TextEncoder().encode(xml) });
      expect(() => assertDocxWellFormed(bad)).toThrow(why);
    }
  });
});

describe('direction controls in file names', () => {
  it('are shown as labels, every one of them', () => {
    expect(showDirectionControls('evil\u202Egpj.exe')).toBe('evil[RLO]gpj.exe');
    expect(showDirectionControls('a\u2066b\u2069c\u200F\u061C')).toBe('a[LRI]b[PDI]c[RLM][ALM]');
    expect(showDirectionControls('Plain name.pdf')).toBe('Plain name.pdf');
  });

  it('reach the API as stored (opening the file keeps its real name)', async () => {
    const dir = tempDir();
    const { backend } = await backends.workspace(dir, { user: 'Ann', area: 'Bidishire', laCode: '841' });
    const result = await dispatch(backend, 'files.upload', { name: 'evil\u202Egpj.exe', bytes: new Uint8Array(3) });
    expect(result.ok).toBe(true);
  });
});
