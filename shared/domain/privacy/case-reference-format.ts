/**
 * The council's case-reference formats, safely (issue 16 §9, issue 14 §8). Officers give examples ("CR-123456");
 * each becomes an expression in a small language that cannot backtrack: literal characters, \b, \d, \s, simple
 * character classes such as [A-Z], each repeated at most a fixed, small number of times ({n}, {n,m} with m ≤ 20, ?),
 * and nothing else — no groups, alternation, +, *, back-references or look-arounds. Whatever a pattern's source (typed
 * in Settings, stored by an earlier version, planted in an imported workspace), it is checked against this language
 * before it is compiled, so a pattern like `(\d+)+X` is never run: matching costs at most a fixed number of steps
 * per character of text.
 */

/** Boundaries that stop "CR-123456" matching inside "XCR-1234567". Look-arounds of one character: no backtracking. */
const BEFORE = '(?<![A-Za-z0-9])';
const AFTER = '(?![A-Za-z0-9])';

const escapeChar = (c: string) => (/[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c);

/**
 * An example reference as an expression: each run of digits stands for that many digits, letters and punctuation
 * stand for themselves (letters in either case), whitespace for one space or none. "CR-123456" → CR-\d{6}.
 */
export function patternFromExample(example: string): string {
  const trimmed = example.trim();
  let source = '';
  for (const run of trimmed.match(/\d+|\s+|[^\d\s]/g) ?? []) {
    if (/^\d/.test(run)) source += run.length === 1 ? '\\d' : `\\d{${run.length}}`;
    else if (/^\s/.test(run)) source += ' ?';
    else source += escapeChar(run);
  }
  return source;
}

/** "CR-123456" → "CR-, then 6 digits": how the settings screen says what an example will catch. */
export function describeExample(example: string): string {
  const parts: string[] = [];
  for (const run of example.trim().match(/\d+|\s+|[^\d\s]+/g) ?? []) {
    if (/^\d/.test(run)) parts.push(`${run.length} digit${run.length === 1 ? '' : 's'}`);
    else if (!/^\s/.test(run)) parts.push(`"${run}"`);
  }
  return parts.join(', then ');
}

/** Why an example cannot be used, or null. It needs at least three digits, so it never flags ordinary words. */
export function exampleProblem(example: string): string | null {
  const trimmed = example.trim();
  if (!trimmed) return 'is empty';
  if (trimmed.length > 60) return 'is longer than 60 characters';
  if ((trimmed.match(/\d/g) ?? []).length < 3)
    return 'needs at least three digits, as a real reference has (e.g. CR-123456)';
  return null;
}

const MAX_REPEAT = 20;

/**
 * Checks an expression against the safe language; answers why it is outside it, or null. Used for every pattern
 * before it is compiled.
 */
export function unsafePatternProblem(source: string): string | null {
  if (source.length > 200) return 'is longer than 200 characters';
  let i = 0;
  let atoms = 0;
  let required = 0;
  while (i < source.length) {
    const c = source[i]!;
    let atom: 'boundary' | 'char';
    if (c === '\\') {
      const next = source[i + 1];
      if (next === undefined) return 'ends with a lone backslash';
      if (next === 'b') {
        atom = 'boundary';
        i += 2;
      } else if ('dDsSwW'.includes(next) || /[\\^$.*+?()[\]{}|/\-:#_ ]/.test(next)) {
        atom = 'char';
        i += 2;
      } else return `uses \\${next}, which the safe pattern language does not have`;
    } else if (c === '[') {
      const end = source.indexOf(']', i + 1);
      if (end < 0) return 'has a [ without its ]';
      const body = source.slice(i + 1, end);
      if (!/^\^?(?:[A-Za-z0-9 _/-]|\\[dsw\-/.]|[A-Za-z0-9]-[A-Za-z0-9])+$/.test(body))
        return `has a character class [${body}] the safe pattern language does not allow`;
      atom = 'char';
      i = end + 1;
    } else if ('()|'.includes(c)) {
      return 'uses groups or alternatives ( ) | — give examples instead, one a line';
    } else if ('+*'.includes(c)) {
      return `uses ${c}, an unbounded repeat that can make matching very slow — give examples instead`;
    } else if ('?{'.includes(c)) {
      return 'has a repeat with nothing before it';
    } else if ('^$.'.includes(c)) {
      return `uses ${c}, which the safe pattern language does not have`;
    } else {
      atom = 'char';
      i += 1;
    }
    atoms++;
    if (source[i] === '+' || source[i] === '*')
      return `uses ${source[i]}, an unbounded repeat that can make matching very slow — give examples instead`;
    let min = 1;
    if (source[i] === '?') {
      if (atom === 'boundary') return 'repeats \\b';
      min = 0;
      i++;
    } else if (source[i] === '{') {
      const m = /^\{(\d{1,2})(?:,(\d{1,2}))?\}/.exec(source.slice(i));
      if (!m || atom === 'boundary')
        return 'has a repeat the safe pattern language does not allow (use {n} or {n,m}, at most 20)';
      const lo = Number(m[1]);
      const hi = m[2] === undefined ? lo : Number(m[2]);
      if (hi > MAX_REPEAT || lo > hi) return `repeats more than ${MAX_REPEAT} times or in the wrong order`;
      min = lo;
      i += m[0].length;
    }
    if (source[i] === '+' || source[i] === '*' || source[i] === '?' || source[i] === '{') return 'repeats a repeat';
    if (atom === 'char') required += min;
  }
  if (atoms === 0 || required < 3) return 'would match too little text (it needs at least three required characters)';
  return null;
}

/** Compiles a pattern in the safe language, or answers null for one outside it (never throws, never runs it). */
export function compileSafePattern(source: string): RegExp | null {
  if (unsafePatternProblem(source) !== null) return null;
  try {
    return new RegExp(`${BEFORE}${source}${AFTER}`, 'gi');
  } catch {
    return null;
  }
}
