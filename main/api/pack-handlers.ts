import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Handlers } from './handler-types';
import type { Workspace } from '../workspace/workspace';
import { buildAndRecord } from '../pack/build-and-record';
import type { PackKind, PackOptions, PackSectionId } from '../pack/pack-input';
import { PACK_KIND_DEFINITIONS } from '../pack/pack-kinds';
import { packOutline } from '../pack/pack-outline';
import { chooseTemplate, stopUsingTemplate, workspaceTemplate } from '../pack/template/workspace-template';
import { nextPackVersion, previousBuilds, readPackInput } from '../pack/read-pack-input';
import { WorkspaceError } from '../refusal/refusal';
import { workspaceFolderName } from '../workspace/workspace-folder';

/** Built packs live in the workspace folder, one file per version, so nothing is ever overwritten. */
function packPaths(workspace: Workspace, version: number) {
  const area = workspaceFolderName(workspace.session().areaName).replace(/\.sendpack$/, '');
  const dir = join(workspace.folder, 'packs');
  return {
    docx: join(dir, `${area} evidence pack v${version}.docx`),
    bundle: join(dir, `${area} evidence bundle v${version}.zip`),
  };
}

function builtFile(workspace: Workspace, version: number, kind: 'docx' | 'bundle'): string {
  const path = packPaths(workspace, version)[kind];
  if (!existsSync(path))
    throw new WorkspaceError(
      'not-found',
      `Version ${version} has no ${kind === 'docx' ? 'Word pack' : 'bundle'} in the packs folder; build it again.`,
      'version',
    );
  return path;
}

/** The options of a build or an outline: no sections chosen means the kind's own (pack-kinds.ts). */
function packOptions(req: {
  sections?: PackSectionId[] | undefined;
  approvedOnly: boolean;
  items?: string[] | undefined;
  kind: PackKind;
}): PackOptions {
  return {
    sections: req.sections ?? [...PACK_KIND_DEFINITIONS[req.kind].sections],
    approvedOnly: req.approvedOnly,
    kind: req.kind,
    ...(req.items ? { items: req.items } : {}),
  };
}

export const packHandlers: Handlers<
  'pack.build' | 'pack.outline' | 'pack.template' | 'pack.setTemplate' | 'pack.builds' | 'pack.file' | 'pack.open'
> = {
  'pack.build': async (req, { backend, progress, stopIfCancelled }) => {
    const workspace = backend.writableWorkspace();
    const version = nextPackVersion(workspace.db);
    const paths = packPaths(workspace, version);
    // No build of this version was recorded, so files under its names were left by one that was stopped after
    // writing them (a crash): they must not pass for this build's (a stale bundle beside a new pack).
    for (const path of [paths.docx, paths.bundle]) rmSync(path, { force: true });
    const template = await workspaceTemplate(workspace);
    return buildAndRecord(
      workspace,
      {
        ...(template ? { template } : {}),
        options: packOptions(req),
        docxPath: paths.docx,
        ...(req.bundle ? { bundlePath: paths.bundle } : {}),
        pdf: req.pdf,
      },
      backend.userName(),
      progress,
      stopIfCancelled,
    );
  },
  'pack.outline': async (req, { backend }) => {
    const workspace = backend.openWorkspace();
    return packOutline(
      await readPackInput(workspace, packOptions(req), backend.userName(), undefined, { drawCharts: false }),
    );
  },
  'pack.template': async (_req, { backend }) => {
    const template = await workspaceTemplate(backend.openWorkspace());
    return template ? { fileName: template.fileName, placeholders: template.placeholders } : null;
  },
  'pack.setTemplate': async (req, { backend }) => {
    const workspace = backend.writableWorkspace();
    if (!req.file) {
      stopUsingTemplate(workspace, backend.userName());
      return null;
    }
    const [file] = backend.uploads.takeAllBytes([req.file.handle]);
    const template = await chooseTemplate(workspace, file!, backend.userName());
    return { fileName: template.fileName, placeholders: template.placeholders };
  },
  'pack.builds': (_req, { backend }) => {
    const workspace = backend.openWorkspace();
    return {
      builds: previousBuilds(workspace.db)
        .reverse()
        .map((b) => {
          const paths = packPaths(workspace, b.version);
          return {
            version: b.version,
            builtAt: b.builtAt,
            builtBy: b.builtBy,
            counts: b.counts,
            docx: existsSync(paths.docx) ? paths.docx : null,
            bundle: existsSync(paths.bundle) ? paths.bundle : null,
          };
        }),
    };
  },
  'pack.file': (req, { backend }) => {
    const path = builtFile(backend.openWorkspace(), req.version, req.kind);
    return { fileName: basename(path), bytes: new Uint8Array(readFileSync(path)) };
  },
  'pack.open': (req, { backend }) => ({
    path: builtFile(backend.openWorkspace(), req.version, req.kind),
    kind: req.kind,
  }),
};
