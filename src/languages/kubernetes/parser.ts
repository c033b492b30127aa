import { isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Document as YamlDocument, type Node as YamlNode, type Pair, type Scalar } from 'yaml';
import type { ParseError, ParseResult } from '../../language.js';
import { LineIndex } from '../../positions.js';
import type { Comment, Range, SourceFile } from '../../types.js';
import type { KubeObject, KubernetesDocument, MapEntry, MapNode, Node, ScalarNode } from './syntax.js';
import { field, items, text } from './syntax.js';
import { DEEPEST_NESTING, errorSpan, parsedWithinNesting, TOO_DEEP, withYamlLineBreaks, yamlComments } from '../../yaml-source.js';
import { parseAsLibyamlReads } from '../../yaml-cut-strings.js';
import { hasTemplateAction, IN_TEMPLATES } from './index.js';

/*
 * Kubernetes manifests: YAML (or JSON, which is YAML) with any number of documents, read with the
 * `yaml` package and turned into nodes that keep their ranges. Each document is parsed on its own,
 * so a broken one (an unclosed quote swallows everything after it) is one MER000 where it starts
 * and the others are still checked. Aliases are followed within a budget: a "billion laughs"
 * document is refused, never expanded.
 */

/** Nodes a document may grow to through aliases, beyond what is written: ten times its own size, and 10,000 more. */
const ALIAS_GROWTH = 10;
const ALIAS_ALLOWANCE = 10_000;
/** What a document nested deeper than DEEPEST_NESTING is told: its nodes are not walked (recursion in the conversion and in rules). */
const TOO_DEEP_DOCUMENT = `${TOO_DEEP}; this document is not checked`;

const DOCUMENT_START = /^---(?=[ \t\r\n]|$)/gm;

export function parseManifests(file: SourceFile): ParseResult<KubernetesDocument> {
  const lines = new LineIndex(file.text);
  const document: KubernetesDocument = { kind: 'kubernetes', file, comments: [], statements: [], objects: [], helmTemplate: false, lines };
  const text = withYamlLineBreaks(file.text);
  const hasActions = hasTemplateAction(text);
  if (hasActions && IN_TEMPLATES.test(file.path)) return { document: { ...document, helmTemplate: true }, errors: [] };
  const errors: ParseError[] = [];
  let templateLike = false;
  for (const [start, end] of documentSpans(text)) {
    const read = readDocument(text.slice(start, end), start, lines);
    if (read.error) errors.push(read.error);
    templateLike ||= read.complexKey;
    if (read.root) document.objects.push(...objectsOf(read.root));
  }
  // `name: {{ .Values.name }}` is a flow map used as a key, or no YAML at all: a Helm template, not a manifest with errors.
  if (hasActions && (errors.length > 0 || templateLike)) return { document: { ...document, objects: [], helmTemplate: true }, errors: [] };
  if (text.includes('merlint-')) document.comments = yamlComments(text, lines);
  return { document, errors };
}

/** Start and end offsets of each document: the text is cut before every `---` at the start of a line. */
function documentSpans(text: string): [number, number][] {
  const starts = [0];
  for (const match of text.matchAll(DOCUMENT_START)) if (match.index > 0) starts.push(match.index);
  return starts.map((start, index) => [start, starts[index + 1] ?? text.length]);
}

interface ReadDocument {
  root: Node | undefined;
  error: ParseError | undefined;
  /** A map key that is a map or a list: YAML allows it, no manifest has one, an unquoted `{{ … }}` makes one. */
  complexKey: boolean;
}

function readDocument(source: string, offset: number, lines: LineIndex): ReadDocument {
  const parsed = parsedWithinNesting(source, () => parseAsLibyamlReads(source, parseYaml), () => parseYaml(''));
  const [first] = parsed.errors;
  if (first) {
    const message = first.code === 'RESOURCE_EXHAUSTION' ? TOO_DEEP_DOCUMENT : `YAML: ${first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}; this document is not checked`;
    const [start, end] = errorSpan(first, source);
    return { root: undefined, error: { message, range: lines.range(offset + start, offset + end) }, complexKey: false };
  }
  const converter = new Converter(parsed, offset, lines, source);
  try {
    const root = parsed.contents ? converter.node(parsed.contents as YamlNode, 0) : undefined;
    return { root, error: undefined, complexKey: converter.complexKey };
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return { root: undefined, error: { message: error.message, range: lines.range(offset + error.offset, offset + error.offset + 1) }, complexKey: false };
  }
}

