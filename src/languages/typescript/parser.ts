import { createRequire } from 'node:module';
import type { ts as TS } from '@ts-morph/common';
import type { ParseError, ParseResult } from '../../language.js';
import { lineIndexOf, type LineIndex } from '../../positions.js';
import type { Comment, SourceFile } from '../../types.js';
import type { ScriptDocument } from './document.js';
import { forEachNode, ScriptLogCalls } from './log-calls.js';

const require = createRequire(import.meta.url);
let compiler: typeof TS | undefined;

/** ts-morph's bundled TypeScript compiler, loaded once on the first script: only its parser is used, with no Project or type checker. */
export function typescriptCompiler(): typeof TS {
  compiler ??= require('@ts-morph/common/dist/typescript.js') as typeof TS;
  return compiler;
}

/** Minified code: long lines on average (bundles, vendored libraries). */
function isMinified(text: string): boolean {
  if (text.length < 4096) return false;
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
  return text.length / lines > 300;
}

export function parseScript(file: SourceFile): ParseResult<ScriptDocument> {
  const generated = isMinified(file.text) || /^\s*(?:\/\/|\/\*)\s*(?:@generated|Code generated .* DO NOT EDIT)/m.test(file.text.slice(0, 2048));
  const empty: ScriptDocument = { kind: file.kind as ScriptDocument['kind'], file, comments: [], statements: [], generated, logCalls: [], importedCalls: [], loggers: [], members: new Map(), plainTypes: new Set(), dataTypes: new Set(), reexports: [], globalTypes: new Set(), moduleImports: new Map() };
  if (generated) return { document: empty, errors: [] };
  const ts = typescriptCompiler();
  const lines = lineIndexOf(file);
  const source = sourceFile(ts, file);
  if (!source) return { document: empty, errors: [{ message: 'syntax error: code nested too deep for the TypeScript parser (it ran out of stack), so the file was not read; move inner parts of the deepest expression or block into variables or functions', range: lines.range(0, 0) }] };
  const extracted = new ScriptLogCalls(ts, file, lines, source).extract();
  const document: ScriptDocument = {
    ...empty,
    comments: comments(ts, source, lines),
    statements: [...extracted.calls, ...extracted.importedCalls.map((imported) => imported.call)].map((call) => call.range),
    logCalls: extracted.calls,
    importedCalls: extracted.importedCalls,
    loggers: extracted.loggers,
    members: extracted.members,
    plainTypes: extracted.plainTypes,
    dataTypes: extracted.dataTypes,
    reexports: extracted.reexports,
    globalTypes: ts.isExternalModule(source) ? globalAugmentations(ts, source) : 'all',
    moduleImports: extracted.moduleImports,
  };
  // A script with Go or Jinja template actions (a Hugo asset, a Helm-rendered config) is a template, not broken code.
  return { document, errors: TEMPLATE_ACTION.test(file.text) ? [] : syntaxErrors(source, lines) };
}

/** The interfaces, type aliases and classes a module declares in its `declare global { … }` blocks (namespaces in them included), which are at its top level. */
function globalAugmentations(ts: typeof TS, source: TS.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isModuleDeclaration(statement) || (statement.flags & ts.NodeFlags.GlobalAugmentation) === 0) continue;
    forEachNode(ts, statement, (node) => {
      if ((ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isClassDeclaration(node)) && node.name) names.add(node.name.text);
    });
  }
  return names;
}

/** `{{ range … }}`, `{{- if … }}`, `{{ .Site.Pages }}`, `{% for … %}`: what a template engine fills in before the script exists. */
const TEMPLATE_ACTION = /\{\{-?\s*(?:(?:range|if|else|end|with|define|template|block|partial)\b|\$|\.[A-Za-z])|\{%-?\s*(?:if|for|block|extends|include|set|macro)\b/;

/** The file read by TypeScript's parser; undefined where its recursion runs out of stack (found by fuzzing: 800 nested calls, arrays, blocks, templates, `? :` or arrows). */
function sourceFile(ts: typeof TS, file: SourceFile): TS.SourceFile | undefined {
  try {
    return ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, scriptKind(ts, file.path));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return undefined;
  }
}

function scriptKind(ts: typeof TS, path: string): TS.ScriptKind {
  if (/\.tsx$/.test(path)) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(path)) return ts.ScriptKind.TS;
  return ts.ScriptKind.JSX;
}

/** The parser's first error (TypeScript keeps them on the source file, outside its public type). */
function syntaxErrors(source: TS.SourceFile, lines: LineIndex): ParseError[] {
  const diagnostics = (source as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (!first) return [];
  const message = typeof first.messageText === 'string' ? first.messageText : first.messageText.messageText;
  return [{ message: `syntax error: ${message}; log calls after it may be missed`, range: lines.range(first.start, first.start + Math.max(first.length, 1)) }];
}

/** Every comment, once, from the trivia before and after each node. */
function comments(ts: typeof TS, source: TS.SourceFile, lines: LineIndex): Comment[] {
  const text = source.text;
  const seen = new Map<number, Comment>();
  const add = (ranges: TS.CommentRange[] | undefined) => {
    for (const range of ranges ?? []) {
      if (seen.has(range.pos)) continue;
      const raw = text.slice(range.pos, range.end);
      seen.set(range.pos, { range: lines.range(range.pos, range.end), text: range.kind === ts.SyntaxKind.SingleLineCommentTrivia ? raw.slice(2) : raw.slice(2, -2) });
    }
  };
  forEachNode(ts, source, (node) => {
    add(ts.getLeadingCommentRanges(text, node.pos));
    add(ts.getTrailingCommentRanges(text, node.end));
  });
  add(ts.getLeadingCommentRanges(text, source.endOfFileToken.pos));
  return [...seen.values()].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
}
