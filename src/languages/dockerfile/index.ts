import type { Language } from '../../language.js';
import type { DockerfileDocument } from './model.js';
import { EMPTY_DOCKERFILE_MODEL, type DockerfileModel } from './go-modules.js';

/*
 * Names are compared by string tests, in any case of the ASCII letters: every run asks this of a path first, and
 * the case-insensitive regular expressions it replaced took a one-file run about 0.3 ms to compile (BENCHMARKS.md).
 */
const STEMS = ['dockerfile', 'containerfile'];
/** After a stem, the start of a variant's name: `Dockerfile-alpine` and `Dockerfile_debug` too, as ory, dapr and tempo name theirs for `docker build -f`. */
const VARIANT_SEPARATORS = ['.', '_', '-'];
/**
 * Suffixes of files about a Dockerfile that are not one: notes, BuildKit's per-Dockerfile ignore files, templates, backups, tests'
 * expected outputs (trivy's `dockerfile.json.golden`), source code (a `dockerfile.min.js` highlighter, `dockerfile.go`).
 */
const NOT_DOCKERFILE = new Set(['md', 'markdown', 'rst', 'adoc', 'txt', 'html', 'dockerignore', 'tmpl', 'tpl', 'template', 'j2', 'jinja', 'jinja2', 'erb', 'bak', 'orig', 'rej', 'swp', 'golden', 'js', 'cjs', 'mjs', 'jsx', 'ts', 'cts', 'mts', 'tsx', 'go', 'py', 'rb', 'java', 'json', 'yml', 'yaml', 'toml', 'sh']);
/** What `.` of a regular expression does not match: a variant's name or an extension's stem is one line. */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

export const dockerfile: Language<'dockerfile', DockerfileDocument, DockerfileModel> = {
  name: 'dockerfile',
  kinds: ['dockerfile'],
  about: { dockerfile: { names: ['Dockerfile', 'Dockerfiles'], fence: 'dockerfile' } },
  kindOf(path) {
    const name = asciiLowerCase(path.slice(path.lastIndexOf('/') + 1));
    const dot = name.lastIndexOf('.');
    return namesDockerfile(name) && !(dot !== -1 && NOT_DOCKERFILE.has(name.slice(dot + 1))) ? 'dockerfile' : undefined;
  },
  contributes: ['goSettings'],
  parser: async () => (await import('./parser.js')).parseDockerfile,
  // Only the Go settings it assigns, from the parser's module (already loaded): a one-Dockerfile run loads no other chunk for it.
  modelBuilder: async () => (await import('./parser.js')).buildDockerfileModel,
  emptyModel: EMPTY_DOCKERFILE_MODEL,
};

/** `Dockerfile`, `Containerfile`, a variant (`Dockerfile.prod`, `Dockerfile-alpine`) or an extension (`api.Dockerfile`); `name` in lower case. */
function namesDockerfile(name: string): boolean {
  return STEMS.some((stem) => {
    if (name === stem) return true;
    const variant = name.slice(stem.length + 1);
    if (name.startsWith(stem) && VARIANT_SEPARATORS.includes(name[stem.length]!) && variant !== '' && !LINE_TERMINATOR.test(variant)) return true;
    const before = name.slice(0, -stem.length - 1);
    return name.endsWith(`.${stem}`) && before !== '' && !LINE_TERMINATOR.test(before);
  });
}

/** A–Z as a–z and nothing else, as a case-insensitive regular expression compares ASCII letters (toLowerCase also makes the Kelvin sign a k). */
function asciiLowerCase(text: string): string {
  let lower = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    lower += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : text[i];
  }
  return lower;
}
