import { heading1, heading2, narrativeParagraphs, note, body, type PackBlock } from '../blocks';
import type { PackInput } from '../pack-input';
import { packTable } from '../tables';
import { formatDisplayDate } from '../../../shared/domain/dates';
import { profileCountText, type AnnexAProfile, type ProfileCount } from '../../../shared/domain/annex-a';

const LIST_NAMES: Record<AnnexAProfile['list'], string> = {
  1: 'Children and young people with an EHC plan (Annex A List 1)',
  2: 'Children and young people at SEN support (Annex A List 2)',
};

/** One saved list profile: its row count and a two-column table per grouping, counts as already suppressed. */
function profileBlocks(profile: AnnexAProfile): PackBlock[] {
  const tables: [string, ProfileCount[]][] = [
    ['Primary need', profile.primaryNeed],
    ['Age on the reference date', profile.ageBand],
    ['Phase of main establishment', profile.phase],
    ['Sex', profile.sex],
    ['Ethnic group', profile.ethnicity],
  ];
  return [
    heading2(LIST_NAMES[profile.list]),
    body(
      `${profile.rows.toLocaleString('en-GB')} on the list as at ${formatDisplayDate(profile.asOf)}. Counts below ` +
        `${profile.threshold} are shown as "fewer than ${profile.threshold}", and where one could be worked out ` +
        'from the total, the next smallest is "not shown".',
    ),
    ...tables.flatMap(([title, counts]) =>
      counts.length
        ? [
            // A paragraph between the tables keeps Word from joining them into one (and repeating the first's header).
            body(title, { keepNext: true }),
            packTable({
              columns: [
                { header: 'Group', weight: 70 },
                { header: 'Children and young people', weight: 30, align: 'right' },
              ],
              rows: counts.map((c) => [c.label, profileCountText(c, profile.threshold)]),
            }),
          ]
        : [],
    ),
  ];
}

/**
 * The local context: the officers' description (editable in the app), the figures the imported data holds, and the
 * aggregate profiles of the Annex A lists officers chose to save from a list check (issue 19 item 3).
 */
export function localContextSection(input: PackInput): PackBlock[] {
  const context = input.selfEvaluation?.context;
  const profiles = input.listProfiles ?? [];
  const hasContext = context !== undefined && (context.text.trim() !== '' || context.figures.length > 0);
  if (!hasContext && profiles.length === 0) return [];
  const blocks: PackBlock[] = [heading1('Local context')];
  if (context) blocks.push(...narrativeParagraphs(context.text));
  if (context?.figures.length) {
    blocks.push(
      packTable({
        columns: [
          { header: 'Figure', weight: 50 },
          { header: 'Value', weight: 20, align: 'right' },
          { header: 'England', weight: 30 },
        ],
        rows: context.figures.map((f) => [f.label, f.value, f.note || 'None published']),
      }),
      note('From the datasets imported into this workspace.'),
    );
  }
  for (const profile of profiles) blocks.push(...profileBlocks(profile));
  if (profiles.length)
    blocks.push(note('Counted from the person-level lists when they were checked; the lists themselves are not kept.'));
  return blocks;
}
