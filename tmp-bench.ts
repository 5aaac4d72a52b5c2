import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { assertDocxWellFormed } from './main/pack/check-docx';
import { buildPack } from './main/pack/build-pack';
// find a docx built by the e2e/sample... build a big synthetic via bench's input if available
const files = process.argv.slice(2);
for (const f of files) {
  const docx = readFileSync(f);
  const parts = unzipSync(docx);
  const size = Object.entries(parts).filter(([n]) => /\.(xml|rels)$/.test(n)).reduce((a, [, b]) => a + b.length, 0);
  const t = performance.now();
  for (let i = 0; i < 5; i++) assertDocxWellFormed(docx);
  console.log(f.split('/').pop(), 'xml bytes', size, 'ms per check', ((performance.now() - t) / 5).toFixed(1));
}
