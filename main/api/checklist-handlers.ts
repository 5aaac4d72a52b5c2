import type { Handlers } from './handler-types';
import { addCustomItem, listItems, updateItem } from '../checklist/checklist-repository';

export const checklistHandlers: Handlers<'checklist.list' | 'checklist.update' | 'checklist.addItem'> = {
  'checklist.list': (_req, { backend }) => ({ items: listItems(backend.openWorkspace().db) }),
  'checklist.update': (req, { backend }) => updateItem(backend.writableWorkspace().db, req, backend.userName()),
  'checklist.addItem': (req, { backend }) => addCustomItem(backend.writableWorkspace().db, req, backend.userName()),
};
