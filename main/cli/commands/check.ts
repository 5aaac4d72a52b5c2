import { FINDING_KIND_LABELS } from '../../../shared/domain/privacy/findings';
import { fileId, findingId, locationLabel } from '../../privacy/scan-workspace';
import { call, openForCli } from '../cli-backend';
import type { Command } from '../command';

export const checkCommand: Command = {
  name: 'check',
  summary: 'Check everything that could leave in the pack or bundle for personal data (exit 1 while anything blocks)',
  usage: 'sendpack check --db PATH [--json]',
  help: [
    '--db PATH   a workspace folder or its workspace.db',
    '--json      print {"findings": [{"id", "kind", "location", "snippet", "severity", "item", "file", "part"}],',
    '            "unscanned": [{"id", "file", "item", "reason"}], "blocking": N}; ids are stable, for sendpack privacy',
  ],
  options: { db: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, _positionals, io) {
    const backend = await openForCli(values, io);
    try {
      const scan = await call(backend, 'privacy.check', {});
      const open = scan.findings.filter((f) => !f.resolution);
      if (values.json) {
        io.stdout(
          `${JSON.stringify(
            {
              findings: open.map((f) => ({
                id: findingId(f.key),
                kind: f.kind,
                location: locationLabel(f.location),
                snippet: f.snippet,
                severity: f.severity,
                item: f.location.itemId,
                file: f.location.fileName,
                part: f.location.detail || f.location.field,
              })),
              unscanned: scan.unscanned
                .filter((u) => !u.decision)
                .map((u) => ({ id: fileId(u.attachmentId), file: u.fileName, item: u.itemId, reason: u.reason })),
              blocking: scan.blocking,
            },
            null,
            2,
          )}\n`,
        );
      } else {
        for (const f of open)
          io.stdout(
            `${findingId(f.key)}  ${f.severity === 'block' ? 'BLOCKS' : 'check '}  ${FINDING_KIND_LABELS[f.kind]} in ${locationLabel(f.location)}: ${f.snippet}\n`,
          );
        for (const u of scan.unscanned.filter((x) => !x.decision))
          io.stdout(
            `${fileId(u.attachmentId)}  BLOCKS  not scanned: file ${u.fileName} (item "${u.itemTitle}"): ${u.reason}\n`,
          );
        io.stdout(
          scan.blocking
            ? `${scan.blocking} finding${scan.blocking === 1 ? '' : 's'} must be resolved before the pack can be built.\n`
            : `No personal data found that blocks the pack${open.length ? ` (${open.length} to review)` : ''}.\n`,
        );
      }
      return scan.blocking > 0 ? 1 : 0;
    } finally {
      backend.close();
    }
  },
};
