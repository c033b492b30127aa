import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { UsageError } from '../errors.js';
import type { Level } from '../types.js';
import { readYaml, type CompiledValidator, type Schema, type YamlFile } from '../yaml-schema.js';
import { compileCondition, type CompileContext, type RawCondition } from './conditions.js';
import { validate as generatedValidator, valueDigest } from './policy-validator.generated.js';
import { policyRule, type PolicyRule } from './rule.js';
import { targetNames, targetSpec } from './targets/index.js';
import { readUserFile } from '../source.js';
import { realPath } from '../paths.js';

/** schemas/policy.schema.json compiled by ajv at build time (scripts/compile-schemas.mjs). */
const schema: Schema = { validate: generatedValidator as unknown as CompiledValidator, digest: valueDigest };

export const POLICY_FILE = /\.policy\.ya?ml$/;

/** Families of the built-in catalog (DESIGN.md), reserved even before each of their rules exists. */
const CATALOG_FAMILIES = ['MER', 'RES', 'PDPA', 'NET', 'DKR', 'ECR', 'GOP'];

interface RawPolicy {
  id: string;
  slug?: string;
  title: string;
  level: Level;
  rationale: string;
  remediation: string;
  tags?: string[];
  target: string;
  select?: { type?: string | string[]; name?: string | string[]; namespace?: string | string[]; labels?: Record<string, string>; where?: RawCondition };
  assert: RawCondition;
  message?: string;
}

/**
 * The team policies in `directories` (every `*.policy.yaml` below them, fixtures directories
 * aside), validated and compiled; every problem is a UsageError naming the file, line and key.
 */
/** A directory of policies; `listedAt` is where the config lists it (`.merlint.yaml:3:5`), for errors (read only then). */
export type PolicyDirectory = string | { path: string; listedAt: () => Promise<string> };

export async function loadPolicies(directories: readonly PolicyDirectory[], builtinIds: ReadonlySet<string>): Promise<PolicyRule[]> {
  const reserved = new Set([...CATALOG_FAMILIES, ...[...builtinIds].map(family)]);
  const seen = new Map<string, () => Promise<string>>();
  const policies: PolicyRule[] = [];
  for (const file of await policyFiles(directories)) {
    const shown = relative(process.cwd(), file) || file;
    const yaml = await readYaml(readUserFile(file, 'policy', shown), shown, schema, 'the policy');
    const raw = yaml.value as RawPolicy;
    // Where the id is written is read only for a message: finding it parses a policy read from the cache.
    const idAt = () => yaml.atPath(['id']);
    if (builtinIds.has(raw.id)) throw new UsageError(`${await idAt()}: policy id ${raw.id} is the id of a built-in rule; give the policy your team's prefix, e.g. ACME${raw.id.slice(-3)}`);
    if (reserved.has(family(raw.id))) throw new UsageError(`${await idAt()}: policy id ${raw.id} uses ${family(raw.id)}, the prefix of merlint's built-in rules; give the policy your team's prefix, e.g. ACME${raw.id.slice(-3)}`);
    const clash = seen.get(raw.id);
    if (clash) throw new UsageError(`${await idAt()}: policy id ${raw.id} is already used by ${await clash()}; each policy needs its own id`);
    seen.set(raw.id, idAt);
    policies.push(await compiledPolicy(raw, yaml, shown, dirname(file)));
  }
  return policies.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The policy compiled, or the UsageError of its first problem at the place in its file the problem names. */
async function compiledPolicy(raw: RawPolicy, yaml: YamlFile, shown: string, directory: string): Promise<PolicyRule> {
  try {
    return compilePolicy(raw, shown, directory);
  } catch (error) {
    if (!(error instanceof PolicyProblem)) throw error;
    throw new UsageError(`${await yaml.atPath(error.yamlPath, error.key)}: ${error.message}`);
  }
}

/** A problem of a policy, at a path of its YAML (and at `key` there): its position is read only to report it, which parses a policy read from the cache. */
class PolicyProblem extends Error {
  constructor(
    readonly yamlPath: readonly (string | number)[],
    readonly key: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

function compilePolicy(raw: RawPolicy, shown: string, directory: string): PolicyRule {
  const spec = targetSpec(raw.target);
  if (!spec) throw new PolicyProblem(['target'], undefined, `unknown target ${raw.target}; use one of ${targetNames().join(', ')}`);
  const searched = new Set<string>();
  const context: CompileContext = {
    target: raw.target,
    spec,
    // Only `referencedBy` asks for another target: the kinds it searches across the workspace.
    specOf: (target) => {
      const other = targetSpec(target);
      for (const kind of other?.kinds ?? []) searched.add(kind);
      return other;
    },
    problem(path, key, message) {
      throw new PolicyProblem(path, key, message);
    },
  };
  const where = raw.select?.where && compileCondition(raw.select.where, ['select', 'where'], context);
  return policyRule({
    meta: {
      id: raw.id,
      slug: raw.slug ?? slugOf(raw.title),
      level: raw.level,
      title: oneLine(raw.title),
      rationale: raw.rationale.trim(),
      remediation: raw.remediation.trim(),
      helpUri: shown.split('\\').join('/'),
      tags: ['team-policy', ...(raw.tags ?? [])],
    },
    file: shown,
    directory,
    target: raw.target,
    select: { ...raw.select, where },
    assert: compileCondition(raw.assert, ['assert'], context),
    message: raw.message === undefined ? undefined : oneLine(raw.message),
    searched: [...searched],
  });
}

/** Text written as a YAML block (`>` or `|`) as one line: a title and a message become part of one-line findings. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function family(id: string): string {
  return id.replace(/[0-9]+$/, '');
}

function slugOf(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60).replace(/-$/, '');
}


/** Policy files below each directory, each once, in path order; `fixtures`, `node_modules` and dot directories are not searched. */
export async function policyFiles(directories: readonly PolicyDirectory[]): Promise<string[]> {
  const files = new Set<string>();
  for (const directory of directories) {
    const path = typeof directory === 'string' ? directory : directory.path;
    let real: string;
    try {
      real = realPath(path);
      if (!statSync(real).isDirectory()) throw new Error('ENOTDIR');
    } catch {
      const at = typeof directory === 'string' ? '' : `${await directory.listedAt()}: `;
      throw new UsageError(`${at}policy directory ${relative(process.cwd(), path) || path} does not exist or is not a directory`);
    }
    collect(real, files);
  }
  return [...files].sort();
}

function collect(directory: string, files: Set<string>): void {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory() && entry.name !== 'fixtures' && entry.name !== 'node_modules' && !entry.name.startsWith('.')) collect(path, files);
    else if (entry.isFile() && POLICY_FILE.test(entry.name)) files.add(path);
  }
}
