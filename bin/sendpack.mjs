#!/usr/bin/env node
// Plain JavaScript on purpose: it must run on any Node to say which Node it needs, before loading native code.
const REQUIRED = [22, 14];
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < REQUIRED[0] || (major === REQUIRED[0] && minor < REQUIRED[1])) {
  process.stderr.write(
    `sendpack needs Node ${REQUIRED.join('.')} or later (Node-API 10, for its SQLite module); this is Node ${process.versions.node}.\n` +
      'Run it through npm, which uses the Node the project pins: npm run sendpack -- --help\n',
  );
  process.exit(2);
}
const { register } = await import('tsx/esm/api');
register();
await import('../main/cli/main.ts');
