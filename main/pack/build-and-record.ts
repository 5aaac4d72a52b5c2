import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { ProgressEvent } from '../../shared/api/progress';
import type { Workspace } from '../workspace/workspace';
import { buildPack } from './build-pack';
import { assertDocxWellFormed } from './check-docx';
import type { CouncilTemplate } from './template/council-template';
import { buildIntoTemplate } from './template/build-into-template';
import { writeBundle } from './bundle/write-bundle';
import type { PackOptions } from './pack-input';
import { readPackInput, recordableInput, statusCounts } from './read-pack-input';
import { pdfCopy } from './pdf-copy';
import { appendEvent } from '../audit/audit-events';
import { locationLabel, scanWorkspace, type WorkspaceScan } from '../privacy/scan-workspace';
import { privacyScanOptions } from '../privacy/privacy-settings';
import { WorkspaceError } from '../refusal/refusal';
import { writeFileAtomic } from '../files/atomic-write';

/** A build refused because personal data may leave in it; the message lists where (snippets masked). */
export class PrivacyBlock extends WorkspaceError {
  constructor(readonly scan: WorkspaceScan) {
    const open = scan.findings.filter((f) => f.severity === 'block' && !f.resolution);
    const unread = scan.unscanned.filter((u) => !u.decision);
    const lines = [
      ...open.map((f) => `${locationLabel(f.location)}: ${f.snippet}`),
      ...unread.map(
        (u) =>
          `file ${u.fileName} (item "${u.itemTitle}") could not be read: confirm it holds no personal data, or leave it out`,
      ),
    ];
    super(
      'privacy-blocked',
      `The pack was not built: ${scan.blocking} possible piece${scan.blocking === 1 ? '' : 's'} of personal data must be resolved first (Privacy check). ${lines.slice(0, 10).join('; ')}${lines.length > 10 ? `; and ${lines.length - 10} more` : ''}.`,
    );
  }
}

export interface BuildRequest {
  options: PackOptions;
  docxPath: string;
  bundlePath?: string;
  /** Add a PDF copy of the pack to the bundle, made with LibreOffice where it is installed. */
  pdf?: boolean;
  /** The council's Word template to build into (checked by readCouncilTemplate). */
  template?: CouncilTemplate;
}

export interface BuildResult {
  version: number;
  docxPath: string;
  docxBytes: number;
  bundlePath: string | null;
  pdfIncluded: boolean;
  draft: boolean;
  evidenceFiles: number;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Builds the pack (and optionally the share bundle) from the workspace and records the build: its version, time,
 * options and the input it used, so the same document text can be made again.
 */
export async function buildAndRecord(
  workspace: Workspace,
  request: BuildRequest,
  who: string,
  progress: (event: Omit<ProgressEvent, 'operation'>) => void = () => {},
  stopIfCancelled: () => Promise<void> = async () => {},
): Promise<BuildResult> {
  workspace.assertWritable();
  const scan = scanWorkspace(workspace.db, privacyScanOptions(workspace.db));
  if (scan.blocking > 0) throw new PrivacyBlock(scan);
  const steps = 3 + (request.bundlePath ? 1 : 0) + (request.pdf ? 1 : 0);
  let step = 0;
  const report = (phase: string) => progress({ phase, done: step++, total: steps });
  report('Reading the workspace');
  const input = await readPackInput(workspace, request.options, who);
  await stopIfCancelled();
  report('Writing the Word document');
  const docx = request.template ? await buildIntoTemplate(input, request.template) : await buildPack(input);
  // A document Word or LibreOffice could not open is a failed build, never a recorded one.
  assertDocxWellFormed(docx);
  await stopIfCancelled();
  let pdf: Uint8Array | null = null;
  if (request.pdf) {
    report('Making a PDF copy');
    pdf = await pdfCopy(docx);
  }
  // The last point a cancel is honoured: from here the files are written and the build recorded, all or none.
  await stopIfCancelled();
  // Whatever stops it here (a full disk, an evidence file gone from files/) removes the files this build made. A file
  // that was there before (the CLI's --out over an earlier pack) has been replaced whole and is left.
  const existedBefore = new Set(
    [request.docxPath, request.bundlePath].filter((p): p is string => p !== undefined && existsSync(p)),
  );
  const written: string[] = [];
  try {
    writeFileAtomic(request.docxPath, docx);
    written.push(request.docxPath);
    let bundleSha: string | null = null;
    if (request.bundlePath) {
      report('Writing the share bundle');
      await writeBundle(
        {
          workspaceFolder: workspace.folder,
          packDocx: docx,
          packPdf: pdf,
          evidence: input.evidence,
          area: input.area.name,
          builtAt: input.builtAt,
          version: input.version,
        },
        request.bundlePath,
      );
      written.push(request.bundlePath);
      bundleSha = sha256(readFileSync(request.bundlePath));
    }
    report('Recording the build');
    const recorded = recordableInput(input);
    workspace.db.transaction(() => {
      workspace.db
        .prepare(
          `INSERT INTO pack_builds (version, built_at, built_by, options, input_sha256, input, status_counts, document_sha256, bundle_sha256)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.version,
          input.builtAt,
          who,
          JSON.stringify(request.options),
          recorded.sha256,
          recorded.json,
          JSON.stringify(statusCounts(input)),
          sha256(docx),
          bundleSha,
        );
      appendEvent(workspace.db, {
        at: input.builtAt,
        who,
        itemId: null,
        action: 'build-pack',
        before: null,
        after: JSON.stringify({
          version: input.version,
          draft: input.draft,
          evidence: input.evidence.length,
          bundle: request.bundlePath !== undefined,
          ...(request.template
            ? { template: request.template.fileName, templateSha256: sha256(request.template.bytes) }
            : {}),
        }),
      });
    })();
  } catch (error) {
    for (const path of written) if (!existedBefore.has(path)) rmSync(path, { force: true });
    throw error;
  }
  progress({ phase: 'Done', done: steps, total: steps });
  return {
    version: input.version,
    docxPath: request.docxPath,
    docxBytes: docx.length,
    bundlePath: request.bundlePath ?? null,
    pdfIncluded: pdf !== null,
    draft: input.draft,
    evidenceFiles: input.evidence.length,
  };
}
