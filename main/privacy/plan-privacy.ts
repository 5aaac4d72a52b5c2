import type { Database } from 'better-sqlite3';
import type { FindingLocation } from './scan-workspace';
import { getOutcome, listStoredActions } from '../plan/plan-repository';

import { isPlanPrivacyField, PLAN_PRIVACY_FIELDS } from '../../shared/domain/follow-up';

const at = (field: (typeof PLAN_PRIVACY_FIELDS)[number], detail: string): FindingLocation => ({
  itemId: null,
  itemTitle: null,
  attachmentId: null,
  fileName: null,
  field,
  detail,
});

/**
 * Everything typed into the outcome and the plan, with where it is: the report's areas, each action's own text
 * (action, lead, officer, criteria, impact, milestones) and each progress update.
 */
export function planTexts(db: Database): { text: string; location: FindingLocation }[] {
  const out: { text: string; location: FindingLocation }[] = [];
  const outcome = getOutcome(db);
  if (outcome)
    out.push({
      text: [...outcome.areasForPriorityAction, ...outcome.areasForImprovement].join('\n'),
      location: at('report areas', ''),
    });
  for (const a of listStoredActions(db)) {
    out.push({
      text: [a.action, a.lead, a.sro, a.successCriteria, a.expectedImpact, ...a.milestones.map((m) => m.text)].join(
        '\n',
      ),
      location: at('plan action', `action ${a.id}`),
    });
    for (const u of a.updates)
      out.push({ text: `${u.text}\n${u.by}`, location: at('progress update', `action ${a.id}, update of ${u.date}`) });
  }
  return out;
}

export function isPlanLocation(location: FindingLocation): boolean {
  return isPlanPrivacyField(location.field);
}
