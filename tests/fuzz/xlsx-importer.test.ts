import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { templateHeader, templateXlsx } from '../../main/datasets/import/template-file';
import { fillTemplateRow } from '../fixtures/imports/xlsx';
import { printable, useFuzzWorkspaces, type ImportCase } from '../fixtures/fuzz/import-harness';
import { FuzzTally, fuzzParameters, fuzzRuns, fuzzTimeout } from '../fixtures/fuzz/runs';
import {
  byteMutation,
  cellText,
  dataset,
  datasetFor,
  fileName,
  gridMutation,
  gridSource,
  mutateBytes,
  mutateGrid,
  previewOptions,
} from '../fixtures/fuzz/tables';
import { buildGridWorkbook, damageZip, gridWorkbook, partsWorkbook, zipDamage } from '../fixtures/fuzz/workbooks';

// Fuzzing the Excel importer through the real path (upload, preview, commit into a real workspace): real workbooks
// built from the DfE files, template-shaped and random grids (typed cells, several sheets, merges), the app's own
// template filled in with anything, workbooks written part by part with random cell XML and missing or misdirected
// parts, and damaged zips. No input may crash, every refusal names its row, column or file, and nothing partial is
// ever written. FUZZ_RUNS sets the number of cases.

const tally = new FuzzTally('xlsx', 'XLSX importer');
const WORKBOOK_EXTENSIONS = ['xlsx', 'xlsx', 'xlsx', 'xlsm', 'XLSX', 'csv', 'xls', ''];

/** A workbook and the sheets it names (for the sheet option), and the dataset it is imported into. */
const workbook: fc.Arbitrary<{ bytes: Uint8Array; sheets: string[]; datasetId: string }> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(gridSource, fc.array(gridMutation, { maxLength: 5 }))
      .chain(([{ grid, datasetId }, mutations]) =>
        gridWorkbook(mutateGrid(grid, mutations)).map((wb) => ({
          bytes: buildGridWorkbook(wb),
          sheets: wb.names,
          datasetId,
        })),
      ),
  },
  {
    weight: 1,
    arbitrary: dataset.chain((def) =>
      fc
        .array(fc.oneof(cellText, fc.double()), { maxLength: templateHeader(def).length + 2 })
        .map((values) => ({ bytes: fillTemplateRow(templateXlsx(def), values), sheets: [def.id], datasetId: def.id })),
    ),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(partsWorkbook, dataset)
      .map(([bytes, def]) => ({ bytes, sheets: ['Sheet1'], datasetId: def.id })),
  },
);

const damage = fc.oneof(
  { weight: 6, arbitrary: fc.constant((b: Uint8Array) => b) },
  {
    weight: 1,
    arbitrary: fc.array(byteMutation, { minLength: 1, maxLength: 3 }).map((m) => (b: Uint8Array) => mutateBytes(b, m)),
  },
  {
    weight: 1,
    arbitrary: fc.array(zipDamage, { minLength: 1, maxLength: 2 }).map((d) => (b: Uint8Array) => damageZip(b, d)),
  },
);

const xlsxCase: fc.Arbitrary<ImportCase> = fc
  .tuple(workbook, damage)
  .chain(([wb, damaged]) =>
    fc
      .tuple(datasetFor(wb.datasetId), fileName(WORKBOOK_EXTENSIONS))
      .chain(([def, name]) =>
        previewOptions(def, wb.sheets).map((options) =>
          printable({ dataset: def.id, fileName: name, options, bytes: damaged(wb.bytes) }),
        ),
      ),
  );

const harnesses = useFuzzWorkspaces(tally);

describe('XLSX importer fuzzing', () => {
  it(
    `${fuzzRuns()} generated workbooks: no crash, every refusal placed, nothing partial`,
    async () => {
      await fc.assert(
        fc.asyncProperty(xlsxCase, async (c) => {
          await harnesses[0]!.run(c);
        }),
        fuzzParameters(),
      );
      expect(tally.crashes).toBe(0);
      expect(tally.outcomes.get('imported') ?? 0).toBeGreaterThan(0);
      expect(tally.outcomes.get('refused') ?? 0).toBeGreaterThan(0);
    },
    fuzzTimeout(60),
  );
});
