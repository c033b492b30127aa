import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { credentialIn, namesSecret } from '../src/secrets.js';

test('credentialIn finds every kind of credential it knows, and nothing in values without one', () => {
  const found: Record<string, string> = {
    'https://deploy:Xy7pQ2wL9z@git.example.sg/repo.git': 'a URL with a user name and password',
    'HTTPS://deploy:Xy7pQ2wL9z@git.example.sg/': 'a URL with a user name and password',
    'machine git.example.sg login ci password Xy7pQ2wL9z': 'netrc credentials',
    'ghs_abcdefghijklmnopqrstuvwxyz0123456789': 'a GitHub token',
    'github_pat_abcdefghijklmnopqrstuvwxyz0123': 'a GitHub token',
    'glpat-abcdefghij0123456789': 'a GitLab token',
    'ASIAABCDEFGHIJKLMNOP': 'an AWS access key',
    'xoxp-0123456789-abcdef': 'a Slack token',
    'npm_abcdefghijklmnopqrstuvwxyz0123456789': 'an npm token',
    'AIzaabcdefghijklmnopqrstuvwxyz012345678': 'a Google API key',
    '-----BEGIN OPENSSH PRIVATE KEY-----': 'a private key',
  };
  for (const [value, kind] of Object.entries(found)) assert.is(credentialIn(value)?.kind, kind, value);
  for (const value of ['0', '/go-build', 'https://proxy.golang.org,direct', 'https://${USER}:${TOKEN}@git.example.sg', 'ghp_short', 'machine only']) {
    assert.is(credentialIn(value), undefined, value);
  }
});

test('namesSecret: a secret name in any spelling, a secret last word at the very end, and a name whose lower case only spells one (Kelvin sign K)', () => {
  for (const name of ['DB_PASSWORD', 'PGPASSWORD', 'githubToken', 'github-token', 'JWTSigningKey', 'apiKey', 'NPM_AUTH', 'githubPat', 'GITHUB_PAT_', 'MYSQL_PWD', 'db.pass', 'NETRC', 'SLACK_CREDS', 'API_\u212AEY', 'HSM_PIN', 'SIM_PIN_CODE', 'pkcs11UserPin']) {
    assert.ok(namesSecret(name), name);
  }
  for (const name of ['PATH', 'PAT_HOME', 'GPG_KEY', 'TOKEN_FILE', 'SKIP_AUTH', 'AUTHOR', 'KEYRING', 'PUBLIC_KEY', 'GOOGLE_APPLICATION_CREDENTIALS', 'LANG', 'PIN', 'GPIO_PIN', 'PIN_MEMORY', 'PINNED_VERSION', 'CERT_PIN', 'HSM_PIN_FILE', 'SHIPPING_ADDRESS']) {
    assert.not.ok(namesSecret(name), name);
  }
});

test.run();
