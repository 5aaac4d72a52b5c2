import type { AuditEvent } from './audit-events';

const cell = (value: string | null | undefined): string => {
  const text = value ?? '';
  // Cells starting with = + - @ are neutralised so a spreadsheet never runs them as formulas.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function auditTrailCsv(events: AuditEvent[]): string {
  const header = ['at', 'who', 'item', 'action', 'before', 'after', 'reason'];
  const lines = events.map((e) =>
    [e.at, e.who, e.itemId, e.action, e.before, e.after, e.reason ?? null].map(cell).join(','),
  );
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
