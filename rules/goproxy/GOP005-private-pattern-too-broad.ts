import { defineRule } from '../../src/rule.js';
import { fetchesNothing, GO_SETTING_KINDS, named, partOf, patternList, publicNamespaceCovered, settingsIn } from './go-env.js';

export default defineRule({
  id: 'GOP005',
  slug: 'private-pattern-too-broad',
  level: 'error',
  title: 'Private-module pattern so broad it exempts public modules',
  rationale:
    'GOPRIVATE and GONOSUMDB are comma-separated glob patterns (Go\'s path.Match, matched against the leading elements of a module path) for modules that are not public: the go command never asks the checksum database about them, and GOPRIVATE also sends them past the proxy. A pattern such as `*`, `*.com`, `github.com` or `golang.org/*` matches every module in a public namespace, so all of those dependencies are downloaded without the checksum database\'s check, which is what catches a tampered or re-tagged version. It is the usual shortcut when private modules fail to download, and it silently removes supply-chain protection for the whole build, against the security arrangements PDPA s24 requires.',
  remediation:
    'List the private module paths precisely: your own host (`gitlab.example.sg`), or your organisation on a public host (`github.com/acme-sg/*`). If the checksum database cannot be reached from your network, point GOSUMDB at a mirror or a proxy that serves it instead of exempting modules. Patterns beside `GOPROXY=off` in the same place (a hermetic build that downloads nothing) are not reported.',
  kinds: GO_SETTING_KINDS,
  tags: ['security', 'supply-chain', 'go'],
  securitySeverity: 7.5,
  check({ document, workspace, report }) {
    for (const setting of settingsIn(document, workspace, 'GOPRIVATE', 'GONOSUMDB')) {
      if (fetchesNothing(setting, document, workspace)) continue;
      for (const entry of patternList(setting.value)) {
        const covered = publicNamespaceCovered(entry.pattern);
        if (!covered) continue;
        report(partOf(setting, entry.start, entry.end), `${named(setting)} pattern ${entry.pattern} matches ${covered}, so all of them skip the checksum database${setting.name === 'GOPRIVATE' ? ' and the proxy' : ''}; list only your private module paths (\`github.com/your-org/*\`, \`git.example.sg\`)`);
      }
    }
  },
});