function parseYaml(source: string): YamlDocument.Parsed {
  return parseDocument(source, { version: '1.1', merge: true, uniqueKeys: false, prettyErrors: false, strict: false });
}

class Refused extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** YAML nodes to merlint nodes; an alias is the node it names (converted once), counted against the growth budget. */
class Converter {
  private readonly converted = new Map<YamlNode, Node>();
  private readonly sizes = new Map<Node, number>();
  private anchored: Map<YamlNode, YamlNode> | undefined;
  private expanded = 0;
  private readonly budget: number;
  complexKey = false;

  constructor(
    private readonly document: YamlDocument,
    /** The file offset of the document's text. */
    private readonly offset: number,
    private readonly lines: LineIndex,
    source: string,
  ) {
    // A rough count of what is written: one node per line is generous for YAML.
    this.budget = ALIAS_GROWTH * (source.length / 8 + 1) + ALIAS_ALLOWANCE;
  }

  node(yaml: YamlNode, depth: number): Node {
    if (depth > DEEPEST_NESTING) throw new Refused(TOO_DEEP_DOCUMENT, yaml.range?.[0] ?? 0);
    if (isAlias(yaml)) return this.alias(yaml as YamlNode & { source: string; range?: [number, number, number] }, depth);
    const done = this.converted.get(yaml);
    if (done) return done;
    const node = isMap(yaml) ? this.map(yaml.items as Pair[], yaml.range!, depth) : isSeq(yaml) ? this.seq(yaml.items as YamlNode[], yaml.range!, depth) : this.scalar(yaml as Scalar);
    this.converted.set(yaml, node);
    this.count(1, yaml.range?.[0]);
    return node;
  }

  private alias(alias: YamlNode & { source: string; range?: [number, number, number] }, depth: number): Node {
    this.anchored ??= aliasTargets(this.document);
    const target = this.anchored.get(alias);
    const at = alias.range?.[0] ?? 0;
    if (!target) throw new Refused(`alias *${alias.source} names no anchor before it; this document is not checked`, at);
    const node = this.node(target, depth);
    this.count(this.sizeOf(node), at);
    return node;
  }

  /** Counts nodes as a walk of the expanded document would meet them: one per written node, the whole tree for each alias. */
  private count(size: number, at = 0): void {
    this.expanded += size;
    if (this.expanded > this.budget) {
      throw new Refused(`aliases expand this document past ${Math.round(this.budget).toLocaleString('en')} nodes (a "billion laughs" document?); it was not expanded or checked`, at);
    }
  }

  private sizeOf(node: Node): number {
    let size = this.sizes.get(node);
    if (size === undefined) {
      size = 1 + (node.type === 'map' ? node.entries.reduce((sum, entry) => sum + this.sizeOf(entry.value), 0) : node.type === 'seq' ? node.items.reduce((sum, item) => sum + this.sizeOf(item), 0) : 0);
      this.sizes.set(node, size);
    }
    return size;
  }

  private map(pairs: Pair[], range: [number, number, number], depth: number): MapNode {
    const entries: MapEntry[] = [];
    for (const pair of pairs) {
      const key = pair.key as YamlNode | null;
      if (key && isScalar(key) && (typeof key.value === 'symbol' || (key.source === '<<' && key.type === 'PLAIN'))) {
        entries.push(...this.merged(pair.value as YamlNode | null, depth));
        continue;
      }
      if (key && !isScalar(key)) this.complexKey = true;
      const keyRange = key?.range ? this.range(key.range[0], key.range[1]) : this.range(range[0], range[0]);
      const keyText = key && isScalar(key) ? String(key.value) : '';
      const value = pair.value ? this.node(pair.value as YamlNode, depth + 1) : this.nothing(key?.range?.[1] ?? range[0]);
      entries.push({ key: keyText, keyRange, value });
    }
    return { type: 'map', entries, range: this.range(range[0], range[1]) };
  }

