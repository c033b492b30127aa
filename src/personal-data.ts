/**
 * What names and literal values say about personal data (PDPA): the dictionary of names that mean a
 * personal identifier, of records that hold them and of functions that redact them; and the
 * matchers of Singapore NRIC/FIN numbers (with their checksum) and phone numbers in any text.
 * Shared by the rules that look at log calls and at literals of every kind of file.
 */

import { defaultPersonalDataSettings, type PersonalDataSettings } from './config/config.js';
import { nameTokens } from './names.js';
import { LineIndex } from './positions.js';

/** A personal-data term: the words of a name that mean it (`phone number` → [phone, number]) and what it is, for messages. */
export interface PersonalTerm {
  readonly words: readonly string[];
  readonly meaning: string;
}

/** How a team changes the dictionary in `.merlint.yaml` (`personalData:`). */
const DEFAULT_TERMS: Record<string, readonly string[]> = {
  'an NRIC/FIN number': ['nric', 'fin', 'ic no', 'ic number', 'uin', 'national id', 'identity number', 'identity card', 'id card number', 'nric fin'],
  'a passport number': ['passport'],
  'a phone number': ['phone', 'mobile', 'msisdn', 'tel', 'telephone', 'handphone', 'cellphone', 'contact number', 'contact no', 'whatsapp number'],
  'an email address': ['email', 'e mail', 'emails'],
  'a date of birth': ['dob', 'date of birth', 'birth date', 'birthdate', 'birthday'],
  'a home address': ['home address', 'residential address', 'postal address', 'mailing address', 'street address', 'billing address', 'shipping address', 'home addr'],
  'a bank account number': ['bank account', 'bank acct', 'account number', 'account no', 'acct no', 'acct number', 'iban'],
  'a card number': ['card number', 'card no', 'pan', 'credit card', 'debit card', 'cc number', 'cvv', 'cvc'],
  'a full name': ['full name', 'fullname', 'legal name', 'first name', 'firstname', 'last name', 'lastname', 'given name', 'family name', 'surname', 'middle name'],
};

/** Records whose values, logged whole, carry personal data. */
const DEFAULT_RECORDS = [
  'user', 'customer', 'patient', 'member', 'person', 'people', 'applicant', 'employee', 'citizen', 'profile', 'contact', 'recipient',
  'beneficiary', 'payer', 'payee', 'passenger', 'student', 'guest', 'cardholder', 'subscriber', 'consumer', 'claimant', 'policyholder', 'kyc',
];
/** Records that things other than persons have too (`TLSProfile`, `cpuProfile`, `awsProfile`): a person's only alone or after a person's record (`userProfile`). */
const SHARED_RECORDS = new Set(['profile']);
/** A last word that, after a record's name, still names the record's data: `userInfo`, `customerDetails`, `patientRecord`. */
const RECORD_CARRIERS = new Set(['info', 'details', 'detail', 'data', 'record', 'req', 'request', 'payload', 'body', 'dto', 'input', 'model', 'entity', 'obj', 'object', 'struct', 'row', 'doc', 'document']);
/**
 * A name's last word `name` is a person's name after one of these (`customerName`, `patient.Name`); `userName` is a login,
 * an `ownerName` is most often an object's owner (a Kubernetes owner reference, a repository's owner), and a
 * `subscriberName` or `consumerName` a message handler's (watermill's `subscriber_name`, a Kafka or NATS consumer's).
 */
const NAMED_PERSONS = new Set(DEFAULT_RECORDS.filter((record) => !['user', 'profile', 'kyc', 'subscriber', 'consumer'].includes(record)).concat(['holder', 'payer', 'payee', 'sender', 'receiver']));

/**
 * Words before `member` that make it a part of a program (`enumMember.name`, `StructMember`, `interface_member_name`, a type checker's
 * or a code generator's), not a person who belongs to a club, a team, a family or an organisation. Not `class` nor `instance`: a
 * school class's members are its students (`ClassMember.name` of a roster), a server instance's its users.
 */
const CODE_CONSTRUCTS = new Set(['enum', 'struct', 'interface', 'union', 'type', 'static', 'namespace', 'trait', 'tuple']);
/** The first word of an error value named for the record it is about (Go's sentinel errors: `ErrNotEnoughStartedMembers`, `errNoUser`). */
const ERROR_VALUE = 'err';

/** Kinds of a person's name that no term lists: `displayName`, `nickName`. */
const PERSONAL_NAME_KINDS = new Set(['display', 'nick', 'screen', 'real', 'preferred', 'maiden', 'birth']);

/**
 * Words that make a name about the data rather than the data itself: `phoneVerified`, `emailCount`,
 * `isMobile`, `phoneRegex`, `maskedPhone`, `AttributeSurname` (the directory attribute that holds it); or about a machine's: `serviceEmail`,
 * `saEmail` (a service account's). Such names are not reported.
 */
