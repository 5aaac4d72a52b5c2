import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildPack } from '../../../main/pack/build-pack';
import { readPackInput } from '../../../main/pack/read-pack-input';
import { call, importFile, useImportWorkspaces } from '../../fixtures/imports/api';
import { docxParts, partText } from '../../fixtures/pack/docx-parts';
import { useTempDirs } from '../../helpers/temp-dir';

// The pack of a workspace that imported DfE's national timeliness file: key metrics by theme beside England, the
// region, the statistical neighbours and the rank; the timeliness checklist item carrying its figures and charts,
// each chart with the neighbours and the region in its text alternative.

const tempDir = useTempDirs();
const workspace = useImportWorkspaces(tempDir);
const NATIONAL = gunzipSync(
  readFileSync(new URL('../../fixtures/dfe-2025/timeliness_20_week.csv.gz', import.meta.url)),
);

describe('the pack with benchmarks from a national file', () => {
  it(
    'groups key metrics by the five themes with trend, England, region, neighbours and rank; the item section carries them',
    { timeout: 120_000 },
    async () => {
      const { backend } = await workspace('352', 'Manchester');
      await importFile(backend, 'ehcp-timeliness', 'timeliness_20_week.csv', NATIONAL);
      const { metrics } = await call(backend, 'metrics.list', { dataset: 'ehcp-timeliness' });
      const latest = metrics.find((m) => m.id === 'ehcp-20wk-all' && m.period === '2024')!;
      const input = await readPackInput(
        backend.openWorkspace(),
        { sections: [], approvedOnly: false },
        'Dana Analyst',
        '2026-12-06T10:00:00.000Z',
      );
      const packMetric = input.metrics.find((m) => m.id === 'ehcp-20wk-all')!;
      expect(packMetric).toMatchObject({
        theme: 'experiences',
        catalogueItem: 'ehcp-timeliness',
        period: '2024',
        display: '63.5%',
        region: { name: 'North West', display: `${latest.region!.value.toFixed(1)}%` },
        neighbours: { count: 10 },
        rank: `rank ${latest.rank!.position} of ${latest.rank!.of} (1 = best), quartile ${latest.rank!.quartile}`,
        trend: 'up from 50.7% in 2020',
      });

      const xml = docxParts(await buildPack(input))['word/document.xml']!;
      const text = partText(xml);
      const keyMetrics = text.slice(
        text.indexOf('\nKey metrics\n'),
        text.indexOf('\nCharts\n') > 0 ? text.indexOf('\nCharts\n') : undefined,
      );
      for (const theme of [
        'Outcomes',
        'Experiences',
        'Identification of need',
        'Financial sustainability',
        'Alternative provision',
      ]) {
        expect(keyMetrics).toContain(`\n${theme}\n`);
      }
      expect(keyMetrics).toContain('Region (North West)');
      expect(keyMetrics).toContain('New EHC plans issued within 20 weeks (2024)');
      expect(keyMetrics).toContain('up from 50.7% in 2020');
      expect(keyMetrics).toContain('45.9% (2024)');
      expect(keyMetrics).toContain(`${packMetric.neighbours!.display} (10 of 10 with data)`);
      expect(keyMetrics).toContain(packMetric.rank);

      // The timeliness item's section: its figures, then its charts with every comparator stated in words.
      const item = text.slice(text.search(/\nEHCP 20-week timeliness\n(?:[^\n]*\n)?Status: /));
      expect(item).toMatch(/Figures: 3 measures from the imported data/);
      expect(item).toMatch(/Figure \d+: New EHC plans issued within 20 weeks\n/);
      const words =
        /Figure \d+ in words: Line chart: New EHC plans issued within 20 weeks, Manchester, 2019 to 2024\.[^\n]*/.exec(
          item,
        )?.[0] ?? '';
      expect(words).toContain('Statistical neighbours (average): 2019');
      expect(words).toContain('North West: 2019 59.0%');
      expect(words).toContain('England: 2019 58.7%');
      expect(words).toContain('2024 45.9%');

      // A replaced neighbour list naming three neighbours: the pack says "of 3", not "of 10".
      const { handle } = backend.uploads.put(
        'our-neighbours.csv',
        new TextEncoder().encode('Manchester\nSalford\nTrafford\nWigan\n'),
      );
      await call(backend, 'benchmarks.setNeighbours', { file: { handle } });
      const replaced = await readPackInput(
        backend.openWorkspace(),
        { sections: [], approvedOnly: false },
        'Dana Analyst',
        '2026-12-06T10:00:00.000Z',
      );
      const three = replaced.metrics.find((m) => m.id === 'ehcp-20wk-all')!;
      expect(three.neighbours).toMatchObject({ count: 3, of: 3 });
      expect(partText(docxParts(await buildPack(replaced))['word/document.xml']!)).toContain(
        `${three.neighbours!.display} (3 of 3 with data)`,
      );
    },
  );
});
