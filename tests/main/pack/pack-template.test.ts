import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../../helpers/workspace';
import { readCouncilTemplate } from '../../../main/pack/template/council-template';
import { call, refused, useBackends } from '../../helpers/api';
import { useTempDirs } from '../../helpers/temp-dir';
import { docxParts, libreOfficePdf, partText, squash } from '../../fixtures/pack/docx-parts';

/** Issue 18, item 4: the pack built into the council's own Word template. */

const tempDir = useTempDirs();
const { backend: makeBackend } = useBackends();
const SCRIPT = join(import.meta.dirname, '../../fixtures/pack/council_template.py');
const python = (...args: string[]) =>
  execFileSync('/usr/bin/python3', [SCRIPT, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

interface PythonRead {
  header: string[];
  footer: string[];
  heading1Font: string;
  heading1Colour: string;
  normalFont: string;
  headings: Record<string, string[]>;
  tables: { header: boolean; style: string | null; rows: number }[];
  pictures: string[];
  pictureAlt: string[];
  title: string;
  language: string;
  text: string;
}

async function sampleBackend() {
  const dir = tempDir();
  const { folder } = await makeWorkspace(dir, { sample: true });
  const backend = makeBackend(join(dir, 'data'));
  await call(backend, 'settings.setUserName', { userName: 'Dana Lead' });
  await call(backend, 'workspace.open', { path: folder });
  return { backend, dir };
}

async function chooseTemplate(backend: ReturnType<typeof makeBackend>, name: string, bytes: Uint8Array) {
  const { handle } = await call(backend, 'files.upload', { name, bytes });
  return call(backend, 'pack.setTemplate', { file: { handle } });
}

/** A minimal Word file, as a council's IT might strip one down: document, styles and a header, nothing else. */
function minimalTemplate(): Uint8Array {
  const W =
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
        '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/_rels/document.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>` +
        '<w:p><w:r><w:t>{{pack}}</w:t></w:r></w:p>' +
        '<w:sectPr><w:headerReference w:type="default" r:id="rId2"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>' +
        '</w:body></w:document>',
    ),
    'word/styles.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ${W}>` +
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:rFonts w:ascii="Tahoma" w:hAnsi="Tahoma"/></w:rPr></w:style>' +
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:color w:val="00594F"/><w:sz w:val="32"/></w:rPr></w:style>' +
        '</w:styles>',
    ),
    'word/header1.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr ${W}><w:p><w:r><w:t>Minimal Council {{marking}}</w:t></w:r></w:p></w:hdr>`,
    ),
  });
}