const QUALIFIERS = new Set([
  'is', 'has', 'should', 'can', 'verified', 'verification', 'valid', 'validated', 'validation', 'invalid', 'enabled', 'disabled', 'required',
  'optional', 'count', 'counts', 'stats', 'statistics', 'metrics', 'len', 'length', 'size', 'type', 'types', 'kind', 'format', 'formats', 'regex', 'regexp', 're', 'pattern',
  'template', 'field', 'fields', 'column', 'key', 'keys', 'label', 'masked', 'hashed', 'redacted', 'encrypted', 'tokenized', 'domain',
  'provider', 'status', 'state', 'exists', 'missing', 'empty', 'config', 'settings', 'policy', 'max', 'min', 'limit', 'attempts', 'error',
  'err', 'errors', 'sent', 'code', 'otp', 'token', 'verify', 'confirmation', 'confirmed', 'prefix', 'suffix', 'hash', 'mask', 'app', 'device',
  'platform', 'version', 'os', 'browser', 'view', 'layout', 'menu', 'client', 'service', 'sender', 'subject', 'body', 'template', 'queue',
  'topic', 'channel', 'event', 'events', 'header', 'param', 'route', 'path', 'url', 'endpoint', 'handler', 'changed', 'opt', 'optin', 'optout',
  'consent', 'id', 'ids', 'uuid', 'ref', 'index', 'idx', 'sa', 'attribute', 'attributes', 'attr', 'attrs',
]);
/** Words that say an identifier is a machine's account, not a person's. */
const MACHINES = new Set(['service', 'sa', 'bot', 'robot', 'system', 'noreply']);
/** First words of a name that make it a yes-or-no question about the data: `isMobile`, `hasEmail`. */
const PREDICATES = new Set(['is', 'has', 'should', 'can', 'must', 'needs', 'allow', 'require', 'skip', 'no', 'with', 'without']);
/** First words that, right before a term, make the name the choice to send that kind of message (`sendEmailToOwner`, a flag), not an address. */
const SENDING = new Set(['send', 'resend']);
/** Words that continue a term's name without changing what it holds: `phoneNumber`, `email_address`, `nricValue`. */
const TERM_CONTINUATIONS = new Set(['number', 'no', 'num', 'nr', 'address', 'addr', 'value', 'val', 'str', 'string', 'raw', 'plain', 'full']);

/** Whether a word continues a term's name without changing what it holds (`number` in `phone number`). */
export function isTermContinuation(word: string): boolean {
  return TERM_CONTINUATIONS.has(word);
}

/** Name words of functions whose result no longer identifies a person. */
const REDACTING_WORDS = new Set([
  'redact', 'redacted', 'redaction', 'mask', 'masked', 'masking', 'hash', 'hashed', 'hashing', 'sanitize', 'sanitise', 'sanitized', 'sanitised',
  'sanitizer', 'anonymize', 'anonymise', 'anonymized', 'anonymised', 'tokenize', 'tokenise', 'tokenized', 'pseudonymize', 'pseudonymise',
  'obfuscate', 'obfuscated', 'scrub', 'scrubbed', 'encrypt', 'encrypted', 'sha1', 'sha256', 'sha512', 'md5', 'hmac', 'bcrypt', 'argon2', 'fnv',
]);
/** Name words of functions whose result says something about a value without revealing it: `len(phone)`, `isValidEmail(e)`. */
/**
 * Groups whose members are things, not persons: the constructs of code (CODE_CONSTRUCTS), and groups of machines: an etcd or
 * Raft cluster's, a gossip network's (fabric's `NetworkMember`), an IP set's (calico's `IPSetMember`, `ipSets.Members`).
 */
const GROUPS_OF_THINGS = new Set([...CODE_CONSTRUCTS, 'etcd', 'raft', 'cluster', 'quorum', 'gossip', 'network', 'set', 'ipset', 'ring', 'pool', 'peer', 'node']);

function isGroupOfThings(name: string | undefined): boolean {
  const last = name === undefined ? undefined : nameTokens(name).at(-1);
  return last !== undefined && GROUPS_OF_THINGS.has(singular(last));
}

/** Whether words of a name end in a member of a group of things (`enum member`, `struct members`, `NetworkMember`): no person. */
function namesMemberOfThing(words: readonly string[]): boolean {
  return singular(words.at(-1) ?? '') === 'member' && isGroupOfThings(words.at(-2));
}

/** Words before a record's name that make the name a number of them: `currentTotalMembers`, `numUsers`, `maxPatients`. */
const COUNTING_WORDS = new Set(['total', 'num', 'count', 'max', 'min']);
const MEASURING_WORDS = new Set(['len', 'cap', 'count', 'length', 'size', 'is', 'has', 'exists', 'valid', 'validate', 'boolean', 'bool', 'typeof', 'strlen', 'empty']);

interface CompiledTerm extends PersonalTerm {
  readonly key: string;
}

/** The dictionary in force for a scan: the defaults changed by the team's settings. */
export class PersonalDataDictionary {
  private readonly terms: CompiledTerm[];
  private readonly records: Set<string>;
  private readonly redactors: Set<string>;

