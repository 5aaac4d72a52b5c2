import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printable, useFuzzWorkspaces, type ImportCase } from '../fixtures/fuzz/import-harness';
import { FuzzTally, fuzzParameters, fuzzRuns, fuzzTimeout } from '../fixtures/fuzz/runs';
import {
  byteMutation,
  dataset,
  datasetFor,
  encodeText,
  fileName,
  gridMutation,
  gridSource,
  gridText,
  mutateBytes,
  mutateGrid,
  previewOptions,
  textOptions,
} from '../fixtures/fuzz/tables';

// Fuzzing the CSV importer through the real path (upload, preview, commit into a real workspace): the real DfE
// files mutated row by row, column by column and byte by byte, tables shaped like the app's templates, random
// grids and raw bytes, in every delimiter, quoting, line ending and encoding. No input may crash, every refusal
// names its row, column or file, and nothing partial is ever written. FUZZ_RUNS sets the number of cases.

const tally = new FuzzTally('csv', 'CSV importer');
const TEXT_EXTENSIONS = ['csv', 'csv', 'csv', 'tsv', 'txt', 'xls', 'xlsx', ''];

const textCase: fc.Arbitrary<ImportCase> = fc
  .tuple(
    gridSource,
    fc.array(gridMutation, { maxLength: 5 }),
    textOptions,
    fc.oneof(
      { weight: 4, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.array(byteMutation, { minLength: 1, maxLength: 3 }) },
    ),
  )
  .chain(([{ grid, datasetId }, mutations, text, damage]) =>
    fc.tuple(datasetFor(datasetId), fileName(TEXT_EXTENSIONS)).chain(([def, name]) =>
      previewOptions(def)
        .map((options): ImportCase => ({
          dataset: def.id,
          fileName: name,
          options,
          bytes: mutateBytes(encodeText(gridText(mutateGrid(grid, mutations), text), text.encoding), damage),
        }))
        .map(printable),
    ),
  );

/** Bytes that were never a table: random, or random text. */
const rawCase: fc.Arbitrary<ImportCase> = fc
  .tuple(
    fc.oneof(
      fc.uint8Array({ maxLength: 3_000 }),
      fc.string({ unit: 'binary', maxLength: 2_000 }).map((s) => new TextEncoder().encode(s)),
      fc.string({ unit: 'grapheme', maxLength: 2_000 }).map((s) => new TextEncoder().encode(s)),
    ),
    dataset,
    fileName(TEXT_EXTENSIONS),
  )
  .map(([bytes, def, name]) => printable({ dataset: def.id, fileName: name, bytes }));

const harnesses = useFuzzWorkspaces(tally);

describe('CSV importer fuzzing', () => {
  it(
    `${fuzzRuns()} generated files: no crash, every refusal placed, nothing partial`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof({ weight: 9, arbitrary: textCase }, { weight: 1, arbitrary: rawCase }), async (c) => {
          await harnesses[0]!.run(c);
        }),
        fuzzParameters(),
      );
      expect(tally.crashes).toBe(0);
      // The generators reach every outcome: imports, refusals and files with nothing for the area.
      expect(tally.outcomes.get('imported') ?? 0).toBeGreaterThan(0);
      expect(tally.outcomes.get('refused') ?? 0).toBeGreaterThan(0);
    },
    fuzzTimeout(40),
  );
});
