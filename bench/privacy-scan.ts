/**
 * The privacy scan benchmark (issue 6, §6): generates about 200 MB of council text as attachments' extracted text
 * — statistics, meeting dates, LA and DfE codes, financial figures, ten-digit reference numbers that fail the
 * check digits, tables, the council's own published contact details — with a sprinkling of planted identifiers of
 * every kind, scans it with `scanText` and prints the rate in MB/s (aim: at least 50 MB/s), the findings and
 * whether each planted identifier, and nothing else, was found. Prints figures; asserts nothing about time.
 *
 *   npx tsx bench/privacy-scan.ts
 *
 * Environment: BENCH_PRIVACY_MB (default 200), BENCH_PRIVACY_DOC_KB (size of one attachment's text, default 1024),
 * BENCH_RUNS (default 3; the median and best are reported).
 */
import { scanText, type Finding, type FindingKind } from '../main/privacy/scan-text';
import { isValidNhsNumber, isValidUln } from '../shared/domain/privacy/check-digits';
import { groupNhsNumber, makeNhsNumber, makeUln, makeUpn, seededRandom } from '../shared/domain/privacy/synthetic';
import { MONTH_NAMES } from '../shared/domain/dates';

const TOTAL_MB = Number(process.env.BENCH_PRIVACY_MB ?? 200);
const DOC_KB = Number(process.env.BENCH_PRIVACY_DOC_KB ?? 1024);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const PLANT_EVERY = 48 * 1024; // characters between planted identifiers, roughly
const TODAY = '2025-06-30';
const MB = 1024 * 1024;
const PUBLIC_CONTACTS = ['0300 123 4567', '01632 960000', 'send@kestrelmouth.gov.uk', 'localoffer@kestrelmouth.gov.uk'];

const rng = seededRandom(20250630);
const int = (from: number, to: number) => from + Math.floor(rng() * (to - from + 1));
const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const pct = () => (rng() * 100).toFixed(1);
const pad2 = (n: number) => String(n).padStart(2, '0');
const MONTHS = MONTH_NAMES;
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const ukDate = () => `${pad2(int(1, 28))}/${pad2(int(1, 12))}/${int(2019, 2025)}`;
const longDate = () => `${int(1, 28)} ${pick(MONTHS)} ${int(2019, 2025)}`;
const year = () => int(2016, 2025);
const DISTRICTS = ['SW1A', 'DL3', 'TS21', 'KM4', 'NE12', 'M1', 'B33'];
const LA_NAMES = ['Kestrelmouth', 'Northshire', 'Westmarsh', 'Eastholme', 'Southdale'];
const SURNAMES = ['Okafor', 'Lindqvist', 'Brennan', 'Hartley', 'Achebe', 'Morrow'];

/** Ten digits that are neither an NHS number nor a ULN, as invoice and order numbers are. */
function failingRef(): string {
  for (;;) {
    let s = String(int(1, 9));
    while (s.length < 10) s += String(int(0, 9));
    if (!isValidNhsNumber(s) && !isValidUln(s)) return s;
  }
}