describe('building into a council template made by python-docx', () => {
  let read: PythonRead;
  let pdfText: { pages: string[]; all: string };
  let parts: Record<string, string>;

  beforeAll(async () => {
    const { backend, dir } = await sampleBackend();
    const templatePath = join(dir, 'council.docx');
    python('make', templatePath);
    expect(await chooseTemplate(backend, 'Kestrelmouth council.docx', readFileSync(templatePath))).toEqual({
      fileName: 'Kestrelmouth council.docx',
      placeholders: expect.arrayContaining(['pack', 'marking', 'title', 'area', 'version', 'date']),
    });
    // Remembered per workspace: the build screen asks for it again.
    expect(await call(backend, 'pack.template', {})).toMatchObject({ fileName: 'Kestrelmouth council.docx' });
    const built = await call(backend, 'pack.build', { bundle: false });
    const docx = readFileSync(built.docxPath);
    writeFileSync(join(dir, 'built.docx'), docx);
    parts = docxParts(docx);
    read = JSON.parse(python('read', join(dir, 'built.docx'))) as PythonRead;
    pdfText = await libreOfficePdf(docx, 'council-pack');
  }, 240_000);

  it("keeps the template's header (council name and the marking, DRAFT while a draft) and footer", () => {
    expect(read.header).toEqual(['Kestrelmouth Borough Council \u2014 OFFICIAL-SENSITIVE \u2014 DRAFT']);
    expect(read.footer).toEqual(['Kestrelmouth Borough Council, Town Hall, Kestrelmouth']);
    for (const page of pdfText.pages)
      expect(page).toContain('Kestrelmouth Borough Council \u2014 OFFICIAL-SENSITIVE \u2014 DRAFT');
  });

  it("sets the pack's headings in the template's own heading styles and fonts", () => {
    expect(read.heading1Font).toBe('Verdana');
    expect(read.heading1Colour).toBe('7A1F5C');
    expect(read.normalFont).toBe('Georgia');
    expect(read.headings['Heading 1']).toEqual(
      expect.arrayContaining(['Document control', 'Key metrics', 'Gaps and actions', 'Evidence index']),
    );
    expect(read.headings['Heading 2']!.length).toBeGreaterThan(10);
    expect(squash(pdfText.all)).toContain('Gaps and actions');
  });

  it('fills every placeholder, leaving no {{ anywhere', () => {
    expect(read.text).toContain('Area SEND inspection: evidence pack \u2014 Kestrelmouth (fictional sample)');
    expect(read.text).toMatch(/Version 1, \d{1,2} [A-Z][a-z]+ \d{4}\./);
    for (const [name, xml] of Object.entries(parts)) if (name.endsWith('.xml')) expect(xml, name).not.toContain('{{');
    expect(pdfText.all).not.toContain('{{');
    expect(read.text).toContain("End of the council's document.");
  });

  it("keeps the pack's accessibility: tables with repeating header rows, charts with alt text, title and language", () => {
    expect(read.tables.length).toBeGreaterThan(5);
    for (const table of read.tables) {
      expect(table.header).toBe(true);
      expect(table.style).toBe('Table Grid');
    }
    expect(read.pictures.length).toBeGreaterThan(1);
    for (const [i, alt] of read.pictures.entries()) {
      expect(alt).toMatch(/^Line chart: .+\d/);
      expect(read.pictureAlt[i]).toBe(alt);
    }
    expect(read.title).toBe('Area SEND inspection: evidence pack \u2014 Kestrelmouth (fictional sample)');
    expect(read.language).toBe('en-GB');
    expect(parts['docProps/core.xml']).toContain('<dc:language>en-GB</dc:language>');
  });

  it("opens cleanly in LibreOffice, with the pack's charts and tables on the template's pages", () => {
    expect(pdfText.pages.length).toBeGreaterThan(20);
    expect(pdfText.all).toContain('Figure 1 in words');
  });
});

