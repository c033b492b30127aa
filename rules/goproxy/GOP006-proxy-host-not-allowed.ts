import { defineRule } from '../../src/rule.js';
import { globToRegExp } from '../../src/glob.js';
import { GO_SETTING_KINDS, isLocal, named, partOf, proxyList, settingsIn } from './go-env.js';

export default defineRule({
  id: 'GOP006',
  slug: 'proxy-host-not-allowed',
  level: 'warning',
  title: 'Go module proxy host not on the allowlist',
  rationale:
    'A module proxy sees every module path the build asks for (which names private repositories and the libraries in use) and serves the code that is compiled into the service. Which proxies a team trusts is a decision for the team, not for whoever copies a setup guide: third-party mirrors run by unknown operators, or in jurisdictions the team has not assessed, receive this information and become part of the supply chain. Under PDPA s24 the organisation answers for the security arrangements of its systems, including the services they depend on. By default only proxy.golang.org, run by Google for the Go project, is allowed; teams list their own proxies in `goproxy.allowedHosts`.',
  remediation:
    'Use proxy.golang.org or your organisation\'s proxy, or add the proxy host to `goproxy.allowedHosts` in `.merlint.yaml` after assessing who runs it (globs such as `goproxy.*.example.sg` are accepted). Proxies on loopback or addressed by a single-label container name (`http://athens:3000`) and `file://` module caches are not reported.',
  kinds: GO_SETTING_KINDS,
  tags: ['security', 'supply-chain', 'go'],
  check({ document, workspace, settings, report }) {
    const allowed = settings.goproxy.allowedHosts.map(globToRegExp);
    for (const setting of settingsIn(document, workspace, 'GOPROXY')) {
      for (const entry of proxyList(setting.value)) {
        const url = entry.url;
        if (!url || url.protocol === 'file:' || isLocal(url) || allowed.some((host) => host.test(url.hostname))) continue;
        report(partOf(setting, entry.start, entry.end), `${named(setting)} sends module requests to ${url.hostname}, which is not on the allowed proxy hosts (${settings.goproxy.allowedHosts.join(', ')}), so a proxy the team has not assessed sees every module path and serves the code that is built; use an allowed proxy, or add the host to goproxy.allowedHosts`);
      }
    }
  },
});
