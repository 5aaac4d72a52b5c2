import { parseArgs } from 'node:util';
import { EXIT, UsageError, type CliIo } from './cli-io';
import { refusalFrom } from './cli-backend';
import type { Command } from './command';
import { initCommand } from './commands/init';
import { statusCommand } from './commands/status';
import { setCommand } from './commands/set';
import { notifyCommand } from './commands/notify';
import { attachCommand } from './commands/attach';
import { logCommand } from './commands/log';
import { backupCommand, restoreCommand } from './commands/backup';
import { exportCommand, importWorkspaceCommand } from './commands/archive';
import { datasetsCommand, templateCommand } from './commands/datasets';
import { importCommand } from './commands/import';
import { metricsCommand } from './commands/metrics';
import { neighboursCommand } from './commands/neighbours';
import { buildCommand } from './commands/build';
import { demoCommand } from './commands/demo';
import { checkCommand } from './commands/check';
import { privacyCommand } from './commands/privacy';
import { verifyBundleCommand } from './commands/verify-bundle';
import { trackerCommand } from './commands/tracker';
import { checkListCommand } from './commands/check-list';
import { outcomeCommand } from './commands/outcome';
import { actionsCommand } from './commands/actions';
import { contributionCommand, joinCommand, syncCommand, syncServerCommand } from './commands/sync';

export const COMMANDS: readonly Command[] = [
  initCommand,
  statusCommand,
  setCommand,
  notifyCommand,
  attachCommand,
  logCommand,
  backupCommand,
  restoreCommand,
  exportCommand,
  importWorkspaceCommand,
  datasetsCommand,
  templateCommand,
  importCommand,
  metricsCommand,
  neighboursCommand,
  buildCommand,
  trackerCommand,
  verifyBundleCommand,
  demoCommand,
  checkCommand,
  checkListCommand,
  outcomeCommand,
  actionsCommand,
  syncServerCommand,
  syncCommand,
  joinCommand,
  contributionCommand,
  privacyCommand,
];

function toolHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'sendpack — SEND Evidence Pack from the command line',
    '',
    'Usage: sendpack COMMAND [OPTIONS]    (sendpack COMMAND --help for its options)',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Exit codes: 0 success, 1 the input was refused, 2 bad usage.',
    'Data folder: SENDPACK_DATA_DIR, else your user data folder.',
    '',
  ].join('\n');
}

/** Every command that opens a workspace (--db) can take over a lock someone else holds, once told who. */
const TAKE_OVER_HELP =
  '--take-over    take over the workspace from whoever has it open (only if they are no longer using it)';
const optionsOf = (command: Command) =>
  'db' in command.options && !['init', 'restore', 'import-workspace'].includes(command.name)
    ? { ...command.options, 'take-over': { type: 'boolean' as const } }
    : command.options;

/**
 * A text option's value that starts with a dash is the text, not a forgotten value: a narrative written as a list
 * ("--note '- Needs analysis refreshed'") or a negative figure. node's parseArgs refuses those unless written
 * "--note=- …"; this joins them so. A next word that looks like an option (--status, -h) is still left as one, so
 * "--note --status x" keeps its error.
 */
function joinDashValues(args: readonly string[], options: Record<string, { type: 'string' | 'boolean' }>) {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : null;
    if (name && options[name]?.type === 'string' && next !== undefined && /^-(?!-?[A-Za-z])/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

function commandHelp(command: Command): string {
  return [
    `${command.summary}.`,
    '',
    `Usage: ${command.usage}`,
    '',
    'Options:',
    ...command.help.map((line) => `  ${line}`),
    ...('take-over' in optionsOf(command) ? [`  ${TAKE_OVER_HELP}`] : []),
    '  --help         show this help',
    '',
  ].join('\n');
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(toolHelp());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`Unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}. See sendpack --help.\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(commandHelp(command));
    return EXIT.ok;
  }
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: joinDashValues(rest, optionsOf(command)),
        options: optionsOf(command),
        strict: true,
        allowPositionals: command.allowPositionals ?? false,
      });
    } catch (error) {
      throw new UsageError(`${(error as Error).message.replace(/\. To specify.*$/s, '')}. Usage: ${command.usage}`);
    }
    return await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n`);
      return EXIT.usage;
    }
    const refusal = refusalFrom(error);
    if (refusal) {
      io.stderr(`${refusal.message}\n`);
      return EXIT.refused;
    }
    io.stderr(`sendpack ${name} failed unexpectedly: ${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT.refused;
  }
}
