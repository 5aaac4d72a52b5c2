/**
 * Makes the large area the pack benchmark builds: the sample area grown to five periods per dataset and 400 files,
 * with a full self-evaluation (every area's grid, four dated ratings each, 12 case studies, a target for every metric).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createSampleWorkspace } from '../main/sample/create-sample-workspace';
import { Workspace } from '../main/workspace/workspace';
import { attachFiles } from '../main/evidence/attachments-repository';
import { listItems } from '../main/checklist/checklist-repository';
import { updateItem } from '../main/review/update-item';
import { commitImport, listRows } from '../main/datasets/dataset-store';
import { SHIPPED_CATALOGUE } from '../main/catalogue/shipped-catalogue';
import type { Extractor } from '../main/evidence/extractor';
import type { Database } from 'better-sqlite3';
import { SELF_EVALUATION_AREAS } from '../shared/api/self-evaluation-schemas';
import { addRating, saveCaseStudy, saveGrid, saveTarget } from '../main/self-evaluation/self-evaluation-store';

const SENTENCE = "The partnership board reviewed the evidence and the families' survey, and agreed what changes next. ";

function fillSelfEvaluation(db: Database): void {
  const scale = ['Secure', 'Developing', 'Weak'];
  for (const [i, area] of SELF_EVALUATION_AREAS.entries()) {
    const para = (n: number) => Array.from({ length: n }, (_, k) => `- ${SENTENCE.repeat(2 + (k % 3))}`).join('\n');
    saveGrid(db, area, { strengths: para(6), development: para(4), impact: para(3), nextSteps: para(4) }, WHO);
    for (let r = 0; r < 4; r++)
      addRating(db, { area, rating: scale[(i + r) % 3]!, ratedOn: `202${3 + r}-0${1 + r}-15`, note: '' }, WHO);
  }
  for (let n = 0; n < 12; n++) {
    saveCaseStudy(
      db,
      {
        title: `Case study ${n + 1}`,
        area: SELF_EVALUATION_AREAS[n % SELF_EVALUATION_AREAS.length]!,
        story: SENTENCE.repeat(25),
        consentRecorded: true,
        consentNote: 'recorded by the SEN service',
      },
      WHO,
    );
  }
  for (const id of [
    'ehcp-20wk-all',
    'ehcp-20wk-excl',
    'ehcp-avg-weeks',
    'ehcp-over-1yr',
    'ehcna-6wk',
    'ehcna-refusal',
    'sen-rates-ehcp',
    'sen-rates-sen-support',
  ]) {
    saveTarget(db, { metricId: id, breakdown: '', baselinePeriod: null, target: 50, targetPeriod: '2027' }, WHO);
  }
}

const PERIODS = 5;
const ATTACHMENTS = 400;
const WHO = 'Benchmark';

/** One year earlier, in whichever period form: '2022' → '2021', '2022/23' → '2021/22', '2025-03-31' → '2024-03-31'. */
function yearEarlier(period: string, years: number): string {
  if (/^\d{4}$/.test(period)) return String(Number(period) - years);
  const academic = /^(\d{4})\/(\d{2})$/.exec(period);
  if (academic) {
    const y = Number(academic[1]) - years;
    return `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
  }
  return `${Number(period.slice(0, 4)) - years}${period.slice(4)}`;
}

// Text extraction is not what this benchmark measures: files are stored with their text read as plain text.
const plainText: Extractor = async (bytes) => {
  const text = Buffer.from(bytes).toString('utf8');
  return {
    status: 'ok',
    kind: 'txt',
    text,
    segments: [{ location: 'line 1', text }],
    truncated: false,
    notes: [],
    unread: [],
  };
};

export async function makeLargeArea(dir: string): Promise<string> {
  const { folder } = await createSampleWorkspace(join(dir, 'Large.sendpack'));
  const workspace = Workspace.open(folder, { user: WHO, catalogue: SHIPPED_CATALOGUE });
  try {
    const db = workspace.db;
    const rows = listRows(db);
    for (const dataset of [...new Set(rows.map((r) => r.dataset))]) {
      const own = rows.filter((r) => r.dataset === dataset);
      const periods = [...new Set(own.map((r) => r.period))].sort();
      const earliest = own.filter((r) => r.period === periods[0]);
      const extra = [];
      for (let k = 1; periods.length + k - 1 < PERIODS; k++)
        extra.push(...earliest.map(({ dataset: _d, ...r }) => ({ ...r, period: yearEarlier(r.period, k) })));
      if (extra.length)
        commitImport(
          db,
          {
            dataset,
            sourceName: 'bench',
            sourceSha256: '',
            layout: 'form',
            rowsRead: extra.length,
            discardedColumns: [],
            rows: extra,
          },
          WHO,
        );
    }
    const items = listItems(db).filter((i) => !i.personLevel);
    for (const item of items.filter((i) => i.status === 'approved')) {
      updateItem(db, { itemId: item.id, status: 'in-progress', reason: 'benchmark' }, WHO);
    }
    let made = db.prepare("SELECT COUNT(*) FROM attachments WHERE state = 'current'").pluck().get() as number;
    for (let n = 0; made < ATTACHMENTS; n++) {
      const item = items[n % items.length]!;
      const body = `Evidence file ${n} for ${item.title}. ${'Figures and commentary for the partnership board. '.repeat(20 + (n % 40))}${randomBytes(8).toString('hex')}`;
      await attachFiles(
        workspace,
        item.id,
        [{ name: `evidence ${n}.txt`, bytes: Buffer.from(body) }],
        { documentDate: '2025-06-30' },
        WHO,
        plainText,
      );
      made++;
    }
    fillSelfEvaluation(db);
    return folder;
  } finally {
    workspace.close();
  }
}
