#!/usr/bin/env node
// Regenerates resources/catalogue/catalogue.json from the domain reference
// (../shared/domain/area-send-inspection.md, section "## 3. Evidence catalogue").
// No dependencies. Usage: node scripts/build-catalogue.mjs
// Fails loudly on anything it does not recognise (unknown kind code, unmapped
// freshness rule, wrong row count, duplicate id) so the transcription stays exact.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SOURCE_URL = new URL('../../shared/domain/area-send-inspection.md', import.meta.url);
const OUT_URL = new URL('../resources/catalogue/catalogue.json', import.meta.url);

const CATALOGUE_VERSION = '2026.1';
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
  'yearly': 12,
  'yearly + post-inspection': 12,
  'yearly (duty unverified)': 12,
  '≥ yearly (reg 56)': 12,
  'annual (Dec–Feb avg)': 12,
  'quarterly': 3,
  'monthly': 1,
  'weekly snapshot': null,
  'termly': null,
  'Jan census': null,
  'cal. year + YTD': null,
  'calendar year': null,
  'academic + calendar year': null,
  'each results cycle': null,
  'each transfer round': null,
  'latest': null,
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
  return trimmed.slice(1, -1).split('|').map((c) => c.trim());
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
  return cell.split(',').map((s) => s.trim()).filter(Boolean);
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

export function buildCatalogue(markdown) {
  const items = parseTable(sectionLines(markdown)).map(toItem);
  if (items.length !== EXPECTED_ITEMS) throw new Error(`Expected ${EXPECTED_ITEMS} items, got ${items.length}`);
  const ids = new Set(items.map((i) => i.id));
  if (ids.size !== items.length) throw new Error('Duplicate ids in catalogue table');
  return {
    catalogueVersion: CATALOGUE_VERSION,
    source: 'Domain reference §3 (area-send-inspection.md)',
    items,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const catalogue = buildCatalogue(readFileSync(SOURCE_URL, 'utf8'));
  mkdirSync(new URL('.', OUT_URL), { recursive: true });
  writeFileSync(OUT_URL, JSON.stringify(catalogue, null, 2) + '\n', 'utf8');
  console.log(`Wrote ${catalogue.items.length} items to ${fileURLToPath(OUT_URL)}`);
}