  constructor(settings: PersonalDataSettings = defaultPersonalDataSettings()) {
    const removed = new Set(settings.terms.remove.map((term) => nameTokens(term).join(' ')));
    const terms: CompiledTerm[] = [];
    for (const [meaning, names] of Object.entries(DEFAULT_TERMS)) {
      for (const name of names) terms.push({ words: name.split(' '), meaning, key: name });
    }
    for (const name of settings.terms.add) {
      const words = nameTokens(name);
      if (words.length > 0) terms.push({ words, meaning: `personal data (${words.join(' ')})`, key: words.join(' ') });
    }
    // Longer terms first: `contact number` before a shorter term that a team might add.
    this.terms = terms.filter((term) => !removed.has(term.key)).sort((a, b) => b.words.length - a.words.length);
    const removedRecords = new Set(settings.records.remove.map((record) => nameTokens(record).join(' ')));
    this.records = new Set([...DEFAULT_RECORDS, ...settings.records.add.map((record) => nameTokens(record).join(' '))].filter((record) => !removedRecords.has(record)));
    this.redactors = new Set(settings.redactors.map((name) => name.slice(name.lastIndexOf('.') + 1).toLowerCase()));
  }

  /**
   * The personal-data term a name means, if any: `userPhone`, `phone_number`, `MobileNo`, `nric`
   * mean one; `finance`, `phoneme`, `phoneVerified`, `emailCount`, `botEmail` (a machine's) do not. `path` is the name
   * with the names it is read from (`user.Name` → [user, Name]): only the last is the data, the one
   * before it tells whose name `Name` is.
   */
  sensitiveName(fullPath: readonly string[]): PersonalTerm | undefined {
    const path = withoutConversions(fullPath);
    const last = path[path.length - 1];
    if (last === undefined) return undefined;
    const words = nameTokens(last);
    const found = this.termIn(words);
    const owner = path[path.length - 2];
    if (found) return (ownedBy(ORGANISATIONS, owner) && namesOnly(words, found)) || ((ownedByNamedThing(path) || namesThingBefore(words, found)) && isFullName(found)) || this.namesMachines(path) ? undefined : found;
    if (words.length === 1 && words[0] === 'name' && path.length > 1) return this.personName(nameTokens(path[path.length - 2]!));
    return this.personName(words.slice(0, -1), words[words.length - 1]);
  }

  /** The term whose words occur in `words`, unless a qualifier follows them or opens the name. */
  termIn(words: readonly string[]): PersonalTerm | undefined {
    if (words.length === 0 || PREDICATES.has(words[0]!)) return undefined;
    for (let start = 0; start < words.length; start++) {
      const term = this.termAt(words, start);
      if (!term) continue;
      if (start === 1 && SENDING.has(words[0]!)) return undefined;
      const after = words.slice(start + term.words.length).filter((word) => !TERM_CONTINUATIONS.has(word));
      const before = words.slice(0, start);
      if (after.some((word) => QUALIFIERS.has(word)) || before.some((word) => QUALIFIERS.has(word) && !TERM_CONTINUATIONS.has(word) && word !== 'id')) return undefined;
      return term;
    }
    return undefined;
  }

  /** Whether a name says its term is a machine's: `serviceAccountEmail`, `saEmail`, `botPhone`. */
  namesMachines(fullPath: readonly string[]): boolean {
    const last = withoutConversions(fullPath).at(-1);
    const words = last === undefined ? [] : nameTokens(last);
    const start = words.findIndex((_, at) => this.termAt(words, at) !== undefined);
    return start > 0 && words.slice(0, start).some((word) => MACHINES.has(word));
  }

  private termAt(words: readonly string[], start: number): CompiledTerm | undefined {
    return this.terms.find((term) => term.words.every((word, offset) => words[start + offset] === word));
  }

  private personName(owner: readonly string[], last = 'name'): PersonalTerm | undefined {
    if (last !== 'name' || owner.length === 0 || namesMemberOfThing(owner)) return undefined;
    return NAMED_PERSONS.has(singular(owner[owner.length - 1]!)) ? { words: [...owner, 'name'], meaning: 'a full name' } : undefined;
  }

  /**
   * Whether a name (a log key) says whose name its value is, and that it is a thing's: `imageName`,
   * `nodeName`; not `userName`, `holderName`, `displayName`, nor a term (`fullName`).
   */
  namesThing(name: string): boolean {
    const words = nameTokens(name).map(singular);
    const owner = words[words.length - 2];
    if (words[words.length - 1] !== 'name' || owner === undefined || this.termIn(words)) return false;
    return namesMemberOfThing(words.slice(0, -1)) || !this.records.has(owner) && !NAMED_PERSONS.has(owner) && !PERSONAL_NAME_KINDS.has(owner);
  }

