import type { GoProxySettings } from '../../src/config/config.js';
import type { Location } from '../../src/types.js';
import { defineRule } from '../../src/rule.js';
import { GO_SETTING_KINDS, named, partOf, proxyList, settingsIn, type ProxyEntry } from './go-env.js';

/** Public mirrors of the same modules: joining them with `,` is meant as failover, which `,` does not give. */
const PUBLIC_MIRRORS = new Set(['proxy.golang.org', 'goproxy.cn', 'goproxy.io', 'proxy.golang.com.cn', 'mirrors.aliyun.com', 'mirrors.tencent.com', 'mirrors.cloud.tencent.com', 'goproxy.baidu.com', 'gocenter.io']);

export default defineRule({
  id: 'GOP004',
  slug: 'proxy-list-fallback',
  level: 'warning',
  title: 'GOPROXY list whose separators or fallback do not do what they seem to',
  rationale:
    'The go command tries the GOPROXY entries in order. After an entry followed by `,` it goes on only when that proxy answers 404 or 410 (it does not have the module); after `|` it goes on after any error, timeouts and 5xx included. So `https://goproxy.cn,https://goproxy.io,direct`, which many setup guides present as automatic failover, stops the build as soon as the first mirror times out. `,` is right where the next entry must not see the request when the first one is down (a private proxy before a public one, so private module paths never leak). Entries after `direct` or `off` are never tried, and a trailing `off` changes nothing. Teams that insist on a fallback, or on builds going through a proxy (so that every module fetched is recorded and cached), set `goproxy.requireFallback` or `goproxy.requireProxy`; a build that cannot fetch its modules, or fetches them from wherever they are hosted, undermines the availability and integrity PDPA s24 expects of systems handling personal data.',
  remediation:
    'Join public mirrors with `|` (`https://goproxy.cn|https://proxy.golang.org|direct`) so any error moves on to the next; keep `,` only after a private proxy whose outage must not send requests elsewhere. Remove entries after `direct` or `off`, and a trailing `off`. With `goproxy.requireFallback`, add a second source (`|direct` or another proxy); with `goproxy.requireProxy`, name your proxy before `direct`.',
  kinds: GO_SETTING_KINDS,
  tags: ['reliability', 'supply-chain', 'go'],
  check({ document, workspace, settings, report }) {
    for (const setting of settingsIn(document, workspace, 'GOPROXY')) {
      const entries = proxyList(setting.value);
      const where = (entry: ProxyEntry): Location => partOf(setting, entry.start, entry.end);
      const stop = entries.findIndex((entry) => entry.keyword !== undefined);
      if (stop !== -1 && stop < entries.length - 1) {
        const ignored = entries.slice(stop + 1);
        const trailingOff = stop === entries.length - 2 && ignored[0]!.keyword === 'off' && entries[stop]!.keyword === 'direct';
        report(where(ignored[0]!), `${named(setting)} lists ${ignored.map((entry) => entry.text).join(', ')} after \`${entries[stop]!.text}\`, where the go command stops reading the list, so ${trailingOff ? 'it changes nothing' : ignored.length === 1 ? 'it is never tried' : 'they are never tried'}; remove ${ignored.length === 1 ? 'it' : 'them'}`);
      } else if (entries.length > 1 && entries[entries.length - 1]!.keyword === 'off') {
        report(where(entries[entries.length - 1]!), `${named(setting)} ends with \`off\`, which changes nothing: when the entries before it fail the go command already stops with an error; remove it (or, to forbid fetching from version control, it is enough not to list \`direct\`)`);
      }
      const listed = stop === -1 ? entries : entries.slice(0, stop + 1);
      for (const [i, entry] of listed.entries()) {
        const next = listed[i + 1];
        if (entry.separator !== ',' || !next?.url || !entry.url || !PUBLIC_MIRRORS.has(entry.url.hostname) || !PUBLIC_MIRRORS.has(next.url.hostname)) continue;
        report(where(entry), `${named(setting)} joins the public mirrors ${entry.url.host} and ${next.url.host} with \`,\`, which moves on only when ${entry.url.host} answers 404 or 410, not when it times out or fails, so this is no failover; use \`|\` between them`);
      }
      requirements(settings.goproxy, listed, setting, report, where);
    }
  },
});

function requirements(required: GoProxySettings, listed: ProxyEntry[], setting: Parameters<typeof named>[0], report: (at: Location, message: string) => void, where: (entry: ProxyEntry) => Location): void {
  const proxies = listed.filter((entry) => entry.url);
  if (required.requireProxy && proxies.length === 0 && listed.some((entry) => entry.keyword === 'direct')) {
    report(where(listed.find((entry) => entry.keyword === 'direct')!), `${named(setting)} is \`direct\` without a proxy, so every module is fetched from wherever it is hosted and nothing records or caches what the build used, and this configuration requires a proxy (goproxy.requireProxy); name your proxy first (\`https://goproxy.example.sg,direct\`)`);
  }
  if (required.requireFallback && proxies.length > 0 && listed.filter((entry) => entry.keyword !== 'off').length === 1) {
    report(where(proxies[0]!), `${named(setting)} names only ${proxies[0]!.text}, so builds stop whenever it is unreachable, and this configuration requires a fallback (goproxy.requireFallback); add one after \`|\` (\`|direct\` or a second proxy)`);
  }
}
