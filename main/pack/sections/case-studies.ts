import { fact, heading1, heading2, narrativeParagraphs, note, type PackBlock } from '../blocks';
import { plural } from '../format';
import { groupLabel } from '../model';
import type { PackInput } from '../pack-input';

/** Anonymised case studies, each passed by the privacy check, printed only with consent recorded. */
export function caseStudiesSection(input: PackInput): PackBlock[] {
  const se = input.selfEvaluation;
  if (!se || se.caseStudies.length === 0) return [];
  return [
    heading1('Case studies'),
    note(
      'Anonymised: no child, young person or family can be identified. Each has been through the privacy check, and consent for its use is recorded.',
    ),
    ...se.caseStudies.flatMap((c) => [
      heading2(c.title),
      fact('Evaluation area', groupLabel(c.area)),
      fact('Consent', c.consentNote.trim() ? `recorded (${c.consentNote.trim()})` : 'recorded', { last: true }),
      ...narrativeParagraphs(c.story),
    ]),
    ...(se.caseStudiesWithoutConsent
      ? [
          note(
            `${plural(se.caseStudiesWithoutConsent, 'further case study', 'further case studies')} ${se.caseStudiesWithoutConsent === 1 ? 'is' : 'are'} left out until consent is recorded.`,
          ),
        ]
      : []),
  ];
}
