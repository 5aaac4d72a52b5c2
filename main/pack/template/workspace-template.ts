import { createHash } from 'node:crypto';
import { appendEvent } from '../../audit/audit-events';
import type { Workspace } from '../../workspace/workspace';
import { readCouncilTemplate, type CouncilTemplate } from './council-template';

/**
 * The council template a workspace builds its packs into, remembered per workspace: the checked file itself, in the
 * database (table pack_template, one row), so it travels with the workspace in its backups and exports and a moved
 * or deleted original does not break the build. Choosing and removing it are recorded in the audit trail.
 */

/** The file name and bytes of the one row (id 1) of the pack_template table. */
interface TemplateRow {
  file_name: string;
  bytes: Buffer;
}

export function templateName(workspace: Workspace): string | null {
  return (
    workspace.db
      .prepare<[], TemplateRow['file_name']>('SELECT file_name FROM pack_template WHERE id = 1')
      .pluck()
      .get() ?? null
  );
}

/** The workspace's template, checked again as it is read, or null when none is chosen. */
export async function workspaceTemplate(workspace: Workspace): Promise<CouncilTemplate | null> {
  const row = workspace.db.prepare<[], TemplateRow>('SELECT file_name, bytes FROM pack_template WHERE id = 1').get();
  return row ? readCouncilTemplate(row.file_name, new Uint8Array(row.bytes)) : null;
}

export async function chooseTemplate(
  workspace: Workspace,
  file: { name: string; bytes: Uint8Array },
  who: string,
): Promise<CouncilTemplate> {
  workspace.assertWritable();
  const template = await readCouncilTemplate(file.name, file.bytes);
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const at = new Date().toISOString();
  workspace.db.transaction(() => {
    const before = templateName(workspace);
    workspace.db
      .prepare(
        `INSERT INTO pack_template (id, file_name, bytes, sha256, chosen_at, chosen_by) VALUES (1, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET file_name = excluded.file_name, bytes = excluded.bytes, sha256 = excluded.sha256,
        chosen_at = excluded.chosen_at, chosen_by = excluded.chosen_by`,
      )
      .run(file.name, Buffer.from(file.bytes), sha256, at, who);
    appendEvent(workspace.db, {
      at,
      who,
      itemId: null,
      action: 'choose-pack-template',
      before,
      after: JSON.stringify({ fileName: file.name, sha256 }),
    });
  })();
  return template;
}

export function stopUsingTemplate(workspace: Workspace, who: string): void {
  workspace.assertWritable();
  workspace.db.transaction(() => {
    const before = templateName(workspace);
    if (!before) return;
    workspace.db.prepare('DELETE FROM pack_template WHERE id = 1').run();
    appendEvent(workspace.db, {
      at: new Date().toISOString(),
      who,
      itemId: null,
      action: 'stop-pack-template',
      before,
      after: null,
    });
  })();
}