const CLEAN: Array<() => string> = [
  () =>
    `In ${year()}, ${pct()}% of new EHC plans (${grouped(int(1000, 30000))} of ${grouped(int(30000, 60000))}) were issued within 20 weeks, against ${pct()}% in England.`,
  () =>
    `The SEND Partnership Board met on ${ukDate()} and again on ${longDate()} to review progress against the written statement of action.`,
  () =>
    `LA ${int(201, 938)} (E0${int(6, 9)}0000${pad2(int(1, 99))}) reported £${grouped(int(1_000_000, 99_999_999))} of high needs spending in ${year()}–${pad2(int(17, 26))}, a ${pct()}% change on the year before.`,
  () =>
    `Invoice reference ${failingRef()} was paid on ${pad2(int(1, 28))}.${pad2(int(1, 12))}.${int(2020, 2025)}; purchase order ${failingRef()} remains open.`,
  () =>
    `There were ${grouped(int(100, 30000))} requests for assessment out of ${grouped(int(100000, 400000))} children with SEN support, a rate of ${(rng() * 10).toFixed(1)} per 100.`,
  () =>
    `Families in the ${pick(DISTRICTS)} area told us that waiting times for speech and language therapy were too long.`,
  () =>
    `Annual reviews completed within 12 months rose from ${int(50, 70)}% to ${int(71, 95)}% between ${year()} and ${year()} (see page ${int(2, 120)}, table ${int(1, 20)}).`,
  () =>
    `Mediation cases: ${int(10, 900)}; tribunal appeals registered: ${int(5, 400)}; decided in favour of the appellant: ${pct()}%.`,
  () =>
    `Key Stage 2 attainment for pupils with an EHC plan was ${int(4, 20)}% meeting the expected standard; Pupil Premium funding of £${grouped(int(10000, 900000))} supported ${int(20, 900)} pupils.`,
  () =>
    `The local offer website had ${grouped(int(5000, 90000))} visits in the year to ${longDate()} — up ${int(1, 40)}% on ${year()}/${pad2(int(17, 26))}.`,
  () => 'Each young person’s views are recorded in their plan, and the child’s voice is heard at every annual review.',
  () =>
    `Contact the SEND team on 0300 123 4567 (switchboard 01632 960000) or at send@kestrelmouth.gov.uk; the local offer at localoffer@kestrelmouth.gov.uk.`,
  () =>
    `Section ${int(1, 12)}.${int(1, 99)} of the SEND Code of Practice (2015) sets out the 20-week timescale; ${grouped(int(100, 5000))} of ${grouped(int(5000, 9000))} plans (${pct()}%) met it.`,
  () =>
    `Meeting held ${pick(WEEKDAYS)} ${longDate()} at ${pad2(int(9, 17))}:${pick(['00', '15', '30', '45'])}; ${int(5, 20)} members present; minutes approved ${pad2(int(1, 28))}/${pad2(int(1, 12))}/${pad2(int(20, 25))}.`,
  () =>
    `The budget for ${year()}/${pad2(int(17, 26))} is £${(rng() * 90).toFixed(1)}m, of which £${int(100, 900)}k is for alternative provision (${pct()}%).`,
  () =>
    `Dr ${pick(SURNAMES)}, designated clinical officer, presented the health data: ${int(10, 400)} children waited more than ${int(4, 52)} weeks.`,
  () =>
    `Case study ${int(1, 9)} (anonymised): a child in Year ${int(1, 13)} with autism moved to a resourced provision in ${pick(MONTHS)}.`,
  () =>
    `${int(201, 938)}\t${pick(LA_NAMES)}\t${grouped(int(100, 9000))}\t${grouped(int(100, 9000))}\t${pct()}\tE0${int(6, 9)}0000${pad2(int(1, 99))}`,
  () =>
    `Absence: ${pct()}% overall and ${pct()}% persistent absence for pupils with an EHC plan in ${year()}/${pad2(int(17, 26))}, against ${pct()}% nationally.`,
  () =>
    `Referrals to CAMHS: ${grouped(int(200, 4000))}; median wait ${int(4, 60)} weeks; ${int(0, 40)}% seen within 18 weeks (NHS England, ${pick(MONTHS)} ${year()}).`,
];

let plantSeed = 1;
const letters = 'abcdefghijklmnopqrstuvwxyz'.split('');
const madeUpName = () => {
  let s = '';
  for (let i = 0; i < 3; i++) s += pick(['quor', 'vex', 'mar', 'zil', 'thorn', 'bly', 'wick', 'dra', 'spen']);
  return s[0]!.toUpperCase() + s.slice(1);
};
const dobDate = () => `${pad2(int(1, 28))}/${pad2(int(1, 12))}/${int(2002, 2022)}`;

/** Planted sentences, each with the kinds it plants (an address with a postcode plants two). */
const PLANTS: Array<() => [string, FindingKind[]]> = [
  () => {
    const n = makeNhsNumber(plantSeed++);
    return [`The child’s NHS number is ${pick([n, groupNhsNumber(n), groupNhsNumber(n, '-')])}.`, ['nhs-number']];
  },
  () => [`UPN ${makeUpn(plantSeed++, rng() < 0.3)} was transferred from the previous school.`, ['upn']],
  () => [`The record also holds former UPN ${makeUpn(plantSeed++)}.`, ['former-upn']],
  () => [`ULN ${makeUln(plantSeed++)} is held by the college.`, ['uln']],
  () => [`Referred aged ${int(3, 15)}, DOB ${dobDate()}, after a health visitor’s check.`, ['date-of-birth']],
  () => [
    `The family live at ${int(1, 200)} ${pick(['Acacia', 'Harbour', 'Mill', 'Station'])} ${pick(['Avenue', 'Road', 'Close', 'Lane'])}, Kestrelmouth KM${int(1, 9)} ${int(1, 9)}${pick(['AB', 'DL', 'TW', 'XZ'])}.`,
    ['address', 'postcode'],
  ],
  () => [`Please email ${pick(letters)}.${madeUpName().toLowerCase()}@hotmail.co.uk about the placement.`, ['email']],
  () => [`Mum can be reached on 07${String(int(100, 999))} ${String(int(100000, 999999))}.`, ['phone']],
  () => [`See case ref: KM${int(100000, 999999)} for the tribunal bundle.`, ['case-reference']],
  () => [`The pupil ${madeUpName()} ${madeUpName()} joined the resourced provision in September.`, ['person-name']],
];

