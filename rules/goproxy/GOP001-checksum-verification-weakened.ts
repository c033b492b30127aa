import { MISSPELLED_GO_SETTINGS } from '../../src/facts/go-settings.js';
import { defineRule } from '../../src/rule.js';
import { allSettingsIn, fetchesNothing, GO_SETTING_KINDS, named, partOf, patternList, publicModuleCovered, publicNamespaceCovered, settingsIn } from './go-env.js';

export default defineRule({
  id: 'GOP001',
  slug: 'checksum-verification-weakened',
  level: 'error',
  title: 'Go checksum verification turned off or weakened',
  rationale:
    'The go command checks every module it downloads against go.sum and, for modules not yet in go.sum, against the checksum database (sum.golang.org), a public append-only log: a proxy, mirror or version-control server that serves altered code for a published version is caught. `GOSUMDB=off` turns that check off for every module; GONOSUMDB or GOPRIVATE patterns that cover public modules turn it off for them; `-insecure` in GOFLAGS did both and allowed plain HTTP until Go 1.17 removed it (`go get` now stops with an error); GOINSECURE allows plain HTTP and invalid certificates for direct fetches, which leaves only the checksum database between a network attacker and the build. A misspelled variable such as GONOSUMCHECK does nothing at all. The integrity of the software that processes personal data is part of the reasonable security arrangements PDPA s24 (Protection Obligation) requires, and MAS\'s Technology Risk Management Guidelines expect a financial institution to know that the third-party components it builds with have not been tampered with.',
  remediation:
    'Remove `GOSUMDB=off` and `-insecure`. List only your own private module paths (`gitlab.example.sg/payments/*`) in GOPRIVATE or GONOSUMDB. Serve private repositories over HTTPS instead of setting GOINSECURE. Where the public checksum database cannot be reached, point GOSUMDB at a mirror (`sum.golang.google.cn`) or a proxy that serves it, never `off`. Checksum settings beside `GOPROXY=off` in the same place (a hermetic test that downloads nothing) are not reported. Fix misspelled names (GONOSUMCHECK → GONOSUMDB).',
  kinds: GO_SETTING_KINDS,
  tags: ['security', 'supply-chain', 'go'],
  securitySeverity: 7.5,
  check({ document, workspace, report }) {
    for (const setting of allSettingsIn(document, workspace)) {
      if (MISSPELLED_GO_SETTINGS.has(setting.name)) {
        report(setting.nameAt, `${named(setting)} is not a variable the go command reads, so it changes nothing: the modules it was meant for are still looked up in the checksum database; write GONOSUMDB (or GOPRIVATE) with your private module paths, or remove it`, { level: 'warning' });
      }
    }
    for (const setting of settingsIn(document, workspace, 'GOSUMDB')) {
      if (setting.value.trim() === 'off' && !fetchesNothing(setting, document, workspace)) {
        report(setting.at, `${named(setting)} turns off the checksum database for every module, so a proxy or server that serves altered code for a version not yet in go.sum goes unnoticed (and GOTOOLCHAIN downloads fail); remove it and list only private module paths in GOPRIVATE`);
      }
    }
    for (const setting of settingsIn(document, workspace, 'GOFLAGS')) {
      for (const flag of setting.value.matchAll(/(?:^|\s)(--?insecure(?:=\S*)?)(?=\s|$)/g)) {
        if (/=(?:false|0)$/i.test(flag[1]!)) continue;
        const start = flag.index + flag[0].indexOf(flag[1]!);
        report(partOf(setting, start, start + flag[1]!.length), `${named(setting)} passes -insecure, which Go 1.17 removed (\`go get\` now stops with "-insecure flag is no longer supported") and which on older Go skipped checksum verification and allowed plain HTTP for every module; remove it, and use GONOSUMDB or GOINSECURE for the specific private paths that need them`);
      }
    }
    for (const setting of settingsIn(document, workspace, 'GOINSECURE')) {
      report(setting.at, `${named(setting)} lets the go command fetch modules matching ${setting.value} directly over plain HTTP or with invalid certificates; it does not turn off checksum verification, but private modules that GOPRIVATE or GONOSUMDB exempt from the checksum database are then verified by nothing; serve those repositories over HTTPS and remove it`, { level: 'warning' });
    }
    for (const setting of settingsIn(document, workspace, 'GONOSUMDB', 'GOPRIVATE')) {
      if (fetchesNothing(setting, document, workspace)) continue;
      for (const entry of patternList(setting.value)) {
        const module = publicNamespaceCovered(entry.pattern) ? undefined : publicModuleCovered(entry.pattern);
        if (!module) continue;
        report(partOf(setting, entry.start, entry.end), `${named(setting)} pattern ${entry.pattern} covers public modules such as ${module}, which are then downloaded without the checksum database's check; list only your private module paths`);
      }
    }
  },
});
