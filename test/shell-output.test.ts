import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BASH, BASH_XPG_ECHO, commandOutput, DASH, outputText, type PrintingShell } from '../src/shell/output.js';

/*
 * Every expected output here is what bash 5.2 and dash 0.5.12 printed for the same words
 * (`bash -c 'printf "$@"' _ WORD…`, through od -c), written down.
 */

function printed(shell: PrintingShell, ...words: (string | undefined)[]): string | undefined {
  const output = commandOutput(words.map((value) => ({ value })), shell);
  return output && outputText(output);
}

test('printf: escapes of the format, octal by up to three digits, hex in bash only; \\c and unknown escapes as written', () => {
  assert.is(printed(BASH, 'printf', 'a\\tb\\\\c\\0101d\\101e\\x41f\\x4g\\qh\\n'), 'a\tb\\c\b1dAeAf\x04g\\qh\n');
  assert.is(printed(DASH, 'printf', 'a\\tb\\\\c\\0101d\\101e\\x41f\\x4g\\qh\\n'), 'a\tb\\c\b1dAe\\x41f\\x4g\\qh\n');
  assert.is(printed(BASH, 'printf', 'x\\cy'), 'x\\cy');
  assert.is(printed(BASH, 'printf', 'F:\\e\\E\\"\\\'\\?\\u00e9|'), 'F:\x1b\x1b"\'?\u00e9|');
  assert.is(printed(DASH, 'printf', 'F:\\e\\E\\"\\\'\\?\\u00e9|'), 'F:\x1b\\E\\"\\\'\\?\\u00e9|');
  assert.is(printed(BASH, 'printf', 'a\\1234b\\777c'), 'a\x534b\xffc');
});

test('printf: %s, %%, %b, %d and %i of literal numbers, the format again while arguments are left', () => {
  assert.is(printed(BASH, 'printf', 'A=%s B=%s\\n', '1', '2', '3'), 'A=1 B=2\nA=3 B=\n');
  assert.is(printed(BASH, 'printf', '%%%s%%\\n', 'x'), '%x%\n');
  assert.is(printed(BASH, 'printf', 'no conversions\\n', 'extra'), 'no conversions\n');
  assert.is(printed(BASH, 'printf', '%d %i|', '42', '+7', '010', '0x1f', '-3', ''), '42 7|8 31|-3 0|');
  assert.is(printed(BASH, 'printf', '%d\\n'), '0\n', 'a missing number is 0');
  assert.is(printed(BASH, 'printf', '%b|', 'x\\0101y', 'x\\101y', 'x\\x41y', 'p\\cq', 'r'), 'xAy|xAy|xAy|p', '\\c in %b ends all output');
  assert.is(printed(DASH, 'printf', '%b|', 'x\\0101y', 'x\\101y', 'x\\x41y', 'p\\cq', 'r'), 'xAy|xAy|x\\x41y|p');
  assert.is(printed(BASH, 'printf', '--', 'GOSUMDB=%s\\n', 'off'), 'GOSUMDB=off\n');
});

test('printf: %c prints the first character, NUL for an empty or missing argument; %u, %o, %x and %X of numbers modulo 2^64', () => {
  for (const shell of [BASH, DASH]) {
    assert.is(printed(shell, 'printf', '%c|%c|%c%c|', 'abc', '', '12', 'x'), 'a|\0|1x|');
    assert.is(printed(shell, 'printf', '%c|%x|%o|%u'), '\0|0|0|0');
    assert.is(printed(shell, 'printf', '%x %X %o %u|', '255', '255', '8', '42'), 'ff FF 10 42|');
    assert.is(printed(shell, 'printf', '%x|', '0x1F', '010', '+5', '-0', '-1', ' 12'), '1f|8|5|0|ffffffffffffffff|c|');
    assert.is(printed(shell, 'printf', '%o|%u|', '-8', '-9223372036854775809'), '1777777777777777777770|9223372036854775807|');
    assert.is(printed(shell, 'printf', '%x|%x|%u|', '18446744073709551616', '-18446744073709551616', '-18446744073709551615'), 'ffffffffffffffff|ffffffffffffffff|1|');
  }
});

