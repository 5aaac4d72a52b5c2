#!/usr/bin/env node
// Regenerates resources/catalogue/catalogue.json from docs/domain
// (../shared/domain/area-send-inspection.md, section "## 3. Evidence catalogue"), then applies the changes §3.2
// proposes after the June 2025 handbook (catalogue 2026.2: see CHANGES_2026_2 below).
// No dependencies. Usage: node scripts/build-catalogue.mjs
// Fails loudly on anything it does not recognise (unknown kind code, unmapped
// freshness rule, wrong row count, duplicate id) so the transcription stays exact.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SOURCE_URL = new URL('../../shared/domain/area-send-inspection.md', import.meta.url);
const OUT_URL = new URL('../resources/catalogue/catalogue.json', import.meta.url);

const CATALOGUE_VERSION = '2026.2';
const EXPECTED_ITEMS = 63;
const SECTION_HEADING = '## 3. Evidence catalogue';
const EXPECTED_HEADER = ['id', 'title', 'what it is', 'supports', 'kind', 'owner', 'freshness', 'source'];

const KIND_CODES = { D: 'document', DS: 'dataset', M: 'metric', N: 'narrative' };
const AREA_ORDER = ['EC1', 'EC2', 'EC3', 'EC4', 'EC5', 'L', 'AP'];
const PERSON_LEVEL_MARK = '†';

// Freshness rule (verbatim) -> maximum age in months, or null where the rule is
// event-based / not a maximum age. Every rule in the table must appear here.
const FRESHNESS_MAX_AGE_MONTHS = {
  '≤12m': 12,
  '12m': 12,
  'pages reviewed ≤12m': 12,
  '≤6m': 6,
  'progress ≤3m old': 3,
  'rolling 3 years': 36,
  'last 3 years': 36,
  'no set cycle; flag >3 yrs (local norms 3–6)': 36,
  yearly: 12,
  'yearly + post-inspection': 12,
  'yearly (duty unverified)': 12,
  '≥ yearly (reg 56)': 12,
  'annual (Dec–Feb avg)': 12,
  quarterly: 3,
  monthly: 1,
  'weekly snapshot': null,
  termly: null,
  'Jan census': null,
  'cal. year + YTD': null,
  'calendar year': null,
  'academic + calendar year': null,
  'each results cycle': null,
  'each transfer round': null,
  latest: null,
  'latest annual': null,
  'if any': null,
  'in contract': null,
  'current term': null,
  'in post now': null,
  'at notification': null,
  'during inspection': null,
  'at request': null,
  '~2 days from request': null,
};

function splitRow(line) {
  const trimmed = line.trim();
  if (!trimmed.startsWith('|') || !trimmed.endsWith('|')) throw new Error(`Not a table row: ${line}`);
  return trimmed
    .slice(1, -1)
    .split('|')
    .map((c) => c.trim());
}

function sectionLines(markdown) {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith(SECTION_HEADING));
  if (start < 0) throw new Error(`Section "${SECTION_HEADING}" not found`);
  let end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  if (end < 0) end = lines.length;
  return lines.slice(start + 1, end);
}

function parseTable(lines) {
  const tableLines = lines.filter((l) => l.trim().startsWith('|'));
  if (tableLines.length < 3) throw new Error('Catalogue table not found');
  const header = splitRow(tableLines[0]);
  if (JSON.stringify(header) !== JSON.stringify(EXPECTED_HEADER)) {
    throw new Error(`Unexpected header: ${header.join(' | ')}`);
  }
  if (!/^\|(\s*-+\s*\|)+$/.test(tableLines[1].trim())) throw new Error('Missing header separator row');
  return tableLines.slice(2).map((line) => {
    const cells = splitRow(line);
    if (cells.length !== EXPECTED_HEADER.length) throw new Error(`Wrong cell count (${cells.length}): ${line}`);
    return Object.fromEntries(EXPECTED_HEADER.map((h, i) => [h, cells[i]]));
  });
}

