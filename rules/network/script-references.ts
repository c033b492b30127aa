import { appendTo } from '../../src/append.js';
import type { DockerfileDocument } from '../../src/languages/dockerfile/model.js';
import type { KubernetesDocument } from '../../src/languages/kubernetes/syntax.js';
import type { ShellDocument } from '../../src/languages/shell/document.js';
import type { RelatedLocation } from '../../src/types.js';
import type { Workspace } from '../../src/workspace.js';
import { containerCommands } from './container-commands.js';
import { CommandWords } from '../../src/shell/command-words.js';

/*
 * Which shell scripts of the scan run in a container: a script is matched by its file name to the
 * words of Dockerfile instructions (COPY start.sh, ENTRYPOINT ["/start.sh"]) and of container
 * command and args. A script no container or image names may be a host's, where sysctl works.
 */

const SCRIPT_NAME = /[^/]+\.(?:sh|bash)$/;
const SCRIPT_NAME_WORDS = CommandWords.anywhere('.sh', '.bash');

const cache = new WeakMap<Workspace, Map<string, RelatedLocation[]>>();
const scriptsByName = new WeakMap<Workspace, Map<string, { document: ShellDocument; order: number }[]>>();

/** The places that name a script, by the script's file name (`start.sh`). */
export function scriptReferences(workspace: Workspace): ReadonlyMap<string, readonly RelatedLocation[]> {
  let found = cache.get(workspace);
  if (!found) {
    found = new Map();
    for (const document of workspace.documents) {
      const words = document.kind === 'dockerfile' ? dockerfileWords(document) : document.kind === 'kubernetes' ? manifestWords(document, workspace) : [];
      for (const { word, message } of words) {
        const name = SCRIPT_NAME.exec(word.value)?.[0];
        if (name) appendTo(found, name, { path: document.file.path, range: word.range, message });
      }
    }
    cache.set(workspace, found);
  }
  return found;
}

/** The shell documents of the scan that a container runs, found by `words` of its command, in the scan's order. */
export function scriptsNamed(workspace: Workspace, words: readonly { value: string }[]): ShellDocument[] {
  let byName = scriptsByName.get(workspace);
  if (!byName) {
    byName = new Map();
    for (const [order, document] of workspace.documents.entries()) if (document.kind === 'shell') appendTo(byName, fileName(document.file.path), { document, order });
    scriptsByName.set(workspace, byName);
  }
  const names = new Set(words.flatMap((word) => SCRIPT_NAME.exec(word.value)?.[0] ?? []));
  return [...names]
    .flatMap((name) => byName.get(name) ?? [])
    .sort((a, b) => a.order - b.order)
    .map(({ document }) => document);
}

export function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A word and what to say about the place it names a script; its range is read only for a script name (Dockerfile words work theirs out when asked). */
interface NamingWord {
  word: { value: string; range: RelatedLocation['range'] };
  message: string;
}

function dockerfileWords(document: DockerfileDocument): NamingWord[] {
  return document.stages.flatMap((stage) =>
    stage.instructions.flatMap((instruction): NamingWord[] => {
      const message = `${instruction.keyword} in ${document.file.path} names the script here`;
      if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') return instruction.sources.map((word) => ({ word, message }));
      if (instruction.keyword === 'RUN' && !instruction.script.mayHold(SCRIPT_NAME_WORDS)) return [];
      if (instruction.keyword === 'RUN' || instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT') return instruction.commands.flatMap((command) => command.words.map((word) => ({ word, message })));
      return [];
    }),
  );
}

function manifestWords(document: KubernetesDocument, workspace: Workspace): NamingWord[] {
  return workspace.kubernetes.workloadsIn(document).flatMap((workload) =>
    workload.containers.flatMap((container) =>
      containerCommands(workspace.kubernetes, container).flatMap((command) => command.words.map((word) => ({ word, message: `container ${container.name ?? '(unnamed)'} of ${workload.label} runs the script here` }))),
    ),
  );
}
