import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nameTokens } from '../src/names.js';
import { findPersonalNumbers, isMadeUpDataPath, isValidNric, mayHoldPersonalNumbers, nricCheckLetter, PersonalDataDictionary } from '../src/personal-data.js';
import { scanDirectory } from './helpers/scan.js';
import { makeTree } from './helpers/tree.js';

test('NRIC/FIN check letters: the valid values of DOMAIN.md, S, T, F, G and M series', () => {
  for (const nric of ['S1234567D', 'T1234567J', 'F1234567N', 'G1234567X', 'M1234567K', 'S0000001I', 'G0000001P']) assert.ok(isValidNric(nric), nric);
  assert.is(nricCheckLetter('M', '1234567'), 'K');
  assert.is(nricCheckLetter('T', '1234567'), 'J');
});

test('NRIC/FIN check letters: the invalid values of DOMAIN.md, and other shapes', () => {
  for (const nric of ['S1234567E', 'M1234567L', 'M1234567N', 'A1234567D', 'S123456D', 'S12345678D', 's1234567D']) assert.not.ok(isValidNric(nric), nric);
  assert.ok(isValidNric('s1234567d'));
  assert.is(nricCheckLetter('X', '1234567'), undefined);
});

const found = (text: string) => findPersonalNumbers(text).map((number) => `${number.kind}:${number.text}`);

test('literal identifiers: valid NRICs and SG phone numbers in their usual forms', () => {
  assert.equal(found('nric = "S1234567D"'), ['nric:S1234567D']);
  assert.equal(found('tel: +65 9734 5512, +65-6543-2198, +6581234456, (65) 3158 8000'), ['phone:+65 9734 5512', 'phone:+65-6543-2198', 'phone:+6581234456', 'phone:(65) 3158 8000']);
  assert.equal(found('call 8123 4456'), ['phone:8123 4456']);
  assert.equal(found('mobile=97345512'), ['phone:97345512']);
});

test('literal identifiers: NRICs wherever their seven digits fall among other digits and letters', () => {
  assert.equal(found('S1234567D'), ['nric:S1234567D'], 'the whole text');
  assert.equal(found('S1234567D T1234567J,g0000001p'), ['nric:S1234567D', 'nric:T1234567J', 'nric:g0000001p']);
  assert.equal(found('12345678901234 S1234567D'), ['nric:S1234567D'], 'after a run of digits that seven go into twice');
  assert.equal(found('S12345678D 1234567D S123456D S1234567'), [], 'eight digits, no letter before, six digits, no letter after');
});

test('literal identifiers: lookalikes stay quiet', () => {
  assert.equal(found('S1234567E M1234567L'), [], 'wrong check letters');
  assert.equal(found('1800 222 3333 / 1900-112-3456 / 999 / 995'), [], 'service numbers');
  assert.equal(found('timeout 86400000; id ORD-93124567-A; 2024-9312-4567-1'), [], 'plain eight digits without a phone, or inside longer runs');
  assert.equal(found('sha a3f9c2e81S1234567Dd0 b64 dGVzdA+S1234567D/xyz=='), [], 'inside hashes and base64');
  assert.equal(found('phone 88888888 or 90000000 or 91234567'), [], 'placeholders');
  assert.equal(found('Example: S1234567D, e.g. +65 9734 5512'), [], 'examples');
  assert.equal(found('version 6.1234.5678'), []);
});

