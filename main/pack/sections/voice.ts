import { heading1, heading2, narrativeParagraphs, note, type PackBlock } from '../blocks';
import type { PackInput } from '../pack-input';

/**
 * "What is it like to be a child or young person with SEND in this area?", the inspection report's own heading since
 * 2025: the narratives of the co-production, parent carer forum, survey and participation items.
 */
export function voiceSection(input: PackInput): PackBlock[] {
  const voice = (input.selfEvaluation?.voice ?? []).filter(
    (v) => !input.options.approvedOnly || v.status === 'approved',
  );
  if (voice.length === 0) return [];
  return [
    heading1(`What it is like to be a child or young person with SEND in ${input.area.name}`),
    note(
      'The voice of children, young people and families, from our co-production, parent carer forum, surveys and participation work.',
    ),
    ...voice.flatMap((v) => [heading2(v.title), ...narrativeParagraphs(v.narrative)]),
  ];
}
