import type { Location, Range } from '../types.js';
import type { ModelContribution } from '../language.js';
import type { LineIndex } from '../positions.js';

/*
 * Go toolchain settings (GOPROXY, GOSUMDB, GOPRIVATE, GONOPROXY, GONOSUMDB, GOINSECURE, GOFLAGS,
 * GOTOOLCHAIN, and misspellings of them such as GONOSUMCHECK) assigned a value somewhere in the scan:
 * a .env file, a shell export, a Makefile, a CI workflow's env, a Dockerfile ENV, a container's env.
 * Every language that can set an environment variable contributes them; the GOP rules read them.
 */

export interface GoSetting {
  /** The variable as written: `GOPROXY`. */
  readonly name: string;
  /** The value after the source's own quoting and escapes are undone; undefined when it cannot be known statically (`${VAR}` not resolved in the file). */
  readonly value: string | undefined;
  /** Where the value is written: the exact characters of the value (inside quotes), so findings point at them. */
  readonly at: Location;
  /** Where the name is written. */
  readonly nameAt: Location;
  /** What kind of place assigns it, for messages: `Dockerfile ENV`, `.env file`, `GitHub Actions env`, `go env -w`. */
  readonly source: string;
  /**
   * True when the value is written verbatim on one line from `at.range.start` (no escapes or
   * substitutions), so that a rule can point at a part of it, such as the credentials in a proxy URL.
   */
  readonly verbatim: boolean;
  /**
   * The command whose environment alone the setting is (`GOPROXY=off go test`, a command's prefix in
   * a shell script or a Dockerfile RUN); undefined when it holds for what follows in its place.
   */
  readonly appliesTo?: Range;
  /**
   * Other places whose shell session runs it too, as each GitLab job that inherits `default: before_script` runs those lines
   * before its script: a `GOPROXY=off` it sets holds there as well.
   */
  readonly sharedWith?: readonly string[];
}

/**
 * Names that look like Go settings but are not read by the go command, so setting them protects or
 * changes nothing: `GONOSUMCHECK` (often written for GONOSUMDB), `GONOVERIFY` (the name GONOSUMDB had
 * before Go 1.13 was released), `GONOSUMBD`.
 */
export const MISSPELLED_GO_SETTINGS: ReadonlySet<string> = new Set(['GONOSUMCHECK', 'GONOVERIFY', 'GONOSUMBD', 'GOSUMCHECK']);

/**
 * Whether a variable is one the go command reads: `GO` and capitals or digits, no underscore
 * (GOPROXY, GOFLAGS, GO111MODULE, GOFIPS140; and misspellings such as GONOSUMCHECK, which rules
 * name), unlike GOOGLE_APPLICATION_CREDENTIALS.
 */
export function isGoSettingName(name: string): boolean {
  return name.startsWith('GO') && /^GO[A-Z0-9]+$/.test(name);
}

/** Settings whose value can hold a URL with credentials: the proxy list and the checksum database's `name+key url`. */
export function holdsProxyUrl(name: string): boolean {
  return name === 'GOPROXY' || name === 'GOSUMDB';
}

/** A variable assignment as a settings language reads it, with offsets in the file's text (end exclusive). */
export interface WrittenVariable {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** After the file format's quoting, escapes and references; undefined when not known statically. */
  value: string | undefined;
  valueStart: number;
  valueEnd: number;
  /** The value is the text from valueStart to valueEnd as it stands, on one line. */
  verbatim: boolean;
}

/** The Go settings among a document's variables; `source` says for each what kind of place assigns it. */
export function goSettingsAmong<V extends WrittenVariable>(path: string, index: LineIndex, variables: readonly V[], source: (variable: V) => string): GoSetting[] {
  return variables.filter((variable) => isGoSettingName(variable.name)).map((variable) => goSettingAt(path, index, { ...variable, source: source(variable) }));
}

/** A GoSetting from offsets in a file's text. */
function goSettingAt(path: string, index: LineIndex, written: WrittenVariable & { source: string }): GoSetting {
  return {
    name: written.name,
    value: written.value,
    at: { path, range: index.range(written.valueStart, written.valueEnd) },
    nameAt: { path, range: index.range(written.nameStart, written.nameEnd) },
    source: written.source,
    verbatim: written.verbatim,
  };
}

/** The model contribution of a language whose only product is the Go settings its documents assign. */
export function goSettingsContribution<D>(documents: readonly D[], settingsOf: (document: D) => GoSetting[]): ModelContribution<undefined> {
  return { model: undefined, facts: { goSettings: () => documents.flatMap(settingsOf) }, notes: [] };
}

/**
 * The settings with `verbatim` kept only where the file's text at the value's range is the value
 * itself: a script embedded in another file (a make recipe after `$(VAR)` expansion, a YAML scalar)
 * may read as verbatim to the shell and still not be written that way, and a rule must not point
 * at a part of it by counting columns.
 */
export function verbatimInFile(settings: readonly GoSetting[], text: string, index: LineIndex): GoSetting[] {
  return settings.map((setting) => {
    if (!setting.verbatim) return setting;
    const written = text.slice(index.offset(setting.at.range.start), index.offset(setting.at.range.end));
    return written === setting.value ? setting : { ...setting, verbatim: false };
  });
}
