import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentDateOf } from '../../../main/evidence/document-date';
import { docx, p } from '../../fixtures/extract/build';
import { useTempDirs } from '../../helpers/temp-dir';
import { call, useBackends } from '../../helpers/api';
import { freshnessOf } from '../../../shared/domain/item-status';

const tempDir = useTempDirs();
const { workspace } = useBackends();

describe('evidence dates', () => {
  it('reads the date a file says it was saved: Word core properties, PDF ModDate; nothing from a plain file', async () => {
    const dir = tempDir();
    const files = {
      'saved.docx': docx(p('Minutes'), { modified: '2025-09-30T14:02:00Z' }),
      'unsaid.docx': docx(p('Minutes')),
      'future.docx': docx(p('Minutes'), { modified: '2099-01-01T00:00:00Z' }),
      'report.pdf': Buffer.from('%PDF-1.4\n1 0 obj << /Title (Report) /ModDate (D:20240612093000Z) >> endobj\n%%EOF\n'),
      'notes.txt': Buffer.from('modified 2025-01-01'),
    };
    const dates: Record<string, string | null> = {};
    for (const [name, bytes] of Object.entries(files)) {
      writeFileSync(join(dir, name), bytes);
      dates[name] = await documentDateOf(join(dir, name), name, '2026-12-06');
    }
    expect(dates).toEqual({
      'saved.docx': '2025-09-30',
      'unsaid.docx': null,
      'future.docx': '2020-01-01',
      'report.pdf': '2024-06-12',
      'notes.txt': null,
    });
  });

  it('offers the date on upload, and counts undated evidence as "date unknown", never current', async () => {
    const dir = tempDir();
    const { backend } = await workspace(dir, { user: 'Ann', area: 'Testshire', laCode: '841' });
    const upload = await call(backend, 'files.upload', {
      name: 'minutes.docx',
      bytes: docx(p('Minutes'), { modified: '2025-09-30T14:02:00Z' }),
    });
    expect(upload.documentDate).toBe('2025-09-30');
    const plain = await call(backend, 'files.upload', { name: 'notes.txt', bytes: new TextEncoder().encode('Notes') });
    expect(plain.documentDate).toBeNull();
    await call(backend, 'attachments.add', { itemId: 'jsna-send', files: [{ handle: plain.handle }], metadata: {} });
    const { items } = await call(backend, 'checklist.list', {});
    const jsna = items.find((i) => i.id === 'jsna-send')!;
    expect(freshnessOf(jsna)).toBe('Date unknown');
    const dashboard = await call(backend, 'dashboard.get', {});
    expect(dashboard.undated.map((i) => i.id)).toEqual(['jsna-send']);
    expect(dashboard.nextSteps.find((s) => s.id === 'evidence')).toMatchObject({
      done: false,
      detail: expect.stringMatching(/^1 of \d+ items have evidence files\.$/),
    });
  });
});
