import { appendTo } from '../../src/append.js';
import type { GoSetting } from '../../src/facts/go-settings.js';
import { kindsContributing, type Document } from '../../src/languages/index.js';
import type { Workspace } from '../../src/workspace.js';
import type { Location, Range } from '../../src/types.js';

/*
 * What the go command makes of its module settings (go.dev/ref/mod#environment-variables), for the
 * GOP rules. Each rule runs on every document of a language that contributes Go settings and judges
 * the settings written in that document, so a setting is reported once, in its own file.
 */

export const GO_SETTING_KINDS = kindsContributing('goSettings');

const byPath = new WeakMap<readonly GoSetting[], Map<string, GoSetting[]>>();
/** What most documents set: one list for all of them, which no rule needs to filter. */
const NO_SETTINGS: readonly never[] = [];

/** Every Go setting written in the document, whatever its value; the settings of a scan are grouped by file once. */
export function allSettingsIn(document: Document, workspace: Workspace): readonly GoSetting[] {
  const settings = workspace.facts.goSettings;
  let grouped = byPath.get(settings);
  if (!grouped) {
    grouped = new Map();
    for (const setting of settings) {
      appendTo(grouped, setting.at.path, setting);
    }
    byPath.set(settings, grouped);
  }
  return grouped.get(document.file.path) ?? NO_SETTINGS;
}

/** The Go settings written in this document whose value is known (a `${VAR}` the file does not define is not judged). */
export function settingsIn(document: Document, workspace: Workspace, ...names: string[]): readonly (GoSetting & { value: string })[] {
  const settings = allSettingsIn(document, workspace);
  if (settings.length === 0) return NO_SETTINGS;
  return settings.filter(
    (setting): setting is GoSetting & { value: string } => setting.value !== undefined && setting.value.trim() !== '' && (names.length === 0 || names.includes(setting.name)),
  );
}

/** Where a part of the value is written (offsets in the value), when the value is written verbatim; else the whole value. */
export function partOf(setting: GoSetting, start: number, end: number): Location {
  if (!setting.verbatim) return setting.at;
  const { path, range } = setting.at;
  const line = range.start.line;
  return { path, range: { start: { line, column: range.start.column + start }, end: { line, column: range.start.column + end } } };
}

/** How a setting is named in messages: `GOPROXY (GitHub Actions workflow env)`. */
export function named(setting: GoSetting): string {
  return `${setting.name} (${setting.source})`;
}

export interface ProxyEntry {
  /** As written, trimmed: `https://proxy.golang.org`, `direct`, `off`. */
  text: string;
  /** Offsets of `text` in the value. */
  start: number;
  end: number;
  /** The separator after it: `,` falls through only on 404/410, `|` on any error; '' at the end. */
  separator: ',' | '|' | '';
  keyword: 'direct' | 'off' | undefined;
  /** For a proxy: its URL with the implicit `https://` the go command adds to `host/path`. */
  url: URL | undefined;
}

/** The GOPROXY list as the go command splits it (entries after `direct` or `off` are kept: the rules say they are never used). */
export function proxyList(value: string): ProxyEntry[] {
  const entries: ProxyEntry[] = [];
  const pattern = /([^,|]*)([,|]|$)/g;
  for (const match of value.matchAll(pattern)) {
    const raw = match[1]!;
    const text = raw.trim();
    if (text !== '') {
      const start = match.index + raw.indexOf(text);
      const keyword = text === 'direct' || text === 'off' ? text : undefined;
      entries.push({ text, start, end: start + text.length, separator: match[2] as ProxyEntry['separator'], keyword, url: keyword ? undefined : proxyUrl(text) });
    }
    if (match[0] === '') break;
  }
  return entries;
}

