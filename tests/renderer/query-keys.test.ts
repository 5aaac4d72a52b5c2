/** What each write reloads: the map in renderer/state/query-keys.ts, checked as data. */
import { describe, expect, test } from 'vitest';
import { OPERATION_NAMES } from '../../shared/api/operation-names';
import {
  READS,
  SWITCHES_WORKSPACE,
  TOUCHES,
  UNCACHED,
  isWrite,
  queryKey,
  touchedBy,
  touches,
  type ReadOperation,
  type Touch,
} from '../../renderer/state/query-keys';

const names = (touched: Touch[]) => touched.map((t) => (typeof t === 'string' ? t : t[0]));
/** Reads of data no item edit changes: the catalogue-backed datasets and figures, settings, the calendar. */
const STATIC: ReadOperation[] = [
  'datasets.list',
  'imports.list',
  'metrics.list',
  'metrics.chart',
  'calendar.get',
  'review.settings',
  'privacy.settings',
  'pack.template',
  'pack.builds',
  'inspection.get',
  'plan.get',
  'lists.checks',
  'checklist.list',
];

describe('every operation is classified once', () => {
  test('as a cached read, an uncached call, a workspace switch or a write with its touches', () => {
    const kinds = OPERATION_NAMES.map(
      (operation) =>
        [
          operation,
          [
            (READS as readonly string[]).includes(operation),
            (UNCACHED as readonly string[]).includes(operation),
            (SWITCHES_WORKSPACE as readonly string[]).includes(operation),
            isWrite(operation),
          ].filter(Boolean).length,
        ] as const,
    );
    expect(kinds.filter(([, n]) => n !== 1)).toEqual([]);
    expect(Object.keys(TOUCHES).every((name) => (OPERATION_NAMES as readonly string[]).includes(name))).toBe(true);
  });

  test('a write touches only reads the cache holds', () => {
    for (const operation of Object.keys(TOUCHES) as (keyof typeof TOUCHES)[]) {
      for (const name of names(touchedBy(operation, { itemId: 'x' } as never))) expect(READS).toContain(name);
    }
  });
});

describe('edits to an item', () => {
  test('a narrative save reloads the history and the views derived from items, never static data', () => {
    const touched = names(touchedBy('checklist.update', { itemId: 'jsna', note: 'Refreshed in March.' }));
    expect(touched).toContain('audit.list');
    for (const read of STATIC) expect(touched).not.toContain(read);
  });

  test('approving reloads the summary and readiness (the dashboard), not the catalogue or the datasets', () => {
    const touched = names(touchedBy('checklist.update', { itemId: 'jsna', status: 'approved' }));
    expect(touched).toEqual(expect.arrayContaining(['dashboard.get', 'audit.list', 'pack.outline']));
    for (const read of STATIC) expect(touched).not.toContain(read);
  });

  test('attaching a file reloads that item\'s files, and the items whose "no evidence" view it changes', () => {
    const touched = touchedBy('attachments.add', { itemId: 'jsna', files: [{ handle: 'h' }] });
    expect(touched).toContainEqual(['attachments.list', { itemId: 'jsna' }]);
    expect(touched).toContain('checklist.list');
    expect(names(touched)).not.toContain('datasets.list');
  });

  test("a private note touches no shared view (its answer replaces the panel's copy)", () => {
    expect(touchedBy('privateNotes.save', { itemId: 'jsna', note: 'Chase EP figures' })).toEqual([]);
  });
});

describe('other writes', () => {
  test("new figures reload the datasets, metrics and the items' out-of-date tags", () => {
    expect(names(touchedBy('imports.commit', { previewId: 'p' }))).toEqual(
      expect.arrayContaining([
        'datasets.list',
        'imports.list',
        'metrics.list',
        'metrics.chart',
        'checklist.list',
        'dashboard.get',
      ]),
    );
  });

  test('changing the calendar moves the countdown, the due dates and the follow-up steps', () => {
    expect(names(touchedBy('calendar.setOverrides', { extra: [], working: [] } as never))).toEqual(
      expect.arrayContaining(['inspection.get', 'calendar.get', 'plan.get', 'checklist.list', 'dashboard.get']),
    );
  });

  test("a plan change reloads the plan (the header's next step reads it) and not the items", () => {
    const touched = names(touchedBy('plan.addAction', {} as never));
    expect(touched).toContain('plan.get');
    expect(touched).not.toContain('checklist.list');
  });
});

describe('matching keys', () => {
  test('a whole read matches every request of it', () => {
    expect(touches('audit.list', queryKey('audit.list', { itemId: 'jsna' }))).toBe(true);
    expect(touches('audit.list', queryKey('audit.list', { page: { offset: 0, limit: 50 } }))).toBe(true);
    expect(touches('audit.list', queryKey('dashboard.get', {}))).toBe(false);
  });

  test("a request-level touch matches the keys whose request holds it, and no other item's", () => {
    expect(touches(['attachments.list', { itemId: 'jsna' }], queryKey('attachments.list', { itemId: 'jsna' }))).toBe(
      true,
    );
    expect(
      touches(['attachments.list', { itemId: 'jsna' }], queryKey('attachments.list', { itemId: 'local-offer' })),
    ).toBe(false);
    expect(
      touches(
        ['audit.list', { itemId: 'jsna' }],
        queryKey('audit.list', { itemId: 'jsna', page: { offset: 0, limit: 50 } }),
      ),
    ).toBe(true);
    expect(touches(['audit.list', { itemId: 'jsna' }], queryKey('audit.list', {}))).toBe(false);
  });

  test('keys are the operation and its request, so equal requests share one cached answer', () => {
    expect(queryKey('metrics.list', { dataset: 'ehcp-timeliness' } as never)).toEqual([
      'metrics.list',
      { dataset: 'ehcp-timeliness' },
    ]);
  });
});
