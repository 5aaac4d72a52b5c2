import type { PackBlock } from './blocks';

/**
 * The text of built blocks, for the glossary (which lists only the abbreviations the pack uses). docx keeps each
 * piece of text as a string in its components' `root` lists; attributes are objects, so they are not collected.
 * Internal to docx, hence pinned by a unit test (pack-text.test.ts).
 */
export function textOf(blocks: readonly PackBlock[]): string {
  const out: string[] = [];
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      out.push(node);
      return;
    }
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const root = (node as { root?: unknown }).root;
    if (Array.isArray(root)) visit(root);
    // An external hyperlink keeps its text in options.children until the document is packed.
    const children = (node as { options?: { children?: unknown } }).options?.children;
    if (Array.isArray(children)) visit(children);
  };
  blocks.forEach(visit);
  return out.join(' ');
}
