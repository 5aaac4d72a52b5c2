/**
 * The county-scale benchmark (issue "Evidence as councils really hold it", §4): a county's evidence generated on
 * the fly — 1,000+ files, several GB, a mix of Word, Excel, PDF, text and already-compressed scans — attached through
 * the app's API, then the privacy check, the share bundle, the workspace export and opening the workspace, each
 * printed beside a baseline measured in the same run on the same files:
 *   attach   ~ cp + sha256sum of the files, plus pdftotext over the PDFs   (aim: within 3x)
 *   privacy  ~ ripgrep over the stored text (MB/s of stored text)          (aim: at least 100 MB/s)
 *            then the same check again (nothing to rescan) and after one more file (only it is scanned)
 *   bundle   ~ zip -r -6, storing .pdf/.docx/.xlsx/.jpg as they are        (aim: within 1.3x)
 *   export   ~ zip -r -6 of the workspace folder
 *   open     ~ sqlite3 PRAGMA quick_check on the workspace database
 * each as wall clock and CPU time (the machine may be shared: CPU time is what a step needed whatever else ran),
 * with this process's peak memory and the workspace's size on disk against the evidence's. Prints figures; asserts
 * nothing about time. Not run by .ci/run or `npm test`.
 *
 *   npx tsx bench/county.ts
 *
 * Environment: BENCH_COUNTY_FILES (default 1200), BENCH_COUNTY_MB (total evidence, default 3000), BENCH_NODE_FLAGS
 * (the measured process's V8 flags; default the app backend's).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { Backend } from '../main/api/backend';
import { dispatch } from '../main/api/dispatch';
import { writeBundle } from '../main/pack/bundle/write-bundle';
import { listAttachments } from '../main/evidence/attachments-repository';
import { decodeStoredText } from '../main/store/stored-text';
import { Workspace } from '../main/workspace/workspace';
import { exportWorkspace } from '../main/workspace/workspace-archive';
import { sharedWorkerExtractor } from '../main/formats/worker-extractor';
import { closeTextScanWorkers } from '../main/privacy/text-scan-pool';
import { PACK_PROCESS_NODE_FLAGS } from '../main/pack/pack-process-flags';
import { seededRandom } from '../shared/domain/privacy/synthetic';
import { docx, p, pdf, pdfText, sst, worksheet, xlsx, STYLES_WITH_DATES } from '../tests/fixtures/extract/build';

// Measured as the app runs: with the backend's V8 flags (main/pack/pack-process-flags.ts; the desktop backend and
// `npm run sendpack` start with them), which must be given when the process starts. Without them V8's young
// generation grows to 128 MB of semi-space here and the county attach peaked about 100 MB higher (865–872 MB against
// 753 MB for 300 files). BENCH_NODE_FLAGS replaces them (BENCH_NODE_FLAGS=' ' for none), as in bench/pack.ts.
if (process.env.BENCH_COUNTY_MEASURED === undefined) {
  const flags =
    process.env.BENCH_NODE_FLAGS !== undefined
      ? process.env.BENCH_NODE_FLAGS.split(/\s+/).filter(Boolean)
      : [...PACK_PROCESS_NODE_FLAGS];
  const child = spawnSync(process.execPath, [...flags, '--import', 'tsx', fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_COUNTY_MEASURED: flags.join(' ') },
  });
  process.exit(child.status ?? 1);
}

const FILES = Number(process.env.BENCH_COUNTY_FILES ?? 1200);
const TOTAL_MB = Number(process.env.BENCH_COUNTY_MB ?? 3000);
const MB = 1024 * 1024;
const rng = seededRandom(20261206);
const int = (from: number, to: number) => from + Math.floor(rng() * (to - from + 1));
const SENTENCES = [
  'The partnership reviewed EHC plan timeliness against the national figure for the year.',
  'Waiting times for speech and language therapy fell by four weeks over the quarter.',
  'Attendance at the parent carer forum rose, with 42 families at the October meeting.',
  'The SEND strategy action plan was agreed by the board on 14 March 2025.',
  'Invoice 4417902318 for transport was paid in full.',
];
const sentence = () => SENTENCES[int(0, SENTENCES.length - 1)]!;
const paragraph = (words: number) => Array.from({ length: Math.ceil(words / 14) }, sentence).join(' ');

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

/**
 * What a step cost: wall clock, and CPU time (this process's every thread, workers included; for a baseline, the
 * commands it ran). The machine may be shared: CPU time is what the step needed, whatever else was running.
 */
