import type { ApiErrorCode } from '../../shared/api/result';

/** A refusal that main can explain to a person; the API turns it into an error answer, never a crash. */
export class WorkspaceError extends Error {
  constructor(readonly code: ApiErrorCode, message: string, readonly field?: string) {
    super(message);
    this.name = 'WorkspaceError';
  }
}
