/** What every operation answers: a value, or a refusal that says what was wrong and, where it can, which field. */
export const API_ERROR_CODES = [
  'invalid-request', // the payload does not match the operation's schema
  'unknown-operation',
  'not-found', // an item, workspace or file named in the request does not exist
  'refused', // a valid request the current state does not allow (e.g. editing an approved item)
  'privacy-blocked', // a pack or plan not built while the privacy check has findings to resolve (the screen links to it)
  'read-only', // the workspace is open elsewhere
  'no-workspace',
  'newer-version', // the workspace was written by a newer version of the app
  'damaged', // the database failed its integrity check
  'cancelled', // the officer stopped long work; nothing was written
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  /** Dotted path of the offending field, for invalid-request. */
  field?: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown on the calling side when an operation answers with an error, so UI code can use try/catch. */
export class ApiCallError extends Error {
  readonly code: ApiErrorCode;
  readonly field: string | undefined;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.field = error.field;
  }
}

/** The refusal's code of an error a call threw (ApiCallError, or the plain object a host passed on), if it has one. */
export function errorCode(error: unknown): ApiErrorCode | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (API_ERROR_CODES as readonly string[]).includes(code)
    ? (code as ApiErrorCode)
    : undefined;
}

export function unwrap<T>(result: ApiResult<T>): T {
  if (result.ok) return result.value;
  throw new ApiCallError(result.error);
}
