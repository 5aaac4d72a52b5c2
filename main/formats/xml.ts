/**
 * Just enough XML for Office parts: a forward scanner that reports start tags, end tags and text, checks that
 * tags nest, refuses DTDs, and stops early when the handler says so. No namespaces beyond reading prefixes.
 */

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

export interface XmlHandler {
  /** Called for each start tag; `attrs` is the raw attribute text (parse with parseAttributes when needed). */
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Character data; `raw` still has its entities unless `cdata` is true. */
  text(raw: string, cdata: boolean): void;
  /** Checked between tokens; true stops the scan (e.g. the text cap was reached). */
  readonly done?: boolean;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric character references; anything else is left as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref] ?? whole;
    const code =
      ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
    return String.fromCodePoint(code);
  });
}

/** Attributes of a start tag, values decoded. A hand-written scan: one pass, whatever the tag holds. */
export function parseAttributes(attrs: string): Map<string, string> {
  const out = new Map<string, string>();
  const n = attrs.length;
  let i = 0;
  const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
  while (i < n) {
    while (i < n && (isSpace(attrs.charCodeAt(i)) || attrs.charCodeAt(i) === 0x2f)) i++;
    const nameStart = i;
    while (i < n) {
      const c = attrs.charCodeAt(i);
      if (isSpace(c) || c === 0x3d || c === 0x2f) break;
      i++;
    }
    const name = attrs.slice(nameStart, i);
    while (i < n && isSpace(attrs.charCodeAt(i))) i++;
    if (attrs.charCodeAt(i) !== 0x3d) {
      if (i === nameStart) i++;
      continue;
    }
    i++;
    while (i < n && isSpace(attrs.charCodeAt(i))) i++;
    const quote = attrs.charCodeAt(i);
    if (quote !== 0x22 && quote !== 0x27) continue;
    const end = attrs.indexOf(quote === 0x22 ? '"' : "'", i + 1);
    if (end < 0) break;
    if (name) out.set(name, decodeEntities(attrs.slice(i + 1, end)));
    i = end + 1;
  }
  return out;
}

/** The index of the '>' that ends the start tag opened at `lt`, skipping quoted values; -1 if there is none. */
export function endOfStartTag(xml: string, lt: number): number {
  let quote = 0;
  for (let i = lt + 1; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return i;
    else if (c === 0x3c) return -1;
  }
  return -1;
}

const NAME_END = /[\s/>]/;

/** The prefix (with its colon, or '' for the default namespace) that the root element binds to one of `uris`. */
export function prefixFor(xml: string, uris: readonly string[]): string | null {
  // Skip the prolog (declaration, comments) to the root start tag.
  let at = xml.indexOf('<');
  while (at >= 0 && (xml.startsWith('<?', at) || xml.startsWith('<!--', at))) {
    const end = xml.startsWith('<?', at) ? xml.indexOf('?>', at) : xml.indexOf('-->', at);
    if (end < 0) return null;
    at = xml.indexOf('<', end);
  }
  if (at < 0) return null;
  // A single forward scan to the tag's end: a regular expression here backtracked quadratically on a root tag
  // with no '>' (a 622-byte .docx held attach for 55 s).
  const end = endOfStartTag(xml, at);
  if (end < 0) return null;
  const body = xml.slice(at + 1, end);
  const nameEnd = NAME_END.exec(body);
  if (!nameEnd) return null;
  for (const [name, value] of parseAttributes(body.slice(nameEnd.index))) {
    if (!uris.includes(value)) continue;
    if (name === 'xmlns') return '';
    if (name.startsWith('xmlns:')) return `${name.slice(6)}:`;
  }
  return null;
}

/** Decodes an XML part's bytes: UTF-16 when it has a UTF-16 BOM, otherwise UTF-8 (which Office always writes). */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

export function scanXml(xml: string, handler: XmlHandler): void {
  const stack: string[] = [];
  let pos = 0;
  const n = xml.length;
  let sawRoot = false;
  while (pos < n) {
    if (handler.done) return;
    const lt = xml.indexOf('<', pos);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > pos) {
      if (stack.length > 0) handler.text(xml.slice(pos, textEnd), false);
      else if (/\S/.test(xml.slice(pos, textEnd).replace(/^\ufeff/, '')))
        throw new XmlError('text outside the root element');
    }
    if (lt < 0) break;
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) throw new XmlError('unterminated processing instruction');
      pos = end + 2;
    } else if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) throw new XmlError('unterminated comment');
      pos = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) throw new XmlError('unterminated CDATA section');
      if (stack.length === 0) throw new XmlError('CDATA outside the root element');
      handler.text(xml.slice(lt + 9, end), true);
      pos = end + 3;
    } else if (xml.startsWith('<!', lt)) {
      throw new XmlError('DTDs are not accepted');
    } else if (xml.startsWith('</', lt)) {
      const end = xml.indexOf('>', lt + 2);
      if (end < 0) throw new XmlError('unterminated end tag');
      const name = xml.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (open !== name) throw new XmlError(`</${name}> does not close <${open ?? ''}>`);
      handler.close(name);
      pos = end + 1;
    } else {
      // A start tag: find its '>' outside quoted attribute values.
      const i = endOfStartTag(xml, lt);
      if (i < 0) throw new XmlError('unterminated start tag, or "<" inside a tag');
      const selfClosing = xml.charCodeAt(i - 1) === 0x2f;
      const body = xml.slice(lt + 1, selfClosing ? i - 1 : i);
      const m = NAME_END.exec(body);
      const name = m ? body.slice(0, m.index) : body;
      if (!name) throw new XmlError('a tag without a name');
      if (stack.length === 0 && sawRoot) throw new XmlError('more than one root element');
      sawRoot = true;
      if (!selfClosing) stack.push(name);
      handler.open(name, m ? body.slice(m.index) : '', selfClosing);
      if (selfClosing) handler.close(name);
      pos = i + 1;
    }
  }
  if (handler.done) return;
  if (stack.length > 0) throw new XmlError(`<${stack[stack.length - 1] ?? ''}> is never closed (truncated part?)`);
  if (!sawRoot) throw new XmlError('no root element');
}
