import { body, heading1, type PackBlock } from '../blocks';
import type { PackInput } from '../pack-input';
import { packTable } from '../tables';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether a term appears in the text as a word of its own ("EHC" is not in "EHCP"), matching case. */
export function usesTerm(text: string, term: string): boolean {
  return new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(term)}(?![A-Za-z0-9])`).test(text);
}

/** The glossary terms the rest of the pack uses, alphabetically (ignoring case). */
export function usedGlossary(input: PackInput, text: string): { term: string; meaning: string }[] {
  const seen = new Set<string>();
  return input.glossary
    .filter((g) => g.term.trim() && !seen.has(g.term) && (seen.add(g.term), usesTerm(text, g.term)))
    .sort((a, b) => a.term.localeCompare(b.term, 'en-GB', { sensitivity: 'base' }));
}

/** The abbreviations used elsewhere in the pack: `text` is the text of every other section. */
export function glossarySection(input: PackInput, text: string): PackBlock[] {
  const terms = usedGlossary(input, text);
  if (terms.length === 0) return [heading1('Glossary'), body('This pack uses no abbreviations that need explaining.')];
  return [
    heading1('Glossary'),
    body('The abbreviations used in this pack.'),
    packTable({
      columns: [
        { header: 'Abbreviation', weight: 22 },
        { header: 'Meaning', weight: 78 },
      ],
      rows: terms.map((g) => [g.term, g.meaning]),
    }),
  ];
}
