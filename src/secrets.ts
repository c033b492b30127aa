/**
 * What names and values of configuration variables say about secrets. Shared by the rules that look
 * for credentials in Dockerfiles, environment files and Go proxy settings; nothing here prints a secret.
 */

import { nameTokens } from './names.js';

/** Words that mark a secret wherever they appear in a name (`DB_PASSWORD`, `TOKEN_GITHUB`), also as the end of a compound word (`PGPASSWORD`). */
const SECRET_WORDS = ['PASSWORD', 'PASSWORDS', 'PASSWD', 'PWORD', 'PASSPHRASE', 'SECRET', 'SECRETS', 'TOKEN', 'TOKENS', 'CREDENTIAL', 'CREDENTIALS', 'CREDS', 'APIKEY', 'NETRC'];
/** Words too short or too common to mean a secret unless they end the name (`NPM_AUTH`, `DB_PASS`, `MYSQL_PWD`, `GITHUB_PAT`). */
const SECRET_LAST_WORDS = new Set(['AUTH', 'PASS', 'PWD', 'PAT']);
/** `…_KEY` is a secret only after these (`API_KEY`, `PRIVATE_KEY`), not in `GPG_KEY`. */
const KEY_KINDS = new Set(['API', 'ACCESS', 'PRIVATE', 'SECRET', 'ENCRYPTION', 'MASTER', 'LICENSE', 'SIGNING', 'CLIENT', 'SSH', 'DEPLOY', 'SESSION', 'JWT', 'HMAC']);
/**
 * `PIN` is a secret only as a credential's: last after one of these (`HSM_PIN`, `SIM_PIN`, `USER_PIN`, PKCS#11's `SO_PIN`)
 * or before `CODE` (`PIN_CODE`). Alone or after other words it is as often a GPIO pin, pinned memory or a pinned certificate
 * (`GPIO_PIN`, `PIN_MEMORY`, `CERT_PIN`).
 */
const PIN_HOLDERS = new Set(['HSM', 'SOFTHSM', 'PKCS11', 'P11', 'SIM', 'USER', 'ADMIN', 'SO', 'SMARTCARD', 'CARD', 'PIV', 'YUBIKEY', 'LOGIN', 'UNLOCK', 'ACCESS', 'SECURITY']);
/** Well-known variables whose value is, by their documentation, the path of a credentials file. */
const PATH_VARIABLES = new Set(['GOOGLE_APPLICATION_CREDENTIALS']);
/** A last word that makes the variable about a secret rather than the secret itself: where it is, how it is used, made or kept, how long it lives. */
const QUALIFIERS = new Set([
  'FILE', 'FILES', 'FILENAME', 'PATH', 'DIR', 'DIRECTORY', 'URL', 'URI', 'ENDPOINT', 'HOST', 'PORT', 'SERVER', 'SOCK', 'SOCKET', 'NAME', 'ID', 'ARN',
  'TYPE', 'KIND', 'MODE', 'METHOD', 'ENABLED', 'DISABLED', 'REQUIRED', 'TTL', 'EXPIRY', 'EXPIRES', 'EXPIRE', 'EXPIRATION', 'LIFETIME', 'DURATION',
  'INTERVAL', 'TIMEOUT', 'LENGTH', 'SIZE', 'BITS', 'HEADER', 'ISSUER', 'AUDIENCE', 'SCOPE', 'SCOPES', 'PROVIDER', 'HELPER', 'STORE', 'BACKEND',
  'VERSION', 'POLICY', 'REGION', 'PREFIX', 'LOCATION', 'FORMAT', 'ENCODING', 'ALGORITHM', 'ALGO', 'ALG', 'COST', 'ROUNDS', 'ITERATIONS', 'STRENGTH',
  'COMMAND', 'CMD', 'USER', 'USERNAME', 'REALM', 'LABEL',
]);
/** First words of switches (`SKIP_AUTH`, `ALLOW_EMPTY_PASSWORD`). */
const SWITCHES = new Set(['NO', 'SKIP', 'USE', 'ENABLE', 'DISABLE', 'REQUIRE', 'ALLOW', 'WITH', 'WITHOUT', 'IS', 'HAS']);
const PUBLIC_WORDS = new Set(['PUBLIC', 'PUBLISHABLE', 'PUB']);

/**
 * What the lower-cased name of a secret holds: a secret word, `key`, `pin`, or a last word that marks a secret
 * at its end. The words of a name are parts of it lower-cased, so a name without any is no secret's.
 */
const SECRET_HINT = new RegExp(`${[...SECRET_WORDS, 'KEY', 'PIN'].join('|')}|(?:${[...SECRET_LAST_WORDS].join('|')})[^A-Z0-9]*$`.toLowerCase());

/** `GITHUB_TOKEN`, `githubToken`, `github-token` all give [GITHUB, TOKEN]; `JWTSigningKey` gives [JWT, SIGNING, KEY]. */
function nameWords(name: string): string[] {
  return nameTokens(name).map((word) => word.toUpperCase());
}