test('names: tokens, and terms matched on whole words', () => {
  assert.equal(nameTokens('userPhone'), ['user', 'phone']);
  assert.equal(nameTokens('NRICNumber'), ['nric', 'number']);
  assert.equal(nameTokens('ABCdEFgHIJ'), ['ab', 'cd', 'e', 'fg', 'hij']);
  assert.equal(nameTokens('phone_number'), ['phone', 'number']);
  const dictionary = new PersonalDataDictionary();
  for (const name of ['userPhone', 'phone_number', 'MobileNo', 'nric', 'fin', 'customerEmail', 'dateOfBirth', 'homeAddress', 'bankAccountNo', 'cardNumber', 'fullName', 'passport_no']) {
    assert.ok(dictionary.sensitiveName([name]), name);
  }
  for (const name of ['finance', 'phoneme', 'define', 'phoneVerified', 'emailCount', 'isMobile', 'mobileApp', 'userName', 'ipAddress', 'serviceName']) {
    assert.not.ok(dictionary.sensitiveName([name]), name);
  }
  assert.ok(dictionary.sensitiveName(['customer', 'Name']));
  assert.ok(dictionary.sensitiveName(['user', 'Email', 'String']));
});

test('names: a member of a club, a team or a family is a person; a member of code (of an enum, of a struct) and an error value are not', () => {
  const dictionary = new PersonalDataDictionary();
  for (const path of [['member_name'], ['clubMemberName'], ['team_member_name'], ['member', 'Name'], ['groupMember', 'name'], ['classMember', 'name'], ['instanceMembers', 'name']]) assert.ok(dictionary.sensitiveName(path), path.join('.'));
  for (const path of [['enum_member_name'], ['StructMemberName'], ['interfaceMember', 'name'], ['staticMembers', 'Name']]) assert.is(dictionary.sensitiveName(path), undefined, path.join('.'));
  assert.is(dictionary.recordName(['members']), 'member');
  for (const name of ['structMembers', 'type_member', 'ErrNotEnoughStartedMembers', 'errNoUser']) assert.is(dictionary.recordName([name]), undefined, name);
  assert.equal(dictionary.typedPath(['member', 'name'], ['EnumMember', undefined]), ['EnumMember', 'name']);
  assert.ok(dictionary.namesThing('enumMemberName'));
  assert.not.ok(dictionary.namesThing('memberName'));
});

test('names: the dictionary follows the configuration', () => {
  const dictionary = new PersonalDataDictionary({ terms: { add: ['member id'], remove: ['email'] }, records: { add: ['tenant'], remove: ['member'] }, redactors: ['pii.Scrub', 'obscure'] });
  assert.ok(dictionary.sensitiveName(['memberId']));
  assert.not.ok(dictionary.sensitiveName(['email']));
  assert.is(dictionary.recordName(['tenant']), 'tenant');
  assert.is(dictionary.recordName(['member']), undefined);
  assert.ok(dictionary.isRedactor('obscure'));
  assert.ok(dictionary.isRedactor('maskPhone'));
  assert.not.ok(dictionary.isRedactor('strings.TrimSpace'));
});

test('personalData in .merlint.yaml changes what the PDPA rules report', async () => {
  const go = `package api

import "go.uber.org/zap"

func f(logger *zap.Logger, m *Member, u *User) {
	logger.Info("x", zap.String("member_id", m.MemberID), zap.String("email", u.Email))
	logger.Info("x", zap.String("phone", obscure(u.Phone)), zap.Any("member", m))
}
`;
  const findings = async (config?: string) => {
    const root = makeTree({ 'main.go': go, ...(config ? { '.merlint.yaml': config } : {}) });
    return (await scanDirectory(root)).findings.map((finding) => `${finding.location.range.start.line}:${finding.location.range.start.column} ${finding.ruleId}`);
  };
  assert.equal(await findings(), ['6:76 PDPA001', '7:39 PDPA001', '7:76 PDPA004']);
  const configured = 'personalData:\n  terms:\n    add: [member id]\n    remove: [email]\n  records:\n    remove: [member]\n  redactors: [obscure]\n';
  assert.equal(await findings(configured), ['6:43 PDPA001']);
});

