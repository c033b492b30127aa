import type { MessagePart } from '../../src/facts/log-calls.js';
import { nameTokens } from '../../src/names.js';
import { isTermContinuation, type PersonalDataDictionary, type PersonalTerm } from '../../src/personal-data.js';
import { defineRule } from '../../src/rule.js';
import { callLabel, isPlain, LOG_RULE, logCheck, shown, termOfValue, WHY } from './log-values.js';

export default defineRule({
  id: 'PDPA002',
  slug: 'personal-data-log-message',
  level: 'error',
  title: 'Personal identifier interpolated into a log message',
  rationale:
    'PDPA s24 (Protection Obligation) requires reasonable security arrangements against unauthorised disclosure of personal data, and log messages are read in shared log stores, alert channels and tickets by far more people than the systems of record. An identifier formatted into the message text (`log.Printf("sending OTP to %s", phone)`, `` `user ${user.nric}` ``, `"email: " + email`) cannot be redacted by key afterwards: log pipelines and the logger\'s own redaction see only a string. The words before a value name it too: `phone: %s`, and what an SMS or an e-mail is sent to (`sms to %s`, `` `e-mail to ${to}` ``) is a phone number or an e-mail address. PDPC\'s Advisory Guidelines on the PDPA for NRIC and other National Identification Numbers (applied from 1 September 2019) further restrict keeping NRIC numbers.',
  remediation:
    'Keep identifiers out of message text: log an internal id, or the value masked (`maskPhone(p)`) or hashed, or, where the value is needed, as a structured field that the logger redacts. Names of your own redacting functions go under `personalData.redactors` in `.merlint.yaml`.',
  ...LOG_RULE,
  securitySeverity: 7.0,
  check(context) {
    const { dictionary, calls } = logCheck(context);
    for (const call of calls) {
      call.message.forEach((part, index) => {
        if (part.kind !== 'value' || !isPlain(part.value, dictionary)) return;
        const term = termOfValue(part.value, dictionary) ?? (namesOtherData(part.value.path, dictionary) || declaredAsId(part.value.types) ? undefined : labelled(call.message, index, dictionary));
        if (!term) return;
        context.report(part.value.range, `${callLabel(call)} writes ${term.meaning} (${shown(part.value)}) into the log message; ${WHY}; log an internal id, or mask or hash the value`);
      });
    }
  },
});

/**
 * A value named as something else (`err`, `userID`, `count`, `url`, a message's `subject`), for a thing's name (`templateName`,
 * `this.constructor.name`), or for a term that its name makes no person's (`botAccountEmail`, `payload.Repository.FullName`,
 * `agency.Email`), is that, whatever the text before it says ("error parsing bitbucket repository full name %q" in argo-cd's
 * webhook.go, `` `Email ${templateName} not sent` `` in outline's mailer).
 */
function namesOtherData(path: readonly string[], dictionary: PersonalDataDictionary): boolean {
  const last = path[path.length - 1];
  if (last === undefined) return false;
  const words = nameTokens(last);
  return words.some((word) => OTHER_DATA.has(word)) || dictionary.namesMachines(path) || dictionary.termIn(words) !== undefined || dictionary.namesThing(path.slice(-2).join('_'));
}

/** Last words of an identifier's name or type: `userUID`, `recipientId`, `uuid.UUID`, `primitive.ObjectID`. */
const ID_WORDS = new Set(['id', 'uid', 'uuid', 'guid']);

/**
 * A value declared with an identifier's type (`userUID uuid.UUID`, `to: UserId`) is an id, whatever the text before it says
 * ("Failed to send … email to %s", userUID in sealos's pay.go).
 */
function declaredAsId(types: readonly (string | undefined)[]): boolean {
  const type = types.at(-1);
  return type !== undefined && ID_WORDS.has(nameTokens(type.slice(type.lastIndexOf('.') + 1)).at(-1) ?? '');
}

const OTHER_DATA = new Set([...ID_WORDS, 'err', 'error', 'errors', 'ids', 'count', 'len', 'status', 'code', 'ctx', 'attempt', 'attempts', 'duration', 'elapsed', 'url', 'uri', 'endpoint', 'subject']);

/** The value after `phone=`, `NRIC:` or `to mobile ` in the message text is what those words name. */
function labelled(message: readonly MessagePart[], index: number, dictionary: PersonalDataDictionary): PersonalTerm | undefined {
  const before = message[index - 1];
  if (before?.kind !== 'text') return undefined;
  // Before a printf verb the label may end in a space (`OTP to phone %s`); before a printed value
  // it must end in `:` or `=` (`"phone:", p`), or `"failed to send email", err` would name `err`.
  const part = message[index]!;
  const afterVerb = part.kind === 'value' && part.verb !== undefined;
  const label = (afterVerb ? LABEL_BEFORE_VERB : LABEL_BEFORE_VALUE).exec(before.text);
  if (!label) return undefined;
  const words = nameTokens(label[1]!);
  return channelAddress(words, dictionary) ?? [words.slice(-3), words.slice(-2), words.slice(-1)].map((last) => dictionary.termIn(last)).find((term) => term !== undefined && endsLabel(words, term));
}

/** What a message sent over a channel goes to (`sms to %s`, `e-mail to ${to}`): a phone number or an e-mail address. */
function channelAddress(words: readonly string[], dictionary: PersonalDataDictionary): PersonalTerm | undefined {
  return words[words.length - 1] === 'to' ? dictionary.channelAddress(words[words.length - 2]) : undefined;
}

/** Whether the label ends with the term, or the term and words that continue it (`phone number`): `emails file %s` names a file, `email for user %s` a user. */
function endsLabel(words: readonly string[], term: PersonalTerm): boolean {
  for (let end = words.length; end >= term.words.length; end--) {
    if (term.words.every((word, offset) => words[end - term.words.length + offset] === word)) return true;
    if (!isTermContinuation(words[end - 1]!)) return false;
  }
  return false;
}

const LABEL_BEFORE_VERB = /([A-Za-z][A-Za-z0-9_ .-]{0,30}?)\s*[:=]?\s*["'(\[<{]?$/;
const LABEL_BEFORE_VALUE = /([A-Za-z][A-Za-z0-9_ .-]{0,30}?)\s*[:=]\s*["'(\[<{]?$/;