/** Whether a variable's name says that it holds a secret itself (not its file, URL, id or an on/off switch). */
export function namesSecret(name: string): boolean {
  if (!SECRET_HINT.test(name.toLowerCase())) return false;
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined || PATH_VARIABLES.has(name) || QUALIFIERS.has(last) || SWITCHES.has(words[0]!) || words.some((word) => PUBLIC_WORDS.has(word))) return false;
  if (words.length > 1 && SECRET_LAST_WORDS.has(last)) return true;
  if (last === 'KEY' && KEY_KINDS.has(words[words.length - 2] ?? '')) return true;
  if (namesPin(words)) return true;
  return words.some((word) => SECRET_WORDS.some((secret) => word === secret || (word.endsWith(secret) && secret.length >= 6)));
}

function namesPin(words: readonly string[]): boolean {
  const pin = words.lastIndexOf('PIN');
  if (pin === words.length - 1) return PIN_HOLDERS.has(words[pin - 1] ?? '');
  return pin >= 0 && pin === words.length - 2 && words[pin + 1] === 'CODE';
}

/** Whether a value is made only of variable references (`$TOKEN`, `${USER}:${PASSWORD}`) or is empty. */
export function isReferenceOnly(value: string): boolean {
  return !/[A-Za-z0-9]/.test(value.replace(/\$(?:\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)/g, ''));
}

/**
 * A value of one repeated character, separators aside (`XXXXXXXX`, a zero UUID, `********`), or the word `placeholder`:
 * a placeholder for the real one, which is given at run time.
 */
export function isPlaceholder(value: string): boolean {
  return /^([A-Za-z0-9*])(?:\1|[-_.:])*$/.test(value) || /^placeholder$/i.test(value);
}

/** Literal values that are no secret even under a secret name: on/off switches, file paths, URLs without credentials. */
export function isNonSecretLiteral(value: string): boolean {
  return (
    /^(?:true|false|yes|no|on|off|0|1|none|null|enabled|disabled)$/i.test(value) ||
    /^(?:\/|\.\.?\/|~\/)/.test(value) ||
    (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && credentialIn(value) === undefined)
  );
}

export interface CredentialFinding {
  /** What kind of credential it is, for the message. */
  kind: string;
  /** The value with the secret parts replaced by `****`, safe to print. */
  masked: string;
}

/** A kind of token, the text every match of it starts with (a regular expression's source), and the token. */
const TOKEN_PATTERNS: [string, string, RegExp][] = [
  ['a GitHub token', 'gh[pousr]_|github_pat_', /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})/],
  ['a GitLab token', 'glpat-', /\bglpat-[A-Za-z0-9_-]{20,}/],
  ['an AWS access key', 'AKIA|ASIA', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['a Slack token', 'xox[abposr]-', /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ['an npm token', 'npm_', /\bnpm_[A-Za-z0-9]{36}\b/],
  ['a Google API key', 'AIza', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['a private key', '-----BEGIN ', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
];

/** A URL's `user:password@` part, where the password is not just a variable reference or a placeholder. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/:@]+):([^\s/@]+)@/gi;
const NETRC_PASSWORD = /\bmachine\s+\S+\s+(?:login\s+\S+\s+)?password\s+(\S+)/;

/**
 * Text that each pattern above needs to match (`://`, `machine`, each token's start): a value holding
 * none of it holds no credential. Most values hold none, and one test spares compiling nine
 * expressions (each a few hundredths of a millisecond, a pre-commit run over one Dockerfile's worth).
 */
const CREDENTIAL_MARKERS = new RegExp([':\\/\\/', 'machine', ...TOKEN_PATTERNS.map(([, marker]) => marker)].join('|'));

/** A credential inside a value, whatever the variable is called: in a URL, in netrc lines, or a well-known token format. */
export function credentialIn(value: string): CredentialFinding | undefined {
  if (!CREDENTIAL_MARKERS.test(value)) return undefined;
  for (const match of value.matchAll(URL_CREDENTIALS)) {
    if (/^\$(?:\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)$/.test(match[3]!) || isPlaceholder(match[3]!)) continue;
    const end = value.slice(match.index).search(/[\s,|]|$/);
    return { kind: 'a URL with a user name and password', masked: maskUrl(value.slice(match.index, match.index + end)) };
  }
  const netrc = NETRC_PASSWORD.exec(value);
  if (netrc) return { kind: 'netrc credentials', masked: `machine … password ****` };
  for (const [kind, , pattern] of TOKEN_PATTERNS) {
    const token = pattern.exec(value);
    if (token) return { kind, masked: `${token[0].slice(0, 4)}****` };
  }
  return undefined;
}

/** `https://user:secret@host/path` → `https://****:****@host/path`. */
function maskUrl(url: string): string {
  return url.replace(URL_CREDENTIALS, '$1****:****@');
}
