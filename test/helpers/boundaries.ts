import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';

/*
 * The import boundaries of the layout (DESIGN.md, "Languages are wings"): a language imports no
 * other language and none of rules/, the engine or the reporters; the cross-language facts import
 * no language. Checked by reading the import statements of the TypeScript sources.
 */

export interface Violation {
  file: string;
  imports: string;
  rule: string;
}

const IMPORT = /\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The repository-relative paths (`/` separators) that a TypeScript file imports relatively. */
export function importsOf(root: string, file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2]!;
    if (specifier.startsWith('.')) found.push(posix.normalize(posix.join(posix.dirname(file), specifier)));
  }
  return found;
}

function sourcesUnder(root: string, directory: string): string[] {
  return readdirSync(join(root, directory), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

const FORBIDDEN_TO_LANGUAGES: readonly { rule: string; matches: (target: string) => boolean }[] = [
  { rule: 'a language imports no rule', matches: (target) => target.startsWith('rules/') },
  { rule: 'a language imports neither the engine nor the reporters', matches: (target) => target === 'src/engine.js' || target.startsWith('src/reporters/') },
  { rule: 'a language imports no other language, nor the registry', matches: (target) => target === 'src/languages/index.js' },
];

export function boundaryViolations(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const language of readdirSync(join(root, 'src/languages'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const home = `src/languages/${language.name}/`;
    for (const file of sourcesUnder(root, home)) {
      for (const target of importsOf(root, file)) {
        if (target.startsWith('src/languages/') && !target.startsWith(home) && target !== 'src/languages/index.js') violations.push({ file, imports: target, rule: 'a language imports no other language' });
        for (const { rule, matches } of FORBIDDEN_TO_LANGUAGES) if (matches(target)) violations.push({ file, imports: target, rule });
      }
    }
  }
  for (const file of sourcesUnder(root, 'src/facts')) {
    for (const target of importsOf(root, file)) {
      if (target.startsWith('src/languages/') || target.startsWith('rules/')) violations.push({ file, imports: target, rule: 'facts import no language and no rule' });
    }
  }
  return violations;
}

