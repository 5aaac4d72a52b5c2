import type { ParseArgsConfig } from 'node:util';
import type { CliIo } from './cli-io';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | undefined>;

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** One line per option for --help. */
  help: string[];
  options: OptionSpec;
  allowPositionals?: boolean;
  run(values: OptionValues, positionals: string[], io: CliIo): Promise<number>;
}