  /** The record a name holds (`user`, `customerDetails`, `patients`), if it likely holds personal data; not a member of code (`enumMember`) nor an error (`ErrNoMembers`). */
  recordName(fullPath: readonly string[]): string | undefined {
    const path = withoutConversions(fullPath);
    const last = path[path.length - 1];
    if (last === undefined) return undefined;
    const words = this.recordWords(nameTokens(last).map(singular));
    const end = words[words.length - 1];
    if (end === undefined) return undefined;
    const at = this.records.has(end) ? words.length - 1 : RECORD_CARRIERS.has(end) ? Math.max(...words.map((word, i) => (this.records.has(word) ? i : -1))) : -1;
    const record = words[at];
    const owner = words[at - 1];
    if (record === undefined || words.slice(0, at).some((word) => COUNTING_WORDS.has(word))) return undefined;
    if (record === 'member' && isGroupOfThings(owner ?? (words.length === 1 ? path.at(-2) : undefined))) return undefined;
    if (SHARED_RECORDS.has(record) && owner !== undefined && !this.records.has(owner)) return undefined;
    if (words[0] === ERROR_VALUE) return undefined;
    if (record === 'user' && (words.length === 1 ? isConnectionSetting(path[path.length - 2]) : DATABASES.has(owner ?? ''))) return undefined;
    return record;
  }

  /** The words a record's name is about (headWords), but all of a map's name from its keys to its values (`idToUser` holds users). */
  private recordWords(words: readonly string[]): readonly string[] {
    const head = headWords(words);
    return words[head.length] === 'to' && !head.some((word) => this.records.has(word)) ? words : head;
  }

  /**
   * The names of a path, each read as the named type it is declared with where that type says what it is: a person's record
   * (`Customer`, `PatientInfo`, `Sender`), an organisation, a thing with a name of its own, a connection's settings or a member of
   * code (`Agency`, `Repository`, `MethodDescriptor`, `ConnConfig`, `ts.EnumMember`). Such a type outranks the name (`item *Customer`
   * is a customer, `customer *github.Repository` a repository, `member: ts.EnumMember` no person); a type that says none of these (`mail.Address`, `Item`, a notifier `Email`)
   * leaves the name to speak (`sender *mail.Address` is a sender).
   */
  typedPath(path: readonly string[], types: readonly (string | undefined)[]): string[] {
    return path.map((name, index) => {
      const type = types[index];
      return type !== undefined && this.knowsType(type) ? type : name;
    });
  }

  private knowsType(type: string): boolean {
    return this.recordName([type]) !== undefined || ownedBy(OWNER_KINDS, type) || namesMemberOfThing(nameTokens(type));
  }

  /** The address a message sent over the channel a word names goes to: an SMS's or a WhatsApp message's phone number, an e-mail's address. */
  channelAddress(word: string | undefined): PersonalTerm | undefined {
    const address = CHANNEL_ADDRESSES.get(word ?? '');
    return address === undefined ? undefined : this.termIn([address]);
  }

  /**
   * The address a recipient declared as a string (or a list of them) holds, where its owner's name or declared type names the
   * channel: `mail.recipients[0]` of a `MailToSend` is an e-mail address, `sms.recipient` a phone number. A recipient record
   * (`recipient: Recipient`) is no address, nor is a name that goes on past recipient (`recipientType`, `recipientCount`); a
   * recipient of no named channel may be an id.
   */
  recipientAddress(path: readonly string[], types: readonly (string | undefined)[]): PersonalTerm | undefined {
    const last = path.at(-1);
    if (last === undefined || singular(nameTokens(last).at(-1) ?? '') !== 'recipient') return undefined;
    const owners = [path.at(-2), types.at(-2)].flatMap((name) => (name === undefined ? [] : nameTokens(name)));
    return owners.map((word) => this.channelAddress(word)).find((term) => term !== undefined);
  }

  /** Whether passing a value through the function `name` (`maskPhone`, `redact.String`, `sha256.Sum256`) redacts it. */
  isRedactor(name: string): boolean {
    const simple = name.slice(name.lastIndexOf('.') + 1);
    return this.redactors.has(simple.toLowerCase()) || nameTokens(name).some((word) => REDACTING_WORDS.has(word));
  }
}

/** Words that name a channel messages are sent over, and the term of the address such a message goes to. */
const CHANNEL_ADDRESSES = new Map([
  ['sms', 'phone'],
  ['whatsapp', 'phone'],
  ['email', 'email'],
  ['mail', 'email'],
]);

/** Whether the function `name` only measures or tests a value (`len`, `isValidEmail`), so its result reveals nothing. */
export function isMeasuring(name: string): boolean {
  const words = nameTokens(name.slice(name.lastIndexOf('.') + 1));
  return words.some((word) => MEASURING_WORDS.has(word));
}

/** Methods that give a value in another form, not other data: `email.toLowerCase()`, `phone.String()`. */
const CONVERSIONS = new Set(['string', 'tostring', 'get', 'value', 'valueof', 'text', 'trim', 'trimspace', 'tolower', 'toupper', 'tolowercase', 'touppercase', 'normalize', 'bytes', 'hex', 'this']);

