import { createScanner, findNodeAtLocation, parseTree, printParseErrorCode, SyntaxKind, type Node as JsonNode, type ParseError as JsonSyntaxError } from 'jsonc-parser';
import type { WrittenVariable } from '../../facts/go-settings.js';
import type { ParseResult } from '../../language.js';
import { deepestBracket } from '../../nesting.js';
import { LineIndex } from '../../positions.js';
import type { Comment, DocumentBase, SourceFile } from '../../types.js';

/** JSON nested deeper than this is not read: jsonc-parser recurses through it. */
const DEEPEST_NESTING = 1000;

/** A variable of `containerEnv` or `remoteEnv`; its value is undefined when it refers to `${localEnv:…}` or `${containerEnv:…}`, known only where the container starts. */
export interface DevcontainerVariable extends WrittenVariable {
  property: 'containerEnv' | 'remoteEnv';
}

export interface DevcontainerDocument extends DocumentBase {
  kind: 'devcontainer';
  index: LineIndex;
  variables: DevcontainerVariable[];
}

/** devcontainer.json (JSON with comments and trailing commas): the environment its container and tools get. */
export function parseDevcontainer(file: SourceFile): ParseResult<DevcontainerDocument> {
  const text = file.text;
  const index = new LineIndex(text);
  const tooDeep = deepestBracket(text, DEEPEST_NESTING, 'json');
  if (tooDeep !== undefined) {
    const document: DevcontainerDocument = { kind: 'devcontainer', file, comments: [], statements: [], index, variables: [] };
    return { document, errors: [{ message: `arrays and objects nested more than ${DEEPEST_NESTING} deep, which merlint does not read`, range: index.range(tooDeep, tooDeep + 1) }] };
  }
  const syntaxErrors: JsonSyntaxError[] = [];
  const root = parseTree(text, syntaxErrors, { allowTrailingComma: true, disallowComments: false });
  const document: DevcontainerDocument = { kind: 'devcontainer', file, comments: jsonComments(text, index), statements: [], index, variables: [] };
  for (const property of ['containerEnv', 'remoteEnv'] as const) {
    const object = root ? findNodeAtLocation(root, [property]) : undefined;
    for (const member of object?.type === 'object' ? object.children ?? [] : []) {
      const variable = readVariable(text, member, property);
      if (!variable) continue;
      document.variables.push(variable);
      document.statements.push(index.range(member.offset, member.offset + member.length));
    }
  }
  const errors = syntaxErrors.slice(0, 1).map((error) => ({ message: `JSON syntax error: ${printParseErrorCode(error.error)}`, range: index.range(error.offset, error.offset + Math.max(error.length, 1)) }));
  return { document, errors };
}

function readVariable(text: string, member: JsonNode, property: DevcontainerVariable['property']): DevcontainerVariable | undefined {
  const [key, value] = member.children ?? [];
  if (!key || value?.type !== 'string') return undefined;
  const written = text.slice(value.offset + 1, value.offset + value.length - 1);
  const resolved = String(value.value);
  return {
    name: String(key.value),
    nameStart: key.offset + 1,
    nameEnd: key.offset + key.length - 1,
    value: /\$\{(?:localEnv|containerEnv|env):/.test(resolved) ? undefined : resolved,
    valueStart: value.offset + 1,
    valueEnd: value.offset + value.length - 1,
    verbatim: written === resolved,
    property,
  };
}

function jsonComments(text: string, index: LineIndex): Comment[] {
  const comments: Comment[] = [];
  const scanner = createScanner(text, false);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind !== SyntaxKind.LineCommentTrivia && kind !== SyntaxKind.BlockCommentTrivia) continue;
    const start = scanner.getTokenOffset();
    const end = start + scanner.getTokenLength();
    comments.push({ range: index.range(start, end), text: text.slice(start + 2, kind === SyntaxKind.BlockCommentTrivia ? end - 2 : end) });
  }
  return comments;
}
