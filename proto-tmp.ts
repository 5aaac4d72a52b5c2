import { Document, Packer, Paragraph, HeadingLevel, TableOfContents, LeaderType } from 'docx';
import { unzipSync, strFromU8 } from 'fflate';
const doc = new Document({
  sections: [{ children: [
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-1', beginDirty: false, tabLeader: LeaderType.NONE, cachedEntries: [{ title: 'First', level: 1, href: 'sec1' }, { title: 'Second', level: 1, href: 'sec2' }] }),
    new Paragraph({ text: 'First', heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
    new Paragraph({ text: 'Second', heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
  ] }],
});
const files = unzipSync(await Packer.toBuffer(doc));
console.log(strFromU8(files['word/document.xml']!).replace(/^.*<w:body>/s, '').slice(0, 3000));
