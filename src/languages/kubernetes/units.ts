import { appendTo } from '../../append.js';
import { DisjointSets } from '../../disjoint-sets.js';
import type { UnitsOf } from '../../language.js';
import { hasTemplateAction } from './index.js';
import { helmGroup } from './model.js';

/*
 * For --shard and batched scans: templated files of one chart go together (one notice per chart). Where
 * a team policy's `referencedBy` searches manifests, manifests that share a namespace go together too, as
 * the policy finds the objects that refer to one in its namespace (a NetworkPolicy selecting a workload);
 * otherwise no manifest's findings depend on another's, and each stands alone, so that a repository of
 * manifests is checked in batches as small as its files. The namespace is read from the text, each
 * document's top-level `metadata`; where the text does not say plainly (JSON, a List, an alias, a
 * template action), a file goes with every namespace it names and the default one, or, when it cannot
 * tell, with every manifest.
 */

const DOCUMENT_START = /^---(?=[ \t\r\n]|$)/m;
const ANY_NAMESPACE = '*';

export const manifestUnits: UnitsOf = (files, read, searched) => {
  const joined = new DisjointSets(files.map((file) => file.path));
  const holders = new Map<string, string>();
  const unsure: string[] = [];
  for (const { path } of files) {
    const text = read(path) ?? '';
    const keys = searched ? namespacesOf(text) : new Set<string>();
    if (hasTemplateAction(text)) keys.add(`helm:${JSON.stringify(helmGroup(path))}`);
    if (keys.has(ANY_NAMESPACE)) unsure.push(path);
    for (const key of keys) {
      const holder = holders.get(key);
      if (holder === undefined) holders.set(key, path);
      else joined.join(holder, path);
    }
  }
  if (unsure.length > 0) for (const { path } of files) joined.join(unsure[0]!, path);
  const units = new Map<string, string[]>();
  for (const { path } of files) appendTo(units, joined.find(path), path);
  return [...units.values()];
};

function namespacesOf(text: string): Set<string> {
  return new Set(text.split(DOCUMENT_START).flatMap(documentNamespaces));
}

/** The namespaces of one YAML document's objects, as far as its text tells. */
function documentNamespaces(written: string): string[] {
  const document = written.replace(/^[ \t]*#.*$/gm, '');
  const body = document.trim();
  if (body === '') return [];
  if (/^[[{]/.test(body) || /^items:/m.test(body)) return [...mentioned(document), 'default'];
  const flow = /^metadata:[ \t]*\{(.*)\}[ \t]*(?:#.*)?$/m.exec(document);
  if (flow) return [namespaceValue(/(?:^|,)\s*namespace\s*:\s*([^,]*)/.exec(flow[1]!)?.[1])];
  const block = /^metadata:[ \t]*(?:#.*)?\n((?:(?:[ \t]+.*|[ \t]*)(?:\n|$))*)/m.exec(document)?.[1];
  if (block === undefined) return /^metadata:/m.test(document) ? [ANY_NAMESPACE] : ['default'];
  const indent = /^([ \t]+)\S/m.exec(block)?.[1] ?? '';
  if (block.includes('<<')) return [ANY_NAMESPACE];
  const line = new RegExp(`^${indent}namespace[ \\t]*:[ \\t]*(.*)$`, 'm').exec(block);
  return [line ? namespaceValue(line[1]) : 'default'];
}

/** Every namespace the text names anywhere (`namespace: x`, `"namespace": "x"`). */
function mentioned(text: string): string[] {
  return [...text.matchAll(/["']?namespace["']?[ \t]*:[ \t]*([^,}\n]*)/g)].map((match) => namespaceValue(match[1]));
}

/** A plain or quoted namespace; anything else (an alias, a tag, a template action, nothing) could be any namespace. */
function namespaceValue(written: string | undefined): string {
  const value = (written ?? '').replace(/\s+#.*$/, '').trim();
  const plain = /^(?:"([\w.-]+)"|'([\w.-]+)'|([\w.-]+))$/.exec(value);
  return plain ? (plain[1] ?? plain[2] ?? plain[3])! : ANY_NAMESPACE;
}
