import type { Language } from '../../language.js';
import type { KubernetesDocument } from './syntax.js';
import { EMPTY_KUBERNETES_MODEL } from './empty.js';
import type { KubernetesModel } from './model.js';

/** Names a manifest may have: YAML or JSON. What is in them decides (a workflow, a values file, a manifest). */
const MANIFEST_NAME = /\.(?:ya?ml|json)$/i;
/** A key at the top level of a YAML document (column 0), quoted or not, or anywhere in JSON. */
const YAML_API_VERSION = /^(?:apiVersion|"apiVersion"|'apiVersion')[ \t]*:/m;
const YAML_KIND = /^(?:kind|"kind"|'kind')[ \t]*:/m;
const JSON_API_VERSION = /"apiVersion"\s*:/;
const JSON_KIND = /"kind"\s*:/;
/**
 * Whether the text holds a Helm template action (`{{` and later `}}`); with a `templates/` folder in the path,
 * the file is a chart template whatever its keys. Looked for by offsets: the pattern `\{\{[\s\S]*?\}\}`
 * scanned to the end from every `{{` when none closes (120,000 of them took 9 s, found by fuzzing).
 */
export function hasTemplateAction(text: string): boolean {
  const open = text.indexOf('{{');
  return open !== -1 && text.indexOf('}}', open + 2) !== -1;
}
export const IN_TEMPLATES = /(?:^|\/)templates\//;

export const kubernetes: Language<'kubernetes', KubernetesDocument, KubernetesModel> = {
  name: 'kubernetes',
  kinds: ['kubernetes'],
  about: { kubernetes: { names: ['Kubernetes manifest', 'Kubernetes manifests'], fence: 'yaml' } },
  // No name is a Kubernetes manifest by itself: `deployment.yaml` may be anything.
  kindOf: () => undefined,
  byContent: {
    mayHold: (path) => MANIFEST_NAME.test(path),
    kindOf(path, head) {
      if (looksLikeManifest(head)) return 'kubernetes';
      return IN_TEMPLATES.test(path) && hasTemplateAction(head) ? 'kubernetes' : undefined;
    },
  },
  // A manifest named on its own (pre-commit) is checked against the network the Terraform decides, and the scripts its containers run.
  context: ['terraform', 'tfvars', 'shell'],
  contextFacts: ['terraform', 'tfvars'],
  units: async () => (await import('./units.js')).manifestUnits,
  contributes: ['goSettings'],
  parser: async () => (await import('./parser.js')).parseManifests,
  modelBuilder: async () => (await import('./model.js')).buildKubernetes,
  emptyModel: EMPTY_KUBERNETES_MODEL,
};

/** Some document of the file has `apiVersion` and `kind` at its top level (a List holds its objects under `items`). */
function looksLikeManifest(head: string): boolean {
  const json = /^\s*[[{]/.test(head);
  return json ? JSON_API_VERSION.test(head) && JSON_KIND.test(head) : YAML_API_VERSION.test(head) && YAML_KIND.test(head);
}