test('PDPA004 calls a value a whole record by its declared type, and otherwise says only that its name suggests one', async () => {
  const go = 'package api\n\nimport "log"\n\nfunc f(u *User, s *Session) {\n\tlog.Printf("%v %v", u, s.User)\n}\n';
  const messages = (await scanDirectory(makeTree({ 'main.go': go }))).findings.map((finding) => `${finding.ruleId} ${finding.message}`);
  assert.equal(messages, [
    'PDPA004 `log.Printf` logs the whole user record `u`, with every identifier it holds now or later; log the fields you need and an internal id instead',
    'PDPA004 `log.Printf` logs `s.User` whole, and its name says it is a user record: if it is, every identifier it holds now or later is written; log the fields you need and an internal id instead',
  ]);
});

test('PDPA004 takes the type of a Go variable from the literal it is declared with, and the type of a field from its struct', async () => {
  const go = 'package api\n\nimport "log"\n\ntype Mail struct{ Customer Customer }\n\nfunc f(m *Mail) {\n\tc := &Customer{}\n\tcustomer := "x"\n\tlog.Printf("%v %v %v", c, customer, m.Customer)\n}\n';
  const messages = (await scanDirectory(makeTree({ 'main.go': go }))).findings.map((finding) => `${finding.ruleId} ${finding.message}`);
  assert.equal(messages, [
    'PDPA004 `log.Printf` logs the whole customer record `c`, with every identifier it holds now or later; log the fields you need and an internal id instead',
    'PDPA004 `log.Printf` logs the whole customer record `m.Customer`, with every identifier it holds now or later; log the fields you need and an internal id instead',
  ]);
});

test('made-up data paths: a directory or file named for fakes, mocks or dummies, as a word of its name', () => {
  for (const path of ['fixtures/fake/Dockerfile', 'test/__mocks__/user.ts', 'src/user.mock.ts', 'DummyData/users.json', 'src/FakeUsers.ts']) assert.ok(isMadeUpDataPath(path), path);
  for (const path of ['mockingbird/Dockerfile', 'fakeroot-tools/Dockerfile', 'services/api/Dockerfile']) assert.not.ok(isMadeUpDataPath(path), path);
});

/** A phone number in any of the forms the expressions read, led by a country code or not. */
const phoneNumbers = fc
  .tuple(
    fc.constantFrom('', '+65', '+ 65', '(65)', '(+65)', '0065', '65', '+6'),
    fc.constantFrom('', ' ', '-', '.'),
    fc.stringMatching(/^[0-9]{4}$/),
    fc.constantFrom('', ' ', '-', '.'),
    fc.stringMatching(/^[0-9]{1,5}$/),
  )
  .map((parts) => parts.join(''));
/** Texts of numbers among the words and characters that decide whether they count: phone numbers, NRIC-like and other digit runs. */
const numberTexts = fc
  .array(
    fc.oneof(
      phoneNumbers,
      fc.tuple(fc.constantFrom('S', 'T', 'g', 'x', ''), fc.stringMatching(/^[0-9]{1,8}$/), fc.constantFrom('D', 'J', 'p', '')).map((parts) => parts.join('')),
      fc.constantFrom(' ', ' ', ' ', '-', '.', '/', '\n', '+', 'phone ', 'call ', 'EXPOSE ', 'example ', 'ports: '),
    ),
    { maxLength: 12 },
  )
  .map((pieces) => pieces.join(''));
const SEED = 20261206;

test('a text without four digits in a row holds no personal number (fixed-seed property)', () => {
  fc.assert(fc.property(numberTexts, (text) => mayHoldPersonalNumbers(text) || findPersonalNumbers(text).length === 0), { seed: SEED, numRuns: 5000 });
});

test('international numbers are found as when the country code is written elsewhere in the text (fixed-seed property)', () => {
  // Two line breaks keep the codes apart from every number before them, and they make no number of their own.
  fc.assert(fc.property(numberTexts, (text) => assert.equal(found(text), found(`${text}\n\n+65 (65) 0065`))), { seed: SEED, numRuns: 5000 });
});

test.run();
