import { writeFileSync } from 'node:fs';
import { RAGS } from '../../../shared/domain/follow-up';
import { call, openForCli } from '../cli-backend';
import { dateOption, RefusedError, UsageError, type CliIo } from '../cli-io';
import type { Command, OptionValues } from '../command';

const AREAS = ['EC1', 'EC2', 'EC3', 'EC4', 'EC5', 'L', 'AP'];
const ONLY: Record<string, string[]> = {
  add: [
    'area',
    'text',
    'lead',
    'due',
    'metric',
    'target',
    'baseline',
    'baseline-date',
    'sro',
    'criteria',
    'impact',
    'responds-to',
    'items',
  ],
  update: ['id', 'rag', 'text', 'date', 'by'],
  list: ['out', 'json'],
};

function number(values: OptionValues, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(String(raw).replace(/,/g, ''));
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n))
    throw new RefusedError(`--${name} "${String(raw)}" is not a number.`);
  return n;
}

function required(values: OptionValues, name: string, what: string): string {
  const v = values[name];
  if (typeof v !== 'string' || !v.trim()) throw new UsageError(`--${name} ${what} is required.`);
  return v;
}

async function add(values: OptionValues, io: CliIo): Promise<number> {
  const typedArea = required(values, 'area', 'ID');
  // "ec1" is EC1: the case of an id is not worth a refusal.
  const area = AREAS.find((a) => a.toLowerCase() === typedArea.trim().toLowerCase()) ?? typedArea;
  if (!AREAS.includes(area))
    throw new RefusedError(`--area "${area}" is not an evaluation area; use one of ${AREAS.join(', ')}.`);
  const text = required(values, 'text', '"…"');
  const lead = required(values, 'lead', '"…"');
  const due = dateOption(required(values, 'due', 'YYYY-MM-DD'), 'due')!;
  const target = number(values, 'target');
  const baseline = number(values, 'baseline');
  if ((target !== undefined || baseline !== undefined) && typeof values.metric !== 'string')
    throw new UsageError('--target and --baseline need --metric ID.');
  const backend = await openForCli(values, io);
  try {
    const { id } = await call(backend, 'plan.addAction', {
      action: text,
      area,
      lead,
      due,
      sro: values.sro ?? '',
      successCriteria: values.criteria ?? '',
      expectedImpact: values.impact ?? '',
      reportArea: values['responds-to'] ?? null,
      itemIds:
        typeof values.items === 'string'
          ? values.items
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : [],
      metrics:
        typeof values.metric === 'string'
          ? [
              {
                metricId: values.metric,
                target: target ?? null,
                baseline: baseline ?? null,
                baselineDate: typeof values['baseline-date'] === 'string' ? values['baseline-date'] : '',
              },
            ]
          : [],
    });
    io.stdout(`${id}\n`);
    return 0;
  } finally {
    backend.close();
  }
}

async function update(values: OptionValues, io: CliIo): Promise<number> {
  const rawId = required(values, 'id', 'N');
  const id = Number(rawId);
  if (!Number.isInteger(id) || id < 1) throw new RefusedError(`--id "${rawId}" is not an action number (1, 2, 3…).`);
  const rag = required(values, 'rag', 'red|amber|green').trim().toLowerCase();
  if (!(RAGS as readonly string[]).includes(rag))
    throw new RefusedError(`--rag "${rag}" is not a RAG rating; use one of ${RAGS.join(', ')}.`);
  const text = required(values, 'text', '"…"');
  const date = dateOption(values.date, 'date');
  const backend = await openForCli(values, io);
  try {
    const plan = await call(backend, 'plan.addUpdate', {
      actionId: id,
      rag,
      text,
      ...(date ? { date } : {}),
      ...(typeof values.by === 'string' ? { by: values.by } : {}),
    });
    const action = plan.actions.find((a) => a.id === id)!;
    io.stdout(
      `Action ${id}: ${rag}, ${action.updates.length} update${action.updates.length === 1 ? '' : 's'} recorded.\n`,
    );
    return 0;
  } finally {
    backend.close();
  }
}