interface Cost {
  wall: number;
  cpu: number;
}
const plus = (...costs: Cost[]): Cost => ({
  wall: costs.reduce((t, c) => t + c.wall, 0),
  cpu: costs.reduce((t, c) => t + c.cpu, 0),
});
const ownCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
/** CPU time of the finished child processes, from /proc (Linux): utime and stime of the waited-for children. */
const childrenCpu = () => {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100; // cutime, cstime in clock ticks (USER_HZ, 100 on Linux)
};

async function timed<T>(run: () => Promise<T> | T): Promise<[T, Cost]> {
  const start = performance.now();
  const cpu = ownCpu();
  const children = childrenCpu();
  const value = await run();
  return [value, { wall: (performance.now() - start) / 1000, cpu: ownCpu() - cpu + childrenCpu() - children }];
}

function shell(command: string, args: string[], cwd?: string): Cost {
  const start = performance.now();
  const children = childrenCpu();
  const run = spawnSync(command, args, { cwd, stdio: 'ignore', maxBuffer: 1 << 30 });
  if (run.status !== 0 && run.status !== 1) throw new Error(`${command} ${args.join(' ')} failed (${run.status})`);
  return { wall: (performance.now() - start) / 1000, cpu: childrenCpu() - children };
}

function duBytes(path: string): number {
  return Number(execFileSync('du', ['-sb', path], { encoding: 'utf8' }).split('\t')[0]);
}

