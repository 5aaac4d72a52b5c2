/** Text decoding for plain-text files: BOMs, UTF-16 without a BOM, UTF-8, else Windows-1252. */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** Guesses UTF-16 without a BOM from the zero bytes of mostly-ASCII text (one of each pair is 0). */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros >= pairs * 0.4 && evenZeros <= pairs * 0.05) return 'utf-16le';
  if (evenZeros >= pairs * 0.4 && oddZeros <= pairs * 0.05) return 'utf-16be';
  return null;
}

/** The largest length ≤ max that does not split a UTF-8 sequence. */
function utf8Boundary(bytes: Uint8Array, max: number): number {
  if (max >= bytes.length) return bytes.length;
  let end = max;
  // Step back over continuation bytes (10xxxxxx) to the lead byte, and cut before it.
  for (let back = 0; back < 4 && end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80; back++) end--;
  return end;
}

/**
 * Decodes text: a UTF-8 BOM or UTF-16 BOM decides; otherwise UTF-16 is guessed from zero bytes, then strict UTF-8
 * is tried and Windows-1252 is the fallback when the bytes are not valid UTF-8. At most `maxBytes` are decoded
 * (cut on a character boundary) so an enormous file is not turned into a string only to be truncated.
 */
export function decodeText(bytes: Uint8Array, maxBytes = Number.POSITIVE_INFINITY): DecodedText {
  const b0 = bytes[0];
  const b1 = bytes[1];
  const b2 = bytes[2];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    const end = utf8Boundary(bytes, maxBytes);
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(0, end)), encoding: 'utf-8' };
  }
  const utf16: 'utf-16le' | 'utf-16be' | null =
    b0 === 0xff && b1 === 0xfe ? 'utf-16le' : b0 === 0xfe && b1 === 0xff ? 'utf-16be' : sniffUtf16(bytes);
  if (utf16) {
    const end = Math.min(bytes.length, maxBytes) & ~1;
    return { text: new TextDecoder(utf16).decode(bytes.subarray(0, end)), encoding: utf16 };
  }
  const end = utf8Boundary(bytes, maxBytes);
  const slice = bytes.subarray(0, end);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(slice), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(slice), encoding: 'windows-1252' };
  }
}

/** Share of control characters (other than tab, newline, carriage return, form feed) in the text's start. */
export function controlCharRatio(text: string, sample = 65_536): number {
  const n = Math.min(text.length, sample);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd)
      bad++;
  }
  return bad / n;
}