function withoutConversions(path: readonly string[]): readonly string[] {
  let end = path.length;
  while (end > 1 && CONVERSIONS.has(path[end - 1]!.toLowerCase())) end--;
  return path.slice(path[0] === 'this' ? 1 : 0, end);
}

/** Owners that are not persons, whose own name, email or phone is no one's personal data: `agency.fullName`, `group.Email`. */
const ORGANISATIONS = new Set([
  'agency', 'company', 'organisation', 'organization', 'org', 'business', 'merchant', 'bank', 'vendor', 'department', 'ministry', 'tenant', 'institution',
  'school', 'group', 'team',
]);

/** The name's words are the term's and its continuations only: `email`, `phoneNumber`, not `ownerEmail`, a person's. */
function namesOnly(words: readonly string[], term: PersonalTerm): boolean {
  return words.every((word) => term.words.includes(word) || TERM_CONTINUATIONS.has(word));
}

/** Owners whose `User` is the login they connect with (`connInfo.User`, `cfg.DB.User`, `dsn.User`), a name rather than a person's record. */
const CONNECTION_SETTINGS = new Set(['conn', 'connection', 'config', 'cfg', 'conf', 'dsn', 'ssh', 'db', 'database', 'credential', 'cred', 'auth', 'login', 'url', 'uri', 'option', 'opt', 'setting', 'param']);

/** Databases whose user (`PgUser`, `dbUser`) is a login role with a password, not a person's record. */
const DATABASES = new Set(['db', 'database', 'pg', 'postgres', 'postgresql', 'sql', 'mysql', 'mssql', 'mongo', 'mongodb', 'redis']);

function isConnectionSetting(owner: string | undefined): boolean {
  return owner !== undefined && nameTokens(owner).some((word) => CONNECTION_SETTINGS.has(singular(word)));
}

/** Whether the owner's last word (`org` in `payeeOrg`, `repo` in `GetRepo`), before any `with`, `to`, `for` or `from` (`repoFromForge`), is one of `owners`. */
function ownedBy(owners: ReadonlySet<string>, owner: string | undefined): boolean {
  const last = owner === undefined ? undefined : headWords(nameTokens(owner)).at(-1);
  return last !== undefined && owners.has(singular(last));
}

/**
 * Owners whose full name is no person's: a repository's is its `owner/name` (go-github's `repo.GetFullName()`, a webhook's
 * `repository.full_name`), a protobuf descriptor's its package-qualified name (`method.FullName()`, `md.FullName()`), an HCL
 * block's its type and labels (`block.FullName()` in trivy's Terraform parser: `resource.aws_s3_bucket.logs`).
 */
const NAMED_THINGS = new Set(['repo', 'repository', 'method', 'message', 'md', 'descriptor', 'desc', 'service', 'enum', 'field', 'fd', 'oneof', 'extension', 'block']);
/** A method descriptor's message descriptors (`method.Input().FullName()`); an owner named so alone is a request's, a person's data. */
const METHOD_MESSAGES = new Set(['input', 'output']);

/** Whether the name's owner is a thing whose full name is no person's: one of NAMED_THINGS, or a method descriptor's input or output. */
function ownedByNamedThing(path: readonly string[]): boolean {
  const owner = path.at(-2);
  return ownedBy(NAMED_THINGS, owner) || (ownedBy(METHOD_MESSAGES, owner) && ownedBy(NAMED_THINGS, path.at(-3)));
}

/** Last words of a type's name that say what its values are, besides a person's record (see typedPath). */
const OWNER_KINDS = new Set([...NAMED_PERSONS, ...ORGANISATIONS, ...NAMED_THINGS, ...CONNECTION_SETTINGS]);

/** Whether a word before the term in the name itself is a thing with a name of its own: `repoFullName`, `repoIDOrFullName`. */
function namesThingBefore(words: readonly string[], term: PersonalTerm): boolean {
  const start = words.findIndex((_, at) => term.words.every((word, offset) => words[at + offset] === word));
  return words.slice(0, Math.max(0, start)).some((word) => NAMED_THINGS.has(singular(word)));
}

function isFullName(term: PersonalTerm): boolean {
  const words = term.words.join(' ');
  return words === 'full name' || words === 'fullname';
}

/** The words a name is about: those before `with`, `to`, `for` or `from` (`UserWithContactNumber`, `usersToUpdate` and `userFromDb` are users, `keyForUser` a key). */
function headWords(words: readonly string[]): readonly string[] {
  const qualified = words.findIndex((word) => QUALIFYING_WORDS.has(word));
  return qualified > 0 ? words.slice(0, qualified) : words;
}

const QUALIFYING_WORDS = new Set(['with', 'to', 'for', 'from']);

function singular(word: string): string {
  if (word === 'people') return 'people';
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  return word.endsWith('s') && !word.endsWith('ss') && word.length > 3 ? word.slice(0, -1) : word;
}