  /** The entries a merge key brings in (`<<: *defaults`, `<<: [*a, *b]`), before the map's own, which win. */
  private merged(value: YamlNode | null, depth: number): MapEntry[] {
    if (!value) return [];
    const source = this.node(value, depth + 1);
    const maps = source.type === 'seq' ? [...source.items].reverse() : [source];
    return maps.flatMap((map) => (map.type === 'map' ? map.entries : []));
  }

  private seq(nodes: YamlNode[], range: [number, number, number], depth: number): Node {
    return { type: 'seq', items: nodes.map((item) => (item ? this.node(item, depth + 1) : this.nothing(range[0]))), range: this.range(range[0], range[1]) };
  }

  private scalar(yaml: Scalar): ScalarNode {
    const [start, end] = yaml.range ?? [0, 0];
    const quoted = yaml.type === 'QUOTE_DOUBLE' || yaml.type === 'QUOTE_SINGLE';
    const source = yaml.source ?? '';
    const value = yaml.value as ScalarNode['value'] | bigint | Date;
    const plain = typeof value === 'bigint' ? Number(value) : value instanceof Date ? yaml.source ?? value.toISOString() : value;
    const written = typeof plain === 'string' && !quoted ? source : String(plain);
    // A quoted string folded over lines is longer as written than its value: its characters are not where they would be on one line.
    const quotedAsWritten = end - start === written.length + 2;
    const verbatim = !written.includes('\n') && (yaml.type === 'PLAIN' || (yaml.type === 'QUOTE_SINGLE' && !written.includes("'") && quotedAsWritten) || (yaml.type === 'QUOTE_DOUBLE' && !source.includes('\\') && quotedAsWritten));
    return {
      type: 'scalar',
      value: plain ?? null,
      text: plain === null || plain === undefined ? '' : typeof plain === 'string' ? plain : source || String(plain),
      range: quoted ? this.range(start + 1, Math.max(start + 1, end - 1)) : this.range(start, end),
      verbatim,
    };
  }

  /** A key with no value: null, at the end of the key. */
  private nothing(at: number): ScalarNode {
    return { type: 'scalar', value: null, text: '', range: this.range(at, at), verbatim: true };
  }

  private range(start: number, end: number): Range {
    return this.lines.range(this.offset + start, this.offset + end);
  }
}

/**
 * The node each alias names: the last node before it that has its anchor, found in one walk of the
 * document (the yaml package's Alias.resolve walks the whole document for each alias: a manifest of
 * a few thousand aliases took seconds).
 */
function aliasTargets(document: YamlDocument): Map<YamlNode, YamlNode> {
  const targets = new Map<YamlNode, YamlNode>();
  const anchors = new Map<string, YamlNode>();
  visit(document, {
    Node(_key, node) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) targets.set(node, target);
      } else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

/** The Kubernetes objects of a document: the document itself, or the items of a List (`v1/List`, `DeploymentList`, …). */
function objectsOf(root: Node): KubeObject[] {
  const object = asObject(root);
  if (!object) return [];
  const list = field(root, 'items');
  if (object.kind.endsWith('List') && list?.type === 'seq') return items(list).flatMap(objectsOf);
  return [object];
}

function asObject(root: Node): KubeObject | undefined {
  const apiVersion = text(field(root, 'apiVersion'));
  const kindNode = field(root, 'kind');
  const kind = text(kindNode);
  if (root.type !== 'map' || !apiVersion || !kind || !kindNode) return undefined;
  const metadata = field(root, 'metadata');
  return { apiVersion, kind, name: text(field(metadata, 'name')), namespace: text(field(metadata, 'namespace')), root, kindRange: kindNode.range };
}
