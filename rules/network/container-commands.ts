import { lexShell } from '../../src/languages/dockerfile/shell.js';
import type { KubernetesDocument, ScalarNode } from '../../src/languages/kubernetes/syntax.js';
import { mappedText, rangeOfOffsets } from '../../src/languages/kubernetes/text.js';
import type { Container } from '../../src/languages/kubernetes/workloads.js';
import type { CommandWord, SimpleCommand } from '../../src/sysctl.js';

/*
 * What a container runs, as simple commands: its command and args as one command, followed by the
 * commands of the script when that is `sh -c SCRIPT`, each word at the place it is written.
 */

const SHELL = /^(?:\/usr\/bin\/|\/bin\/)?(?:sh|bash|ash|dash|zsh)$/;
/** `-c`, and short option bundles ending in it (`-ec`, `-xc`). */
const SCRIPT_FLAG = /^-[a-z]*c$/;

export function containerCommands(document: KubernetesDocument, container: Container): SimpleCommand[] {
  const argv = [...container.command, ...container.args];
  if (argv.length === 0) return [];
  const words = argv.map((node): CommandWord => ({ value: node.text, range: node.range }));
  const flag = argv.findIndex((node, index) => index > 0 && SCRIPT_FLAG.test(node.text));
  const script = flag > 0 && SHELL.test(argv[0]!.text) ? argv[flag + 1] : undefined;
  return [{ words, redirects: [] }, ...(script ? scriptCommands(document, script) : [])];
}

function scriptCommands(document: KubernetesDocument, script: ScalarNode): SimpleCommand[] {
  const word = (token: { value: string; start: number; end: number }): CommandWord => ({ value: token.value, range: rangeOfOffsets(document, token.start, token.end) });
  return lexShell(mappedText(document, script)).map((command) => ({
    words: command.words.map(word),
    redirects: command.redirects.map((redirect) => ({ operator: redirect.operator, target: word(redirect.target) })),
  }));
}
