/**
 * What the crash-trial worker (worker.ts) and the engine (run-trials.ts) say to each other, one line each way.
 *
 * Engine → worker, on stdin: one `go` line (JSON `Go`), once the worker has loaded its modules.
 * Worker → engine, on stdout (synchronous on a pipe, so a line the engine reads was written before what follows it):
 *   loaded               modules loaded; waiting for `go`
 *   ready                the workspace is open (lock taken over from the killed process, leftovers tidied)
 *   begin <Op>           about to run this operation; nothing of it is committed yet
 *   commit <Op>          the operation has committed (the engine may now expect to find it after any kill)
 *   refused <Op> <why>   the app refused the operation: nothing of it may be found
 */
import type { ItemStatus } from '../../shared/domain/item-status';

export interface Go {
  /** The workspace folder. */
  folder: string;
  /** The worker's own data folder (settings, uploads). */
  dataDir: string;
  /** Seeds the worker's choice of operations. */
  seed: number;
  /** Names the files it makes, so every attached file is unique across the workspace's trials. */
  trial: number;
}

export type Op =
  /**
   * A CSV imported through the real importer (upload, preview, commit). `keys` are the rows the file holds, as
   * "period|geography|breakdown" (geography local or national): what commit must write, all of it or none.
   */
  | { op: 'import'; n: number; dataset: string; fileName: string; sha256: string; keys: string[] }
  /** Files attached to an item in one call: all of them are recorded, or none. */
  | { op: 'attach'; n: number; itemId: string; files: { name: string; bytes: number; sha256: string }[] }
  /** A status change; from approved it is a reopening, with a reason. */
  | { op: 'status'; n: number; itemId: string; from: ItemStatus; to: ItemStatus }
  /** The pack and share bundle built into the workspace's packs folder (`version` is known once committed). */
  | { op: 'build'; n: number; version?: number }
  /**
   * The backup made when this trial's worker started is restored, the workspace opened (garbage collection runs),
   * and the restore undone from the pre-restore copy it kept: afterwards the workspace is as it was before, with
   * every evidence file. A kill in between leaves it restored; the checker then undoes it, as an officer would.
   */
  | { op: 'restore'; n: number; backup: string };

export type OpKind = Op['op'];
