import { redactedBy, type LogValue } from '../../src/facts/log-calls.js';
import type { PersonalDataDictionary, PersonalTerm } from '../../src/personal-data.js';
import { defineRule } from '../../src/rule.js';
import { callLabel, isPlain, LOG_RULE, logCheck, shown, termOfValue, WHY } from './log-values.js';

export default defineRule({
  id: 'PDPA001',
  slug: 'personal-data-log-field',
  level: 'error',
  title: 'Personal identifier logged as a structured field without redaction',
  rationale:
    'PDPA s24 (Protection Obligation) requires reasonable security arrangements against unauthorised access to and disclosure of personal data. Log records are shipped to shared stores (CloudWatch, Elasticsearch, Datadog) that far more people can read than the systems of record, are copied to backups and third-party processors, and are kept for months; PDPC decisions treat identifiers left in such places as a failure of that obligation, and PDPC\'s Advisory Guidelines on the PDPA for NRIC and other National Identification Numbers (applied from 1 September 2019) restrict keeping NRIC numbers at all. A structured field (`zap.String("phone", …)`, `{ nric }`, `.Str("email", …)`) makes the identifier searchable in every log store, which is the common breach. A value is read by its name, and, logged whole, by the name of an interface or object type it is declared with (`notification: IEmailNotification`, an SES notification that carries the addresses it went to); a class so named (an `Email` that sends mail) is behaviour, not the data. A recipient declared as a string, of a value whose name or declared type names a mail or an SMS (`mail.recipients[0]` of a `MailToSend`, `sms.recipient`), is the e-mail address or phone number the message went to.',
  remediation:
    'Do not log the identifier: log a stable internal id (user id, request id) instead. Where the value is needed to debug, log it masked (`maskPhone(p)` → `****4567`), hashed with a keyed hash, or through the logger\'s redaction (a zap core that replaces the key, a slog `ReplaceAttr`, pino `redact: ["phone"]`, a winston format). Names of your own redacting functions go under `personalData.redactors` in `.merlint.yaml`; terms that are not personal data in your domain under `personalData.terms.remove`.',
  ...LOG_RULE,
  securitySeverity: 7.0,
  check(context) {
    const { dictionary, calls } = logCheck(context);
    for (const call of calls) {
      for (const field of call.fields) {
        const term = field.key === undefined ? termOfValue(field.value, dictionary) : keyedTerm(field.key, field.value, dictionary);
        if (!term || !isPlain(field.value, dictionary) || redactedBy(call, field.keyPath)) continue;
        const key = field.key !== undefined ? `field "${field.key}"` : 'a field';
        context.report(field.value.range, `${callLabel(call)} logs ${term.meaning} as ${key} (${shown(field.value)}) without redaction; ${WHY}; drop the field, log an internal id, or mask or hash the value`);
      }
      for (const record of call.records) {
        const term = termOfValue(record, dictionary);
        if (!term || !isPlain(record, dictionary)) continue;
        context.report(record.range, `${callLabel(call)} logs ${term.meaning} (${shown(record)}) without redaction; ${WHY}; log an internal id, or mask or hash the value`);
      }
    }
  },
});

/**
 * The term a keyed field logs: its key's, else its value's, unless the key says the value is a thing's name (`"imageName", fullName`)
 * or the value's name says it is a machine's (`"email", serviceAccountEmail`).
 */
function keyedTerm(key: string, value: LogValue, dictionary: PersonalDataDictionary): PersonalTerm | undefined {
  if (dictionary.namesMachines(value.path)) return undefined;
  return dictionary.sensitiveName([key]) ?? (dictionary.namesThing(key) ? undefined : termOfValue(value, dictionary));
}
