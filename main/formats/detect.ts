/** Recognising files from their first bytes (the extension is only a hint). */

const HEIF_BRANDS = new Set([
  'heic',
  'heix',
  'hevc',
  'hevx',
  'heim',
  'heis',
  'hevm',
  'hevs',
  'mif1',
  'msf1',
  'avif',
  'avis',
]);

function ascii(bytes: Uint8Array, from: number, length: number): string {
  let s = '';
  for (let i = from; i < from + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

export function isImage(bytes: Uint8Array): boolean {
  const b = bytes;
  if (b.length < 4) return false;
  if (b[0] === 0x89 && ascii(b, 1, 7) === 'PNG\r\n\x1a\n') return true;
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return true; // JPEG
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return true;
  if (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*') return true; // TIFF
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return true;
  if (ascii(b, 4, 4) === 'ftyp' && HEIF_BRANDS.has(ascii(b, 8, 4))) return true; // HEIC/HEIF/AVIF
  if (b[0] === 0x42 && b[1] === 0x4d && b.length >= 18) {
    // BMP, checked by its DIB header size to spare text
    const dib = (b[14] ?? 0) | ((b[15] ?? 0) << 8) | ((b[16] ?? 0) << 16) | ((b[17] ?? 0) << 24);
    if ([12, 40, 52, 56, 64, 108, 124].includes(dib)) return true;
  }
  if (ascii(b, 0, 4) === '\0\0\x01\0') return true; // ICO
  return false;
}

export function isOle(bytes: Uint8Array): boolean {
  const sig = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 8 && sig.every((v, i) => bytes[i] === v);
}

/** An OLE container holding an "EncryptedPackage" stream is a password-protected .docx/.xlsx/.pptx. */
export function isEncryptedOffice(bytes: Uint8Array): boolean {
  const name = 'EncryptedPackage';
  const needle = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) needle[i * 2] = name.charCodeAt(i);
  const limit = Math.min(bytes.length, 16 * 1024 * 1024) - needle.length;
  outer: for (let i = 0; i <= limit; i++) {
    if (bytes[i] !== 0x45) continue;
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export function fileExtension(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** True when "%PDF-" appears in the first kilobyte (readers accept a little junk before it). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1024) - 5;
  for (let i = 0; i <= n; i++) {
    if (
      bytes[i] === 0x25 &&
      bytes[i + 1] === 0x50 &&
      bytes[i + 2] === 0x44 &&
      bytes[i + 3] === 0x46 &&
      bytes[i + 4] === 0x2d
    ) {
      return true;
    }
  }
  return false;
}
