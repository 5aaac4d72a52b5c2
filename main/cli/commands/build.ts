import { PACK_SECTION_ORDER } from '../../../shared/domain/pack-kinds';
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readCouncilTemplate, type CouncilTemplate } from '../../pack/template/council-template';
import { WorkspaceError } from '../../refusal/refusal';
import { listItems } from '../../checklist/checklist-repository';
import { PACK_KINDS, type PackKind, type PackSectionId } from '../../pack/pack-input';
import { PACK_KIND_DEFINITIONS } from '../../pack/pack-kinds';
import { buildAndRecord } from '../../pack/build-and-record';
import { openForCli } from '../cli-backend';
import { RefusedError, UsageError } from '../cli-io';
import type { Command, OptionValues } from '../command';
import type { CliIo } from '../cli-io';
import { buildAndRecordActionPlan } from '../../pack/action-plan/build-action-plan';
import { workspaceTemplate } from '../../pack/template/workspace-template';
import type { Workspace } from '../../workspace/workspace';

/**
 * What `--kind` can build: the pack's kinds (the evidence pack by default, the self-evaluation, the briefing) and the
 * action plan after the inspection, made with the pack's machinery. 'pack' is kept as another name for the evidence pack.
 */
export const BUILD_KINDS = [...PACK_KINDS, 'action-plan'] as const;

/** The council template given with --template, checked (refused in plain words), or undefined. */
async function templateOption(values: OptionValues, io: CliIo): Promise<CouncilTemplate | undefined> {
  if (typeof values.template !== 'string') return undefined;
  if (!existsSync(values.template)) throw new RefusedError(`--template: ${values.template} does not exist.`);
  let template: CouncilTemplate;
  try {
    template = await readCouncilTemplate(basename(values.template), readFileSync(values.template));
  } catch (error) {
    if (error instanceof WorkspaceError) throw new RefusedError(`--template: ${error.message}`);
    throw error;
  }
  if (!template.placeholders.includes('marking')) {
    io.stderr(
      `Note: ${template.fileName} has no {{marking}}, so its pages will not show the protective marking; add it to the template's header.\n`,
    );
  }
  return template;
}

/**
 * The template a build goes into: the one given with --template, else the one remembered for the workspace (as the
 * app's build screen does), else none; --no-template builds in the app's own layout whatever is remembered.
 */
async function chosenTemplate(
  values: OptionValues,
  given: CouncilTemplate | undefined,
  workspace: Workspace,
): Promise<CouncilTemplate | null> {
  if (values['no-template'] === true) {
    if (given) throw new UsageError('--template and --no-template ask for opposite things; give one of them.');
    return null;
  }
  return given ?? (await workspaceTemplate(workspace));
}

/** The action plan (after the inspection): the outcome, the follow-up timeline and every action with its progress. */
async function buildActionPlan(values: OptionValues, io: CliIo): Promise<number> {
  for (const flag of ['bundle', 'approved-only', 'sections', 'items', 'pdf']) {
    if (values[flag] !== undefined)
      throw new UsageError(`--${flag} goes with the evidence pack, not --kind action-plan.`);
  }
  const given = await templateOption(values, io);
  const backend = await openForCli(values, io);
  try {
    const template = await chosenTemplate(values, given, backend.openWorkspace());
    const result = await buildAndRecordActionPlan(
      backend.writableWorkspace(),
      values.out as string,
      backend.userName(),
      undefined,
      template,
    );
    io.stdout(
      `Built version ${result.version} of the action plan: ${result.docxPath} (${result.docxBytes} bytes, ${result.actions} action${result.actions === 1 ? '' : 's'}` +
        `${result.template ? `, in the council template ${result.template}` : ''}).\n`,
    );
    return 0;
  } finally {
    backend.close();
  }
}

