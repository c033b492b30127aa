// Go and TypeScript sources for `npm run bench`: the one-time cost of loading each parser (the Go
// grammar's WebAssembly, ts-morph's bundled TypeScript), measured in a fresh process, and files per
// second of parse + log-call extraction over a generated corpus, or over real code when
// MERLINT_SOURCES_CORPUS names a directory (nothing is fetched at bench time).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classify, parse } from '../dist/src/languages/index.js';

const LOADERS = {
  'Go grammar (web-tree-sitter + tree-sitter-go.wasm)': "const { loadGrammar } = await import('./dist/src/tree-sitter.js'); const t = performance.now(); await loadGrammar('go'); console.log(performance.now() - t);",
  "TypeScript parser (ts-morph's typescript.js)": "const { typescriptCompiler } = await import('./dist/src/languages/typescript/parser.js'); const t = performance.now(); typescriptCompiler(); console.log(performance.now() - t);",
};

const GO_FILE = (i) => `package svc${i % 50}

import (
	"fmt"
	"log"

	"go.uber.org/zap"
)

type Handler${i} struct {
	logger *zap.Logger
}

func (h *Handler${i}) Create(u *User, orderID string) error {
	h.logger.Info("creating order", zap.String("order_id", orderID), zap.String("user_id", u.ID))
	if err := h.store.Save(u); err != nil {
		log.Printf("save failed for %s: %v", u.ID, err)
		return fmt.Errorf("save: %w", err)
	}
	for n := 0; n < 3; n++ {
		h.logger.Debug("retry", zap.Int("attempt", n), zap.String("phone", maskPhone(u.Phone)))
	}
	return nil
}
`;

const TS_FILE = (i) => `import pino from 'pino';

const logger = pino({ redact: ['customer.nric'] });

export interface Order${i} { id: string; amount: number; customer: { id: string; nric: string } }

export async function handle${i}(order: Order${i}): Promise<void> {
  logger.info({ orderId: order.id, customer: { nric: order.customer.nric } }, 'order received');
  if (order.amount > 1000) logger.warn(\`large order \${order.id}\`);
  const total = [order.amount].reduce((sum, value) => sum + value, 0);
  console.log('processed', total);
}
`;

function generate(directory, count) {
  for (let i = 0; i < count; i++) {
    const dir = join(directory, `svc${i % 50}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `handler${i}.go`), GO_FILE(i));
    writeFileSync(join(dir, `handler${i}.ts`), TS_FILE(i));
  }
}

function filesUnder(root) {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .filter((path) => !/(?:^|\/)node_modules\//.test(path));
}

/** Median of `runs` fresh processes that each load one parser. */
function loadCost(code, runs) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const samples = Array.from({ length: runs }, () => {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
    // A loader that throws prints no time: say so rather than time nothing.
    if (child.status !== 0) throw new Error(`parser load failed: ${child.stderr.trim().split('\n')[0]}`);
    return Number(child.stdout.trim());
  });
  return samples.sort((a, b) => a - b)[runs >> 1];
}

async function throughput(root) {
  const byKind = { go: [], typescript: [], javascript: [] };
  for (const path of filesUnder(root)) {
    const kind = classify(path);
    if (kind in byKind) byKind[kind].push({ path, kind, text: readFileSync(join(root, path), 'utf8') });
  }
  const rows = [];
  for (const [kind, files] of Object.entries(byKind)) {
    if (files.length === 0) continue;
    await parse(files[0]);
    const start = performance.now();
    let calls = 0;
    for (const file of files) calls += (await parse(file)).document?.logCalls?.length ?? 0;
    const seconds = (performance.now() - start) / 1000;
    const bytes = files.reduce((sum, file) => sum + file.text.length, 0);
    rows.push(`${kind.padEnd(10)} ${String(files.length).padStart(6)} files  ${(bytes / 1e6).toFixed(1).padStart(6)} MB  ${(files.length / seconds).toFixed(0).padStart(6)} files/s  ${(bytes / 1e6 / seconds).toFixed(1).padStart(5)} MB/s  ${calls} log calls`);
  }
  return rows;
}

export async function sourcesBenchmark(directory, count) {
  console.log('\nGo and TypeScript sources: one-time parser load (median of 5 fresh processes)');
  for (const [label, code] of Object.entries(LOADERS)) console.log(`${label.padEnd(52)} ${loadCost(code, 5).toFixed(1).padStart(7)} ms`);
  const corpus = process.env.MERLINT_SOURCES_CORPUS;
  const root = corpus ?? directory;
  if (!corpus) generate(directory, count);
  console.log(`parse + log-call extraction, ${corpus ? `real code in ${corpus}` : `generated: ${count} Go and ${count} TypeScript files`}`);
  for (const row of await throughput(root)) console.log(row);
}
