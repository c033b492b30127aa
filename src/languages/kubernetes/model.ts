import { isGoSettingName, type GoSetting } from '../../facts/go-settings.js';
import type { ModelContribution, Note } from '../../language.js';
import type { Location } from '../../types.js';
import type { KubeObject, KubernetesDocument, Node } from './syntax.js';
import { field } from './syntax.js';
import { mappedText } from './text.js';
import { workloadOf, type Container, type Workload } from './workloads.js';
import type { ShellDialect, ShellScript } from '../../shell/index.js';
import { CommandWords, mayHold } from '../../shell/command-words.js';
import { dialectOf } from '../../shell/commands.js';
import { imageShDialect } from '../../shell/images.js';
import { KERNEL_PARAMETERS } from '../../sysctl.js';
import type { FileReader, ModelOptions } from '../../workspace.js';

/*
 * The manifests of the scan as one model: the workloads of each document. Helm chart templates are
 * counted, one notice per chart. Go settings set in container env are a fact for the GOP rules.
 */

export interface KubernetesModel {
  workloadsIn(document: KubernetesDocument): readonly Workload[];
  /**
   * The `sh -c` script of a container, read by the shell reader, with ranges in the
   * manifest; undefined for a script that cannot hold what a container's commands are read for, and
   * for every script when no enabled rule reads them (`container-scripts`).
   */
  scriptOf(container: Container): ShellScript | undefined;
}

export async function buildKubernetes(documents: readonly KubernetesDocument[], options: ModelOptions): Promise<ModelContribution<KubernetesModel>> {
  const workloads = new Map(documents.map((document) => [document, document.objects.flatMap((object) => workloadOf(object) ?? [])]));
  const scriptOf = options.requested.has('container-scripts') ? await scriptReader(workloads) : () => undefined;
  return {
    model: { workloadsIn: (document) => workloads.get(document) ?? [], scriptOf },
    facts: { goSettings: () => [...workloads].flatMap(([document, found]) => goSettings(document, found)) },
    notes: helmNotes(documents, options.reader),
  };
}

/**
 * What is read from a container's commands: kernel parameters changed (src/sysctl.ts) and script
 * files run (`start.sh`). A script that can spell none of them is never read.
 */
const SCRIPT_WORDS = CommandWords.anywhere(...KERNEL_PARAMETERS.words, '.sh', '.bash');

/**
 * Reads the `sh -c` scripts that may matter; the shell reader and its grammar load only when a container runs one. Each
 * script is read with a reader loaded anew, so that after tree-sitter failed on one the next has a new instance.
 */
async function scriptReader(workloads: ReadonlyMap<KubernetesDocument, readonly Workload[]>): Promise<KubernetesModel['scriptOf']> {
  const documentOf = new Map<Container, KubernetesDocument>();
  for (const [document, found] of workloads) {
    for (const workload of found) for (const container of workload.containers) if (container.script && mayHold(container.script.text, SCRIPT_WORDS)) documentOf.set(container, document);
  }
  if (documentOf.size === 0) return () => undefined;
  const { loadShellReader, offsetPositions } = await import('../../shell/index.js');
  const scripts = new Map<Container, ShellScript>();
  for (const [container, document] of documentOf) {
    const { text, offsets } = mappedText(document, container.script!);
    scripts.set(container, (await loadShellReader())(text, offsetPositions(document.lines, offsets), undefined, scriptDialect(container)));
  }
  return (container) => scripts.get(container);
}

/** The dialect of the shell that runs a container's `sh -c` script: `sh` is the image's /bin/sh, known by the image's name (src/shell/images.ts). */
function scriptDialect(container: Container): ShellDialect {
  const shell = container.command[0] ?? container.args[0];
  return dialectOf(shell!.text, imageShDialect(container.image?.text));
}

function goSettings(document: KubernetesDocument, workloads: readonly Workload[]): GoSetting[] {
  const path = document.file.path;
  return workloads.flatMap((workload) =>
    workload.containers.flatMap((container) =>
      container.env.flatMap((variable): GoSetting[] => {
        if (!isGoSettingName(variable.name)) return [];
        const value = variable.value;
        return [
          {
            name: variable.name,
            value: value ? value.text : undefined,
            at: { path, range: (value ?? variable.valueFrom ?? { range: variable.nameRange }).range },
            nameAt: { path, range: variable.nameRange },
            source: 'Kubernetes container env',
            verbatim: value?.verbatim ?? false,
          },
        ];
      }),
    ),
  );
}

/**
 * One notice per Helm chart whose templates are in the scan (the chart is the folder above
 * `templates/`, holding a Chart.yaml), and one per folder of other templated YAML: neither is YAML
 * until rendered. A `templates/` folder without a Chart.yaml beside it (Go templates of a tool that
 * renders them itself) is no chart, and `helm template` would refuse it.
 */
function helmNotes(documents: readonly KubernetesDocument[], reader: FileReader): Note[] {
  const charts = new Map<string, boolean>();
  const isChart = (folder: string): boolean => {
    let known = charts.get(folder);
    if (known === undefined) charts.set(folder, (known = reader.read(folder, 'Chart.yaml').ok));
    return known;
  };
  const groups = new Map<string, { chart: boolean; paths: string[] }>();
  for (const document of documents) {
    if (!document.helmTemplate) continue;
    const path = document.file.path;
    const written = helmGroup(path);
    const { chart, folder } = written.chart && !isChart(written.folder) ? { chart: false, folder: folderOf(path) } : written;
    const group = groups.get(`${chart}:${folder}`) ?? { chart, paths: [] };
    group.paths.push(path);
    groups.set(`${chart}:${folder}`, group);
  }
  return [...groups].map(([key, { chart, paths }]): Note => {
    const folder = key.slice(key.indexOf(':') + 1);
    const location = { path: paths[0]!, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } } satisfies Location;
    const count = paths.length === 1 ? '1 template was' : `${paths.length} templates were`;
    const rendered = `${folder === '.' ? '' : `${folder}/`}rendered.yaml`;
    const message = chart
      ? `Helm chart ${folder}: ${count} not checked, as templates are not YAML until rendered; scan the rendered manifests instead: helm template ${folder} | merlint - --stdin-filename ${rendered}`
      : `${folder}: ${count} not checked: {{ … }} template actions make the files invalid YAML until rendered; scan the rendered output instead (… | merlint - --stdin-filename ${rendered})`;
    return { location, message };
  });
}

/** The chart a template belongs to (the folder above its `templates/`), or for other templated YAML its folder: one notice each. */
export function helmGroup(path: string): { chart: boolean; folder: string } {
  const cut = path.lastIndexOf('templates/');
  const chart = cut === 0 || (cut > 0 && path[cut - 1] === '/');
  return chart ? { chart, folder: path.slice(0, Math.max(0, cut - 1)) || '.' } : { chart, folder: folderOf(path) };
}

function folderOf(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf('/'))) || '.';
}

/** The string data of a ConfigMap, key by key. */
export function configMapData(object: KubeObject): { key: string; value: Node }[] {
  const data = field(object.root, 'data');
  return data?.type === 'map' ? data.entries.map((entry) => ({ key: entry.key, value: entry.value })) : [];
}
