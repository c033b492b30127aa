import { redactedBy, type LogValue } from '../../src/facts/log-calls.js';
import { nameTokens } from '../../src/names.js';
import { isMeasuring, type PersonalDataDictionary } from '../../src/personal-data.js';
import { defineRule } from '../../src/rule.js';
import { callLabel, isPlain, LOG_RULE, logCheck, shown, termOfValue } from './log-values.js';

export default defineRule({
  id: 'PDPA004',
  slug: 'personal-record-logged',
  level: 'warning',
  title: 'Whole record that likely holds personal data is logged',
  rationale:
    'Logging a whole user, customer, patient or member record (`zap.Any("user", user)`, `logger.info(customer)`, `log.Printf("%+v", member)`) writes every field it has today and every field added to it later — NRIC, phone, address, date of birth — into log stores that PDPA s24 (Protection Obligation) requires to be protected like the data itself. Reviewers cannot see which identifiers such a line discloses, so it is the usual way identifiers reach logs unnoticed. A warning, not an error: the record may hold no personal data, which only its type tells. A value declared as a string, a number or a list of them is no record, whatever its name (`recipients []string`, `customer := "walk-in"`, a struct field `Recipients []string`; `recipients: string[]`, an interface member `recipients: readonly string[]`, `const to = ["ops@example.sg"]`), and one declared with a record\'s type is one (`c := Customer{…}`, `customer: Customer`, `editors: UserWithContactNumber[]`); a type that names no record nor anything else (`recipient *mail.Address`) leaves the name to say it.',
  remediation:
    'Log the fields that are needed, by name, and an internal id rather than the record: `zap.String("user_id", user.ID)`. Where a record must be logged, give its type a log representation that leaves identifiers out (zap `MarshalLogObject`, slog `LogValue`, a `String()`/`toJSON()` that masks), or redact its personal fields in the logger (pino `redact: ["user.nric", "user.phone"]`). Record names that hold no personal data in your domain go under `personalData.records.remove` in `.merlint.yaml`.',
  ...LOG_RULE,
  securitySeverity: 4.0,
  check(context) {
    const { dictionary, calls } = logCheck(context);
    for (const call of calls) {
      const whole: { value: LogValue; keyPath?: string }[] = [
        ...call.fields.filter((field) => mayHoldRecord(field.key, dictionary)).map((field) => ({ value: field.value, keyPath: field.keyPath })),
        ...call.message.flatMap((part) => (part.kind === 'value' ? [{ value: part.value }] : [])),
        ...call.records.map((value) => ({ value })),
      ];
      for (const { value, keyPath } of whole) {
        if (!value.whole || value.plain || !isPlain(value, dictionary) || termOfValue(value, dictionary)) continue;
        const path = dictionary.typedPath(value.path, value.types);
        const record = dictionary.recordName(path);
        if (!record || (keyPath !== undefined && redactedBy(call, keyPath))) continue;
        const byType = value.types.at(-1) !== undefined && path.at(-1) === value.types.at(-1);
        context.report(value.range, `${callLabel(call)} ${logged(value, record, byType)}; log the fields you need and an internal id instead`);
      }
    }
  },
});

/** What is logged: a record by its declared type, or a value that only its name says is one. */
function logged(value: LogValue, record: string, byType: boolean): string {
  if (byType) return `logs the whole ${record} record ${shown(value)}, with every identifier it holds now or later`;
  return `logs ${shown(value)} whole, and its name says it is a ${record} record: if it is, every identifier it holds now or later is written`;
}

/**
 * A field whose key names personal data (PDPA001's), a measure (`consumer_count`, `users_len`) or an id (`providerId`,
 * `customer_ids`) holds that, not a record.
 */
function mayHoldRecord(key: string | undefined, dictionary: PersonalDataDictionary): boolean {
  return key === undefined || !(dictionary.sensitiveName([key]) || isMeasuring(key) || IDS.has(nameTokens(key).at(-1) ?? ''));
}

const IDS = new Set(['id', 'ids', 'uuid', 'uuids', 'guid', 'guids']);
