import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Session } from 'electron';

export const SPELLCHECK_LANGUAGE = 'en-GB';

export interface SpellcheckOptions {
  platform: NodeJS.Platform;
  /** <resources>/dictionaries in the packaged app: bundled Hunspell .bdic files, if any. */
  dictionariesDir: string;
  /** app.getPath('userData'); Chromium looks for dictionaries in its Dictionaries subfolder before downloading. */
  userDataDir: string;
}

/**
 * British English spellcheck that never touches the network.
 *  - macOS: the system checker is used and picks the language itself; setSpellCheckerLanguages is a no-op
 *    there, so it is not called.
 *  - Windows: the system checker is used; the language is still chosen here.
 *  - Linux (and Windows if Hunspell is ever used): Chromium downloads Hunspell .bdic dictionaries from Google's
 *    CDN by default. We copy bundled dictionaries into the place Chromium looks first and point the download
 *    URL at the local folder, so a missing dictionary means no spellcheck rather than a request to Google.
 *
 * No .bdic is shipped yet: Chromium's convert_dict tool, which makes one from a Hunspell .dic/.aff pair, is not
 * available on our build machines. Until resources/dictionaries/en-GB-*.bdic is added, Linux builds have no
 * spellcheck (and still make no request).
 */
export function configureSpellcheck(ses: Session, options: SpellcheckOptions): void {
  if (options.platform === 'darwin') return;
  installBundledDictionaries(options.dictionariesDir, join(options.userDataDir, 'Dictionaries'));
  // Trailing slash: Chromium appends the file name (e.g. en-gb-10-1.bdic) to this base URL.
  ses.setSpellCheckerDictionaryDownloadURL(pathToFileURL(options.dictionariesDir).href.replace(/\/?$/, '/'));
  ses.on('spellcheck-dictionary-download-failure', (_event, language) => {
    console.warn(`[sendpack] no bundled spellcheck dictionary for ${language}; spellcheck is off for it`);
  });
  if (ses.availableSpellCheckerLanguages.includes(SPELLCHECK_LANGUAGE)) {
    try {
      ses.setSpellCheckerLanguages([SPELLCHECK_LANGUAGE]);
    } catch (error) {
      console.warn('[sendpack] could not set the spellcheck language:', error);
    }
  }
}

/** Copies *.bdic files Chromium does not have yet; returns the names copied. Never throws. */
export function installBundledDictionaries(fromDir: string, toDir: string): string[] {
  const copied: string[] = [];
  try {
    if (!existsSync(fromDir)) return copied;
    const files = readdirSync(fromDir).filter((name) => name.toLowerCase().endsWith('.bdic'));
    if (files.length === 0) return copied;
    mkdirSync(toDir, { recursive: true });
    for (const name of files) {
      const target = join(toDir, name);
      if (existsSync(target)) continue;
      copyFileSync(join(fromDir, name), target);
      copied.push(name);
    }
  } catch (error) {
    console.warn('[sendpack] could not install the bundled spellcheck dictionaries:', error);
  }
  return copied;
}