interface Corpus {
  docs: string[];
  bytes: number;
  planted: Map<FindingKind, number>;
}

function generate(): Corpus {
  const docs: string[] = [];
  const planted = new Map<FindingKind, number>();
  const docChars = DOC_KB * 1024;
  let total = 0;
  let plant = 0;
  while (total < TOTAL_MB * MB) {
    const parts: string[] = [];
    let size = 0;
    let nextPlant = int(PLANT_EVERY / 2, PLANT_EVERY * 1.5);
    while (size < docChars) {
      let sentence: string;
      if (size >= nextPlant) {
        const [s, kinds] = PLANTS[plant++ % PLANTS.length]!();
        for (const k of kinds) planted.set(k, (planted.get(k) ?? 0) + 1);
        sentence = s;
        nextPlant = size + int(PLANT_EVERY / 2, PLANT_EVERY * 1.5);
      } else sentence = CLEAN[Math.floor(rng() * CLEAN.length)]!();
      parts.push(sentence, rng() < 0.2 ? '\n' : ' ');
      size += sentence.length + 1;
    }
    const doc = parts.join('');
    docs.push(doc);
    total += Buffer.byteLength(doc, 'utf8');
  }
  return { docs, bytes: total, planted };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

function main(): void {
  console.log(
    `SEND Evidence Pack privacy scan benchmark — Node ${process.versions.node}, ${RUNS} run${RUNS === 1 ? '' : 's'} (median and best)`,
  );
  let start = performance.now();
  const corpus = generate();
  console.log(
    `Generated ${(corpus.bytes / MB).toFixed(0)} MB of council text in ${corpus.docs.length} attachments of ~${DOC_KB} KB ` +
      `in ${(performance.now() - start).toFixed(0)} ms`,
  );
  const options = { today: TODAY, publicContacts: PUBLIC_CONTACTS };
  scanText(corpus.docs[0]!.slice(0, 200_000), options); // warm-up: compile the patterns

  const times: number[] = [];
  let findings: Finding[] = [];
  for (let run = 0; run < RUNS; run++) {
    const all: Finding[] = [];
    start = performance.now();
    for (const doc of corpus.docs) for (const f of scanText(doc, options)) all.push(f);
    times.push(performance.now() - start);
    findings = all;
  }
  const rate = (ms: number) => corpus.bytes / MB / (ms / 1000);
  const med = median(times);
  const best = Math.min(...times);
  console.log(
    `\nScanned ${(corpus.bytes / MB).toFixed(0)} MB in ${med.toFixed(0)} ms (median; best ${best.toFixed(0)} ms): ` +
      `${rate(med).toFixed(0)} MB/s median, ${rate(best).toFixed(0)} MB/s best (aim: at least 50 MB/s — ${rate(med) >= 50 ? 'met' : 'NOT met'}).`,
  );
  console.log(`Runs (ms): ${times.map((t) => t.toFixed(0)).join(' / ')}`);

  // One text of the whole corpus, as a single huge attachment would be.
  const whole = corpus.docs.join('\n');
  start = performance.now();
  const wholeCount = scanText(whole, options).length;
  const wholeMs = performance.now() - start;
  console.log(
    `As one ${(corpus.bytes / MB).toFixed(0)} MB text: ${wholeMs.toFixed(0)} ms, ${rate(wholeMs).toFixed(0)} MB/s, ${wholeCount} findings.`,
  );

  const byKind = new Map<FindingKind, number>();
  for (const f of findings) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  const kinds = [...new Set([...corpus.planted.keys(), ...byKind.keys()])];
  console.log(
    `\nFindings: ${findings.length} (${findings.filter((f) => f.severity === 'block').length} blocking); planted: ` +
      `${[...corpus.planted.values()].reduce((a, b) => a + b, 0)}`,
  );
  let exact = true;
  for (const k of kinds) {
    const p = corpus.planted.get(k) ?? 0;
    const f = byKind.get(k) ?? 0;
    if (p !== f) exact = false;
    console.log(
      `  ${k.padEnd(15)} planted ${String(p).padStart(6)}  found ${String(f).padStart(6)}${p === f ? '' : '  ← differs'}`,
    );
  }
  console.log(
    exact
      ? 'Every planted identifier was found, and nothing in the clean text was.'
      : 'Found and planted differ: see the kinds marked above (snippets are masked):',
  );
  if (!exact) {
    for (const f of findings
      .filter((x) => (corpus.planted.get(x.kind) ?? 0) !== (byKind.get(x.kind) ?? 0))
      .slice(0, 10))
      console.log(`  ${f.kind}: ${f.snippet}`);
  }
}

main();
