import { describe, expect, it } from 'vitest';
import { appendEvent } from '../../../main/audit/audit-events';
import { openReadable, openWritable } from '../../../main/store/database';
import { readMeta, writeMeta } from '../../../main/store/meta';
import { databaseFile } from '../../../main/workspace/workspace-folder';
import { makeWorkspace } from '../../helpers/workspace';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('read-only and writable database handles', () => {
  it('make writing through a read-only handle a type error, and SQLite refuses it if forced', () => {
    const file = databaseFile(makeWorkspace(tempDir()).folder);
    const readable = openReadable(file);
    try {
      // @ts-expect-error a ReadableDB cannot be handed to a function that writes
      expect(() => writeMeta(readable, 'protective_marking', 'OFFICIAL')).toThrow(/readonly/i);
      const event = {
        at: '2026-01-01T00:00:00Z',
        who: 'A',
        itemId: null,
        action: 'note',
        before: null,
        after: null,
      } as const;
      // @ts-expect-error nor can it append to the audit trail
      const append = () => appendEvent(readable, event);
      expect(append).toThrow(/readonly/i);
      expect(readMeta(readable, 'protective_marking')).toBeUndefined();
    } finally {
      readable.close();
    }
    const writable = openWritable(file);
    try {
      writeMeta(writable, 'protective_marking', 'OFFICIAL');
      expect(readMeta(writable, 'protective_marking')).toBe('OFFICIAL');
    } finally {
      writable.close();
    }
  });
});
