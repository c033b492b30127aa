import type { KubernetesModel } from '../../src/languages/kubernetes/model.js';
import type { Container } from '../../src/languages/kubernetes/workloads.js';
import { fromShell, type SimpleCommand } from '../../src/sysctl.js';

/**
 * What a container runs, as simple commands: its command and args as one command, followed by the
 * commands of its `sh -c` script as the shell reader reads them, each word where it is written.
 */
export function containerCommands(model: KubernetesModel, container: Container): SimpleCommand[] {
  const argv = [...container.command, ...container.args].map((node) => ({ value: node.text, range: node.range }));
  const script = model.scriptOf(container);
  return [...(argv.length ? [{ words: argv, redirects: [] }] : []), ...(script ? fromShell(script) : [])];
}
