import { FINDING_KIND_LABELS } from '../../../shared/domain/privacy/findings';
import type { Response } from '../../../shared/api/contract';
import { fileId, findingId, locationLabel } from '../../privacy/scan-workspace';
import { call, openForCli } from '../cli-backend';
import { UsageError } from '../cli-io';
import type { Command } from '../command';

type Scan = Response<'privacy.check'>;
type Finding = Scan['findings'][number];

/** The finding an id names: its full id ("F3A9C02B1D4") or a unique start of it (at least 5 characters). */
function findFinding(scan: Scan, id: string): { finding: Finding } | { error: string } {
  const wanted = id.trim().toUpperCase();
  if (!/^F[0-9A-F]{4,10}$/.test(wanted))
    return { error: `"${id}" is not a finding id (they look like F3A9C02B1D4; sendpack privacy lists them).` };
  const matches = scan.findings.filter((f) => findingId(f.key).startsWith(wanted));
  if (matches.length === 1) return { finding: matches[0]! };
  if (matches.length > 1) return { error: `"${id}" matches ${matches.length} findings; give more of its id.` };
  return {
    error: `There is no finding ${id} (the text may have been fixed since): run sendpack privacy to list them.`,
  };
}

/** The attachment a file id names ("A12"), or the file of a finding id. */
function findFile(scan: Scan, id: string): { attachmentId: number; fileName: string } | { error: string } {
  const file = /^A(\d+)$/i.exec(id.trim());
  if (file) {
    const attachmentId = Number(file[1]);
    const named =
      scan.unscanned.find((u) => u.attachmentId === attachmentId) ??
      scan.findings.find((f) => f.location.attachmentId === attachmentId)?.location;
    return named
      ? { attachmentId, fileName: named.fileName! }
      : { attachmentId, fileName: `attachment ${attachmentId}` };
  }
  const found = findFinding(scan, id);
  if ('error' in found) return found;
  const { attachmentId, fileName } = found.finding.location;
  if (attachmentId === null)
    return {
      error: `Finding ${id} is not in a file (it is in ${locationLabel(found.finding.location)}); fix the text instead.`,
    };
  return { attachmentId, fileName: fileName ?? `attachment ${attachmentId}` };
}

export const privacyCommand: Command = {
  name: 'privacy',
  summary: "List the privacy check's findings with their ids, and resolve them (each decision goes in the audit trail)",
  usage:
    'sendpack privacy --db PATH [--json] [--not-personal ID --reason TEXT | --leave-out-file ID | --confirm-file ID --reason TEXT]',
  help: [
    '--db PATH              a workspace folder or its workspace.db',
    '--json                 print the findings and files (with their ids) as JSON',
    '--all                  list resolved findings too',
    '--not-personal ID      record that finding ID is not personal data (needs --reason)',
    '--leave-out-file ID    leave a file out of the pack and bundle (a file id such as A12, or a finding id in it)',
    '--confirm-file ID      confirm that a file that could not be fully read holds no personal data (needs --reason)',
    '--reason TEXT          why: recorded with your name in the audit trail',
    '--user NAME            who is recorded as making the decision',
  ],
  options: {
    db: { type: 'string' },
    json: { type: 'boolean' },
    all: { type: 'boolean' },
    'not-personal': { type: 'string' },
    'leave-out-file': { type: 'string' },
    'confirm-file': { type: 'string' },
    reason: { type: 'string' },
    user: { type: 'string' },
  },
  async run(values, _positionals, io) {
    const actions = (['not-personal', 'leave-out-file', 'confirm-file'] as const).filter(
      (a) => values[a] !== undefined,
    );
    if (actions.length > 1)
      throw new UsageError('Give one of --not-personal, --leave-out-file and --confirm-file at a time.');
    const action = actions[0];
    const reason = typeof values.reason === 'string' ? values.reason.trim() : '';
    if ((action === 'not-personal' || action === 'confirm-file') && !reason) {
      throw new UsageError(
        `--${action} needs --reason "…": why, in words a colleague would accept (it goes in the audit trail).`,
      );
    }
    const backend = await openForCli(values, io);
    try {
      let scan = await call(backend, 'privacy.check', {});
      if (action) {
        const id = String(values[action]);
        if (action === 'not-personal') {
          const found = findFinding(scan, id);
          if ('error' in found) {
            io.stderr(`${found.error}\n`);
            return 1;
          }
          scan = await call(backend, 'privacy.markFalsePositive', { key: found.finding.key, reason });
          io.stderr(
            `Recorded: ${findingId(found.finding.key)} (${FINDING_KIND_LABELS[found.finding.kind]} in ${locationLabel(found.finding.location)}) is not personal data.\n`,
          );
        } else {
          const file = findFile(scan, id);
          if ('error' in file) {
            io.stderr(`${file.error}\n`);
            return 1;
          }
          const decision = action === 'leave-out-file' ? 'excluded' : 'confirmed-no-personal-data';
          scan = await call(backend, 'privacy.decideFile', {
            attachmentId: file.attachmentId,
            decision,
            reason: reason || 'Left out of the pack and bundle from the command line',
          });
          io.stderr(
            action === 'leave-out-file'
              ? `Left out: ${fileId(file.attachmentId)} ${file.fileName} will not be in the pack or bundle.\n`
              : `Recorded: ${fileId(file.attachmentId)} ${file.fileName} holds no personal data.\n`,
          );
        }
      }
      const findings = scan.findings.filter((f) => values.all || !f.resolution);
      const files = scan.unscanned.filter((u) => values.all || !u.decision);
      if (values.json) {
        io.stdout(
          `${JSON.stringify(
            {
              findings: findings.map((f) => ({
                id: findingId(f.key),
                kind: f.kind,
                severity: f.severity,
                location: locationLabel(f.location),
                snippet: f.snippet,
                resolution: f.resolution?.decision ?? null,
              })),
              unscanned: files.map((u) => ({
                id: fileId(u.attachmentId),
                file: u.fileName,
                item: u.itemId,
                reason: u.reason,
                decision: u.decision?.decision ?? null,
              })),
              blocking: scan.blocking,
            },
            null,
            2,
          )}\n`,
        );
      } else {
        for (const f of findings) {
          io.stdout(
            `${findingId(f.key)}  ${f.resolution ? 'resolved' : f.severity === 'block' ? 'BLOCKS  ' : 'check   '}  ` +
              `${FINDING_KIND_LABELS[f.kind]} in ${locationLabel(f.location)}: ${f.snippet}\n`,
          );
        }
        for (const u of files) {
          io.stdout(
            `${fileId(u.attachmentId).padEnd(11)}  ${u.decision ? 'resolved' : 'BLOCKS  '}  not fully scanned: file ${u.fileName} ` +
              `(item "${u.itemTitle}"): ${u.reason}\n`,
          );
        }
        io.stdout(
          scan.blocking
            ? `${scan.blocking} must be resolved before the pack can be built.\n`
            : 'Nothing blocks the pack.\n',
        );
      }
      return scan.blocking > 0 ? 1 : 0;
    } finally {
      backend.close();
    }
  },
};