function parseSupports(cell) {
  if (cell === '—' || cell === '') return [];
  return cell
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function deriveAreas(supports) {
  const found = new Set();
  for (const tag of supports) {
    if (tag.startsWith('EC')) found.add(tag);
    else if (tag.startsWith('L-')) found.add('L');
    else if (tag === 'AP') found.add('AP');
    else throw new Error(`Unrecognised supports tag: ${tag}`);
  }
  for (const a of found) if (!AREA_ORDER.includes(a)) throw new Error(`Unknown area: ${a}`);
  return AREA_ORDER.filter((a) => found.has(a));
}

function parseKinds(cell, id) {
  return cell.split('+').map((code) => {
    const kind = KIND_CODES[code.trim()];
    if (!kind) throw new Error(`Unknown kind code "${code}" for ${id}`);
    return kind;
  });
}

function parseFreshness(rule, id) {
  if (!Object.hasOwn(FRESHNESS_MAX_AGE_MONTHS, rule)) throw new Error(`Unmapped freshness rule "${rule}" for ${id}`);
  return { rule, maxAgeMonths: FRESHNESS_MAX_AGE_MONTHS[rule] };
}

function parseSources(cell, id) {
  const sources = [...cell.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1].trim());
  if (sources.length === 0 || cell.replace(/\[[^\]]+\]/g, '').trim() !== '') {
    throw new Error(`Unexpected source cell "${cell}" for ${id}`);
  }
  return sources;
}

function toItem(row) {
  const id = row.id;
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new Error(`Unexpected id format: ${id}`);
  const personLevel = row.title.endsWith(PERSON_LEVEL_MARK);
  const title = personLevel ? row.title.slice(0, -PERSON_LEVEL_MARK.length).trimEnd() : row.title;
  if (title.includes(PERSON_LEVEL_MARK)) throw new Error(`Stray ${PERSON_LEVEL_MARK} in title for ${id}`);
  const supports = parseSupports(row.supports);
  return {
    id,
    title,
    description: row['what it is'],
    supports,
    areas: deriveAreas(supports),
    kinds: parseKinds(row.kind, id),
    typicalOwner: row.owner,
    freshness: parseFreshness(row.freshness, id),
    personLevel,
    sources: parseSources(row.source, id),
  };
}

// §3.2 (docs/domain): ids are the ones it proposes; a split item names the item it replaces, so a workspace's
// upgrade carries the old item's status and history onto both halves (main/catalogue/apply-catalogue.ts).
const newItem = (id, title, description, supports, areas, kinds, typicalOwner, rule, maxAgeMonths, extra = {}) => ({
  id,
  title,
  description,
  supports,
  areas,
  kinds,
  typicalOwner,
  freshness: { rule, maxAgeMonths },
  personLevel: false,
  sources: ['R2'],
  ...extra,
});
const CHANGES_2026_2 = {
  /** Due on working day 0: used at the day-1 leaders' meeting of the site week, often shared on day 0. */
  dayZero: ['self-evaluation', 'send-strategy', 'strategy-action-plan'],
  /** Inspectors can find them published: kept, but they do not count towards readiness. */
  background: [
    'jsna-send',
    'jhws',
    'sen-info-reports',
    'healthy-child-programme',
    'safeguarding-reviews',
    'provider-inspections',
    'short-breaks-statement',
  ],
  /** No annual cycle in the 2011 regulations: kept under review with a date of last review. */
  freshness: { 'short-breaks-statement': { rule: 'kept under review; date of last review', maxAgeMonths: null } },
  split: {
    from: 'person-level-lists',
    into: [
      {
        id: 'annex-a-list-1-ehcp',
        title: 'Annex A List 1: children and young people with an EHC plan',
        description:
          'Person-level list of every resident child or young person with an EHC plan (incl. out of area), checked before it is sent',
      },
      {
        id: 'annex-a-list-2-sen-support',
        title: 'Annex A List 2: children and young people at SEN support',
        description: 'Person-level list of every child or young person at SEN support, checked before it is sent',
      },
    ],
  },
  /** After the self-evaluation. */
  afterSelfEvaluation: newItem(
    'self-evaluation-summary',
    'Self-evaluation executive summary',
    'Short summary of the self-evaluation shared with settings and partners on day 0',
    ['L-eval'],
    ['L'],
    ['document'],
    'Board',
    '≤12m',
    12,
    { dueRule: 'day-0' },
  ),
  /** Before the logistics items, so logistics and the person-level lists stay last. */
  beforeLogistics: [
    newItem(
      'early-help',
      'Early help offer',
      'Early help for children with emerging SEND: offer, take-up, step-up and step-down (handbook para 29)',
      ['EC1', 'EC3'],
      ['EC1', 'EC3'],
      ['narrative', 'dataset'],
      'LA',
      '≤12m',
      12,
    ),
    newItem(
      'providers-for-visits',
      'Providers for visits',
      'Names of education, specialist health, social care and early-help providers inspectors may visit (no children)',
      [],
      [],
      ['document'],
      'LANO',
      'at notification',
      null,
    ),
    newItem(
      'uap-oversight',
      'Unregistered alternative provision oversight',
      'LA-funded placements in unregistered AP, QA visits and safeguarding checks (handbook para 65)',
      ['AP'],
      ['AP'],
      ['document', 'dataset'],
      'LA',
      '≤6m',
      6,
    ),
    newItem(
      'engagement-meetings',
      'Annual engagement meetings',
      'Notes and actions from the last annual engagement meeting with Ofsted and CQC',
      ['L-eval'],
      ['L'],
      ['document'],
      'DCS',
      'latest',
      null,
    ),
    newItem(
      'thematic-visits',
      'National thematic visits',
      'Feedback from any national thematic visit and what changed',
      ['L-eval'],
      ['L'],
      ['document'],
      'DCS',
      'latest',
      null,
    ),
    newItem(
      'final-feedback-attendees',
      'Final feedback meeting attendees',
      'Who attends the final feedback meeting for the partnership (handbook para 134)',
      [],
      [],
      ['narrative'],
      'LANO',
      'at notification',
      null,
    ),
    newItem(
      'panel-tor',
      'Panel terms of reference',
      'EHC needs assessment and resource panel terms of reference, membership and decision records',
      ['EC1'],
      ['EC1'],
      ['document'],
      'SEN team',
      '≤12m',
      12,
    ),
    newItem(
      'ordinarily-available-provision',
      'Ordinarily available provision',
      'What every setting is expected to provide for children with SEND without a plan',
      ['EC3'],
      ['EC3'],
      ['document'],
      'LA',
      '≤12m',
      12,
    ),
    newItem(
      'eotas',
      'Education otherwise than at school',
      'Children and young people with EOTAS packages: numbers, review and oversight',
      ['EC3', 'AP'],
      ['EC3', 'AP'],
      ['narrative', 'dataset'],
      'SEN team',
      '≤12m',
      12,
    ),
    newItem(
      'youth-justice-send',
      'Youth justice and SEND',
      'Needs of children in the youth justice system: screening, EHC plans, joint working',
      ['EC3', 'EC5'],
      ['EC3', 'EC5'],
      ['narrative', 'dataset'],
      'Youth justice service',
      '≤12m',
      12,
    ),
    newItem(
      'hn-deficit-plan',
      'High-needs deficit management plan',
      'DSG / high-needs deficit management or safety valve plan and progress',
      ['L-com'],
      ['L'],
      ['document'],
      'LA finance',
      '≤12m',
      12,
    ),
    newItem(
      'disproportionality',
      'Disproportionality analysis',
      'Who is over- or under-represented in exclusions, absence and plans, by group',
      ['L-und', 'EC5'],
      ['L', 'EC5'],
      ['dataset', 'narrative'],
      'BI',
      '≤12m',
      12,
    ),
    newItem(
      'peer-review',
      'Peer review',
      'External or LGA peer review of SEND and the actions taken',
      ['L-eval'],
      ['L'],
      ['document'],
      'DCS',
      'last 3 years',
      36,
    ),
  ],
};

