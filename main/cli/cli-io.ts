import { IsoDateSchema } from '../../shared/api/schemas';

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

/**
 * A date option as YYYY-MM-DD that exists, refused naming the option (`--received "2027-02-30"`), not the operation's
 * field the value would otherwise reach (`plan.recordOutcome: reportReceived …`), which the officer never typed.
 */
export function dateOption(value: string | boolean | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  const parsed = IsoDateSchema.safeParse(value);
  if (!parsed.success)
    throw new RefusedError(
      `--${option} "${String(value)}" ${parsed.error.issues[0]?.message ?? 'is not a date'} (YYYY-MM-DD, e.g. 2027-03-01).`,
    );
  return parsed.data;
}
