import { z } from 'zod';
import type { OperationName } from './operation-names';
import {
  AreaNameSchema, ChecklistItemSchema, EvaluationAreaSchema, ItemStatusSchema, LaCodeSchema, LocalAuthoritySchema,
  NoteSchema, OwnerSchema, ReasonSchema, RecentWorkspaceSchema, UserNameSchema, WorkspacePathSchema,
  WorkspaceSessionSchema,
} from './schemas';

interface Operation<Req extends z.ZodType, Res extends z.ZodType> {
  request: Req;
  response: Res;
  /** One line for --help texts and error messages. */
  summary: string;
}
const op = <Req extends z.ZodType, Res extends z.ZodType>(summary: string, request: Req, response: Res): Operation<Req, Res> =>
  ({ summary, request, response });

const none = z.strictObject({});

/**
 * The one API contract between the renderer and main: every operation's request and response schema. Main
 * validates every request against it; hosts (Electron IPC, the browser host's HTTP) only carry it.
 */
export const contract = {
  'app.info': op('Version and host details', none, z.object({
    appVersion: z.string(), catalogueVersion: z.string(), host: z.enum(['electron', 'browser', 'cli']),
    dataDir: z.string(), schemaVersion: z.number(),
  })),
  'settings.get': op('This installation\'s settings', none, z.object({ userName: z.string().nullable() })),
  'settings.setUserName': op('Set the name recorded with every change', z.strictObject({ userName: UserNameSchema }),
    z.object({ userName: z.string() })),
  'localAuthorities.list': op('English local authorities with old and new codes', none,
    z.object({ authorities: z.array(LocalAuthoritySchema) })),
  'workspace.recent': op('Recently opened workspaces', none, z.object({ workspaces: z.array(RecentWorkspaceSchema) })),
  'workspace.create': op('Create a workspace for an area and open it',
    z.strictObject({ areaName: AreaNameSchema, laCode: LaCodeSchema.nullable(), parentDir: WorkspacePathSchema.optional() }),
    z.object({ session: WorkspaceSessionSchema, warnings: z.array(z.string()) })),
  'workspace.open': op('Open a workspace folder', z.strictObject({ path: WorkspacePathSchema }), WorkspaceSessionSchema),
  'workspace.breakLock': op('Take over a workspace whose lock was left behind',
    z.strictObject({ path: WorkspacePathSchema, confirm: z.literal(true, 'must be true: breaking a lock needs confirmation') }),
    WorkspaceSessionSchema),
  'workspace.current': op('The open workspace, if any', none, WorkspaceSessionSchema.nullable()),
  'workspace.close': op('Close the open workspace', none, z.object({ closed: z.boolean() })),
  'checklist.list': op('Every checklist item with its status, owner and note', none,
    z.object({ items: z.array(ChecklistItemSchema) })),
  'checklist.update': op('Change an item\'s status, owner or note',
    z.strictObject({
      itemId: z.string().min(1, 'must name an item'),
      status: ItemStatusSchema.optional(),
      owner: OwnerSchema.optional(),
      note: NoteSchema.optional(),
      reason: ReasonSchema.optional(),
    }).refine((r) => r.status !== undefined || r.owner !== undefined || r.note !== undefined, {
      message: 'must change at least one of status, owner or note', path: ['status'],
    }),
    ChecklistItemSchema),
  'checklist.addItem': op('Add an item of your own to the checklist',
    z.strictObject({
      title: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
      description: z.string().max(2_000, 'must be at most 2000 characters').default(''),
      areas: z.array(EvaluationAreaSchema).max(7),
    }),
    ChecklistItemSchema),
} satisfies Record<OperationName, Operation<z.ZodType, z.ZodType>>;

export type Contract = typeof contract;
export type Request<K extends OperationName> = z.input<Contract[K]['request']>;
export type ParsedRequest<K extends OperationName> = z.output<Contract[K]['request']>;
export type Response<K extends OperationName> = z.output<Contract[K]['response']>;
export type ChecklistItem = z.output<typeof ChecklistItemSchema>;
export type WorkspaceSession = z.output<typeof WorkspaceSessionSchema>;
export type RecentWorkspace = z.output<typeof RecentWorkspaceSchema>;
