import { describe, expect, it } from 'vitest';
import {
  evidenceFileStem,
  extensionOf,
  groupFolder,
  naturalCompare,
  PathAllocator,
  safeSegment,
} from '../../../../main/pack/bundle/bundle-names';
import { AREA_GROUP_IDS } from '../../../../shared/domain/evaluation-areas';

const WINDOWS_BAD = /[:*?"<>|\\/\u0000-\u001f]|[. ]$/;

describe('bundle names', () => {
  it('gives every evaluation area group a readable, stable, Windows-safe folder', () => {
    expect(AREA_GROUP_IDS.map(groupFolder)).toEqual([
      'EC1 Identification and assessment',
      'EC2 Participation in decisions',
      'EC3 Right help at the right time',
      'EC4 Next steps and outcomes',
      'EC5 Valued, visible and included',
      'L Leadership and strategy',
      'AP Alternative provision',
      'Other',
    ]);
    for (const id of AREA_GROUP_IDS) expect(groupFolder(id)).not.toMatch(WINDOWS_BAD);
  });

  it('names a file by reference and title with the original extension', () => {
    expect(evidenceFileStem('E001', 'JSNA SEND chapter 2025', 'jsna-final.PDF')).toEqual({
      stem: 'E001 JSNA SEND chapter 2025',
      extension: '.PDF',
    });
    expect(evidenceFileStem('E002', 'minutes.docx', 'minutes.docx')).toEqual({
      stem: 'E002 minutes',
      extension: '.docx',
    });
    expect(evidenceFileStem('E003', '', 'Board report.xlsx')).toEqual({
      stem: 'E003 Board report',
      extension: '.xlsx',
    });
    expect(evidenceFileStem('E004', 'No extension', 'README')).toEqual({ stem: 'E004 No extension', extension: '' });
    expect(extensionOf('archive.tar.gz')).toBe('.gz');
    expect(extensionOf('weird.not an extension')).toBe('');
  });

  it('makes any title safe for Windows, macOS and Linux', () => {
    const stem = evidenceFileStem('E005', 'Ofsted: "SEF" 2024/25 <draft> | v2?*\u0007...  ', 'x.pdf').stem;
    expect(stem).toBe("E005 Ofsted - 'SEF' 2024-25 draft v2");
    expect(stem).not.toMatch(WINDOWS_BAD);
    expect(safeSegment('con', 20)).toBe('_con');
    expect(safeSegment('...hidden. ', 20)).toBe('hidden');
    const long = evidenceFileStem('E006', `${'Very long title '.repeat(20)}😀 end`, 'x.docx');
    expect((long.stem + long.extension).length).toBeLessThanOrEqual(100);
    expect(long.stem).not.toMatch(WINDOWS_BAD);
    // Folded to ASCII, which every unzip tool names the same way; the manifests keep the title as it was.
    expect(evidenceFileStem('E007', 'Café réport – “final” ﬁgures, £2m 😀', 'x.pdf').stem).toBe(
      "E007 Cafe report - 'final' figures, GBP2m",
    );
    expect(evidenceFileStem('E008', 'خدمات', 'leaflet.pdf')).toEqual({ stem: 'E008', extension: '.pdf' });
  });

  it('numbers clashing paths, ignoring case as Windows and macOS do', () => {
    const paths = new PathAllocator();
    paths.reserve('manifest.json');
    expect(paths.allocate('Other', 'E001 Minutes', '.docx')).toBe('Other/E001 Minutes.docx');
    expect(paths.allocate('Other', 'E001 minutes', '.DOCX')).toBe('Other/E001 minutes (2).DOCX');
    expect(paths.allocate('Other', 'E001 Minutes', '.docx')).toBe('Other/E001 Minutes (3).docx');
  });

  it('orders references as numbers, not by locale', () => {
    expect(['E10', 'E2', 'E001', 'E1a', 'D9'].sort(naturalCompare)).toEqual(['D9', 'E001', 'E1a', 'E2', 'E10']);
  });
});
