import type { Handlers } from './handler-types';
import type { Backend } from './backend';
import { findLocalAuthorityByOldCode } from '../catalogue/local-authorities';
import {
  parseNeighbourFile,
  saveWorkspaceNeighbours,
  workspaceNeighbours,
  type NeighbourList,
} from '../datasets/metrics/statistical-neighbours';

/** The list in use, with the workspace authority's neighbours named, nearest first. */
function describeNeighbours(backend: Backend, list: NeighbourList) {
  const session = backend.openWorkspace().session();
  const la = session.laCode ? findLocalAuthorityByOldCode(session.laCode) : undefined;
  const codes = session.laCode ? (list.neighbours[session.laCode] ?? []) : [];
  return {
    source: list.source,
    authorities: Object.keys(list.neighbours).length,
    area: session.laCode ? { code: session.laCode, name: la?.name ?? session.areaName } : null,
    neighbours: codes.map((code) => ({ code, name: findLocalAuthorityByOldCode(code)?.name ?? code })),
  };
}

export const benchmarkHandlers: Handlers<'benchmarks.neighbours' | 'benchmarks.setNeighbours'> = {
  'benchmarks.neighbours': (_req, { backend }) =>
    describeNeighbours(backend, workspaceNeighbours(backend.openWorkspace().db)),
  'benchmarks.setNeighbours': (req, { backend }) => {
    const workspace = backend.writableWorkspace();
    let list: NeighbourList | null = null;
    if (req.file) {
      const [file] = backend.uploads.takeAllBytes([req.file.handle]);
      list = parseNeighbourFile(file!.bytes, file!.name);
    }
    return describeNeighbours(backend, saveWorkspaceNeighbours(workspace.db, list, backend.userName()));
  },
};
