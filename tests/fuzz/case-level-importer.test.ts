import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseList } from '../fixtures/fuzz/case-lists';
import { printable, useFuzzWorkspaces } from '../fixtures/fuzz/import-harness';
import { FuzzTally, fuzzParameters, fuzzRuns, fuzzTimeout } from '../fixtures/fuzz/runs';

// Fuzzing the case-level importers (a waiting list, a list of EHC plans: one row per child, aggregated on import)
// through the real path: header names the importer knows, in any case or with footnotes, a role column missing or
// doubled, identifier columns anywhere, dates in every format and impossible ones, unknown services, odd exception
// flags, damaged cells, as CSV in any encoding or as a workbook — into a workspace with an authority and one
// without. No input may crash, every refusal names its row, column or file, nothing partial is written, and no
// identifier reaches the database or the preview. FUZZ_RUNS sets the number of cases.

const tally = new FuzzTally('case-level', 'Case-level extract importer');

// [with the workspace's authority, with none]; filled before the tests run.
const workspaces = useFuzzWorkspaces(tally, ['841', null]);

describe('case-level importer fuzzing', () => {
  it(
    `${fuzzRuns()} generated lists: no crash, every refusal placed, nothing partial, no identifier kept`,
    async () => {
      const cases = fc.tuple(
        caseList,
        fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      );
      await fc.assert(
        fc.asyncProperty(cases, async ([list, hasArea]) => {
          await workspaces[hasArea ? 0 : 1]!.run(printable(list.case));
        }),
        fuzzParameters(),
      );
      expect(tally.crashes).toBe(0);
      expect(tally.outcomes.get('imported') ?? 0).toBeGreaterThan(0);
      expect(tally.outcomes.get('refused') ?? 0).toBeGreaterThan(0);
    },
    fuzzTimeout(40),
  );
});