function applyChanges2026(items) {
  const out = [];
  for (const item of items) {
    if (CHANGES_2026_2.dayZero.includes(item.id)) item.dueRule = 'day-0';
    if (CHANGES_2026_2.background.includes(item.id)) item.background = true;
    if (CHANGES_2026_2.freshness[item.id]) item.freshness = CHANGES_2026_2.freshness[item.id];
    if (item.id === 'inspection-logistics') out.push(...CHANGES_2026_2.beforeLogistics);
    if (item.id === CHANGES_2026_2.split.from) {
      for (const half of CHANGES_2026_2.split.into) out.push({ ...item, ...half, replaces: [item.id] });
      continue;
    }
    out.push(item);
    if (item.id === 'self-evaluation') out.push(CHANGES_2026_2.afterSelfEvaluation);
  }
  return out;
}

export function buildCatalogue(markdown) {
  const reference = parseTable(sectionLines(markdown)).map(toItem);
  if (reference.length !== EXPECTED_ITEMS) throw new Error(`Expected ${EXPECTED_ITEMS} items, got ${reference.length}`);
  const items = applyChanges2026(reference);
  const ids = new Set(items.map((i) => i.id));
  if (ids.size !== items.length) throw new Error('Duplicate ids in catalogue');
  return {
    catalogueVersion: CATALOGUE_VERSION,
    source: 'Domain reference §3 (area-send-inspection.md), with the changes of §3.2 after the June 2025 handbook',
    items,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const catalogue = buildCatalogue(readFileSync(SOURCE_URL, 'utf8'));
  mkdirSync(new URL('.', OUT_URL), { recursive: true });
  writeFileSync(OUT_URL, JSON.stringify(catalogue, null, 2) + '\n', 'utf8');
  console.log(`Wrote ${catalogue.items.length} items to ${fileURLToPath(OUT_URL)}`);
}