export const buildCommand: Command = {
  name: 'build',
  summary: 'Build the Word evidence pack, and optionally the share bundle of evidence files',
  usage:
    'sendpack build --db PATH --out FILE.docx [--kind KIND] [--bundle FILE.zip] [--approved-only] [--sections a,b] [--items a,b] [--template FILE.docx | --no-template] [--pdf]',
  help: [
    '--db PATH          a workspace folder or its workspace.db',
    '--out FILE.docx    the Word document to write (replaced if it exists)',
    '--bundle FILE.zip  also write the share bundle: the pack, the evidence files and a manifest',
    "--approved-only    print only approved items' narratives and evidence",
    ...PACK_KINDS.map(
      (k, i) => `${i === 0 ? '--kind KIND        ' : '                   '}${k}: ${PACK_KIND_DEFINITIONS[k].summary}`,
    ),
    '                   action-plan: the priority action plan after the inspection, with every action and its progress',
    `--sections LIST    some of: ${PACK_SECTION_ORDER.join(', ')}`,
    '--items LIST       the checklist items printed (ids); default: every item with a narrative or evidence',
    "--template FILE    build into the council's Word template: {{pack}} (required) takes the pack's body;",
    '                   {{area}}, {{title}}, {{version}}, {{date}} and {{marking}} are filled anywhere, headers included;',
    '                   without it, every kind is built into the template remembered for the workspace, if any',
    "--no-template      build in the app's own layout even when the workspace has a council template",
    '--pdf              add a PDF copy of the pack to the bundle (needs LibreOffice)',
    '--user NAME        who is recorded as preparing it',
  ],
  options: {
    db: { type: 'string' },
    out: { type: 'string' },
    bundle: { type: 'string' },
    'approved-only': { type: 'boolean' },
    sections: { type: 'string' },
    kind: { type: 'string' },
    items: { type: 'string' },
    template: { type: 'string' },
    'no-template': { type: 'boolean' },
    pdf: { type: 'boolean' },
    user: { type: 'string' },
  },
  async run(values, _positionals, io) {
    if (typeof values.out !== 'string') throw new UsageError('--out FILE.docx is required.');
    if (!values.out.toLowerCase().endsWith('.docx'))
      throw new RefusedError(`--out must end in .docx, not "${values.out}".`);
    const kind = typeof values.kind !== 'string' || values.kind === 'pack' ? 'evidence-pack' : values.kind;
    if (!(BUILD_KINDS as readonly string[]).includes(kind))
      throw new RefusedError(`--kind: "${kind}" is not a kind of document; use one of ${BUILD_KINDS.join(', ')}.`);
    if (kind === 'action-plan') return buildActionPlan(values, io);
    if (typeof values.bundle === 'string' && !values.bundle.toLowerCase().endsWith('.zip'))
      throw new RefusedError(`--bundle must end in .zip, not "${values.bundle}".`);
    let sections: PackSectionId[] = [...PACK_KIND_DEFINITIONS[kind as PackKind].sections];
    if (typeof values.sections === 'string') {
      const asked = values.sections
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = asked.filter((s) => !(PACK_SECTION_ORDER as readonly string[]).includes(s));
      if (unknown.length || asked.length === 0)
        throw new RefusedError(
          `--sections: ${unknown.join(', ') || 'nothing'} is not a section; use some of ${PACK_SECTION_ORDER.join(', ')}.`,
        );
      sections = asked as PackSectionId[];
    }
    const items =
      typeof values.items === 'string'
        ? values.items
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined;
    const given = await templateOption(values, io);
    for (const path of [values.out, values.bundle])
      if (typeof path === 'string' && existsSync(path)) io.stderr(`Note: ${path} exists and will be replaced.\n`);
    const backend = await openForCli(values, io);
    try {
      if (items) {
        const known = new Set(listItems(backend.openWorkspace().db).map((i) => i.id));
        const unknown = items.filter((id) => !known.has(id));
        if (unknown.length)
          throw new RefusedError(
            `--items: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a checklist item' : 'are not checklist items'}; \`sendpack status --json\` lists the item ids.`,
          );
      }
      const template = await chosenTemplate(values, given, backend.openWorkspace());
      const result = await buildAndRecord(
        backend.writableWorkspace(),
        {
          options: {
            sections,
            approvedOnly: values['approved-only'] === true,
            kind: kind as PackKind,
            ...(items ? { items } : {}),
          },
          docxPath: values.out,
          ...(template ? { template } : {}),
          ...(typeof values.bundle === 'string' ? { bundlePath: values.bundle } : {}),
          pdf: values.pdf === true,
        },
        backend.userName(),
        (p) => io.stderr(`${p.phase}…\n`),
      );
      io.stdout(
        `Built version ${result.version} of the ${kind === 'evidence-pack' ? 'pack' : kind}: ${result.docxPath} (${result.docxBytes} bytes${result.draft ? ', marked DRAFT: not every item is approved' : ''}${template ? `, in the council template ${template.fileName}` : ''}).\n`,
      );
      if (result.bundlePath)
        io.stdout(
          `Bundle: ${result.bundlePath} (${result.evidenceFiles} evidence files${result.pdfIncluded ? ', with a PDF copy' : ''}).\n`,
        );
      if (values.pdf && !result.pdfIncluded) io.stderr('LibreOffice was not found, so the bundle has no PDF copy.\n');
      return 0;
    } finally {
      backend.close();
    }
  },
};
