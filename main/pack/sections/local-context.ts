import { heading1, narrativeParagraphs, note, type PackBlock } from '../blocks';
import type { PackInput } from '../pack-input';
import { packTable } from '../tables';

/** The local context: the officers' description (editable in the app) and the figures the imported data holds. */
export function localContextSection(input: PackInput): PackBlock[] {
  const context = input.selfEvaluation?.context;
  if (!context || (!context.text.trim() && context.figures.length === 0)) return [];
  const blocks: PackBlock[] = [heading1('Local context'), ...narrativeParagraphs(context.text)];
  if (context.figures.length) {
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
  return blocks;
}
