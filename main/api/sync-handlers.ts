import type { Handlers } from './handler-types';

export const syncHandlers: Handlers<'sync.status' | 'sync.configure' | 'sync.workingOn'> = {
  'sync.status': (_req, { backend }) => backend.sync.status(),
  'sync.configure': (req, { backend }) =>
    backend.sync.configure(req.server === null ? null : { server: req.server, token: req.token }),
  'sync.workingOn': (req, { backend }) => {
    backend.sync.workingOn(req.itemId);
    return { ok: true as const };
  },
};
