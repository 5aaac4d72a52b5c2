/**
 * V8 flags for the processes that build packs (the desktop app's backend, the CLI, the pack benchmark). Packing an
 * 80-page document churns through short-lived objects, and V8's default lets its young generation grow to 128 MB
 * of semi-space; capped at 16 MB the peak of `npm run bench` (pack) fell from ~415 MB to ~300–340 MB, with no
 * measurable cost in time. Flags must be given when the process starts: set later, V8 ignores them.
 */
export const PACK_PROCESS_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16'];
