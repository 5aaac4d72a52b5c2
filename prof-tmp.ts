import { Document, Packer } from 'docx';
import { packDocument, packBlocks } from './main/pack/build-pack';
import { samplePackInput } from './tests/fixtures/pack/sample-input';
const input = await samplePackInput();
for (let i = 0; i < 3; i++) {
  let t = performance.now(); const blocks = packBlocks(input); const tb = performance.now() - t;
  t = performance.now(); const doc = packDocument(input); const td = performance.now() - t;
  t = performance.now(); await Packer.toBuffer(doc); const tp = performance.now() - t;
  const d2 = new Document({ sections: [{ children: packBlocks(input) }], numbering: (await import('./main/pack/styles')).PACK_NUMBERING });
  t = performance.now(); await Packer.toBuffer(d2); const tn = performance.now() - t;
  console.log({ blocks: tb.toFixed(0), doc: td.toFixed(0), pack: tp.toFixed(0), packNoEstimator: tn.toFixed(0) });
}
