/**
 * Text for the chart SVGs: XML escaping, and widths measured with DejaVu Sans's own advance widths (the font the
 * PNGs are rendered with) so labels can be wrapped and kept apart without a layout engine. Arial, the fallback,
 * is narrower, so a layout that fits in DejaVu Sans fits in Arial too.
 */

/** Escapes text for XML content and attribute values, and drops the characters XML 1.0 does not allow. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/[&<>"']/g, (c) =>
      c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
    );
}

// Advance widths in thousandths of an em for U+0020…U+007E, read from DejaVuSans.ttf and DejaVuSans-Bold.ttf.
const REGULAR = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636,
  636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863,
  748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635,
  615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636,
  337, 636, 838,
];
const BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696,
  696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995,
  837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716,
  678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712,
  365, 712, 838,
];

function advance(code: number, bold: boolean): number {
  if (code >= 32 && code < 127) return (bold ? BOLD : REGULAR)[code - 32]!;
  if (code === 0x2026 || code === 0x2014) return 1000; // … —
  if (code === 0x2013) return 500; // –
  if (code >= 0x2e80) return 1000; // CJK and other wide scripts
  return bold ? 720 : 660; // accented Latin and the rest: a little over the average letter
}

/** The width of `text` in pixels at `size` px. */
export function textWidth(text: string, size: number, bold = false): number {
  let total = 0;
  for (const ch of text) total += advance(ch.codePointAt(0)!, bold);
  return (total / 1000) * size;
}

/**
 * Splits `text` into lines no wider than `maxWidth` at spaces (and after hyphens and slashes). A word wider than
 * the line on its own is broken between characters, so nothing runs out of the image.
 */
export function wrapText(text: string, maxWidth: number, size: number, bold = false): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  const push = (word: string) => {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, size, bold) <= maxWidth) {
      line = candidate;
      return;
    }
    if (line) {
      lines.push(line);
      line = '';
    }
    if (textWidth(word, size, bold) <= maxWidth) {
      line = word;
      return;
    }
    // Too long for a line of its own: break it, preferably after a hyphen or slash.
    let rest = word;
    while (textWidth(rest, size, bold) > maxWidth) {
      let cut = 1;
      while (cut < rest.length && textWidth(rest.slice(0, cut + 1), size, bold) <= maxWidth) cut++;
      const soft = Math.max(rest.lastIndexOf('-', cut - 1), rest.lastIndexOf('/', cut - 1));
      if (soft > 0) cut = soft + 1;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  };
  for (const word of words) push(word);
  if (line) lines.push(line);
  return lines;
}
