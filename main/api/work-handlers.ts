import type { Handlers } from './handler-types';

export const workHandlers: Handlers<'work.cancel'> = {
  'work.cancel': (req, { backend }) => ({ cancelled: backend.work.cancel(req.operation) }),
};
