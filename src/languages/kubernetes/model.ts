import { isGoSettingName, type GoSetting } from '../../facts/go-settings.js';
import type { ModelContribution, Note } from '../../language.js';
import type { Location } from '../../types.js';
import type { KubeObject, KubernetesDocument, Node } from './syntax.js';
import { field } from './syntax.js';
import { mappedText } from './text.js';
import { workloadOf, type Container, type Workload } from './workloads.js';
import type { ShellScript } from '../../shell/index.js';

/*
 * The manifests of the scan as one model: the workloads of each document, and the ConfigMaps by
 * namespace and name (a container's `envFrom` reads them). Helm chart templates are counted, one
 * notice per chart. Go settings set in container env are a fact for the GOP rules.
 */

export interface KubernetesModel {
  workloadsIn(document: KubernetesDocument): readonly Workload[];
  /** The `sh -c` script of a container, read by the shell reader, with ranges in the manifest. */
  scriptOf(container: Container): ShellScript | undefined;
  /** A ConfigMap of the scan by namespace (`default` when unset) and name. */
  configMap(namespace: string | undefined, name: string): KubeObject | undefined;
}

export async function buildKubernetes(documents: readonly KubernetesDocument[]): Promise<ModelContribution<KubernetesModel>> {
  const workloads = new Map(documents.map((document) => [document, document.objects.flatMap((object) => workloadOf(object) ?? [])]));
  const configMaps = new Map<string, KubeObject>();
  for (const document of documents) {
    for (const object of document.objects) if (object.kind === 'ConfigMap' && object.name) configMaps.set(configMapKey(object.namespace, object.name), object);
  }
  const scripts = await containerScripts(workloads);
  return {
    model: { workloadsIn: (document) => workloads.get(document) ?? [], scriptOf: (container) => scripts.get(container), configMap: (namespace, name) => configMaps.get(configMapKey(namespace, name)) },
    facts: { goSettings: () => [...workloads].flatMap(([document, found]) => goSettings(document, found)) },
    notes: helmNotes(documents),
  };
}

/** The `sh -c` scripts of the containers, read with the shell reader (loaded only when a container has one). */
async function containerScripts(workloads: ReadonlyMap<KubernetesDocument, readonly Workload[]>): Promise<Map<Container, ShellScript>> {
  const scripts = new Map<Container, ShellScript>();
  const withScripts = [...workloads].flatMap(([document, found]) => found.flatMap((workload) => workload.containers.filter((container) => container.script).map((container) => ({ document, container }))));
  if (withScripts.length === 0) return scripts;
  // The shell reader and its grammar load only when a container runs a script.
  const { loadShellReader, offsetPositions } = await import('../../shell/index.js');
  const read = await loadShellReader();
  for (const { document, container } of withScripts) {
    const { text, offsets } = mappedText(document, container.script!);
    scripts.set(container, read(text, offsetPositions(document.lines, offsets)));
  }
  return scripts;
}

function configMapKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? 'default'}/${name}`;
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
 * `templates/`), and one per folder of other templated YAML: neither is YAML until rendered.
 */
function helmNotes(documents: readonly KubernetesDocument[]): Note[] {
  const groups = new Map<string, { chart: boolean; paths: string[] }>();
  for (const document of documents) {
    if (!document.helmTemplate) continue;
    const path = document.file.path;
    const { chart, folder } = helmGroup(path);
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
  return { chart, folder: (chart ? path.slice(0, Math.max(0, cut - 1)) : path.slice(0, Math.max(0, path.lastIndexOf('/')))) || '.' };
}

/** The string data of a ConfigMap, key by key. */
export function configMapData(object: KubeObject): { key: string; value: Node }[] {
  const data = field(object.root, 'data');
  return data?.type === 'map' ? data.entries.map((entry) => ({ key: entry.key, value: entry.value })) : [];
}
