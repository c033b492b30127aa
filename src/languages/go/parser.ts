import type { Node } from 'web-tree-sitter';
import type { ParseError, ParseResult } from '../../language.js';
import { LineIndex } from '../../positions.js';
import { loadGrammar } from '../../tree-sitter.js';
import type { Comment, SourceFile } from '../../types.js';
import type { GoDocument } from './document.js';
import { GoLogCalls } from './log-calls.js';

const GENERATED = /^\/\/ Code generated .* DO NOT EDIT\.$/m;

export async function parseGo(file: SourceFile): Promise<ParseResult<GoDocument>> {
  const parser = await loadGrammar('tree-sitter-go/tree-sitter-go.wasm');
  const tree = parser.parse(file.text);
  if (!tree) return { document: undefined, errors: [{ message: 'the Go parser gave no tree', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } }] };
  try {
    const lines = new LineIndex(file.text);
    const generated = GENERATED.test(file.text.slice(0, 4096));
    const comments: Comment[] = [];
    const errors: ParseError[] = [];
    collect(tree.rootNode, lines, comments, errors);
    const extracted = generated ? { calls: [], hooks: [] } : new GoLogCalls(file, lines, tree.rootNode).extract();
    const document: GoDocument = {
      kind: 'go',
      file,
      comments,
      statements: extracted.calls.map((call) => call.range),
      generated,
      logCalls: extracted.calls,
      hooks: extracted.hooks,
    };
    return { document, errors: errors.slice(0, 1) };
  } finally {
    tree.delete();
  }
}

/** Comments (for suppressions) and the first syntax error, in one walk without recursion. */
function collect(root: Node, lines: LineIndex, comments: Comment[], errors: ParseError[]): void {
  const cursor = root.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.type === 'comment') {
        const text = node.text;
        comments.push({ range: lines.range(node.startIndex, node.endIndex), text: text.startsWith('//') ? text.slice(2) : text.slice(2, -2) });
      } else if (errors.length === 0 && (node.isError || node.isMissing)) {
        const what = node.isMissing ? `missing ${node.type}` : `unexpected \`${node.text.slice(0, 20).split('\n')[0]}\``;
        errors.push({ message: `Go syntax error: ${what}; log calls after it may be missed`, range: lines.range(node.startIndex, Math.max(node.endIndex, node.startIndex + 1)) });
      }
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return;
      }
    }
  } finally {
    cursor.delete();
  }
}
