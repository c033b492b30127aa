import type { Language } from '../../language.js';
import type { ShellDocument } from './document.js';

/** Shell scripts by name (extensionless scripts with a shebang are not recognised yet). */
const SHELL_SCRIPT = /\.(?:sh|bash)$/i;

export const shell: Language<'shell', ShellDocument> = {
  name: 'shell',
  kinds: ['shell'],
  about: { shell: { names: ['shell script', 'shell scripts'], fence: 'sh' } },
  kindOf(path) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    return SHELL_SCRIPT.test(name) && name.length > 3 ? 'shell' : undefined;
  },
  contributes: ['goSettings'],
  // NET003 judges a script by whether a Dockerfile or container of the scan runs it: a script named on
  // its own (pre-commit, a --shard part) is read with them.
  context: ['dockerfile', 'kubernetes'],
  nameInContext: (path) => path.slice(path.lastIndexOf('/') + 1),
  parser: async () => (await import('./parser.js')).parseShellScript,
  webAssemblyParser: true,
  modelBuilder: async () => (await import('./model.js')).buildShell,
};