test('printf: numbers held to 64 bits, after blanks, and a quoted character as its code', () => {
  for (const shell of [BASH, DASH]) {
    assert.is(printed(shell, 'printf', '%d|', '99999999999999999999', '-99999999999999999999', '9223372036854775808'), '9223372036854775807|-9223372036854775808|9223372036854775807|');
    assert.is(printed(shell, 'printf', '%d|', ' +12', '\t7', ' -0x10', "'AB", '"A', "'"), '12|7|-16|65|65|0|');
    assert.is(printed(shell, 'printf', '%x|', "'A"), '41|');
  }
  // A character beyond ASCII is printed as one byte, or its code read from one byte (dash) or its whole UTF-8 (bash).
  assert.is(printed(BASH, 'printf', '%c', 'é'), undefined);
  assert.is(printed(BASH, 'printf', '%d', "'é"), undefined);
  for (const invalid of ['12abc', '0x', '09', ' ', '12 ']) assert.is(printed(BASH, 'printf', '%x', invalid), undefined, invalid);
});

test('printf: what cannot be known is unknown, and an option is not read', () => {
  assert.is(printed(BASH, 'printf', 'A=%s\\n', undefined), undefined);
  assert.is(printed(BASH, 'printf', undefined, 'x'), undefined);
  assert.is(printed(BASH, 'printf', '%5s|%x|%q', 'a', '1', 'b'), undefined);
  assert.is(printed(BASH, 'printf', '%d', 'ten'), undefined);
  assert.is(printed(BASH, 'printf', '%*d', '3', '1'), undefined);
  assert.is(printed(BASH, 'printf', '-v', 'line', 'x'), undefined);
  const pieces = commandOutput([{ value: 'printf' }, { value: 'GOFLAGS=%s\\n' }, { value: undefined }], BASH)!;
  assert.equal(pieces, [
    { text: 'GOFLAGS=', word: 1, start: 0, end: 8, copied: true },
    { text: undefined, word: 2, start: 0, end: 0, copied: false },
    { text: '\n', word: 1, start: 10, end: 12, copied: false },
  ]);
});

test("echo: bash's options -n, -e, -E together or apart, the last of -e and -E winning; \\c ends the output", () => {
  assert.is(printed(BASH, 'echo', '-e', 'a\\tb\\0101c\\101d\\x41e\\qf'), 'a\tbAc\\101dAe\\qf\n');
  assert.is(printed(BASH, 'echo', '-e', 'a\\cb', 'c'), 'a');
  assert.is(printed(BASH, 'echo', 'a\\nb\\cz', 'y'), 'a\\nb\\cz y\n');
  assert.is(printed(BASH, 'echo', '-e', '-n', 'x'), 'x');
  assert.is(printed(BASH, 'echo', '-ne', 'x\\ty'), 'x\ty');
  assert.is(printed(BASH, 'echo', '-eE', 'x\\ty'), 'x\\ty\n');
  assert.is(printed(BASH, 'echo', '-nx', 'y'), '-nx y\n');
  assert.is(printed(BASH, 'echo', '--', 'y'), '-- y\n');
  assert.is(printed(BASH, 'echo', 'A=', undefined), undefined);
});

test("echo: dash's reads escapes always and only a first -n; bash's with xpg_echo reads escapes and its options", () => {
  assert.is(printed(DASH, 'echo', '-e', 'a\\tb\\0101c\\101d\\x41e\\qf'), '-e a\tbAcAd\\x41e\\qf\n');
  assert.is(printed(DASH, 'echo', 'a\\nb\\cz', 'y'), 'a\nb');
  assert.is(printed(DASH, 'echo', '-n', '-e', 'x\\ty'), '-e x\ty');
  assert.is(printed(DASH, 'echo', '-ne', 'x\\ty'), '-ne x\ty\n');
  assert.is(printed(BASH_XPG_ECHO, 'echo', 'a\\nb'), 'a\nb\n');
  assert.is(printed(BASH_XPG_ECHO, 'echo', '-E', 'c\\nd'), 'c\\nd\n');
  assert.is(printed(BASH_XPG_ECHO, 'echo', 'g\\0101'), 'gA\n');
});

test('commands other than echo and printf print nothing merlint reads', () => {
  assert.is(commandOutput([{ value: 'cat' }, { value: 'x' }], BASH), undefined);
});

test('a piece marked as copied is its word\'s characters from start to end, whatever the words (what placing a value by column relies on)', () => {
  const word = fc.oneof(fc.constant(undefined), fc.stringMatching(/^[-a-z0-9%\\ =.*]{0,12}$/));
  const shell = fc.constantFrom(BASH, DASH, BASH_XPG_ECHO);
  fc.assert(
    fc.property(fc.constantFrom('echo', 'printf'), fc.array(word, { maxLength: 6 }), shell, (program, values, printing) => {
      const words = [program, ...values].map((value) => ({ value }));
      for (const piece of commandOutput(words, printing) ?? []) {
        if (piece.copied) assert.is(words[piece.word!]!.value!.slice(piece.start, piece.end), piece.text);
      }
    }),
    { seed: 20261206, numRuns: 2000 },
  );
});

test.run();
