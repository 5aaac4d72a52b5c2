import type { PackInput } from '../main/pack/pack-input';

/** The pack's text and tables as Markdown, for timing Pandoc on the same content. */
export function packMarkdown(input: PackInput): string {
  const cell = (s: string) => s.replace(/\|/g, '/').replace(/\n/g, ' ');
  const table = (head: string[], rows: string[][]) =>
    [
      `| ${head.join(' | ')} |`,
      `|${head.map(() => '---').join('|')}|`,
      ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    ].join('\n');
  const out = [
    `# Area SEND inspection: evidence pack — ${input.area.name}`,
    '',
    '## Readiness',
    '',
    table(
      ['Area', 'Total', 'Approved', 'In progress', 'Not started'],
      input.readiness.map((r) => [
        r.heading,
        String(r.total),
        String(r.approved),
        String(r.inProgress),
        String(r.notStarted),
      ]),
    ),
    '',
    '## Key metrics',
    '',
    table(
      ['Metric', 'Period', 'Value', 'England'],
      input.metrics.map((m) => [m.title, m.period, m.display, m.comparator?.display ?? '']),
    ),
    '',
  ];
  for (const chart of input.charts) out.push(`*${chart.altText}*`, '');
  for (const item of input.items)
    out.push(
      `## ${item.title}`,
      '',
      `Status: ${item.status}. Owner: ${item.owner}.`,
      '',
      item.narrative,
      '',
      item.evidenceRefs.join(', '),
      '',
    );
  out.push(
    '## Evidence index',
    '',
    table(
      ['Ref', 'Title', 'Item', 'File', 'Bytes', 'SHA-256'],
      input.evidence.map((e) => [e.ref, e.title, e.itemTitle, e.fileName, String(e.bytes), e.sha256.slice(0, 12)]),
    ),
  );
  return out.join('\n');
}