const dictionaries = new WeakMap<PersonalDataSettings, PersonalDataDictionary>();

/** The dictionary for these settings, built once per settings object. */
export function dictionaryFor(settings: PersonalDataSettings): PersonalDataDictionary {
  let dictionary = dictionaries.get(settings);
  if (!dictionary) {
    dictionary = new PersonalDataDictionary(settings);
    dictionaries.set(settings, dictionary);
  }
  return dictionary;
}

// ---------------------------------------------------------------------------------------------
// NRIC / FIN

const NRIC_WEIGHTS = [2, 7, 6, 5, 4, 3, 2];
const NRIC_OFFSETS: Record<string, number> = { S: 0, T: 4, F: 0, G: 4, M: 3 };
const NRIC_LETTERS: Record<string, string> = { S: 'JZIHGFEDCBA', T: 'JZIHGFEDCBA', F: 'XWUTRQPNMLK', G: 'XWUTRQPNMLK', M: 'XWUTRQPNJLK' };

/** The check letter of an NRIC/FIN with this series letter (S, T, F, G, M) and seven digits; undefined for another series. */
export function nricCheckLetter(series: string, digits: string): string | undefined {
  const letters = NRIC_LETTERS[series.toUpperCase()];
  if (!letters || !/^\d{7}$/.test(digits)) return undefined;
  let sum = NRIC_OFFSETS[series.toUpperCase()]!;
  for (let index = 0; index < 7; index++) sum += Number(digits[index]) * NRIC_WEIGHTS[index]!;
  return letters[sum % 11];
}

