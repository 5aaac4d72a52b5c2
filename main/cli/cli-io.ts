export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
}

/** Wrong use of the tool (unknown flag, missing argument): exit 2. */
export class UsageError extends Error {}
/** The input was understood and refused (unknown item, invalid status, validation failure): exit 1. */
export class RefusedError extends Error {}

export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;
