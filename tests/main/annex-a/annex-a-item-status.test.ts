import { describe, expect, it } from 'vitest';
import { call, useImportWorkspaces } from '../../fixtures/imports/api';
import { AS_OF, generateList, listGrid, type GeneratedList } from '../../fixtures/annex-a/list-generator';
import { toCsv } from '../../fixtures/imports/csv-text';
import { useTempDirs } from '../../helpers/temp-dir';
import { ANNEX_A_ITEM } from '../../../shared/domain/annex-a';
import type { Backend } from '../../../main/api/backend';

// Issue 19 item 5: "the two Annex A items (their readiness follows the last check)". Problems keep an item in
// progress (an approved one is reopened, with the check as the reason); a check where only the 102a query fires is
// clean enough to send, so the item goes to review; an item marked not applicable is left alone.

const tempDir = useTempDirs();
const workspace = useImportWorkspaces(tempDir);

/** The generated list with the rows planted for the given rules only (the others' rows dropped). */
function onlyRules(generated: GeneratedList, keep: string[]): GeneratedList {
  const drop = new Set(
    [...generated.expected].filter(([rule]) => !keep.includes(rule)).flatMap(([, rows]) => rows.map((r) => r - 1)),
  );
  return { ...generated, rows: generated.rows.filter((_, i) => !drop.has(i)) };
}

async function check(backend: Backend, list: 1 | 2, generated: GeneratedList) {
  const { handle } = await call(backend, 'files.upload', {
    name: `List ${list}.csv`,
    bytes: new TextEncoder().encode(toCsv(listGrid(generated))),
    memoryOnly: true,
  });
  return call(backend, 'lists.check', { list, file: { handle }, asOf: AS_OF });
}

const statusOf = async (backend: Backend, list: 1 | 2) =>
  (await call(backend, 'checklist.list', {})).items.find((i) => i.id === ANNEX_A_ITEM[list])!.status;

describe("an Annex A item follows its list's last check", () => {
  it('reopens an approved list when a check finds problems, and sends a query-only list for review', async () => {
    const ws = await workspace();
    const list1 = generateList(400, 1, 31);

    await call(ws.backend, 'checklist.update', { itemId: ANNEX_A_ITEM[1], status: 'approved' });
    const faulty = await check(ws.backend, 1, onlyRules(list1, ['101b']));
    expect(faulty.rules.filter((r) => r.count > 0).map((r) => [r.id, r.count])).toEqual([['101b', 2]]);
    expect(await statusOf(ws.backend, 1)).toBe('in-progress');
    const { events } = await call(ws.backend, 'audit.list', { itemId: ANNEX_A_ITEM[1] });
    expect(events.map((e) => e.reason)).toContain('The list check of List 1.csv found 2 problems to fix.');

    // Only aged-25 queries: nothing to fix before sending.
    const queries = await check(ws.backend, 1, onlyRules(list1, ['102a']));
    expect(queries.rules.filter((r) => r.count > 0).map((r) => r.id)).toEqual(['102a']);
    expect(await statusOf(ws.backend, 1)).toBe('ready-for-review');

    // Not applicable stays so, whatever the check finds.
    await call(ws.backend, 'checklist.update', {
      itemId: ANNEX_A_ITEM[2],
      status: 'not-applicable',
      reason: 'No SEN support list this time.',
    });
    await check(ws.backend, 2, generateList(300, 2, 32));
    expect(await statusOf(ws.backend, 2)).toBe('not-applicable');
  });
});
