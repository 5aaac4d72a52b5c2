/**
 * Files read by an earlier version of the app (before tracked changes, comments and properties were read) are not
 * taken as fully scanned: the privacy check asks for a decision, and attaching the file again reads it fully.
 */
import { describe, expect, it } from 'vitest';
import { attachFiles } from '../../../main/evidence/attachments-repository';
import { extractText } from '../../../main/formats/extract-text';
import { scanWorkspace } from '../../../main/privacy/scan-workspace';
import { groupNhsNumber, makeNhsNumber } from '../../../shared/domain/privacy/synthetic';
import { docx, p } from '../../fixtures/extract/build';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';

const tempDir = useTempDirs();
const NHS = groupNhsNumber(makeNhsNumber(41));

describe('files read by an earlier version', () => {
  it('need a decision until they are attached again, which reads them fully', async () => {
    const workspace = makeWorkspace(tempDir(), { open: 'readable' }).workspace;
    try {
      const file = {
        name: 'plan.docx',
        bytes: docx(
          p('Agreed.') + `<w:p><w:del w:id="1" w:author="R"><w:r><w:delText>NHS ${NHS}</w:delText></w:r></w:del></w:p>`,
        ),
      };
      await attachFiles(workspace, 'send-strategy', [file], {}, 'A', extractText);
      // As an earlier reader left it: only the body text, version 1.
      workspace.db
        .prepare(`UPDATE blobs SET extractor_version = 1, text = 'Agreed.', segments = '[["paragraph 1",1]]'`)
        .run();
      let scan = scanWorkspace(workspace.db);
      expect(scan.findings.filter((f) => f.kind === 'nhs-number')).toEqual([]);
      expect(scan.unscanned).toEqual([
        expect.objectContaining({ fileName: 'plan.docx', reason: expect.stringMatching(/earlier version of the app/) }),
      ]);
      expect(scan.blocking).toBe(1);

      await attachFiles(workspace, 'send-strategy', [file], {}, 'A', extractText);
      scan = scanWorkspace(workspace.db);
      expect(scan.unscanned).toEqual([]);
      expect(scan.findings.filter((f) => f.kind === 'nhs-number').map((f) => f.location.detail)).toEqual([
        'tracked deletion, paragraph 2',
        'tracked deletion, paragraph 2',
      ]);
    } finally {
      workspace.close();
    }
  });
});