async function list(values: OptionValues, io: CliIo): Promise<number> {
  if (typeof values.out === 'string' && !values.out.toLowerCase().endsWith('.xlsx'))
    throw new RefusedError(`--out must end in .xlsx, not "${values.out}".`);
  const backend = await openForCli(values, io);
  try {
    if (typeof values.out === 'string') {
      const { bytes } = await call(backend, 'plan.tracker', {});
      writeFileSync(values.out, bytes);
      io.stdout(`Wrote the action tracker: ${values.out}\n`);
      return 0;
    }
    const plan = await call(backend, 'plan.get', {});
    if (values.json) {
      io.stdout(`${JSON.stringify({ actions: plan.actions }, null, 2)}\n`);
      return 0;
    }
    if (plan.actions.length === 0)
      io.stdout(
        'The plan has no actions yet. Add one with: sendpack actions add --db PATH --area ID --text "…" --lead "…" --due YYYY-MM-DD\n',
      );
    for (const a of plan.actions) {
      io.stdout(
        `${String(a.id).padStart(3)}  ${a.area.padEnd(3)}  due ${a.due}${a.overdue ? ' (overdue)' : ''}  ${a.completedOn ? 'complete' : (a.rag ?? 'no update')}  ${a.lead}: ${a.action}\n`,
      );
    }
    return 0;
  } finally {
    backend.close();
  }
}

export const actionsCommand: Command = {
  name: 'actions',
  summary: 'The plan after the inspection: add actions, post progress updates, list them or write the tracker (.xlsx)',
  usage:
    'sendpack actions add --db PATH --area ID --text "…" --lead "…" --due YYYY-MM-DD [--metric ID --target N]\n' +
    '       sendpack actions update --db PATH --id N --rag red|amber|green --text "…"\n' +
    '       sendpack actions --db PATH [--out actions.xlsx] [--json]',
  help: [
    '--db PATH            a workspace folder or its workspace.db',
    'add:',
    `  --area ID          the evaluation area: ${AREAS.join(', ')}`,
    '  --text "…"         the action',
    '  --lead "…"         who leads it',
    '  --due DATE         when it is due (YYYY-MM-DD)',
    '  --metric ID        a metric it should move (see sendpack metrics --json)',
    "  --target N         the metric's target",
    '  --baseline N       the baseline (default: the latest figure held) and --baseline-date PERIOD',
    '  --sro "…"          the senior responsible officer; --criteria, --impact: success criteria, expected impact',
    '  --responds-to REF  the report area it answers: priority:N or improvement:N',
    '  --items a,b        checklist item ids it links to',
    "  prints the action's number (1, 2, 3… in the order added)",
    'update:',
    "  --id N             the action's number",
    `  --rag R            ${RAGS.join(', ')}`,
    '  --text "…"         the progress update; --date DATE (default today), --by NAME (default you)',
    'list:',
    '  --out FILE.xlsx    write the action tracker (actions, measures, progress updates, milestones)',
    '  --json             print {"actions": […]}',
    '--user NAME          who is recorded as making the change',
  ],
  options: {
    db: { type: 'string' },
    area: { type: 'string' },
    text: { type: 'string' },
    lead: { type: 'string' },
    due: { type: 'string' },
    metric: { type: 'string' },
    target: { type: 'string' },
    baseline: { type: 'string' },
    'baseline-date': { type: 'string' },
    sro: { type: 'string' },
    criteria: { type: 'string' },
    impact: { type: 'string' },
    'responds-to': { type: 'string' },
    items: { type: 'string' },
    id: { type: 'string' },
    rag: { type: 'string' },
    date: { type: 'string' },
    by: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
    user: { type: 'string' },
  },
  allowPositionals: true,
  async run(values, positionals, io) {
    const [sub = 'list', ...extra] = positionals;
    if (extra.length || !(sub in ONLY))
      throw new UsageError(
        `sendpack actions takes add, update or nothing before its options, not "${[sub, ...extra].join(' ')}". Usage: ${this.usage}`,
      );
    const misplaced = Object.keys(values).filter(
      (k) => values[k] !== undefined && !['db', 'user', ...ONLY[sub]!].includes(k),
    );
    if (misplaced.length)
      throw new UsageError(
        `--${misplaced.join(', --')} ${misplaced.length === 1 ? 'does' : 'do'} not go with "actions${sub === 'list' ? '' : ` ${sub}`}". Usage: ${this.usage}`,
      );
    if (sub === 'add') return add(values, io);
    if (sub === 'update') return update(values, io);
    return list(values, io);
  },
};
