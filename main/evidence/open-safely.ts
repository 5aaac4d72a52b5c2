import { showDirectionControls } from '../../shared/domain/xml-text';

/**
 * Which evidence files the system may open. Opening a file hands it to whatever the operating system associates
 * with its type, and for programs and scripts that means running them: on Windows an attachment named .exe, .js,
 * .lnk or .hta would run with the officer's rights. Those are never opened; the read-only copy is shown in its
 * folder instead, and the officer is told why. The list covers Windows' own list of dangerous types (the
 * Attachment Manager's high-risk list) and the macOS and Linux equivalents.
 */
const RUNS_CODE = new Set([
  // Windows programs, installers and shortcuts
  'exe',
  'com',
  'scr',
  'pif',
  'cpl',
  'msc',
  'msi',
  'msp',
  'mst',
  'msix',
  'msixbundle',
  'appx',
  'appxbundle',
  'appinstaller',
  'application',
  'appref-ms',
  'gadget',
  'lnk',
  'url',
  'website',
  'scf',
  'inf',
  'reg',
  'dll',
  'sys',
  'ocx',
  'drv',
  'library-ms',
  'settingcontent-ms',
  'search-ms',
  'searchconnector-ms',
  'diagcab',
  'cab',
  'hta',
  'chm',
  'hlp',
  'xll',
  'xbap',
  'vsto',
  'ins',
  'isp',
  'crt',
  'der',
  'cer',
  'its',
  'mht',
  'mhtml',
  'iso',
  'img',
  'vhd',
  'vhdx',
  'jnlp',
  // Windows scripts
  'bat',
  'cmd',
  'js',
  'jse',
  'vbs',
  'vbe',
  'vb',
  'wsf',
  'wsh',
  'ws',
  'wsc',
  'sct',
  'ps1',
  'ps1xml',
  'ps2',
  'ps2xml',
  'psc1',
  'psc2',
  'psd1',
  'psm1',
  'msh',
  'msh1',
  'msh2',
  'mshxml',
  'msh1xml',
  'msh2xml',
  'pyw',
  'py',
  'pyc',
  'pyo',
  'rb',
  'pl',
  'php',
  // Java and cross-platform
  'jar',
  'class',
  // macOS
  'app',
  'command',
  'tool',
  'terminal',
  'pkg',
  'mpkg',
  'dmg',
  'scpt',
  'scptd',
  'applescript',
  'workflow',
  'action',
  'osax',
  'prefpane',
  'webloc',
  'inetloc',
  'fileloc',
  // Linux and Unix
  'sh',
  'bash',
  'zsh',
  'csh',
  'ksh',
  'run',
  'bin',
  'desktop',
  'appimage',
  'deb',
  'rpm',
  'elf',
  'out',
]);

export interface OpenDecision {
  /** 'viewer': the system may open the copy; 'folder': only show it in its folder. */
  opensWith: 'viewer' | 'folder';
  /** Why it was not opened, for the officer; null when it was. */
  warning: string | null;
}

/** The type Windows and the Finder would go by: the last extension, ignoring trailing dots and spaces (Windows drops them). */
export function fileTypeOf(fileName: string): string {
  const name = fileName.replace(/[. \u0000-\u001f]+$/, '').toLowerCase();
  const dot = name.lastIndexOf('.');
  return dot > 0 || (dot === 0 && name.length > 1) ? name.slice(dot + 1) : '';
}

export function openDecision(fileName: string): OpenDecision {
  const type = fileTypeOf(fileName);
  if (!RUNS_CODE.has(type)) return { opensWith: 'viewer', warning: null };
  // The name as stored, direction controls shown: "Invoice\u202Efdp.exe" must not read as "Invoiceexe.pdf" here.
  return {
    opensWith: 'folder',
    warning:
      `"${showDirectionControls(fileName)}" is a .${type} file, a type the computer would run as a program or script, so it was ` +
      'not opened: open its read-only copy only if you know where it came from, with a program you choose (a text editor ' +
      'shows a script without running it).',
  };
}
