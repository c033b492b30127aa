import { defineBuiltin } from '../../src/rule.js';
import { KINDS } from '../../src/languages/index.js';

export default defineBuiltin({
  id: 'MER001',
  slug: 'invalid-suppression',
  level: 'note',
  title: 'Suppression comment without a reason, expired, or suppressing nothing',
  rationale:
    'An accepted risk is only auditable when the record says why it was accepted and until when. A `merlint-ignore` without a reason hides a finding from reviewers without an explanation; one that no longer matches a finding, or whose `until=` date has passed, is a stale exception that auditors will ask about.',
  remediation:
    'Write the reason after ` -- ` (`# merlint-ignore DKR002 -- base image pinned by Renovate`), remove ignores that suppress nothing, and fix the finding or renew an expired `until=YYYY-MM-DD` with a fresh reason.',
  kinds: [...KINDS],
  tags: ['governance'],
});
