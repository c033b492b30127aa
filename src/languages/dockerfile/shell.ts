/**
 * A small POSIX shell lexer that keeps the source offset of every word. It is not a shell:
 * it splits a script into simple commands (at `&&`, `||`, `;`, `|`, `&`, newlines, parentheses)
 * and each command into words, so rules can ask "which commands does this RUN execute".
 */

/** Text with the document offset of each of its characters (continuations removed). */
export interface MappedText {
  text: string;
  offsets: number[];
}

export interface ShellWord {
  /** The word with quotes and backslash escapes removed; `$VAR` references are kept as written. */
  value: string;
  start: number;
  end: number;
}

export interface ShellCommandTokens {
  /** Leading `NAME=value` words. */
  assignments: ShellWord[];
  words: ShellWord[];
  /** The operator that ends this command (`&&`, `||`, `;`, `|`, `&`, newline) or '' at the end. */
  terminator: string;
  /** Redirections with their targets: `> /proc/sys/…`, `>> /etc/sysctl.conf`, `2>&1`. */
  redirects: ShellRedirect[];
}

export interface ShellRedirect {
  /** `>`, `>>`, `2>&1`'s `>&`, `<<` … without the descriptor number. */
  operator: string;
  target: ShellWord;
}

const SEPARATORS = ['&&', '||', ';;', ';', '|', '&', '\n', '(', ')'];

export function lexShell(source: MappedText): ShellCommandTokens[] {
  const commands: ShellCommandTokens[] = [];
  let words: ShellWord[] = [];
  let redirects: ShellRedirect[] = [];
  let redirecting: string | undefined;
  const text = source.text;
  let i = 0;
  const finish = (terminator: string) => {
    if (words.length > 0) commands.push({ ...splitAssignments(words, terminator), redirects });
    words = [];
    redirects = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2; // a line continuation inside a heredoc script
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const separator = SEPARATORS.find((s) => text.startsWith(s, i));
    if (separator) {
      finish(separator);
      i += separator.length;
      continue;
    }
    const redirect = /^\d*(?:>>|>&|<&|<<<|<<-?|<>|>\||>|<)/.exec(text.slice(i, i + 8));
    if (redirect) {
      i += redirect[0].length;
      redirecting = redirect[0].replace(/^\d+/, ''); // the redirection's target (a file, a descriptor, a heredoc delimiter) is not a command word
      continue;
    }
    const word = readWord(text, i);
    const token = { value: word.value, start: source.offsets[i]!, end: source.offsets[word.end - 1]! + 1 };
    if (redirecting === undefined) words.push(token);
    else redirects.push({ operator: redirecting, target: token });
    redirecting = undefined;
    i = word.end;
  }
  finish('');
  return commands;
}

function splitAssignments(words: ShellWord[], terminator: string): Omit<ShellCommandTokens, 'redirects'> {
  let split = 0;
  while (split < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[split]!.value)) split++;
  return { assignments: words.slice(0, split), words: words.slice(split), terminator };
}

function readWord(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (' \t\r\n;&|()<>'.includes(c)) {
      if (!(c === '(' && text[i - 1] === '$')) break;
    }
    if (c === '\\') {
      if (text[i + 1] !== undefined && text[i + 1] !== '\n') value += text[i + 1];
      i += 2;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close === -1 ? text.length : close;
      value += text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && '"\\$`\n'.includes(text[i + 1] ?? '')) i++;
        value += text[i] ?? '';
        i++;
      }
      i++;
    } else if (c === '$' && text[i + 1] === '(') {
      const end = matchingParen(text, i + 1);
      value += text.slice(i, end);
      i = end;
    } else if (c === '`') {
      const close = text.indexOf('`', i + 1);
      const end = close === -1 ? text.length : close + 1;
      value += text.slice(i, end);
      i = end;
    } else {
      value += c;
      i++;
    }
  }
  return { value, end: Math.min(i, text.length) };
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}
