import { INSPECTION_PRESET_IDS } from '../../../shared/domain/inspection-presets';
import { call, openForCli } from '../cli-backend';
import { RefusedError, UsageError } from '../cli-io';
import type { Command } from '../command';

export const notifyCommand: Command = {
  name: 'notify',
  summary: 'Record the inspection notification and print the milestones of the notice window',
  usage:
    'sendpack notify --db PATH --date YYYY-MM-DD [--time HH:MM] [--preset full|monitoring|legacy5] [--lead NAME] [--json]',
  help: [
    '--db PATH        a workspace folder or its workspace.db',
    '--date DATE      the day the call came (working day 0; a weekend or bank holiday counts from the next working day)',
    '--time HH:MM     the time of the call (recorded; it does not move working day 0)',
    `--preset P       ${INSPECTION_PRESET_IDS.join(', ')} (default full: the 2023 framework)`,
    '--lead NAME      the local area nominated officer',
    '--json           print {"notified", "packDue", "milestones": [{"name", "date", "workingDay"}]}',
    '--user NAME      who is recorded as making the change',
  ],
  options: {
    db: { type: 'string' },
    date: { type: 'string' },
    time: { type: 'string' },
    preset: { type: 'string' },
    lead: { type: 'string' },
    json: { type: 'boolean' },
    user: { type: 'string' },
  },
  async run(values, _positionals, io) {
    if (typeof values.date !== 'string') throw new UsageError('--date YYYY-MM-DD is required.');
    if (values.preset !== undefined && !(INSPECTION_PRESET_IDS as readonly string[]).includes(String(values.preset))) {
      throw new RefusedError(
        `--preset "${values.preset}" is not a preset; use one of ${INSPECTION_PRESET_IDS.join(', ')}.`,
      );
    }
    const backend = await openForCli(values, io);
    try {
      const t = await call(backend, 'inspection.record', {
        date: values.date,
        time: values.time ?? null,
        preset: values.preset ?? 'full',
        leadOfficer: values.lead ?? '',
      });
      // Recorded as given (a script may be catching up), but a date far from today is most often a slip: said on stderr.
      const { concern } = await call(backend, 'inspection.checkDate', { date: t.inspection.notifiedDate });
      if (concern) io.stderr(`Warning: ${concern}\n`);
      const notified = t.inspection.notifiedTime
        ? `${t.inspection.notifiedDate}T${t.inspection.notifiedTime}`
        : t.inspection.notifiedDate;
      if (values.json) {
        io.stdout(
          `${JSON.stringify(
            {
              notified,
              preset: t.inspection.preset,
              packDue: t.packDue,
              milestones: t.milestones.map((m) => ({
                id: m.id,
                name: m.name,
                date: m.date,
                workingDay: m.workingDay,
                ...(m.endDate ? { endDate: m.endDate } : {}),
              })),
            },
            null,
            2,
          )}\n`,
        );
        return 0;
      }
      io.stdout(`${t.presetName}: notified ${notified}. Evidence pack due ${t.packDue}.\n`);
      for (const m of t.milestones) {
        io.stdout(
          `  WD${String(m.workingDay).padStart(2)}  ${m.date}${m.endDate ? ` to ${m.endDate}` : '              '}  ${m.name}${m.verified ? '' : ' (unverified: check locally)'}\n`,
        );
      }
      return 0;
    } finally {
      backend.close();
    }
  },
};
