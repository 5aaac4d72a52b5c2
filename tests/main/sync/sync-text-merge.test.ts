import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replaceText } from '../../../main/sync/doc-model';

/** Two replicas of one narrative: each edits its own copy, then they exchange updates (the engine merges). */
function concurrently(start: string, a: string, b: string): [string, string] {
  const one = new Y.Doc();
  one.getText('t').insert(0, start);
  const two = new Y.Doc();
  Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
  replaceText(one.getText('t'), a);
  replaceText(two.getText('t'), b);
  Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
  Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
  return [one.getText('t').toString(), two.getText('t').toString()];
}

describe('a narrative changed on two replicas at once', () => {
  it("keeps both officers' words, whole", () => {
    const [x, y] = concurrently(
      'The board agreed the strategy.',
      'In May, the board agreed the strategy.',
      'The board agreed the strategy. The ICB signed it.',
    );
    expect(x).toBe(y);
    expect(x).toBe('In May, the board agreed the strategy. The ICB signed it.');
  });

  it("never puts one insertion inside the other's word when both insert next to the same characters", () => {
    const [x, y] = concurrently('«2.1» «2.2»', '«0.3» «2.1» «2.2»', '«1.4» «2.1» «2.2»');
    expect(x).toBe(y);
    for (const word of ['«0.3»', '«1.4»', '«2.1»', '«2.2»']) expect(x).toContain(word);
    const [p, q] = concurrently('aa aa', 'aa aa aa', 'aa bb aa');
    expect(p).toBe(q);
    expect(p.split(' ').filter((w) => w === 'aa')).toHaveLength(3);
  });

  it('keeps a deletion and an insertion elsewhere, and emoji whole', () => {
    const [x] = concurrently('Draft 😀 one two three', 'Draft 😀 one three', 'Draft 😀 😀 one two three');
    expect(x).toBe('Draft 😀 😀 one three');
  });
});
