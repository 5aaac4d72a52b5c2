import { OUTCOME_LABELS, OUTCOMES } from '../../../shared/domain/follow-up';
import { call, openForCli } from '../cli-backend';
import { dateOption, RefusedError, UsageError } from '../cli-io';
import type { Command } from '../command';

const lines = (value: string | boolean | undefined | (string | boolean)[]) =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value])
    .flatMap((v) => String(v).split(/\r?\n/))
    .map((l) => l.trim())
    .filter(Boolean);

export const outcomeCommand: Command = {
  name: 'outcome',
  summary: "Record the inspection outcome, its dates and the report's areas; prints the follow-up timeline",
  usage:
    'sendpack outcome --db PATH --outcome positive|inconsistent|widespread --site-week YYYY-MM-DD --received YYYY-MM-DD [--published YYYY-MM-DD] [--json]',
  help: [
    '--db PATH             a workspace folder or its workspace.db',
    `--outcome O           ${OUTCOMES.join(', ')} (${OUTCOMES.map((o) => `${o}: "${OUTCOME_LABELS[o]}"`).join('; ')})`,
    '--site-week DATE      the first day of the site week',
    '--site-week-end DATE  its last day (default: the fifth working day)',
    '--received DATE       the day the partnership received the final report',
    '--published DATE      the day the report was published',
    '--priority TEXT       an area for priority action (repeat, or one per line); replaces the list',
    '--improvement TEXT    an area for improvement (repeat, or one per line); replaces the list',
    '--json                print {"outcome", "followUp": [{"milestone", "due"}]}',
    '--user NAME           who is recorded as making the change',
  ],
  options: {
    db: { type: 'string' },
    outcome: { type: 'string' },
    'site-week': { type: 'string' },
    'site-week-end': { type: 'string' },
    received: { type: 'string' },
    published: { type: 'string' },
    priority: { type: 'string', multiple: true },
    improvement: { type: 'string', multiple: true },
    json: { type: 'boolean' },
    user: { type: 'string' },
  },
  async run(values, _positionals, io) {
    if (typeof values.outcome !== 'string')
      throw new UsageError(`--outcome is required: one of ${OUTCOMES.join(', ')}.`);
    const outcome = values.outcome.trim().toLowerCase();
    if (!(OUTCOMES as readonly string[]).includes(outcome))
      throw new RefusedError(`--outcome "${values.outcome}" is not an outcome; use one of ${OUTCOMES.join(', ')}.`);
    if (typeof values['site-week'] !== 'string')
      throw new UsageError('--site-week YYYY-MM-DD is required (the first day of the site week).');
    if (typeof values.received !== 'string')
      throw new UsageError('--received YYYY-MM-DD is required (the day the final report was received).');
    const siteWeekStart = dateOption(values['site-week'], 'site-week')!;
    const siteWeekEnd = dateOption(values['site-week-end'], 'site-week-end') ?? null;
    const reportReceived = dateOption(values.received, 'received')!;
    const reportPublished = dateOption(values.published, 'published') ?? null;
    const raw = values as Record<string, string | boolean | undefined | (string | boolean)[]>;
    const backend = await openForCli(values, io);
    try {
      const plan = await call(backend, 'plan.recordOutcome', {
        outcome,
        siteWeekStart,
        siteWeekEnd,
        reportReceived,
        reportPublished,
        ...(raw.priority !== undefined ? { areasForPriorityAction: lines(raw.priority) } : {}),
        ...(raw.improvement !== undefined ? { areasForImprovement: lines(raw.improvement) } : {}),
      });
      if (values.json) {
        io.stdout(
          `${JSON.stringify(
            {
              outcome: plan.outcome!.outcome,
              followUp: plan.followUp.map((m) => ({
                milestone: m.id,
                due: m.date,
                name: m.name,
                verified: m.verified,
                done: m.done,
              })),
            },
            null,
            2,
          )}\n`,
        );
        return 0;
      }
      io.stdout(
        `${plan.outcome!.outcomeLabel}: site week ${plan.outcome!.siteWeekStart} to ${plan.outcome!.siteWeekEnd}, report received ${plan.outcome!.reportReceived}.\n`,
      );
      for (const m of plan.followUp)
        io.stdout(
          `  ${m.date}  ${m.name}${m.verified || m.overridden ? '' : ' (typical; check with the inspection team)'}\n`,
        );
      return 0;
    } finally {
      backend.close();
    }
  },
};
