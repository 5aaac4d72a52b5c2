import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';

// Independent check of resources/catalogue/catalogue.json against the domain
// reference's §3 table. Deliberately does not import scripts/build-catalogue.mjs.

interface CatalogueItem {
  id: string;
  replaces?: string[];
  title: string;
  description: string;
  supports: string[];
  areas: string[];
  kinds: string[];
  typicalOwner: string;
  freshness: { rule: string; maxAgeMonths: number | null };
  personLevel: boolean;
  sources: string[];
}

interface Catalogue {
  catalogueVersion: string;
  source: string;
  items: CatalogueItem[];
}

const catalogue = JSON.parse(
  readFileSync(new URL('../../../resources/catalogue/catalogue.json', import.meta.url), 'utf8'),
) as Catalogue;

const markdown = readFileSync(new URL('../../../docs/domain/area-send-inspection.md', import.meta.url), 'utf8');

interface ReferenceRow {
  id: string;
  title: string;
  supports: string;
}

function referenceRows(md: string): ReferenceRow[] {
  const lines = md.split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith('## 3. Evidence catalogue'));
  if (start < 0) throw new Error('§3 not found in docs/domain/area-send-inspection.md');
  const rows: ReferenceRow[] = [];
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) break;
    if (!line.startsWith('|')) {
      if (inTable) break;
      continue;
    }
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells[0] === 'id') {
      inTable = true;
      continue;
    }
    if (/^-+$/.test(cells[0] ?? '')) continue;
    if (inTable) rows.push({ id: cells[0]!, title: cells[1]!, supports: cells[3]! });
  }
  return rows;
}

const rows = referenceRows(markdown);

/**
 * Catalogue 2026.2 applies §3.2 to the §3 table: `person-level-lists` split into the two Annex A lists (both †), and
 * new items with the ids §3.2 proposes.
 */
const SPLIT = { from: 'person-level-lists', into: ['annex-a-list-1-ehcp', 'annex-a-list-2-sen-support'] };
const ADDED = [
  'self-evaluation-summary',
  'early-help',
  'providers-for-visits',
  'uap-oversight',
  'engagement-meetings',
  'thematic-visits',
  'final-feedback-attendees',
  'panel-tor',
  'ordinarily-available-provision',
  'eotas',
  'youth-justice-send',
  'hn-deficit-plan',
  'disproportionality',
  'peer-review',
];
const ALLOWED_AREAS = new Set(['EC1', 'EC2', 'EC3', 'EC4', 'EC5', 'L', 'AP']);

describe('evidence catalogue data', () => {
  it('reads 63 unique ids from docs/domain table', () => {
    expect(rows).toHaveLength(63);
    expect(new Set(rows.map((r) => r.id)).size).toBe(63);
  });

  it("has every reference id exactly once (the split item as its two halves), in table order, plus §3.2's new items", () => {
    const ids = catalogue.items.map((i) => i.id);
    expect(catalogue.items).toHaveLength(63 - 1 + 2 + ADDED.length);
    const expectedIds = rows.flatMap((r) => (r.id === SPLIT.from ? SPLIT.into : [r.id]));
    for (const id of expectedIds)
      expect(
        ids.filter((x) => x === id),
        `id ${id}`,
      ).toHaveLength(1);
    expect(ids.filter((id) => !expectedIds.includes(id)).sort()).toEqual([...ADDED].sort());
    expect(ids.filter((id) => expectedIds.includes(id))).toEqual(expectedIds);
    for (const id of SPLIT.into)
      expect(catalogue.items.find((i) => i.id === id)).toMatchObject({ replaces: [SPLIT.from] });
  });

  it('marks exactly the † items as person-level', () => {
    const daggerIds = rows
      .filter((r) => r.title.includes('†'))
      .flatMap((r) => (r.id === SPLIT.from ? SPLIT.into : [r.id]))
      .sort();
    const personLevelIds = catalogue.items
      .filter((i) => i.personLevel === true)
      .map((i) => i.id)
      .sort();
    expect(daggerIds.length).toBeGreaterThan(0);
    expect(personLevelIds).toEqual(daggerIds);
    for (const item of catalogue.items) {
      expect(typeof item.personLevel).toBe('boolean');
      expect(item.title).not.toContain('†');
    }
  });

  it('gives items with no supports an empty areas list', () => {
    for (const item of catalogue.items) {
      if (item.supports.length === 0) expect(item.areas, item.id).toEqual([]);
    }
    const noSupportsInReference = [
      ...rows.filter((r) => r.supports === '—').flatMap((r) => (r.id === SPLIT.from ? SPLIT.into : [r.id])),
      'providers-for-visits',
      'final-feedback-attendees',
    ].sort();
    const noSupportsInCatalogue = catalogue.items
      .filter((i) => i.supports.length === 0)
      .map((i) => i.id)
      .sort();
    expect(noSupportsInCatalogue).toEqual(noSupportsInReference);
  });

  it('uses only the known evaluation areas', () => {
    for (const item of catalogue.items) {
      for (const area of item.areas) expect(ALLOWED_AREAS.has(area), `${item.id}: ${area}`).toBe(true);
      expect(new Set(item.areas).size, item.id).toBe(item.areas.length);
    }
  });

  it('gives every item at least one kind', () => {
    for (const item of catalogue.items) {
      expect(Array.isArray(item.kinds), item.id).toBe(true);
      expect(item.kinds.length, item.id).toBeGreaterThan(0);
    }
  });
});
