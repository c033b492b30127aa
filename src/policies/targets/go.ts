import { KINDS } from '../../languages/index.js';
import type { GoSetting } from '../../facts/go-settings.js';
import type { Location } from '../../types.js';
import { fixedMap, list, scalar, unknownValue, type PolicyObject, type PolicyValue, type TargetAdapter } from '../target.js';

/*
 * Go toolchain settings for policies, from the cross-language fact `workspace.facts.goSettings`:
 * every place in the scan that assigns GOPROXY, GOSUMDB, GOPRIVATE, GOFLAGS … (a .env file, a shell
 * export, a CI workflow, a Dockerfile ENV, a container's env), whichever language contributes it.
 * So this target reads documents of any kind: a setting belongs to the document it is written in.
 */

/** Settings whose value is a list: comma-separated, and for GOPROXY also `|`-separated. */
const LIST_SEPARATOR = /[,|]/;

export const goTargets: TargetAdapter = {
  targets: {
    'go.setting': {
      kinds: KINDS,
      description: 'a Go toolchain setting assigned anywhere (GOPROXY, GOSUMDB, GOPRIVATE, GONOSUMDB, GOFLAGS …); type: the variable name, name: the kind of place (Dockerfile ENV, .env file …); paths: value, entries (the value split at , and |), source',
      shape: { fields: { name: 'scalar', value: 'scalar', entries: { list: 'scalar' }, source: 'scalar' } },
      objects: (document, workspace) => workspace.facts.goSettings.filter((setting) => setting.at.path === document.file.path).map(settingObject),
    },
  },
};

function settingObject(setting: GoSetting): PolicyObject {
  const value = setting.value === undefined ? unknownValue(`the value of ${setting.name} is not known statically`, setting.at) : scalar(setting.value, setting.at);
  const root = fixedMap(setting.nameAt, {
    name: scalar(setting.name, setting.nameAt),
    value,
    entries: setting.value === undefined ? value : list(entries(setting), setting.at),
    source: scalar(setting.source, setting.nameAt),
  });
  return { type: setting.name, name: setting.source, labels: new Map(), header: setting.nameAt, label: `${setting.name} (${setting.source})`, root, identity: setting };
}

/** The entries of the value; each points at its own characters when the value is written verbatim. */
function entries(setting: GoSetting): PolicyValue[] {
  const text = setting.value!;
  const found: PolicyValue[] = [];
  let offset = 0;
  for (const entry of text.split(LIST_SEPARATOR)) {
    if (entry.trim() !== '') found.push(scalar(entry.trim(), setting.verbatim ? within(setting.at, offset + entry.indexOf(entry.trim()), entry.trim().length) : setting.at));
    offset += entry.length + 1;
  }
  return found;
}

function within(at: Location, offset: number, length: number): Location {
  const start = { line: at.range.start.line, column: at.range.start.column + offset };
  return { path: at.path, range: { start, end: { line: start.line, column: start.column + length } } };
}
