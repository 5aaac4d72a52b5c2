import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceError } from '../refusal/refusal';
import { mkdirSync, renameSync } from '../files/fs-faults';
import { isRole, type Author, type Role } from './doc-model';

/**
 * The people a sync server lets in, kept in DIR/people.json: each person's name, role and the SHA-256 of their
 * token (the token itself is printed once, to the coordinator who invites them, and never stored). The file is
 * read on every connection, so a token issued while the server runs works at once.
 */
interface PersonRecord {
  name: string;
  role: Role;
  tokenSha256: string;
  invitedAt: string;
}

const FILE = 'people.json';
const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

function readPeople(dataDir: string): PersonRecord[] {
  const file = join(dataDir, FILE);
  if (!existsSync(file)) return [];
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { people?: PersonRecord[] };
    return (parsed.people ?? []).filter(
      (p) => typeof p.name === 'string' && isRole(p.role) && typeof p.tokenSha256 === 'string',
    );
  } catch {
    throw new WorkspaceError(
      'damaged',
      `${file} cannot be read as the sync server's list of people; restore it from a backup or invite everyone again.`,
    );
  }
}

export function invitePerson(
  dataDir: string,
  name: string,
  role: Role,
  at = new Date().toISOString(),
): { token: string } {
  const trimmed = name.trim();
  if (!trimmed) throw new WorkspaceError('invalid-request', 'Give the person\'s name (--name "…").', 'name');
  if (trimmed.length > 120) throw new WorkspaceError('invalid-request', 'A name is at most 120 characters.', 'name');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const token = `sp_${randomBytes(24).toString('base64url')}`;
  // Inviting a name again replaces the earlier token (a lost or leaked one stops working).
  const people = readPeople(dataDir).filter((p) => p.name !== trimmed);
  people.push({ name: trimmed, role, tokenSha256: tokenHash(token), invitedAt: at });
  const file = join(dataDir, FILE);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify({ people }, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return { token };
}

/** The person a token names, or null. Compared by hash in constant time. */
export function personForToken(dataDir: string, token: string | null | undefined): Author | null {
  if (!token || token.length > 200) return null;
  const wanted = Buffer.from(tokenHash(token), 'hex');
  for (const person of readPeople(dataDir)) {
    const have = Buffer.from(person.tokenSha256, 'hex');
    if (have.length === wanted.length && timingSafeEqual(have, wanted)) return { name: person.name, role: person.role };
  }
  return null;
}
