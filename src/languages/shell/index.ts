import type { Language } from '../../language.js';
import type { ShellDocument } from './document.js';

/** Shell scripts by name. Extensionless scripts with a shell shebang are recognised by content, which recognition by path cannot do. */
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
  parser: async () => (await import('./parser.js')).parseShellScript,
  modelBuilder: async () => (await import('./model.js')).buildShell,
};
