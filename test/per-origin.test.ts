import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultConfig } from '../src/config/config.js';
import type { Document } from '../src/languages/index.js';
import { namedList } from '../src/named-list.js';
import { checkPerOrigin, type Occurrence } from '../src/per-origin.js';
import type { RuleContext } from '../src/rule.js';
import type { Location } from '../src/types.js';
import type { Workspace } from '../src/workspace.js';
import { at } from './helpers/terraform.js';

test('instances are named as one list, three at most, each once', () => {
  assert.equal(namedList([]), '');
  assert.equal(namedList(['a']), 'a');
  assert.equal(namedList(['a', 'b', 'a']), 'a and b');
  assert.equal(namedList(['a', 'b', 'c']), 'a, b and c');
  assert.equal(namedList(['a', 'b', 'c', 'd', 'e']), 'a, b, c and 2 more');
});

const place = (path: string, line: number, column = 1): Location => ({ path, range: { start: { line, column }, end: { line, column: column + 1 } } });

interface Reported {
  at: string | undefined;
  message: string;
  related: string[];
}

/** Runs `check` on each of `paths` as the engine would, against one workspace. */
function run(check: (context: RuleContext) => void, paths: string[], workspace = {} as Workspace): Reported[] {
  const reported: Reported[] = [];
  const settings = defaultConfig().settings;
  for (const path of paths) {
    const document = { file: { path } } as Document;
    check({ document, workspace, settings, report: (where, message, extra) => reported.push({ at: at(where as Location), message, related: (extra?.related ?? []).map((location) => `${at(location)}`) }) });
  }
  return reported;
}

const OCCURRENCES: (Occurrence & { value: string })[] = [
  { at: place('shared.json', 2), subject: 'aws_ecr_repository.b', reportedFrom: 'b.tf', related: [place('b.tf', 5), place('shared.json', 2)], value: 'x' },
  { at: place('shared.json', 2), subject: 'aws_ecr_repository.a', reportedFrom: 'a.tf', related: [place('a.tf', 7)], value: 'x' },
  { at: place('shared.json', 2), subject: 'aws_ecr_repository.a', reportedFrom: 'a.tf', related: [place('a.tf', 7)], problem: 'other', value: 'y' },
  { at: place('a.tf', 9), subject: 'aws_ecr_repository.c', reportedFrom: 'a.tf', value: 'z' },
];

test('occurrences of the whole workspace merge per place and problem, reported once from the file of the first', () => {
  let collected = 0;
  const check = checkPerOrigin(
    () => {
      collected++;
      return OCCURRENCES;
    },
    ({ items, subjects }) => `${items[0]!.value} of ${subjects}`,
  );
  const workspace = {} as Workspace;
  assert.equal(run(check, ['a.tf', 'b.tf', 'c.tf'], workspace), [
    { at: 'shared.json:2:1', message: 'y of aws_ecr_repository.a', related: ['a.tf:7:1'] },
    { at: 'a.tf:9:1', message: 'z of aws_ecr_repository.c', related: [] },
    { at: 'shared.json:2:1', message: 'x of aws_ecr_repository.b and aws_ecr_repository.a', related: ['b.tf:5:1', 'a.tf:7:1'] },
  ]);
  assert.is(collected, 1, 'collected once for the three documents of one scan');
  run(check, ['a.tf'], {} as Workspace);
  assert.is(collected, 2, 'collected again for another scan');
});

test('a place reached from several root modules names each subject with its root module', () => {
  const shared = place('modules/ecr/main.tf', 1, 31);
  const occurrences: Occurrence[] = [
    { at: shared, subject: 'module.ecr.aws_ecr_repository.this', reportedFrom: 'modules/ecr/main.tf', root: 'dev' },
    { at: shared, subject: 'module.ecr.aws_ecr_repository.this', reportedFrom: 'modules/ecr/main.tf', root: 'prod' },
    { at: shared, subject: 'aws_ecr_repository.this', reportedFrom: 'modules/ecr/main.tf', root: '.' },
  ];
  const check = checkPerOrigin(() => occurrences, ({ subjects }) => `image_tag_mutability is not set for ${subjects}`);
  assert.equal(run(check, ['modules/ecr/main.tf']).map((reported) => reported.message), [
    'image_tag_mutability is not set for module.ecr.aws_ecr_repository.this in dev, module.ecr.aws_ecr_repository.this in prod and aws_ecr_repository.this in the root module',
  ]);
  const oneRoot = checkPerOrigin(() => occurrences.slice(0, 1), ({ subjects }) => subjects);
  assert.equal(run(oneRoot, ['modules/ecr/main.tf']).map((reported) => reported.message), ['module.ecr.aws_ecr_repository.this']);
});

test.run();
