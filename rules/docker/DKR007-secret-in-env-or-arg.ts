import type { EnvInstruction, Instruction, KeyValue } from '../../src/languages/dockerfile/model.js';
import { defineRule } from '../../src/rule.js';
import { holdsProxyUrl } from '../../src/facts/go-settings.js';
import { credentialIn, isNonSecretLiteral, isPlaceholder, isReferenceOnly, namesSecret } from '../../src/secrets.js';

const HOW_TO_FIX = 'pass it with `RUN --mount=type=secret` at build time and from a secret store at run time';

export default defineRule({
  id: 'DKR007',
  slug: 'secret-in-env-or-arg',
  level: 'error',
  title: 'Secret or credential in ENV or ARG',
  rationale:
    'ENV values are stored in the image configuration and ARG values in the image history and build provenance: anyone who can pull the image, or read the registry or CI logs, can read them with `docker inspect` or `docker history`, and they stay in every copy of the image after the credential is rotated. Credentials that open systems holding personal data are themselves part of the reasonable security arrangements that PDPA s24 (Protection Obligation) requires, and an image is copied to registries, build caches and laptops far beyond the people who should hold them. Credentials in a Go proxy URL (`ENV GOPROXY=https://user:token@…`, also GOSUMDB) are reported by GOP003, which owns them wherever Go settings are written, so they are reported once. A PIN counts where its name ties it to a credential (`HSM_PIN`, `SIM_PIN`, `USER_PIN`, PKCS#11\'s `SO_PIN`, `PIN_CODE`), not where it names a GPIO pin or something pinned (`GPIO_PIN`, `PIN_MEMORY`, `PINNED_VERSION`).',
  remediation:
    'Remove the credential from the Dockerfile and rotate it. Give build steps the secret through BuildKit: `RUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download` with `docker build --secret id=netrc,src=$HOME/.netrc`, or `--mount=type=secret,id=npm_token,env=NPM_TOKEN`. Give the running service its secrets from Kubernetes Secrets, AWS Secrets Manager or Vault, never from the image.',
  kinds: ['dockerfile'],
  tags: ['security', 'secrets', 'pdpa'],
  securitySeverity: 8.0,
  check({ document, report }) {
    // forEach, not a for-of over a copy of every instruction: in cold code that makes an iterator result for each.
    const checkPairs = (instruction: Instruction) => {
      if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') return;
      for (const pair of instruction.pairs) {
        const problem = secretIn(instruction, pair);
        if (problem) report(pair.valueRange && pair.value ? pair.valueRange : pair.nameRange, problem, { sensitive: true });
      }
    };
    document.globalArgs.forEach(checkPairs);
    for (const stage of document.stages) stage.instructions.forEach(checkPairs);
  },
});

function secretIn(instruction: EnvInstruction, pair: KeyValue): string | undefined {
  // Credentials in GOPROXY and GOSUMDB URLs are GOP003's, which reports them in every format.
  const credential = pair.value && !holdsProxyUrl(pair.name) ? credentialIn(pair.value) : undefined;
  if (!credential && !namesSecret(pair.name)) return undefined;
  const where = `${instruction.keyword} ${pair.name}`;
  const stored = instruction.keyword === 'ENV' ? 'is stored in the image configuration' : 'is recorded in the image history';
  if (credential) return `${where} holds ${credential.kind} (${credential.masked}), which ${stored} for anyone who can pull the image; ${HOW_TO_FIX}`;
  const literal = pair.value !== null && !isReferenceOnly(pair.value) && !isNonSecretLiteral(pair.value) && !isPlaceholder(pair.value);
  if (literal) return `${where} sets a secret (value masked) that is committed with the Dockerfile and ${stored} for anyone who can pull the image; ${HOW_TO_FIX}`;
  if (instruction.keyword === 'ARG' && !(pair.value && isNonSecretLiteral(pair.value))) {
    return `build argument ${pair.name} is named as a secret, and build arguments are recorded in the image history and build provenance; ${HOW_TO_FIX}`;
  }
  return undefined;
}
