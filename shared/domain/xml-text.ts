/**
 * Text that can go into a Word document. XML 1.0 allows neither the C0 control characters other than tab, line
 * feed and carriage return, nor U+FFFE and U+FFFF, nor a surrogate without its pair: one of them makes
 * word/document.xml ill-formed, and LibreOffice cannot open the pack, Word refuses it. They are refused where text
 * enters (the API schemas) and stripped as a last line when the .docx is written.
 */
// Matched on UTF-16 code units (no u flag), so a lone surrogate is found as one.
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'g');

const codePoint = (unit: number) => `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first character XML forbids in `text`, as "U+FFFE at character 12", or null. */
export function forbiddenXmlCharacter(text: string): string | null {
  const match = FORBIDDEN.exec(text);
  return match ? `${codePoint(match[0].charCodeAt(0))} at character ${match.index + 1}` : null;
}

export function stripForbiddenXml(text: string): string {
  return text.replace(FORBIDDEN_ALL, '');
}

/**
 * Bidirectional embedding, override and isolate controls (and the invisible direction marks): in a file name they
 * can make "evil\u202Egpj.exe" read as "evilexe.jpg". Shown as visible labels wherever a file name is displayed.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const BIDI_NAMES: Record<string, string> = {
  '\u061C': 'ALM',
  '\u200E': 'LRM',
  '\u200F': 'RLM',
  '\u202A': 'LRE',
  '\u202B': 'RLE',
  '\u202C': 'PDF',
  '\u202D': 'LRO',
  '\u202E': 'RLO',
  '\u2066': 'LRI',
  '\u2067': 'RLI',
  '\u2068': 'FSI',
  '\u2069': 'PDI',
};

/** "evil\u202Egpj.exe" → "evil[RLO]gpj.exe": the name as its characters are stored, every direction control shown. */
export function showDirectionControls(name: string): string {
  return name.replace(BIDI_CONTROLS, (c) => `[${BIDI_NAMES[c] ?? codePoint(c.charCodeAt(0))}]`);
}
