import { existsSync } from 'node:fs';
import { PACK_SECTION_IDS, type PackSectionId } from '../../pack/pack-input';
import { buildAndRecord } from '../../pack/build-and-record';
import { openForCli } from '../cli-backend';
import { RefusedError, UsageError } from '../cli-io';
import type { Command, OptionValues } from '../command';
import type { CliIo } from '../cli-io';
import { buildAndRecordActionPlan } from '../../plan/build-action-plan';

/** What `--kind` can build: the evidence pack (the default) or another document made with the pack's machinery. */
export const BUILD_KINDS = ['pack', 'action-plan'] as const;

/** The action plan (after the inspection): the outcome, the follow-up timeline and every action with its progress. */
async function buildActionPlan(values: OptionValues, io: CliIo): Promise<number> {
  for (const flag of ['bundle', 'approved-only', 'sections', 'pdf']) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} goes with the evidence pack, not --kind action-plan.`);
  }
  const backend = await openForCli(values, io);
  try {
    const result = await buildAndRecordActionPlan(backend.writableWorkspace(), values.out as string, backend.userName());
    io.stdout(`Built version ${result.version} of the action plan: ${result.docxPath} (${result.docxBytes} bytes, ${result.actions} action${result.actions === 1 ? '' : 's'}).\n`);
    return 0;
  } finally {
    backend.close();
  }
}

export const buildCommand: Command = {
  name: 'build',
  summary: 'Build the Word evidence pack, and optionally the share bundle of evidence files',
  usage: 'sendpack build --db PATH --out FILE.docx [--kind pack|action-plan] [--bundle FILE.zip] [--approved-only] [--sections a,b] [--pdf]',
  help: [
    '--db PATH          a workspace folder or its workspace.db',
    '--out FILE.docx    the Word document to write (replaced if it exists)',
    '--bundle FILE.zip  also write the share bundle: the pack, the evidence files and a manifest',
    '--approved-only    print only approved items\' narratives and evidence',
    `--sections LIST    some of: ${PACK_SECTION_IDS.join(', ')}`,
    '--pdf              add a PDF copy of the pack to the bundle (needs LibreOffice)',
    `--kind K           ${BUILD_KINDS.join(', ')} (default pack; action-plan: the plan after the inspection)`,
    '--user NAME        who is recorded as preparing it',
  ],
  options: { db: { type: 'string' }, out: { type: 'string' }, bundle: { type: 'string' }, 'approved-only': { type: 'boolean' },
    sections: { type: 'string' }, pdf: { type: 'boolean' }, user: { type: 'string' }, kind: { type: 'string' } },
  async run(values, _positionals, io) {
    if (typeof values.out !== 'string') throw new UsageError('--out FILE.docx is required.');
    if (!values.out.toLowerCase().endsWith('.docx')) throw new RefusedError(`--out must end in .docx, not "${values.out}".`);
    const kind = values.kind ?? 'pack';
    if (!(BUILD_KINDS as readonly unknown[]).includes(kind)) throw new RefusedError(`--kind "${String(kind)}" is not a kind of document; use one of ${BUILD_KINDS.join(', ')}.`);
    if (kind === 'action-plan') return buildActionPlan(values, io);
    if (typeof values.bundle === 'string' && !values.bundle.toLowerCase().endsWith('.zip')) throw new RefusedError(`--bundle must end in .zip, not "${values.bundle}".`);
    let sections: PackSectionId[] = [...PACK_SECTION_IDS];
    if (typeof values.sections === 'string') {
      const asked = values.sections.split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = asked.filter((s) => !(PACK_SECTION_IDS as readonly string[]).includes(s));
      if (unknown.length || asked.length === 0) throw new RefusedError(`--sections: ${unknown.join(', ') || 'nothing'} is not a section; use some of ${PACK_SECTION_IDS.join(', ')}.`);
      sections = asked as PackSectionId[];
    }
    for (const path of [values.out, values.bundle]) if (typeof path === 'string' && existsSync(path)) io.stderr(`Note: ${path} exists and will be replaced.\n`);
    const backend = await openForCli(values, io);
    try {
      const result = await buildAndRecord(backend.writableWorkspace(), {
        options: { sections, approvedOnly: values['approved-only'] === true }, docxPath: values.out,
        ...(typeof values.bundle === 'string' ? { bundlePath: values.bundle } : {}), pdf: values.pdf === true,
      }, backend.userName(), (p) => io.stderr(`${p.phase}…\n`));
      io.stdout(`Built version ${result.version} of the pack: ${result.docxPath} (${result.docxBytes} bytes${result.draft ? ', marked DRAFT: not every item is approved' : ''}).\n`);
      if (result.bundlePath) io.stdout(`Bundle: ${result.bundlePath} (${result.evidenceFiles} evidence files${result.pdfIncluded ? ', with a PDF copy' : ''}).\n`);
      if (values.pdf && !result.pdfIncluded) io.stderr('LibreOffice was not found, so the bundle has no PDF copy.\n');
      return 0;
    } finally {
      backend.close();
    }
  },
};
