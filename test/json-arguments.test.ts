import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RunInstruction } from '../src/languages/dockerfile/model.js';
import { parseDockerfile } from '../src/languages/dockerfile/parser.js';
import type { Range } from '../src/types.js';

// BuildKit reads an instruction's arguments that are a JSON array of strings as the exec form, and refuses the whole
// Dockerfile when the array holds anything else (frontend/dockerfile/parser, parseJSON: errDockerfileNotStringArray).

function parse(text: string) {
  return parseDockerfile({ path: 'Dockerfile', kind: 'dockerfile', text });
}

function at(range: Range): string {
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

/** The words of the commands of the Dockerfile's first RUN. */
function commandsOf(text: string): string[][] {
  return (parse(text).document!.stages[0]!.instructions[0] as RunInstruction).commands.map((command) => command.words.map((word) => word.value));
}

/** Where the one parse error of the Dockerfile is, if it has one. */
function errorAt(text: string): string | undefined {
  const { errors } = parse(text);
  assert.ok(errors.length <= 1, text);
  return errors[0] && at(errors[0].range);
}

test('an element that is not a string is a parse error at the element, in every instruction that reads JSON', () => {
  assert.is(errorAt('FROM alpine:3.20\nRUN ["apk", "add", 1]\n'), '2:20-2:21');
  assert.is(errorAt('FROM alpine:3.20\nCMD ["serve",null ]\n'), '2:14-2:18');
  assert.is(errorAt('FROM alpine:3.20\nENTRYPOINT ["a", {"b": [1, "]"]}, "c"]\n'), '2:18-2:33');
  assert.is(errorAt('FROM alpine:3.20\nSHELL ["sh", ["-c"]]\n'), '2:14-2:20');
  assert.is(errorAt('FROM alpine:3.20\nCOPY ["a", 1.5, "/b"]\n'), '2:12-2:15');
  assert.is(errorAt('FROM alpine:3.20\nADD ["a", false, "/b"]\n'), '2:11-2:16');
  assert.is(errorAt('FROM alpine:3.20\nVOLUME ["/data", 2]\n'), '2:18-2:19');
});

test('the JSON is read after the flags, HEALTHCHECK’s type and ONBUILD’s instruction, over continued lines and comments', () => {
  assert.is(errorAt('FROM alpine:3.20\nRUN --mount=type=cache,target="/a b" ["a", true]\n'), '2:44-2:48');
  assert.is(errorAt('FROM alpine:3.20\nRUN -- ["a", true]\n'), '2:14-2:18');
  assert.is(errorAt('FROM alpine:3.20\nHEALTHCHECK --interval=5s CMD ["a", 1]\n'), '2:37-2:38');
  assert.is(errorAt('FROM alpine:3.20\nHEALTHCHECK CMD ["a", 1]\n'), '2:23-2:24');
  assert.is(errorAt('FROM alpine:3.20\nONBUILD RUN ["a",   true ]\n'), '2:21-2:25');
  assert.is(errorAt('FROM alpine:3.20\nRUN ["go", \\\n# a note\n  "build", 7]\n'), '4:12-4:13');
  assert.is(errorAt('# escape=`\nFROM alpine:3.20\nRUN ["go", `\n  -1]\n'), '4:3-4:5');
  assert.is(errorAt('FROM alpine:3.20\nRUN \\\n  ["a", 1]\n'), '3:9-3:10');
  assert.is(errorAt('FROM alpine:3.20\nRUN \\\n  --network=none \\\n  ["a", 1]\n'), '4:9-4:10');
});

test('arguments that are not a JSON array, or are one of strings, are no error', () => {
  // Go's decoder refuses a number beyond a float64, and BuildKit then runs the arguments as a shell command.
  for (const args of ['["a", "b"]', '[]', '[1] x', '[ -d /x ] && echo ["a", 1]', '["a", 1', '{"a": 1}', '["a", 1e999]', '["a", [-2e308]]']) {
    assert.is(errorAt(`FROM alpine:3.20\nRUN ${args}\n`), undefined, args);
  }
  assert.is(errorAt('FROM alpine:3.20\nLABEL x=["a",1]\nWORKDIR [1]\nEXPOSE [1]\n'), undefined);
  assert.is(errorAt('FROM alpine:3.20\nRUN --mount=[1] echo\n'), undefined);
});

test('the first error docker build stops at is the parser’s: a refused JSON array comes before an unknown instruction after it', () => {
  assert.is(errorAt('FROM alpine:3.20\nFORM x\nRUN ["a", 1]\n'), '3:11-3:12');
});

test('a RUN whose array BuildKit refuses runs nothing; one with a number Go cannot decode is a shell command', () => {
  assert.equal(commandsOf('FROM alpine:3.20\nRUN ["apk", "add", 1]\n'), []);
  assert.equal(commandsOf('FROM alpine:3.20\nRUN ["apk", "add", 1e308]\n'), []);
  assert.equal(commandsOf('FROM alpine:3.20\nRUN ["apk", "add", 1e999]\n'), [['[apk,', 'add,', '1e999]']]);
});

test('Go’s white space after the array (a no-break space, \v), which BuildKit trims, leaves it JSON', () => {
  assert.equal(commandsOf('FROM alpine:3.20\nRUN ["apk", "add", "curl"]\u00a0\n'), [['apk', 'add', 'curl']]);
  assert.equal(commandsOf('FROM alpine:3.20\nRUN ["apk", "add", "curl"]\v\n'), [['apk', 'add', 'curl']]);
  assert.is(errorAt('FROM alpine:3.20\nCMD ["serve", 1]\u00a0\n'), '2:15-2:16');
  // U+FEFF is white space to JavaScript, not to Go: the array is then no JSON, and the arguments the shell form.
  assert.is(errorAt('FROM alpine:3.20\nCMD ["serve", 1]\ufeff\n'), undefined);
});

test('an exec form that dockerfile-ast reads has its array read once, for the check of its elements and for its script', () => {
  const text = 'FROM alpine:3.20\nONBUILD RUN make\nRUN ["sh", \\\n  "-c", "make"]\n';
  const parseJson = JSON.parse;
  const arrays: string[] = [];
  JSON.parse = (json: string, ...rest: []) => {
    if (json.trimStart().startsWith('[')) arrays.push(json);
    return parseJson(json, ...rest);
  };
  try {
    const run = parse(text).document!.stages[0]!.instructions[1] as RunInstruction;
    assert.equal(run.commands.map((command) => command.words.map((word) => word.value)), [['sh', '-c', 'make'], ['make']]);
  } finally {
    JSON.parse = parseJson;
  }
  assert.equal(arrays, ['["sh",   "-c", "make"]'], 'one array, read once: its lines joined');
});

test.run();
