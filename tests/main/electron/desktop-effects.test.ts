import { describe, expect, it } from 'vitest';
import { desktopEffect } from '../../../main/electron/desktop-effects';

describe('what the desktop does with a result', () => {
  it('opens a viewable attachment and only shows a program or script in its folder', () => {
    expect(desktopEffect('attachments.open', { path: '/tmp/a/report.pdf', opensWith: 'viewer' })).toEqual({
      kind: 'open',
      path: '/tmp/a/report.pdf',
    });
    expect(desktopEffect('attachments.open', { path: '/tmp/a/run.bat', opensWith: 'folder' })).toEqual({
      kind: 'show-in-folder',
      path: '/tmp/a/run.bat',
    });
  });

  it('opens a pack or action plan in the word processor and shows a bundle in its folder', () => {
    expect(desktopEffect('pack.open', { path: '/w/packs/p.docx', kind: 'docx' })).toEqual({
      kind: 'open',
      path: '/w/packs/p.docx',
    });
    expect(desktopEffect('pack.open', { path: '/w/packs/b.zip', kind: 'bundle' })).toEqual({
      kind: 'show-in-folder',
      path: '/w/packs/b.zip',
    });
    expect(desktopEffect('plan.openDocument', { path: '/w/packs/plan.docx', kind: 'docx' })).toEqual({
      kind: 'open',
      path: '/w/packs/plan.docx',
    });
  });

  it('does nothing for any other operation', () => {
    expect(desktopEffect('pack.file', { fileName: 'p.docx', bytes: new Uint8Array() })).toBeNull();
  });
});
