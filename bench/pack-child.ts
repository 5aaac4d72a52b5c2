/**
 * One measured build in a fresh process: prints {readMs, docxMs, bundleMs, totalMs, peakRss, charts, evidence, pages}.
 * With a third argument (a council template), the same read and then the build into the template only, no bundle.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../main/workspace/workspace';
import { readPackInput } from '../main/pack/read-pack-input';
import { buildPack } from '../main/pack/build-pack';
import { assertDocxWellFormed } from '../main/pack/check-docx';
import { writeBundle } from '../main/pack/bundle/write-bundle';
import { packMarkdown } from './pack-markdown';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readCouncilTemplate } from '../main/pack/template/council-template';
import { buildIntoTemplate } from '../main/pack/template/build-into-template';

const [folder, outDir, templatePath] = process.argv.slice(2) as [string, string, string | undefined];
const baselineRss = process.memoryUsage().rss;
const workspace = Workspace.open(folder, { user: 'Benchmark' });
const t0 = performance.now();
const input = await readPackInput(workspace, { sections: [], approvedOnly: false }, 'Benchmark');
const t1 = performance.now();
const afterReadRss = process.memoryUsage().rss;
const template = templatePath ? await readCouncilTemplate(basename(templatePath), readFileSync(templatePath)) : null;
const docx = template ? await buildIntoTemplate(input, template) : await buildPack(input);
if (template) {
  const t = performance.now();
  writeFileSync(join(outDir, 'template-pack.docx'), docx);
  workspace.close();
  process.stdout.write(
    JSON.stringify({
      readMs: t1 - t0,
      docxMs: t - t1,
      docxBytes: docx.length,
      peakRss: process.resourceUsage().maxRSS * 1024,
      baselineRss,
    }),
  );
  process.exit(0);
}
const t2 = performance.now();
const afterDocxRss = process.memoryUsage().rss;
// The check every build makes before it is recorded (main/pack/check-docx.ts), timed on its own.
const c0 = performance.now();
assertDocxWellFormed(docx);
const checkMs = performance.now() - c0;
writeFileSync(join(outDir, 'pack.docx'), docx);
const bundle = join(outDir, 'bundle.zip');
rmSync(bundle, { force: true });
await writeBundle(
  {
    workspaceFolder: folder,
    packDocx: docx,
    packPdf: null,
    evidence: input.evidence,
    area: input.area.name,
    builtAt: input.builtAt,
    version: 1,
  },
  bundle,
);
const t3 = performance.now();
writeFileSync(join(outDir, 'pack.md'), packMarkdown(input));
workspace.close();
process.stdout.write(
  JSON.stringify({
    readMs: t1 - t0,
    docxMs: t2 - t1,
    checkMs,
    bundleMs: t3 - t2,
    totalMs: t3 - t0,
    docxBytes: docx.length,
    peakRss: process.resourceUsage().maxRSS * 1024,
    baselineRss,
    afterReadRss,
    afterDocxRss,
    charts: input.charts.length,
    evidence: input.evidence.length,
    items: input.items.length,
  }),
);
