import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { PLAN_AUDIT_ACTIONS } from '../../../shared/domain/follow-up';
import { appendEvent } from '../../audit/audit-events';
import { listItems } from '../../checklist/checklist-repository';
import { findLocalAuthorityByOldCode } from '../../catalogue/local-authorities';
import { writeFileAtomic } from '../../files/atomic-write';
import { assertDocxWellFormed } from '../check-docx';
import type { CouncilTemplate } from '../template/council-template';
import { workspaceTemplate } from '../template/workspace-template';
import { DEFAULT_MARKING } from '../read-pack-input';
import { casePatterns, privacySettings } from '../../privacy/privacy-settings';
import { locationLabel, scanWorkspace } from '../../privacy/scan-workspace';
import { WorkspaceError } from '../../refusal/refusal';
import type { Workspace } from '../../workspace/workspace';
import { workspaceFolderName } from '../../workspace/workspace-folder';
import { buildActionPlanDocument, buildActionPlanIntoTemplate, type ActionPlanInput } from './action-plan-document';
import { isPlanLocation } from '../../privacy/plan-privacy';
import { planView, type PlanView } from '../../plan/plan-repository';

/** Built action plans live beside the packs, one file per version, so nothing is overwritten. */
export function actionPlanPath(workspace: Workspace, version: number): string {
  const area = workspaceFolderName(workspace.session().areaName).replace(/\.sendpack$/, '');
  return join(workspace.folder, 'packs', `${area} action plan v${version}.docx`);
}

export function actionPlanVersions(workspace: Workspace): number {
  return (
    workspace.db
      .prepare<[string], number>('SELECT COUNT(*) FROM events WHERE action = ?')
      .pluck()
      .get(PLAN_AUDIT_ACTIONS.actionPlanBuilt) ?? 0
  );
}

/** A draft until the plan's sign-off step is done: the priority action plan's sign-off, else the strategic plan's publication. */
function isDraft(plan: PlanView): boolean {
  const step = plan.outcome?.outcome === 'widespread' ? 'pap-signed-off' : 'strategic-plan-published';
  return !plan.followUp.find((m) => m.id === step)?.done;
}

export function itemTitles(workspace: Workspace): Record<string, string> {
  return Object.fromEntries(listItems(workspace.db).map((i) => [i.id, i.title]));
}

/**
 * Builds the action plan document into `docxPath` and records it in the audit trail. Refused, naming where, while the
 * privacy check has an open finding in the outcome or the plan (what the document prints); nothing is written then.
 * Built into the council template given (null: none, the pack's own layout), else the one remembered for the workspace
 * (the pack's), else the pack's own layout.
 */
export async function buildAndRecordActionPlan(
  workspace: Workspace,
  docxPath: string | null,
  who: string,
  builtAt = new Date().toISOString(),
  templateFile?: CouncilTemplate | null,
) {
  workspace.assertWritable();
  const db = workspace.db;
  const plan = planView(db);
  if (!plan.outcome && plan.actions.length === 0) {
    throw new WorkspaceError(
      'refused',
      "There is no plan to print yet: record the inspection outcome and add the plan's actions first.",
    );
  }
  const settings = privacySettings(db);
  const scan = scanWorkspace(db, { casePatterns: casePatterns(settings) });
  const open = scan.findings.filter((f) => isPlanLocation(f.location) && f.severity === 'block' && !f.resolution);
  if (open.length) {
    throw new WorkspaceError(
      'privacy-blocked',
      `The action plan was not built: ${open.length} possible piece${open.length === 1 ? '' : 's'} of personal data ` +
        `must be resolved first (Privacy check). ${open
          .slice(0, 10)
          .map((f) => `${locationLabel(f.location)}: ${f.snippet}`)
          .join('; ')}.`,
    );
  }
  const session = workspace.session();
  const la = session.laCode ? findLocalAuthorityByOldCode(session.laCode) : undefined;
  const version = actionPlanVersions(workspace) + 1;
  const input: ActionPlanInput = {
    area: { name: session.areaName, laCode: session.laCode, laName: la?.name ?? null },
    marking: workspace.meta('protective_marking') ?? DEFAULT_MARKING,
    draft: isDraft(plan),
    version,
    builtAt,
    preparedBy: who,
    plan,
    itemTitles: itemTitles(workspace),
    smallNumberThreshold: settings.smallNumberThreshold,
  };
  const template = templateFile === undefined ? await workspaceTemplate(workspace) : templateFile;
  const docx = template ? await buildActionPlanIntoTemplate(input, template) : await buildActionPlanDocument(input);
  // A document Word or LibreOffice could not open is a failed build, never a recorded one.
  assertDocxWellFormed(docx);
  const path = docxPath ?? actionPlanPath(workspace, version);
  writeFileAtomic(path, docx);
  appendEvent(db, {
    at: builtAt,
    who,
    itemId: null,
    action: PLAN_AUDIT_ACTIONS.actionPlanBuilt,
    before: null,
    after: JSON.stringify({
      version,
      actions: plan.actions.length,
      draft: input.draft,
      ...(template
        ? { template: template.fileName, templateSha256: createHash('sha256').update(template.bytes).digest('hex') }
        : {}),
    }),
  });
  return {
    version,
    docxPath: path,
    docxBytes: docx.length,
    actions: plan.actions.length,
    template: template?.fileName ?? null,
  };
}
