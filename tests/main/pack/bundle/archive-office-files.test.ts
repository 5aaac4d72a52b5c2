import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../../main/workspace/workspace';
import { attachFiles } from '../../../../main/evidence/attachments-repository';
import { blobPath } from '../../../../main/store/blob-store';
import { extractText } from '../../../../main/formats/extract-text';
import { exportWorkspace, importWorkspace } from '../../../../main/workspace/workspace-archive';
import { useTempDirs } from '../../../helpers/temp-dir';
import { makeWorkspace } from '../../../helpers/workspace';

const tempDir = useTempDirs();

/** A real Word file: itself a zip, which the export stores as it is inside the archive. */
function docx(text: string): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
    ),
  });
}

describe('workspace archive with office documents', () => {
  it('exports and imports a workspace holding a Word file, byte for byte', async () => {
    const folder = makeWorkspace(tempDir()).folder;
    const workspace = Workspace.open(folder, { user: 'A' });
    const bytes = docx('Board minutes, October');
    const [attached] = await attachFiles(
      workspace,
      'governance-map',
      [{ name: 'minutes.docx', bytes }],
      {},
      'A',
      extractText,
    );
    const zip = join(tempDir(), 'handover.zip');
    await exportWorkspace(workspace.db, workspace.folder, 'Testshire', zip);
    workspace.close();

    const { folder: copy } = await importWorkspace(zip, join(tempDir(), 'Copy.sendpack'));
    expect(readFileSync(blobPath(copy, attached!.sha256!)).equals(Buffer.from(bytes))).toBe(true);
    const reopened = Workspace.open(copy, { user: 'B' });
    expect(reopened.db.prepare('SELECT file_name FROM attachments').pluck().all()).toEqual(['minutes.docx']);
    reopened.close();
  });
});