/** Whether `text` is an NRIC/FIN number whose check letter is right (`S1234567D`); the letters in one case. */
export function isValidNric(text: string): boolean {
  const match = /^([STFGM])(\d{7})([A-Z])$/.exec(text) ?? /^([stfgm])(\d{7})([a-z])$/.exec(text);
  return match !== null && nricCheckLetter(match[1]!, match[2]!) === match[3]!.toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Literal identifiers in text

export interface PersonalNumber {
  kind: 'nric' | 'phone';
  /** Offsets of the number in the text, end exclusive. */
  start: number;
  end: number;
  text: string;
}

const NRIC_LENGTH = 9;
const NRIC_PREFIXES = 'STFGMstfgm';
const SEVEN_DIGITS = /\d{7}/g;
const ASCII_LETTER = /^[A-Za-z]$/;
/** +65 (or 0065, (65)) then eight digits starting 3, 6, 8 or 9, optionally split 4-4 by a space, dot or hyphen. */
const INTERNATIONAL_PHONE = /(?:\+\s?65|\(\+?65\)|\b0065)[\s.-]?([3689]\d{3})[\s.-]?(\d{4})/g;
/** Singapore's country code, written whole in each of those forms. */
const COUNTRY_CODE = '65';
/** Eight digits starting 3, 6, 8 or 9, split 4-4 by a space or hyphen (`9123 4567`), or not split. */
const LOCAL_PHONE = /[3689]\d{3}(?:[ -]?)\d{4}/g;
/** Four digits in a row: in every NRIC (its seven) and every phone number (its first four), whatever else the expressions above ask. */
const FOUR_DIGITS = /\d{4}/;
const PHONE_WORDS = new Set(['phone', 'mobile', 'tel', 'telephone', 'hp', 'handphone', 'cellphone', 'contact', 'msisdn', 'whatsapp', 'sms', 'call', 'fax']);
/** Words on a line that make its numbers network ports (`EXPOSE 8080 8081`), unless the line also speaks of a phone. */
const PORT_WORDS = new Set(['expose', 'port', 'ports', 'listen', 'tcp', 'udp']);
/** Words on a line that mark its values as examples, not someone's data; MockPass is the mock Singpass login server, whose identities are test ones. */
const EXAMPLE_WORDS = new Set(['example', 'examples', 'sample', 'samples', 'dummy', 'fake', 'placeholder', 'lorem', 'mock', 'mockpass', 'fictitious', 'fictional']);
const EXAMPLE_PHRASE = /\b(?:e\.g\.|eg:|i\.e\.)/i;
/** Asking the reader to call, and the lines they call: phrases that publish a number for the public to ring (an agency's hotline in a user-facing message). */
const CALL_REQUEST = 'please call|call us';
const PUBLIC_LINE = 'hotline|helpline|call cent(?:re|er)';
/** Phrases that publish a number on their line: business contact information, not someone's data. */
const PUBLISHED_NUMBER_PHRASE = new RegExp(`\\b(?:${CALL_REQUEST}|${PUBLIC_LINE})\\b`, 'i');
/**
 * A line that ends leading to a number (`please call our hotline`, `hotline at`, `call us on`; wrapped JSX or prose): it publishes
 * the number that opens the next line. A line that only names a hotline (`escalated to the hotline`) leads to none.
 */
const PUBLISHED_NUMBER_LEAD = new RegExp(`\\b(?:(?:${CALL_REQUEST})(?:.*\\b(?:${PUBLIC_LINE}))?(?:\\s+(?:at|on))?|(?:${PUBLIC_LINE})\\s+(?:at|on))[^\\w]*$`, 'i');
/** A line that heads the example below it: `example:` in OpenAPI YAML and the JSDoc generated from it. */
const EXAMPLE_HEADING = /\bexamples?:\s*$/i;
/** Words of a directory or file name that make everything in it made-up data (`fake/profiles/`, `__mocks__/`, `user.mock.ts`). */
const MADE_UP_PATH_WORDS = new Set(['fake', 'fakes', 'mock', 'mocks', 'dummy', 'dummies', 'fictitious']);
/** Any of those words in a lower-cased path: the words of a path are parts of it, so a path without one is not split into words. */
const MADE_UP_PATH_HINT = new RegExp([...MADE_UP_PATH_WORDS].join('|'));

/**
 * Whether `text` may hold a number `findPersonalNumbers` finds: one pass, where finding them takes three.
 * A text without four digits in a row (two in five real Dockerfiles) is read no further.
 */
export function mayHoldPersonalNumbers(text: string): boolean {
  return FOUR_DIGITS.test(text);
}

/**
 * NRIC/FIN numbers with a valid check letter, and Singapore phone numbers, written in `text`.
 * Left out: a wrong check letter; numbers inside longer runs of letters, digits or base64
 * (hashes, ids, tokens); 1800/1900 and other service numbers (they do not start with 3, 6, 8
 * or 9); eight plain digits unless written +65, split 4-4, or on a line that speaks of a phone; digits after another dialling
 * code in brackets (`(852) 9123 4567`, `(98)(21)(66127395)`);
 * unless the line speaks of a phone, two ports on a line that speaks of ports (`EXPOSE 8080 8081`,
 * `8090-8091/tcp`) and a close range (`6380-6382`, `8080-8080`); numbers of one repeated digit (`88888888`) or
 * of two round hundreds (`3600-7200`) or running up or down (`98765432`); and any number on a line that
 * calls itself an example (`example`, `e.g.`, `sample`, `dummy`, `fake`, `placeholder`, `mock`), that configures MockPass, that
 * publishes a number to call (`please call`, `hotline`) or follows a line that ends on those words, or below an `example:` heading.
 */
export function findPersonalNumbers(text: string): PersonalNumber[] {
  const found: PersonalNumber[] = [];
  const lineOf = lineReader(text);
  for (const start of nricCandidates(text)) {
    const end = start + NRIC_LENGTH;
    const candidate = text.slice(start, end);
    if (!isValidNric(candidate) || !standsAlone(text, start, end, NRIC_NEIGHBOURS)) continue;
    found.push({ kind: 'nric', start, end, text: candidate });
  }
  const international = new Set<number>();
  // Looked for only where the code is written: the expression's three openings try nearly every character.
  for (const match of text.includes(COUNTRY_CODE) ? text.matchAll(INTERNATIONAL_PHONE) : []) {
    const start = match.index;
    const end = start + match[0].length;
    if (!standsAlone(text, start, end, INTERNATIONAL_PHONE_NEIGHBOURS) || isPlaceholder(match[1]! + match[2]!)) continue;
    for (let offset = start; offset < end; offset++) international.add(offset);
    found.push({ kind: 'phone', start, end, text: match[0] });
  }
  for (const match of text.matchAll(LOCAL_PHONE)) {
    const start = match.index;
    const end = start + match[0].length;
    if (international.has(start) || !standsAlone(text, start, end, LOCAL_PHONE_NEIGHBOURS) || afterDiallingCode(text, start)) continue;
    const digits = match[0].replace(/\D/g, '');
    if (isPlaceholder(digits)) continue;
    const line = lineOf(start);
    if (!line.phone && (isCloseRange(match[0]) || line.ports || digits === match[0])) continue;
    found.push({ kind: 'phone', start, end, text: match[0] });
  }
  return found.filter((number) => !isExempt(number, lineOf(number.start))).sort((a, b) => a.start - b.start);
}

/**
 * Where `[STFGMstfgm]\d{7}[A-Za-z]` matches in `text`, leftmost first and never overlapping, found from
 * its seven digits: an expression led by the letters tries nearly every character of a text, the digits
 * far fewer.
 */
function nricCandidates(text: string): number[] {
  const starts: number[] = [];
  let matchedUpTo = 0;
  for (const digits of text.matchAll(SEVEN_DIGITS)) {
    const start = digits.index - 1;
    if (start < matchedUpTo || !NRIC_PREFIXES.includes(text[start]!) || !ASCII_LETTER.test(text.charAt(start + NRIC_LENGTH - 1))) continue;
    starts.push(start);
    matchedUpTo = start + NRIC_LENGTH;
  }
  return starts;
}

/** What, in the two characters before or after a number, makes it part of a longer token. */
interface Neighbours {
  /** Anchored at the end of the two characters before. */
  readonly before: RegExp;
  /** Anchored at the start of the two characters after. */
  readonly after: RegExp;
}

const NRIC_NEIGHBOURS: Neighbours = { before: /[A-Za-z0-9_+/]$/, after: /^[A-Za-z0-9_+/=]/ };
const INTERNATIONAL_PHONE_NEIGHBOURS: Neighbours = { before: /[A-Za-z0-9_]$/, after: /^(?:[A-Za-z0-9_]|[.-]\d)/ };
/** After a local number, a dot and a letter continue a file's or a host's name (`3456-0001.zip`); a dot alone ends a sentence. */
const LOCAL_PHONE_NEIGHBOURS: Neighbours = { before: /(?:[A-Za-z0-9_+]|\d[.\-/:\s]|[.\-/:])$/, after: /^(?:[A-Za-z0-9_]|[.\-/:\s]\d|\.[A-Za-z])/ };

/** A dialling code in brackets (`(852) `, `(98)(21)(`), which Singapore's own forms (`(65) `) are not, as those are read whole above. */
const DIALLING_CODE_BEFORE = /\(\+?\d{1,4}\)[\s(]?$/;

/** Singapore has no area codes: digits after another country's or an area's code in brackets are that place's number. */
function afterDiallingCode(text: string, start: number): boolean {
  return DIALLING_CODE_BEFORE.test(text.slice(Math.max(0, start - 8), start));
}

/** The characters around `[start, end)` do not continue the token. */
function standsAlone(text: string, start: number, end: number, neighbours: Neighbours): boolean {
  return !neighbours.before.test(text.slice(Math.max(0, start - 2), start)) && !neighbours.after.test(text.slice(end, end + 2));
}

/** `88888888`, `90000000`, `61234567`, `98765432`-style sequences are placeholders, and two round hundreds (`3600-7200`, a range) are quantities: not anyone's number. */
function isPlaceholder(digits: string): boolean {
  const rest = digits.slice(1);
  return /^(\d)\1*$/.test(rest) || /^0+$/.test(rest) || isRun(rest) || /^\d\d00\d\d00$/.test(digits);
}

/** Digits that rise or fall by one all along: `1234567`, `0123456`, `8765432`. */
function isRun(digits: string): boolean {
  const steps = new Set([...digits.slice(1)].map((digit, index) => Number(digit) - Number(digits[index])));
  return steps.size === 1 && (steps.has(1) || steps.has(-1));
}

/** `6380-6382`, `9000-9001`, `8080-8080` (a Service port named PORT-TARGETPORT): a range of a few ports or ids, not a number split 4-4. */
function isCloseRange(written: string): boolean {
  const range = /^(\d{4})-(\d{4})$/.exec(written);
  const span = range ? Number(range[2]) - Number(range[1]) : -1;
  return span >= 0 && span <= 100;
}

/** What the words of a line say about the numbers on it. */
interface LineWords {
  phone: boolean;
  ports: boolean;
  /** The line calls itself an example or follows an `example:` heading. */
  example: boolean;
  /** The line publishes a number to call (a hotline): a business's, not a person's; an NRIC beside it is still one. */
  published: boolean;
}

/**
 * The words of the line around an offset, read once per line: a long line of many numbers (a
 * minified JSON array, a Terraform plan on one line) is not split again for each of them.
 */
function isExempt(number: PersonalNumber, line: LineWords): boolean {
  return line.example || (number.kind === 'phone' && line.published);
}

function lineReader(text: string): (offset: number) => LineWords {
  let index: LineIndex | undefined;
  const read = new Map<number, LineWords>();
  return (offset) => {
    index ??= new LineIndex(text);
    const line = index.position(offset).line;
    let words = read.get(line);
    if (!words) read.set(line, (words = wordsOf(lineText(index, line), line > 1 ? lineText(index, line - 1) : '')));
    return words;
  };
}

function wordsOf(line: string, before: string): LineWords {
  const words = nameTokens(line);
  return {
    phone: words.some((word) => PHONE_WORDS.has(word)),
    ports: words.some((word) => PORT_WORDS.has(word)),
    example: EXAMPLE_PHRASE.test(line) || words.some((word) => EXAMPLE_WORDS.has(word)) || EXAMPLE_HEADING.test(before),
    published: PUBLISHED_NUMBER_PHRASE.test(line) || PUBLISHED_NUMBER_LEAD.test(before),
  };
}

function lineText(index: LineIndex, line: number): string {
  return index.text.slice(index.offset({ line, column: 1 }), index.offset({ line: line + 1, column: 1 })).replace(/\r?\n$|\r$/, '');
}

/** Whether a file's path says it holds made-up data: a directory or file named for fakes, mocks or dummies. */
export function isMadeUpDataPath(path: string): boolean {
  return MADE_UP_PATH_HINT.test(path.toLowerCase()) && path.split('/').some((segment) => nameTokens(segment).some((word) => MADE_UP_PATH_WORDS.has(word)));
}
