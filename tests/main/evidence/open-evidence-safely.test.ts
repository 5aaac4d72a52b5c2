import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileTypeOf, openDecision } from '../../../main/evidence/open-safely';
import { useTempDirs } from '../../helpers/temp-dir';
import { call, useBackends } from '../../helpers/api';

const tempDir = useTempDirs();
const backends = useBackends();

describe('opening evidence safely', () => {
  it.each([
    'setup.exe',
    'run.bat',
    'run.cmd',
    'command.com',
    'invoice.js',
    'macro.vbs',
    'tidy.ps1',
    'Shortcut.lnk',
    'install.msi',
    'screen.scr',
    'page.hta',
    'tool.jar',
    'job.wsf',
    'keys.reg',
    'panel.cpl',
    'console.msc',
    'old.pif',
    'start.sh',
    'Open Me.command',
    'EVIL.EXE',
    'evil.exe.',
    'evil.exe  ',
    'report.pdf.exe',
    'evil\u202Egpj.exe',
    'Minutes.app',
  ])('%s is only shown in its folder, with a warning naming its type', (name) => {
    const decision = openDecision(name);
    expect(decision.opensWith).toBe('folder');
    expect(decision.warning).toMatch(
      new RegExp(`is a \\.${fileTypeOf(name)} file, a type the computer would run as a program or script`),
    );
  });

  it.each([
    'report.pdf',
    'minutes.docx',
    'figures.xlsx',
    'notes.txt',
    'photo.jpeg',
    'data.csv',
    'README',
    '.hidden',
    'exe',
    'a.exe.pdf',
  ])('%s opens in the system viewer', (name) => {
    expect(openDecision(name)).toEqual({ opensWith: 'viewer', warning: null });
  });

  it('attachments.open answers how the copy may be shown, so every host decides alike', async () => {
    const dir = tempDir();
    const { backend } = await backends.workspace(join(dir), { user: 'Ann', area: 'Openshire', laCode: '841' });
    const upload = async (name: string) => ({
      handle: (await call(backend, 'files.upload', { name, bytes: new TextEncoder().encode(`echo ${name}`) })).handle,
    });
    const [script, notes] = (
      await call(backend, 'attachments.add', {
        itemId: 'jsna-send',
        files: [await upload('tidy.ps1'), await upload('notes.txt')],
        metadata: {},
      })
    ).attachments;
    const risky = await call(backend, 'attachments.open', { attachmentId: script!.id });
    expect(risky).toMatchObject({
      fileName: 'tidy.ps1',
      opensWith: 'folder',
      warning: expect.stringContaining('"tidy.ps1" is a .ps1 file'),
    });
    expect(await call(backend, 'attachments.open', { attachmentId: notes!.id })).toMatchObject({
      opensWith: 'viewer',
      warning: null,
    });
  });
});