function proxyUrl(text: string): URL | undefined {
  const written = /[.:/]/.test(text) && !text.includes(':/') && !text.startsWith('/') ? `https://${text}` : text;
  try {
    return new URL(written);
  } catch {
    return undefined;
  }
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * A proxy on this machine or beside it: loopback, or a single-label name such as `athens` or
 * `goproxy-devcontainer`, which resolves only to a container of the same Compose network or pod.
 */
export function isLocal(url: URL): boolean {
  return LOOPBACK.test(url.hostname) || url.hostname.endsWith('.localhost') || /^[a-z0-9-]+$/i.test(url.hostname);
}

/**
 * Whether the place that assigns the setting also sets `GOPROXY=off` for it (for the whole place, or
 * as a prefix of the same command): nothing is downloaded there (a hermetic test or vendored build),
 * so what the checksum settings say cannot let altered code in.
 */
export function fetchesNothing(setting: GoSetting, document: Document, workspace: Workspace): boolean {
  const places = placesFetchingNothing(allSettingsIn(document, workspace)).get(setting.source);
  return places !== undefined && (places.has(WHOLE_PLACE) || (setting.appliesTo !== undefined && places.has(rangeKey(setting.appliesTo))));
}

const fetchingNothing = new WeakMap<readonly GoSetting[], Map<string, Set<string>>>();
const WHOLE_PLACE = '';

/**
 * For each source of a document's settings, where it sets `GOPROXY=off` (itself, or a place whose session it shares): the range
 * it applies to, or WHOLE_PLACE. Gathered once per document (asking every setting of a file about all the others took
 * a minute for a 256 KB Makefile, found by fuzzing).
 */
function placesFetchingNothing(settings: readonly GoSetting[]): Map<string, Set<string>> {
  let places = fetchingNothing.get(settings);
  if (!places) {
    places = new Map();
    for (const other of settings) {
      if (other.name !== 'GOPROXY' || other.value?.trim() !== 'off') continue;
      for (const source of [other.source, ...(other.sharedWith ?? [])]) {
        const keys = places.get(source) ?? new Set<string>();
        keys.add(other.appliesTo === undefined ? WHOLE_PLACE : rangeKey(other.appliesTo));
        places.set(source, keys);
      }
    }
    fetchingNothing.set(settings, places);
  }
  return places;
}

function rangeKey({ start, end }: Range): string {
  return `${start.line}:${start.column}-${end.line}:${end.column}`;
}

export interface PatternEntry {
  pattern: string;
  start: number;
  end: number;
}

/** A GOPRIVATE-style comma list (no spaces are trimmed: the go command does not trim them either). */
export function patternList(value: string): PatternEntry[] {
  const entries: PatternEntry[] = [];
  let start = 0;
  for (const part of value.split(',')) {
    const pattern = part.replace(/\/$/, '');
    if (pattern !== '') entries.push({ pattern, start, end: start + part.length });
    start += part.length + 1;
  }
  return entries;
}

/**
 * golang.org/x/mod/module.MatchPrefixPatterns for one pattern, compiled once to be tried on many paths: path.Match against
 * as many leading elements of a path as the pattern has.
 */
function modulePrefixMatcher(pattern: string): (path: string) => boolean {
  const elements = pattern.split('/').length;
  const expression = pathExpression(pattern);
  return (path) => {
    const parts = path.split('/');
    return expression !== undefined && parts.length >= elements && expression.test(parts.slice(0, elements).join('/'));
  };
}

/**
 * Go's path.Match as a regular expression: `*` and `?` within one element, `[…]` classes (`[^…]` negated), `\` escapes.
 * Undefined for a pattern that matches nothing: an unclosed class, or one too large for JavaScript's expressions (some
 * 100,000 characters: the rule failed, found by fuzzing). Such a pattern, its stars run together, holds as many characters
 * that must each match one of the path's, so no module path is that long.
 */
function pathExpression(pattern: string): RegExp | undefined {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    // A run of `*` matches what one does.
    if (c === '*') source += source.endsWith('[^/]*') && pattern[i - 1] === '*' ? '' : '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]!);
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) return undefined;
      const body = pattern.slice(i + 1, close);
      source += `[${body.startsWith('^') ? `^/${escapeClass(body.slice(1))}` : escapeClass(body)}]`;
      i = close;
    } else source += escapeRegExp(c);
  }
  try {
    const expression = new RegExp(`^${source}$`);
    // V8 compiles an expression when it first matches, and only then finds it too large.
    expression.test('');
    return expression;
  } catch {
    return undefined;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function escapeClass(body: string): string {
  return body.replace(/[\]\\^]/g, '\\$&');
}

/** Paths on every public host and top-level domain: a pattern that matches one exempts a whole public namespace. */
const PUBLIC_NAMESPACE_PROBES = [
  ...['com', 'io', 'org', 'net', 'dev', 'in', 'cn', 'sg', 'cc', 'co'].map((tld) => `zz-merlint-probe.${tld}/m`),
  ...['github.com', 'gitlab.com', 'bitbucket.org', 'gitee.com', 'codeberg.org', 'git.sr.ht'].map((host) => `${host}/zz-merlint-probe/m`),
  ...['golang.org', 'google.golang.org', 'gopkg.in', 'go.googlesource.com', 'k8s.io', 'sigs.k8s.io', 'go.uber.org', 'cloud.google.com', 'go.opentelemetry.io'].map((host) => `${host}/zz-merlint-probe`),
];

/** The public namespace a pattern exempts wholesale, for the message; undefined when it is narrower. */
export function publicNamespaceCovered(pattern: string): string | undefined {
  const probe = PUBLIC_NAMESPACE_PROBES.find(modulePrefixMatcher(pattern));
  if (!probe) return undefined;
  if (pattern === '*' || /^\*+$/.test(pattern)) return 'every module';
  const host = probe.split('/')[0]!;
  return host.startsWith('zz-merlint-probe.') ? `every module under .${host.split('.').pop()}` : `every module on ${host}`;
}

/** Modules everyone depends on, all public: a pattern that covers one covers public code. */
const WELL_KNOWN_PUBLIC_MODULES = [
  'golang.org/x/net', 'golang.org/x/crypto', 'golang.org/x/sys', 'google.golang.org/grpc', 'google.golang.org/protobuf', 'cloud.google.com/go/storage',
  'k8s.io/api', 'k8s.io/client-go', 'sigs.k8s.io/yaml', 'sigs.k8s.io/controller-runtime', 'go.uber.org/zap', 'go.opentelemetry.io/otel', 'gopkg.in/yaml.v3',
  'go.etcd.io/etcd/client/v3', 'honnef.co/go/tools', 'mvdan.cc/sh/v3', 'github.com/stretchr/testify', 'github.com/google/uuid', 'github.com/golang/protobuf',
  'github.com/aws/aws-sdk-go-v2', 'github.com/prometheus/client_golang', 'github.com/spf13/cobra', 'github.com/sirupsen/logrus', 'github.com/hashicorp/go-multierror',
  'github.com/gin-gonic/gin', 'github.com/go-chi/chi/v5', 'github.com/gorilla/mux', 'github.com/docker/docker', 'github.com/kubernetes/kubernetes', 'github.com/grpc-ecosystem/grpc-gateway/v2',
  'github.com/jackc/pgx/v5', 'github.com/redis/go-redis/v9', 'github.com/Azure/azure-sdk-for-go', 'github.com/golang-jwt/jwt/v5', 'github.com/cespare/xxhash/v2',
];

/** A well-known public module the pattern covers, or undefined. */
export function publicModuleCovered(pattern: string): string | undefined {
  return WELL_KNOWN_PUBLIC_MODULES.find(modulePrefixMatcher(pattern));
}
