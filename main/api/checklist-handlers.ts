import type { Handlers } from './handler-types';
import { addCustomItem, getItem, listItems } from '../checklist/checklist-repository';
import { updateItemRedacting } from '../review/update-item';
import { approvalCheck, reviewSettings, saveReviewSettings, sendBack } from '../review/review';
import { privateNote, savePrivateNote } from '../checklist/private-notes';
import { finishRedaction } from './redaction-finish';
import { trackerFile } from '../checklist/tracker';
import type { ChecklistItem } from '../../shared/api/contract';
import { WorkspaceError } from '../refusal/refusal';

export const checklistHandlers: Handlers<
  | 'checklist.list'
  | 'checklist.update'
  | 'checklist.addItem'
  | 'checklist.bulkUpdate'
  | 'checklist.approvalCheck'
  | 'checklist.sendBack'
  | 'privateNotes.get'
  | 'privateNotes.save'
  | 'review.settings'
  | 'review.saveSettings'
  | 'tracker.export'
> = {
  'checklist.list': (_req, { backend }) => ({ items: listItems(backend.openWorkspace().db) }),
  'checklist.update': async (req, { backend }) => {
    const { item, redacted } = updateItemRedacting(backend.writableWorkspace().db, req, backend.userName());
    await finishRedaction(backend, redacted);
    return item;
  },
  'checklist.addItem': (req, { backend }) => addCustomItem(backend.writableWorkspace().db, req, backend.userName()),
  'checklist.bulkUpdate': (req, { backend }) => {
    const db = backend.writableWorkspace().db;
    const who = backend.userName();
    const items: ChecklistItem[] = [];
    const refused: { itemId: string; title: string; reason: string }[] = [];
    for (const itemId of [...new Set(req.itemIds)]) {
      try {
        items.push(
          updateItemRedacting(db, { itemId, owner: req.owner, dueDate: req.dueDate, status: req.status }, who).item,
        );
      } catch (error) {
        if (!(error instanceof WorkspaceError)) throw error;
        let title = itemId;
        try {
          title = getItem(db, itemId).title;
        } catch {
          /* an unknown id is named by its id */
        }
        refused.push({ itemId, title, reason: error.message });
      }
    }
    return { items, refused };
  },
  'checklist.approvalCheck': (req, { backend }) =>
    approvalCheck(backend.openWorkspace().db, req.itemId, backend.userName()),
  'checklist.sendBack': (req, { backend }) =>
    sendBack(backend.writableWorkspace().db, req.itemId, req.comment, backend.userName()),
  'privateNotes.get': (req, { backend }) => privateNote(backend.openWorkspace().db, req.itemId, backend.userName()),
  'privateNotes.save': (req, { backend }) =>
    savePrivateNote(backend.writableWorkspace().db, req.itemId, backend.userName(), req.note),
  'review.settings': (_req, { backend }) => reviewSettings(backend.openWorkspace().db),
  'review.saveSettings': (req, { backend }) =>
    saveReviewSettings(backend.writableWorkspace().db, req, backend.userName()),
  'tracker.export': (req, { backend }) => {
    const workspace = backend.openWorkspace();
    const { fileName, bytes } = trackerFile(workspace.db, req.format, workspace.session().areaName);
    // A copy in a plain ArrayBuffer: what crosses IPC and the contract's schema expect.
    return { fileName, bytes: new Uint8Array(bytes) };
  },
};
