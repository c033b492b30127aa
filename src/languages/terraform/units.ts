import type { UnitsOf } from '../../language.js';
import { appendTo } from '../../append.js';
import { DisjointSets } from '../../disjoint-sets.js';
import { parentOf } from '../../paths.js';
import { MATCHED_ACROSS_MODULES, ModuleGraph } from './context.js';
import { isConfiguration } from './sources.js';

/*
 * Which Terraform files must be checked in one run, for --shard: the same module graph a lone file's
 * context is read from (context.ts). A directory's files go with the modules they call and the roots
 * that call them, transitively; modules whose resources the model matches across modules by name
 * (a repository and its lifecycle policy or registry scanning, a VPC and its IPv6 association, a
 * replication rule and its destination bucket) go together too. A plan is a unit of its own unless
 * such a match joins it to others.
 */

export const terraformUnits: UnitsOf = (files, read) => {
  const nodeOf = (file: { path: string; kind: string }) => (file.kind === 'tfplan' ? file.path : parentOf(file.path));
  const members = new Map<string, string[]>();
  const texts = new Map<string, string[]>();
  const graph = new ModuleGraph();
  for (const file of files) {
    const node = nodeOf(file);
    appendTo(members, node, file.path);
    if (!isConfiguration(file.path) && file.kind !== 'tfplan') continue;
    const text = read(file.path) ?? '';
    appendTo(texts, node, text);
    if (file.kind !== 'tfplan') graph.addCalls(node, text);
  }
  const joined = new DisjointSets(members.keys());
  for (const [caller, called] of graph.calls) for (const module of called) joined.join(caller, module);
  for (const { when, read: matched } of MATCHED_ACROSS_MODULES) {
    const holding = (test: (text: string) => boolean) => [...texts].filter(([, found]) => found.some(test)).map(([node]) => node);
    const [users, usedBy] = [holding(when), holding(matched)];
    if (users.length > 0 && usedBy.length > 0) for (const node of [...users, ...usedBy]) joined.join(users[0]!, node);
  }
  const units = new Map<string, string[]>();
  for (const [node, paths] of members) for (const path of paths) appendTo(units, joined.find(node), path);
  return [...units.values()];
};
