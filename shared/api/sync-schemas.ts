import { z } from 'zod';

/** Who is working in the shared workspace now, and on which item (Hocuspocus awareness). */
export const PresenceSchema = z.object({
  name: z.string(),
  role: z.string(),
  itemId: z.string().nullable(),
  self: z.boolean(),
});

/** The continuous sync of the open workspace with the partnership's sync server, as the screens show it. */
export const SyncStatusSchema = z.object({
  /** A server is set for this installation. */
  configured: z.boolean(),
  server: z.string().nullable(),
  person: z.object({ name: z.string(), role: z.string() }).nullable(),
  /** The workspace's id on the server, once it is shared. */
  workspace: z.string().nullable(),
  online: z.boolean(),
  inStep: z.boolean(),
  lastError: z.string().nullable(),
  /** Bumped whenever changes from partners reach this workspace: screens reload what they show. */
  revision: z.number(),
  presence: z.array(PresenceSchema),
});

export const SyncConfigureSchema = z.union([
  z.strictObject({
    server: z
      .string()
      .trim()
      .regex(
        /^wss?:\/\/[^\s/]+(:\d+)?\/?$/,
        'must be a sync server address such as ws://192.168.1.20:4455 (wss:// with TLS)',
      ),
    token: z.string().trim().min(8, 'must be the token your coordinator gave you').max(200),
  }),
  z.strictObject({ server: z.null() }),
]);
