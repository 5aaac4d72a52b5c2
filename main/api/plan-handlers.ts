import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Handlers } from './handler-types';
import {
  addAction,
  addProgressUpdate,
  correctProgressUpdate,
  planView,
  recordOutcome,
  setFollowUp,
  updateAction,
} from '../plan/plan-repository';
import { actionPlanPath, buildAndRecordActionPlan, itemTitles } from '../pack/action-plan/build-action-plan';
import { actionTrackerXlsx } from '../plan/action-tracker';
import { WorkspaceError } from '../refusal/refusal';
import { workspaceFolderName } from '../workspace/workspace-folder';
import type { Backend } from './backend';

function builtPlan(backend: Backend, version: number): string {
  const path = actionPlanPath(backend.openWorkspace(), version);
  if (!existsSync(path))
    throw new WorkspaceError(
      'not-found',
      `Version ${version} of the action plan is not in the packs folder; build it again.`,
      'version',
    );
  return path;
}

export const planHandlers: Handlers<
  | 'plan.get'
  | 'plan.recordOutcome'
  | 'plan.setFollowUp'
  | 'plan.addAction'
  | 'plan.updateAction'
  | 'plan.addUpdate'
  | 'plan.correctUpdate'
  | 'plan.buildDocument'
  | 'plan.documentFile'
  | 'plan.openDocument'
  | 'plan.tracker'
> = {
  'plan.get': (_req, { backend }) => planView(backend.openWorkspace().db),
  'plan.recordOutcome': (req, { backend }) => {
    const db = backend.writableWorkspace().db;
    recordOutcome(db, req, backend.userName());
    return planView(db);
  },
  'plan.setFollowUp': (req, { backend }) => {
    const db = backend.writableWorkspace().db;
    setFollowUp(
      db,
      req.milestoneId,
      { ...(req.date !== undefined ? { date: req.date } : {}), ...(req.done !== undefined ? { done: req.done } : {}) },
      backend.userName(),
    );
    return planView(db);
  },
  'plan.addAction': (req, { backend }) => {
    const db = backend.writableWorkspace().db;
    const id = addAction(db, req, backend.userName());
    return { id, plan: planView(db) };
  },
  'plan.updateAction': (req, { backend }) => {
    const db = backend.writableWorkspace().db;
    updateAction(db, req.id, req.fields, backend.userName());
    return planView(db);
  },
  'plan.addUpdate': (req, { backend }) => {
    const db = backend.writableWorkspace().db;
    addProgressUpdate(db, req, backend.userName());
    return planView(db);
  },
  'plan.correctUpdate': (req, { backend }) => {
    const db = backend.writableWorkspace().db;
    correctProgressUpdate(
      db,
      req.updateId,
      { rag: req.rag, text: req.text, date: req.date, by: req.by },
      backend.userName(),
      req.reason,
    );
    return planView(db);
  },
  'plan.buildDocument': async (_req, { backend }) =>
    buildAndRecordActionPlan(backend.writableWorkspace(), null, backend.userName()),
  'plan.documentFile': (req, { backend }) => {
    const path = builtPlan(backend, req.version);
    return { fileName: basename(path), bytes: new Uint8Array(readFileSync(path)) };
  },
  'plan.openDocument': (req, { backend }) => ({ path: builtPlan(backend, req.version), kind: 'docx' as const }),
  'plan.tracker': (_req, { backend }) => {
    const workspace = backend.openWorkspace();
    const area = workspaceFolderName(workspace.session().areaName).replace(/\.sendpack$/, '');
    return {
      fileName: `${area} action tracker.xlsx`,
      bytes: new Uint8Array(actionTrackerXlsx(planView(workspace.db), itemTitles(workspace))),
    };
  },
};
