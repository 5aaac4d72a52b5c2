import { endOfStartTag, XmlError } from './xml';

/** What to do with an element: keep it, drop it with everything inside, or keep only what is inside it. */
export type ElementAction = 'keep' | 'drop' | 'unwrap';

/**
 * Rewrites an XML part element by element in one forward pass: `decide` is asked about each start tag (qualified
 * name and raw attributes) and the element is kept, dropped whole, or unwrapped (its tags removed, its content kept).
 * Declarations, comments and CDATA are copied as they are (inside a dropped element they go with it). Tags must
 * nest, as scanXml requires; DTDs are refused.
 */
export function rewriteXml(xml: string, decide: (name: string, attrs: string) => ElementAction): string {
  const out: string[] = [];
  /** For each open element: what happens to it. Dropping is inherited by everything inside. */
  const stack: { name: string; action: ElementAction }[] = [];
  let dropping = 0;
  let pos = 0;
  const n = xml.length;
  const emit = (s: string) => {
    if (dropping === 0) out.push(s);
  };
  while (pos < n) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0) {
      emit(xml.slice(pos));
      break;
    }
    if (lt > pos) emit(xml.slice(pos, lt));
    let end: number;
    if (xml.startsWith('<?', lt)) end = xml.indexOf('?>', lt + 2) + 2;
    else if (xml.startsWith('<!--', lt)) end = xml.indexOf('-->', lt + 4) + 3;
    else if (xml.startsWith('<![CDATA[', lt)) end = xml.indexOf(']]>', lt + 9) + 3;
    else if (xml.startsWith('<!', lt)) throw new XmlError('DTDs are not accepted');
    else if (xml.startsWith('</', lt)) {
      const close = xml.indexOf('>', lt + 2);
      if (close < 0) throw new XmlError('unterminated end tag');
      const name = xml.slice(lt + 2, close).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new XmlError(`</${name}> does not close <${open?.name ?? ''}>`);
      if (open.action === 'keep') emit(xml.slice(lt, close + 1));
      if (open.action === 'drop') dropping--;
      pos = close + 1;
      continue;
    } else {
      const close = endOfStartTag(xml, lt);
      if (close < 0) throw new XmlError('unterminated start tag');
      const selfClosing = xml.charCodeAt(close - 1) === 0x2f;
      const body = xml.slice(lt + 1, selfClosing ? close - 1 : close);
      const space = body.search(/[\s/]/);
      const name = space < 0 ? body : body.slice(0, space);
      const action = dropping > 0 ? 'drop' : decide(name, space < 0 ? '' : body.slice(space));
      if (action === 'keep') emit(xml.slice(lt, close + 1));
      if (!selfClosing) {
        stack.push({ name, action });
        if (action === 'drop') dropping++;
      }
      pos = close + 1;
      continue;
    }
    if (end < 2) throw new XmlError('unterminated declaration, comment or CDATA section');
    emit(xml.slice(lt, end));
    pos = end;
  }
  if (stack.length > 0) throw new XmlError(`<${stack[stack.length - 1]!.name}> is never closed`);
  return out.join('');
}
