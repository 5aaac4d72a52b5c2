import { runCli } from './run-cli';

// Output to a pipe that closed (`sendpack status --json | head -c1`): the reader has what it wanted, so the command
// ends quietly, as Unix tools do, instead of crashing with an unhandled EPIPE. Other stream errors still surface.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
process.exitCode = code;
