import { holdsProxyUrl } from '../../src/facts/go-settings.js';
import { defineRule } from '../../src/rule.js';
import { credentialIn } from '../../src/secrets.js';
import { GO_SETTING_KINDS, named, partOf, settingsIn } from './go-env.js';

export default defineRule({
  id: 'GOP003',
  slug: 'credentials-in-proxy-url',
  level: 'error',
  title: 'Credentials in a Go proxy URL',
  rationale:
    'A GOPROXY or GOSUMDB URL such as `https://ci-bot:token@goproxy.example.sg` puts a password or token into the repository, and from there into every clone, CI log that echoes the environment, `go env` output and, for a Dockerfile ENV, the image configuration anyone who pulls the image can read. Credentials that open the systems holding the team\'s code are part of the security arrangements PDPA s24 requires. This rule owns credentials in Go proxy settings in every format, Dockerfile ENV and ARG included: DKR007 leaves GOPROXY and GOSUMDB values to it, so a credential there is reported once. No output format prints the credential: the finding\'s message carries the URL with user name and password masked, and the text report masks the source line.',
  remediation:
    'Remove the credentials from the URL and rotate them. Give the go command its proxy credentials through a `.netrc` file (`machine goproxy.example.sg login ci-bot password …`, or `NETRC=/run/secrets/netrc`) or, from Go 1.24, `GOAUTH`; in CI, write the `.netrc` from a masked secret; in a Dockerfile, mount it with `RUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download`.',
  kinds: GO_SETTING_KINDS,
  tags: ['security', 'secrets', 'supply-chain', 'go', 'pdpa'],
  securitySeverity: 8.0,
  check({ document, workspace, report }) {
    for (const setting of settingsIn(document, workspace).filter((each) => holdsProxyUrl(each.name))) {
      const credential = credentialIn(setting.value);
      if (!credential) continue;
      const userinfo = /[a-z][a-z0-9+.-]*:\/\/([^\s/@,|]+)@/i.exec(setting.value);
      const at = userinfo ? partOf(setting, userinfo.index + userinfo[0].indexOf(userinfo[1]!), userinfo.index + userinfo[0].length - 1) : setting.at;
      report(at, `${named(setting)} holds ${credential.kind} (${credential.masked}), readable by anyone with this file and shown by \`go env\` and in CI logs; rotate it and give the go command its credentials through .netrc or GOAUTH instead`, { sensitive: true });
    }
  },
});
