import { KINDS } from '../../src/languages/index.js';
import { findPersonalNumbers, isMadeUpDataPath, mayHoldPersonalNumbers, type PersonalNumber } from '../../src/personal-data.js';
import { lineIndexOf } from '../../src/positions.js';
import { defineRule } from '../../src/rule.js';

export default defineRule({
  id: 'PDPA003',
  slug: 'hard-coded-personal-identifier',
  level: 'error',
  title: 'Hard-coded NRIC/FIN or Singapore phone number',
  rationale:
    'An NRIC or FIN number with a valid check letter, or a Singapore phone number, written into source, configuration or infrastructure code is personal data of a real person as far as anyone can tell: it is copied to every clone, fork, CI log and backup of the repository and cannot be taken back once pushed. PDPA s24 (Protection Obligation) requires it to be protected, s25 (Retention Limitation) that it not be kept without purpose, and PDPC\'s Advisory Guidelines on the PDPA for NRIC and other National Identification Numbers (applied from 1 September 2019) restrict collecting, using and keeping NRIC numbers to what the law requires or identity verification to a high degree of fidelity needs. Test data is the usual source: real numbers copied from production. Numbers with a wrong check letter, service numbers (1800, 1900), eight digits without a phone context, ports on a line about ports (`EXPOSE 8080 8081`), two round hundreds (`3600-7200`) or a close range (`6380-6382`, and `8080-8080`, the name kubectl gives a Service port), numbers inside longer tokens (hashes, ids, base64), placeholder digits (`88888888`, `91234567`, `98765432`), lines that call themselves an example (`example`, `e.g.`, `sample`, `dummy`, `fake`, `placeholder`, `mock`) or set an identity of MockPass, the mock Singpass server (`MOCKPASS_NRIC`), or follow an `example:` heading, and files in a directory or with a name for made-up data (`fake/`, `__mocks__/`, `user.mock.ts`, `dummy/`) are not reported.',
  remediation:
    'Remove the number and purge it from the history if it belongs to a person (git filter-repo), then replace it with generated test data: an NRIC with a wrong check letter or one marked as an example, a number in a range that is not assigned, or data created by a fixture generator at test time. Read real values from a secret store or the database at run time. Where a number is public (a hotline), accept it with `merlint-ignore PDPA003 -- why`.',
  kinds: [...KINDS],
  tags: ['pdpa', 'personal-data', 'nric'],
  securitySeverity: 6.0,
  check({ document, report }) {
    if (('generated' in document && document.generated) || isMadeUpDataPath(document.file.path) || !mayHoldPersonalNumbers(document.file.text)) return;
    const numbers = findPersonalNumbers(document.file.text);
    if (numbers.length === 0) return;
    const lines = lineIndexOf(document.file);
    for (const number of numbers) report(lines.range(number.start, number.end), describe(number), { sensitive: true });
  },
});

function describe(number: PersonalNumber): string {
  if (number.kind === 'nric') {
    return `hard-coded NRIC/FIN number ${number.text[0]}*****${number.text.slice(-3)} with a valid check letter: it identifies a person and stays in every copy of the repository (PDPA s24, PDPC NRIC guidelines); remove it and use generated test data`;
  }
  const digits = number.text.replace(/\D/g, '');
  return `hard-coded Singapore phone number ****${digits.slice(-4)}: a personal identifier that stays in every copy of the repository (PDPA s24); remove it, or mark a public or example number as such`;
}
