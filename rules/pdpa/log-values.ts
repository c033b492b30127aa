import type { LogCall, LogValue } from '../../src/facts/log-calls.js';
import { dictionaryFor, isMeasuring, type PersonalDataDictionary, type PersonalTerm } from '../../src/personal-data.js';
import type { RuleContext } from '../../src/rule.js';
import type { Workspace } from '../../src/workspace.js';

/*
 * What the PDPA log rules share: the log calls of one file, and whether a logged value is a personal
 * identifier that reaches the log as it is (not a constant, not redacted, not only measured).
 */

const byWorkspace = new WeakMap<Workspace, Map<string, LogCall[]>>();

/** What every log rule applies to and is tagged with. */
export const LOG_RULE: { kinds: ('go' | 'typescript' | 'javascript')[]; tags: string[] } = { kinds: ['go', 'typescript', 'javascript'], tags: ['pdpa', 'personal-data', 'logging'] };

/** The dictionary in force and the log calls of the checked file. */
export function logCheck(context: Pick<RuleContext, 'document' | 'workspace' | 'settings'>): { dictionary: PersonalDataDictionary; calls: readonly LogCall[] } {
  return { dictionary: dictionaryFor(context.settings.personalData), calls: logCallsIn(context.workspace, context.document.file.path) };
}

/** The log calls written in the file at `path`. */
export function logCallsIn(workspace: Workspace, path: string): readonly LogCall[] {
  let byPath = byWorkspace.get(workspace);
  if (!byPath) {
    byPath = new Map();
    for (const call of workspace.facts.logCalls) {
      const list = byPath.get(call.path) ?? [];
      list.push(call);
      byPath.set(call.path, list);
    }
    byWorkspace.set(workspace, byPath);
  }
  return byPath.get(path) ?? [];
}

/**
 * The value reaches the log unchanged: it is read at run time, not from the service's own configuration, and no
 * function redacts, hashes, truncates or only measures it.
 */
export function isPlain(value: LogValue, dictionary: PersonalDataDictionary): boolean {
  return !value.constant && !fromConfiguration(value) && !value.wrappers.some((wrapper) => wrapper === 'slice' || dictionary.isRedactor(wrapper) || isMeasuring(wrapper));
}

/** Configuration readers: `config.get('mailFrom')`, `process.env.SENDER_EMAIL`, `os.Getenv("FROM")`, `viper.GetString(…)`. */
const CONFIGURATION = /^(?:(?:config|cfg|conf|settings|viper)\.get\w*|process\.env(?:\..+)?|os\.(?:getenv|lookupenv))$/i;

/** A value read from the service's configuration (a sender address, a support mailbox) is the service's, not a person's. */
function fromConfiguration(value: LogValue): boolean {
  return CONFIGURATION.test(value.path.slice(0, 3).join('.')) || CONFIGURATION.test(value.path.slice(0, 2).join('.'));
}

/**
 * The personal-data term the value's own name means (`user.Phone`, `getNric()`, `strings.TrimSpace(email)`), its owners read as
 * their declared types where the dictionary knows those (`r.GetFullName()` of a repository). The value's own type says what data
 * it is only where it is a shape of data logged whole (`notification: IEmailNotification`, an interface); a struct or a class may
 * be behaviour named for what it handles (`e *Email`, a notifier). A recipient declared as a string is the address of the
 * channel its owner names (`mail.recipients[0]`).
 */
export function termOfValue(value: LogValue, dictionary: PersonalDataDictionary): PersonalTerm | undefined {
  const owners = dictionary.typedPath(value.path.slice(0, -1), value.types);
  const shape = value.shaped && value.whole ? value.types.at(-1) : undefined;
  return (
    dictionary.sensitiveName([...owners, ...value.path.slice(-1)]) ??
    (shape === undefined ? undefined : dictionary.sensitiveName([shape])) ??
    (value.plain ? dictionary.recipientAddress(value.path, value.types) : undefined) ??
    value.wrappers.map((wrapper) => dictionary.sensitiveName([wrapper.slice(wrapper.lastIndexOf('.') + 1)])).find(Boolean)
  );
}

/** The call as users recognise it (`logger.Info`, `console.log`): white space of a chain split over lines left out, the method kept when shortened. */
export function callLabel(call: LogCall): string {
  const callee = call.callee.replace(/\s+/g, '');
  return `\`${callee.length > 40 ? `…${callee.slice(-37)}` : callee}\``;
}

/** `user.Phone` as written, shortened for a message. */
export function shown(value: LogValue): string {
  return quoted(value.text.replace(/\s+/g, ' '));
}

function quoted(text: string): string {
  return `\`${text.length > 40 ? `${text.slice(0, 37)}…` : text}\``;
}

export const WHY = 'log stores are read by many people and kept long, so identifiers written there are disclosed beyond their purpose (PDPA s24)';