/** The county's evidence: sizes drawn so the files add up to about TOTAL_MB. */
function generate(dir: string): { bytes: number; pdfs: string[] } {
  const scansMb = TOTAL_MB * 0.6; // recorded meetings and scans: the bulk of the volume, already compressed
  const scans = Math.max(1, Math.round(FILES * 0.08));
  let bytes = 0;
  const pdfs: string[] = [];
  for (let i = 0; i < FILES; i++) {
    let name: string;
    let content: Uint8Array;
    if (i < scans) {
      name = `scan-${i}.jpg`;
      content = randomBytes(Math.round((scansMb / scans) * MB));
      content[0] = 0xff;
      content[1] = 0xd8;
      content[2] = 0xff;
    } else {
      const kind = i % 4;
      const words = int(2_000, Math.round((TOTAL_MB * 0.4 * MB) / FILES / 3));
      if (kind === 0) {
        name = `minutes-${i}.docx`;
        content = docx(Array.from({ length: 40 }, () => p(paragraph(words / 40))).join(''));
      } else if (kind === 1) {
        name = `tracker-${i}.xlsx`;
        const rows = Array.from(
          { length: 200 },
          (_, r) =>
            `<row r="${r + 1}"><c r="A${r + 1}" t="inlineStr"><is><t>${paragraph(words / 200)}</t></is></c><c r="B${r + 1}"><v>${r * 7}</v></c></row>`,
        ).join('');
        content = xlsx([{ name: 'Data', xml: worksheet(rows) }], sst([]), STYLES_WITH_DATES);
      } else if (kind === 2) {
        name = `board-paper-${i}.pdf`;
        content = pdf(Array.from({ length: 8 }, () => pdfText(...Array.from({ length: 30 }, sentence))));
        pdfs.push(name);
      } else {
        name = `notes-${i}.txt`;
        content = new TextEncoder().encode(Array.from({ length: 20 }, () => paragraph(words / 20)).join('\n'));
      }
    }
    writeFileSync(join(dir, name), content);
    bytes += content.length;
  }
  return { bytes, pdfs };
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'sendpack-county-'));
  try {
    const evidence = join(root, 'evidence');
    mkdirSync(evidence);
    const { bytes: evidenceBytes, pdfs } = generate(evidence);
    const names = readdirSync(evidence);
    console.log(
      `County-scale run: ${names.length} files, ${(evidenceBytes / MB).toFixed(0)} MB of evidence (${pdfs.length} PDFs)` +
        `${process.env.BENCH_COUNTY_MEASURED ? `, Node flags ${process.env.BENCH_COUNTY_MEASURED}` : ''}.`,
    );

    // Baseline: copy and hash, plus pdftotext over the PDFs.
    const copy = join(root, 'copy');
    const cpSeconds = shell('cp', ['-r', evidence, copy]);
    const hashSeconds = shell('sh', ['-c', 'sha256sum * > /dev/null'], copy);
    const textDir = join(root, 'text');
    mkdirSync(textDir);
    const pdftotextSeconds = (
      await timed(() => {
        for (const f of pdfs) spawnSync('pdftotext', [join(evidence, f), join(textDir, `${f}.txt`)]);
      })
    )[1];
    rmSync(copy, { recursive: true, force: true });

    // The app: attach through the API, 50 files at a time, as the CLI hands them over (by path, streamed).
    const backend = new Backend({ dataDir: join(root, 'data'), host: 'cli', userName: 'Bench' });
    await dispatch(backend, 'workspace.create', { areaName: 'Benchshire', laCode: '841', parentDir: root });
    const folder = join(root, 'Benchshire.sendpack');
    const [, attachSeconds] = await timed(async () => {
      for (let i = 0; i < names.length; i += 50) {
        const files = names
          .slice(i, i + 50)
          .map((n) => ({ handle: backend.uploads.putPath(join(evidence, n)).handle }));
        const result = await dispatch(backend, 'attachments.add', { itemId: 'send-strategy', files, metadata: {} });
        if (!result.ok) throw new Error(JSON.stringify(result.error));
      }
    });

    // Privacy check, against ripgrep over the same stored text written out as files.
    const [scan, checkSeconds] = await timed(() => dispatch(backend, 'privacy.check', {}));
    if (!scan.ok) throw new Error('privacy check failed');
    // The check again with nothing changed, then after one more file: only what changed is scanned.
    const [, againSeconds] = await timed(() => dispatch(backend, 'privacy.check', {}));
    const extra = join(root, 'extra-note.txt');
    writeFileSync(extra, paragraph(4_000));
    const added = await dispatch(backend, 'attachments.add', {
      itemId: 'send-strategy',
      files: [{ handle: backend.uploads.putPath(extra).handle }],
      metadata: {},
    });
    if (!added.ok) throw new Error(JSON.stringify(added.error));
    const [, oneChangedSeconds] = await timed(() => dispatch(backend, 'privacy.check', {}));
    const db = backend.openWorkspace().db;
    let textBytes = 0;
    const stored = join(root, 'stored-text');
    mkdirSync(stored);
    for (const row of db.prepare('SELECT sha256, text FROM blobs').iterate() as Iterable<{
      sha256: string;
      text: unknown;
    }>) {
      const text = decodeStoredText(row.text);
      textBytes += Buffer.byteLength(text);
      writeFileSync(join(stored, row.sha256), text);
    }
    const rgSeconds = shell('rg', ['-c', '[0-9]{3} [0-9]{3} [0-9]{4}|[A-Z][0-9]{12}', stored]);

    // The share bundle (all attached evidence), against zip -r at the bundle's settings.
    const attachments = listAttachments(db).filter((a) => a.state === 'current');
    const packEvidence = attachments.map((a, i) => ({
      ref: `E${String(i + 1).padStart(4, '0')}`,
      title: a.title,
      itemId: a.itemId,
      itemTitle: 'SEND strategy',
      group: 'L' as const,
      documentDate: null,
      version: '',
      owner: '',
      fileName: a.fileName,
      bytes: a.bytes,
      sha256: a.sha256!,
    }));
    const [, bundleSeconds] = await timed(() =>
      writeBundle(
        {
          workspaceFolder: folder,
          packDocx: docx(p('Pack')),
          evidence: packEvidence,
          area: 'Benchshire',
          builtAt: new Date().toISOString(),
          version: 1,
        },
        join(root, 'bundle.zip'),
      ),
    );
    const zipSeconds = shell(
      'zip',
      ['-q', '-r', '-6', '-n', '.pdf:.docx:.xlsx:.jpg', join(root, 'baseline.zip'), '.'],
      evidence,
    );

    // Export, against zip -r of the workspace folder; then open, against sqlite3's quick_check.
    const [, exportSeconds] = await timed(() => exportWorkspace(db, folder, 'Benchshire', join(root, 'export.zip')));
    const zipWorkspaceSeconds = shell(
      'zip',
      ['-q', '-r', '-6', '-n', '.pdf:.docx:.xlsx:.jpg', join(root, 'baseline-ws.zip'), '.'],
      folder,
    );
    const workspaceBytes = duBytes(folder) - duBytes(join(folder, 'backups'));
    backend.close();
    const [, openSeconds] = await timed(() => {
      Workspace.open(folder, { user: 'Bench' }).close();
    });
    const quickCheckSeconds = shell('sqlite3', [join(folder, 'workspace.db'), 'PRAGMA quick_check;']);
    await sharedWorkerExtractor().close();
    await closeTextScanWorkers();

    const seconds = (c: Cost) => `${c.wall.toFixed(1).padStart(6)} s (CPU ${c.cpu.toFixed(1).padStart(5)} s)`;
    const row = (what: string, app: Cost, base: Cost, baseName: string, aim: string) =>
      console.log(
        `${what.padEnd(16)} ${seconds(app)}   ${baseName.padEnd(34)} ${seconds(base)}   ` +
          `ratio ${(app.wall / base.wall).toFixed(2).padStart(5)} (CPU ${(app.cpu / base.cpu).toFixed(2).padStart(5)})   ${aim}`,
      );
    row(
      'attach',
      attachSeconds,
      plus(cpSeconds, hashSeconds, pdftotextSeconds),
      'cp + sha256sum + pdftotext',
      'aim: within 3x',
    );
    row(
      'privacy',
      checkSeconds,
      rgSeconds,
      'ripgrep over the stored text',
      `${(textBytes / MB / checkSeconds.wall).toFixed(0)} MB/s (CPU time ${(textBytes / MB / checkSeconds.cpu).toFixed(0)} MB/s) of ${(textBytes / MB).toFixed(0)} MB stored text (aim 100 MB/s)`,
    );
    row(
      'privacy again',
      againSeconds,
      rgSeconds,
      'ripgrep over the stored text',
      `${(textBytes / MB / againSeconds.wall).toFixed(0)} MB/s effective: nothing changed, nothing rescanned`,
    );
    row(
      'privacy +1 file',
      oneChangedSeconds,
      rgSeconds,
      'ripgrep over the stored text',
      `${(textBytes / MB / oneChangedSeconds.wall).toFixed(0)} MB/s effective: one new file scanned`,
    );
    row('bundle', bundleSeconds, zipSeconds, 'zip -r -6 (compressed types stored)', 'aim: within 1.3x');
    row('export', exportSeconds, zipWorkspaceSeconds, 'zip -r -6 of the workspace folder', '');
    row('open', openSeconds, quickCheckSeconds, 'sqlite3 PRAGMA quick_check', '');
    console.log(`Peak memory (this process, with the extraction worker): ${(peakRss / MB).toFixed(0)} MB.`);
    console.log(
      `Workspace on disk ${(workspaceBytes / MB).toFixed(0)} MB for ${(evidenceBytes / MB).toFixed(0)} MB of evidence: ` +
        `${(workspaceBytes / evidenceBytes).toFixed(2)}x (aim: at most 1.3x).`,
    );
  } finally {
    clearInterval(sampler);
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
