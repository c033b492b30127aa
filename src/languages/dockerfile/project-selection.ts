/**
 * What a uv project command installs into the project environment: the project with its dependencies, and which dependency
 * groups and extras, read from its options as uv reads them (uv-configuration's DependencyGroups::from_history, the
 * ExtrasSpecification of `--extra` / `--all-extras`).
 */

/** A set of names, or every name but some: `--group a` is `{ every: false, names: {a} }`, `--all-groups --no-group b` is `{ every: true, names: {b} }`. */
export interface NameSet {
  every: boolean;
  names: ReadonlySet<string>;
}

export interface Selection {
  /** The project and its dependencies; not with `--only-group` or `--only-dev`, which install the groups alone. */
  project: boolean;
  groups: NameSet;
  extras: NameSet;
}

/** What an environment synced elsewhere holds, as far as merlint can tell: everything a command may ask for. */
export const EVERYTHING: Selection = { project: true, groups: { every: true, names: new Set() }, extras: { every: true, names: new Set() } };

/**
 * The default groups: `dev`, unless the project's `tool.uv.default-groups` says otherwise, which merlint does not read (uv's
 * docs, "Default groups").
 */
const DEFAULT_GROUPS = ['dev'];

/** The options that take a group or an extra as their value. */
export const SELECTION_OPTIONS = ['--group', '--only-group', '--no-group', '--extra', '--no-extra'];

/**
 * The selection a project command's options ask for; `switchedOn` tells whether one of uv's switch variables is on for it
 * (`UV_NO_DEV`, `UV_NO_DEFAULT_GROUPS`).
 */
export function selectionOf(words: readonly string[], switchedOn: (name: string) => boolean): Selection {
  const groups: string[] = [];
  const only: string[] = [];
  const excluded: string[] = [];
  const extras: string[] = [];
  const excludedExtras: string[] = [];
  let allGroups = false;
  let allExtras = false;
  let noDefaultGroups = switchedOn('UV_NO_DEFAULT_GROUPS');
  if (switchedOn('UV_NO_DEV')) excluded.push('dev');
  for (let i = 0; i < words.length; i++) {
    const [option, attached] = splitOption(words[i]!);
    const value = () => attached ?? words[++i] ?? '';
    if (option === '--dev') groups.push('dev');
    else if (option === '--no-dev') excluded.push('dev');
    else if (option === '--only-dev') only.push('dev');
    else if (option === '--group') groups.push(value());
    else if (option === '--only-group') only.push(value());
    else if (option === '--no-group') excluded.push(value());
    else if (option === '--no-default-groups') noDefaultGroups = true;
    else if (option === '--all-groups') allGroups = true;
    else if (option === '--extra') extras.push(value());
    else if (option === '--no-extra') excludedExtras.push(value());
    else if (option === '--all-extras') allExtras = true;
  }
  const defaults = !noDefaultGroups && only.length === 0 ? DEFAULT_GROUPS : [];
  return {
    project: only.length === 0,
    groups: nameSet(allGroups, [...groups, ...only, ...defaults], excluded),
    extras: nameSet(allExtras, extras, excludedExtras),
  };
}

/** `--option=value` as the option and its value. */
export function splitOption(word: string): [string, string | undefined] {
  const equals = word.indexOf('=');
  return word.startsWith('--') && equals !== -1 ? [word.slice(0, equals), word.slice(equals + 1)] : [word, undefined];
}

/** The names included but those excluded, which always win (DependencyGroupsInner::contains). */
function nameSet(every: boolean, included: readonly string[], excluded: readonly string[]): NameSet {
  return every ? { every, names: new Set(excluded) } : { every, names: new Set(included.filter((name) => !excluded.includes(name))) };
}

/** Whether an environment that holds `held` holds all that `wanted` asks for. */
export function holdsSelection(held: Selection, wanted: Selection): boolean {
  return (held.project || !wanted.project) && holdsNames(held.groups, wanted.groups) && holdsNames(held.extras, wanted.extras);
}

/** A finite set never holds every name: the project may have more than those named. */
function holdsNames(held: NameSet, wanted: NameSet): boolean {
  if (wanted.every) return held.every && [...held.names].every((name) => wanted.names.has(name));
  return [...wanted.names].every((name) => held.every !== held.names.has(name));
}

/** What an environment holds after an inexact sync of `added` (`uv run`, `uv add`), which removes nothing. */
export function withSelection(held: Selection, added: Selection): Selection {
  return { project: held.project || added.project, groups: joinedNames(held.groups, added.groups), extras: joinedNames(held.extras, added.extras) };
}

function joinedNames(a: NameSet, b: NameSet): NameSet {
  if (!a.every && !b.every) return { every: false, names: new Set([...a.names, ...b.names]) };
  if (a.every && b.every) return { every: true, names: new Set([...a.names].filter((name) => b.names.has(name))) };
  const [every, some] = a.every ? [a, b] : [b, a];
  return { every: true, names: new Set([...every.names].filter((name) => !some.names.has(name))) };
}