describe('the action plan built into the council template (issue 20, item 4)', () => {
  let read: PythonRead;
  let pdfText: { pages: string[]; all: string };
  let parts: Record<string, string>;
  let actions: string[];
  let built: { template: string | null; docxPath: string };

  beforeAll(async () => {
    const { backend, dir } = await sampleBackend();
    const templatePath = join(dir, 'council.docx');
    python('make', templatePath);
    await chooseTemplate(backend, 'Kestrelmouth council.docx', readFileSync(templatePath));
    actions = (await call(backend, 'plan.get', {})).actions.map((a) => a.action);
    // The plan screen's build: the template remembered for the workspace, without being asked again.
    built = await call(backend, 'plan.buildDocument', {});
    const docx = readFileSync(built.docxPath);
    writeFileSync(join(dir, 'plan.docx'), docx);
    parts = docxParts(docx);
    read = JSON.parse(python('read', join(dir, 'plan.docx'))) as PythonRead;
    pdfText = await libreOfficePdf(docx, 'council-action-plan');
  }, 240_000);

  it("opens in LibreOffice with the council's header on every page and every action of the plan in it", () => {
    expect(built.template).toBe('Kestrelmouth council.docx');
    expect(actions.length).toBeGreaterThan(1);
    expect(pdfText.pages.length).toBeGreaterThan(2);
    for (const page of pdfText.pages) expect(page).toContain('Kestrelmouth Borough Council \u2014 OFFICIAL-SENSITIVE');
    const text = squash(pdfText.all);
    for (const action of actions) expect(text).toContain(squash(action));
    expect(text).toContain("End of the council's document.");
  });

  it("fills every placeholder with the plan's own title, leaving no {{ anywhere", () => {
    for (const [name, xml] of Object.entries(parts)) if (name.endsWith('.xml')) expect(xml, name).not.toContain('{{');
    expect(pdfText.all).not.toContain('{{');
    expect(read.title).toMatch(
      /(Priority action plan \(area SEND\)|Improvement plan: response to the area SEND inspection) \u2014 Kestrelmouth/,
    );
    expect(read.text).toContain(read.title);
    expect(read.text).toMatch(/Version 1, \d{1,2} [A-Z][a-z]+ \d{4}\./);
  });

  it("keeps the plan's headings and tables, in the template's styles", () => {
    expect(read.headings['Heading 1']).toEqual(expect.arrayContaining(['The inspection', 'Summary of actions']));
    for (const action of actions) expect(read.headings['Heading 2']!.some((h) => h.endsWith(action))).toBe(true);
    expect(read.heading1Font).toBe('Verdana');
    expect(read.tables.length).toBeGreaterThan(actions.length);
    for (const table of read.tables) {
      expect(table.header).toBe(true);
      expect(table.style).toBe('Table Grid');
    }
    expect(read.language).toBe('en-GB');
  });

  it('builds into a template given on the command line (sendpack build --kind action-plan --template)', async () => {
    const dir = tempDir();
    const template = join(dir, 'council.docx');
    python('make', template);
    const out = join(dir, 'plan.docx');
    const { folder } = await makeWorkspace(dir, { sample: true });
    const run = spawnSync(
      process.execPath,
      [
        'bin/sendpack.mjs',
        'build',
        '--db',
        folder,
        '--kind',
        'action-plan',
        '--out',
        out,
        '--template',
        template,
        '--user',
        'Dana Lead',
      ],
      { encoding: 'utf8', env: { ...process.env, SENDPACK_DATA_DIR: join(dir, 'data') } },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('in the council template council.docx');
    const built = docxParts(readFileSync(out));
    expect(partText(built['word/header1.xml'] ?? '')).toContain('Kestrelmouth Borough Council');
    expect(partText(built['word/document.xml']!)).toContain('Summary of actions');
  }, 120_000);
});

describe('council templates: minimal files and refusals', () => {
  it('builds into a minimal Word file (document, styles and header only), adding the parts the pack needs', async () => {
    const { backend } = await sampleBackend();
    await chooseTemplate(backend, 'minimal.docx', minimalTemplate());
    const built = await call(backend, 'pack.build', { bundle: false, sections: ['cover', 'metrics', 'areas', 'gaps'] });
    const docx = readFileSync(built.docxPath);
    const parts = docxParts(docx);
    expect(parts['word/numbering.xml']).toBeDefined();
    expect(parts['word/_rels/document.xml.rels']).toMatch(/Target="media\/[^"]+\.png"/);
    expect(parts['word/styles.xml']).toContain('w:styleId="TableText"');
    expect(parts['word/styles.xml']).toContain('<w:color w:val="00594F"/>');
    expect(partText(parts['word/header1.xml']!)).toContain('Minimal Council OFFICIAL-SENSITIVE \u2014 DRAFT');
    const pdf = await libreOfficePdf(docx, 'minimal');
    expect(pdf.pages.length).toBeGreaterThan(5);
    expect(pdf.all).toContain('Key metrics');
    expect(pdf.all).not.toContain('{{');
  }, 180_000);

  it('refuses a template without {{pack}}, one that is not a Word document, and an unknown placeholder, naming the problem', async () => {
    const dir = tempDir();
    const path = join(dir, 'no-pack.docx');
    python('make', path);
    const withoutPack = readFileSync(path);
    // The same template with {{pack}} renamed.
    const files = unzipSync(withoutPack);
    files['word/document.xml'] = strToU8(
      new TextDecoder().decode(files['word/document.xml']).replace('{{pack}}', '{{body}}'),
    );
    await expect(readCouncilTemplate('no-pack.docx', zipSync(files))).rejects.toThrow(
      /no-pack\.docx has no \{\{pack\}\} placeholder/,
    );
    files['word/document.xml'] = strToU8(
      new TextDecoder().decode(files['word/document.xml']).replace('{{body}}', '{{pack}} {{chief_exec}}'),
    );
    await expect(readCouncilTemplate('extra.docx', zipSync(files))).rejects.toThrow(
      /extra\.docx has a placeholder the pack cannot fill: \{\{chief_exec\}\}/,
    );
    await expect(readCouncilTemplate('notes.docx', strToU8('just some text'))).rejects.toThrow(
      /notes\.docx is not a Word document \(\.docx\)/,
    );
    await expect(
      readCouncilTemplate('old.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])),
    ).rejects.toThrow(/old\.doc is a Word 97–2003 document/);
    await expect(
      readCouncilTemplate(
        'sheet.xlsx',
        zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') }),
      ),
    ).rejects.toThrow(/sheet\.xlsx is not a Word document \(\.docx\): it has no document part/);

    // Through the API: refused, nothing remembered, and the build goes on without a template.
    const { backend } = await sampleBackend();
    const { handle } = await call(backend, 'files.upload', { name: 'notes.docx', bytes: strToU8('not a document') });
    const error = await refused(backend, 'pack.setTemplate', { file: { handle } });
    expect(error).toMatchObject({ code: 'refused', field: 'template' });
    expect(await call(backend, 'pack.template', {})).toBeNull();
  }, 120_000);

  it('builds into a template from the command line (sendpack build --template), and refuses a file that is not one', async () => {
    const dir = tempDir();
    const { folder } = await makeWorkspace(dir, { sample: true });
    const template = join(dir, 'council.docx');
    python('make', template);
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['bin/sendpack.mjs', 'build', '--db', folder, ...args], {
        encoding: 'utf8',
        env: { ...process.env, SENDPACK_DATA_DIR: join(dir, 'data') },
      });
    const out = join(dir, 'pack.docx');
    const built = cli('--out', out, '--template', template, '--sections', 'cover,kpis', '--user', 'Dana Lead');
    expect(built.status).toBe(0);
    expect(built.stdout).toMatch(/^Built version 1 of the pack: .*, in the council template council\.docx\)\.$/m);
    expect(partText(docxParts(readFileSync(out))['word/header1.xml'] ?? '')).toContain('Kestrelmouth Borough Council');
    const notes = join(dir, 'notes.docx');
    writeFileSync(notes, 'plain text, not a document');
    const bad = cli('--out', join(dir, 'bad.docx'), '--template', notes);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--template: notes.docx is not a Word document (.docx)');
    const missing = cli('--out', join(dir, 'bad.docx'), '--template', join(dir, 'nowhere.docx'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('does not exist');
  }, 120_000);

  it('builds every kind from the command line into the template remembered for the workspace, or plain with --no-template', async () => {
    const dir = tempDir();
    const { folder } = await makeWorkspace(dir, { sample: true });
    const template = join(dir, 'council.docx');
    python('make', template);
    const backend = makeBackend(join(dir, 'data'));
    await call(backend, 'settings.setUserName', { userName: 'Dana Lead' });
    await call(backend, 'workspace.open', { path: folder });
    await chooseTemplate(backend, 'council.docx', new Uint8Array(readFileSync(template)));
    await call(backend, 'workspace.close', {});
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['bin/sendpack.mjs', 'build', '--db', folder, '--user', 'Dana Lead', ...args], {
        encoding: 'utf8',
        env: { ...process.env, SENDPACK_DATA_DIR: join(dir, 'data') },
      });
    const header = (file: string) => partText(docxParts(readFileSync(file))['word/header1.xml'] ?? '');
    for (const kind of ['pack', 'briefing', 'action-plan']) {
      const out = join(dir, `${kind}.docx`);
      const run = cli('--kind', kind, '--out', out);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('in the council template council.docx');
      expect(header(out)).toContain('Kestrelmouth Borough Council');
      const plainOut = join(dir, `${kind}-plain.docx`);
      const plain = cli('--kind', kind, '--out', plainOut, '--no-template');
      expect(plain.status, plain.stderr).toBe(0);
      expect(plain.stdout).not.toContain('council template');
      expect(header(plainOut)).not.toContain('Kestrelmouth Borough Council');
    }
    const both = cli('--out', join(dir, 'both.docx'), '--template', template, '--no-template');
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--template and --no-template ask for opposite things');
  }, 240_000);

  it("stops using a template on request, and builds the pack's own look again", async () => {
    const { backend } = await sampleBackend();
    await chooseTemplate(backend, 'minimal.docx', minimalTemplate());
    expect(await call(backend, 'pack.setTemplate', { file: null })).toBeNull();
    expect(await call(backend, 'pack.template', {})).toBeNull();
    const built = await call(backend, 'pack.build', { bundle: false, sections: ['cover'] });
    expect(docxParts(readFileSync(built.docxPath))['word/styles.xml']).not.toContain('00594F');
    const { events } = await call(backend, 'audit.list', {});
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['choose-pack-template', 'stop-pack-template']));
  }, 120_000);
});
