import { MANIFEST_CSV, MANIFEST_JSON, PACK_DOCX, PACK_PDF } from './bundle-manifest';

export interface ReadmeFacts {
  area: string;
  version: number;
  builtAt: string;
  marking: string;
  hasPdf: boolean;
  evidenceFiles: number;
  folders: string[];
  excluded: string[];
}

/** builtAt as an officer reads it, in UK time: "13 November 2026 at 16:45". */
export function ukDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      dateStyle: 'long',
      timeStyle: 'short',
    }).format(date);
  } catch {
    return iso;
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** README.txt: what the bundle is, how to check it, and how to handle it. Windows line endings, for Notepad. */
export function bundleReadme(facts: ReadmeFacts): string {
  const lines = [
    facts.marking,
    '',
    `Area SEND inspection: evidence bundle for ${facts.area}`,
    '',
    `Evidence pack version ${facts.version}, built ${ukDateTime(facts.builtAt)} (${facts.builtAt}).`,
    '',
    'This bundle holds the evidence pack and the evidence files it cites.',
    '',
    `  ${PACK_DOCX.padEnd(14)} the evidence pack (Word)`,
    ...(facts.hasPdf ? [`  ${PACK_PDF.padEnd(14)} a PDF copy of the evidence pack`] : []),
    `  ${MANIFEST_CSV.padEnd(14)} every file with its reference, title, checklist item, size and SHA-256`,
    `  ${MANIFEST_JSON.padEnd(14)} the same, for programs`,
    '',
  ];
  if (facts.evidenceFiles) {
    lines.push(
      `${plural(facts.evidenceFiles, 'evidence file')}, in one folder per evaluation area, each named by its reference number`,
      'in the pack (E001, E002, ...) and its title:',
      ...facts.folders.map((folder) => `  ${folder}/`),
      '',
    );
  } else {
    lines.push('No evidence files are included.', '');
  }
  if (facts.excluded.length) {
    lines.push(
      `Not included: ${facts.excluded.join(', ')}. ${
        facts.excluded.length === 1
          ? 'It is cited in the pack but was left out of this bundle; ask the sender if you need it.'
          : 'They are cited in the pack but were left out of this bundle; ask the sender if you need them.'
      }`,
      '',
    );
  }
  lines.push(
    'Checking the bundle',
    'To check that no file has been changed, removed or added since the bundle was built, run',
    '  sendpack verify-bundle FILE.zip',
    'It recomputes the SHA-256 of every file and names any that differs, is missing or is not in the manifest.',
    "Without the tool, compare a file's SHA-256 with its line in manifest.csv:",
    '  Windows:        certutil -hashfile "FILE" SHA256',
    '  macOS or Linux: shasum -a 256 "FILE"',
    '',
    'Handling',
    `${facts.marking}. Do not forward this bundle or any file in it beyond the inspection team and the local area`,
    'partners it was sent to. Delete it when the inspection no longer needs it.',
    '',
  );
  return lines.join('\r\n');
}
