import { defineBuiltin } from '../../src/rule.js';
import { KINDS } from '../../src/languages/index.js';

export default defineBuiltin({
  id: 'MER000',
  slug: 'parse-error',
  level: 'error',
  title: 'File could not be read or parsed',
  rationale:
    'A file merlint cannot parse is a file no policy was checked against: every rule is silent on it. Treating it as an error keeps an unchecked file from passing review unnoticed, and the same syntax error usually breaks the build or deployment that reads the file.',
  remediation:
    'Fix the syntax at the reported position (the message quotes the parser), save the file as UTF-8 text, or exclude generated and binary files with `ignore` in .merlint.yaml.',
  kinds: [...KINDS],
  tags: ['correctness'],
});
