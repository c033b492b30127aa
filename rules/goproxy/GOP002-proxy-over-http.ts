import { defineRule } from '../../src/rule.js';
import { GO_SETTING_KINDS, isLocal, named, partOf, proxyList, settingsIn } from './go-env.js';

export default defineRule({
  id: 'GOP002',
  slug: 'proxy-over-http',
  level: 'warning',
  title: 'Go module proxy reached over plain HTTP',
  rationale:
    'A GOPROXY entry with `http://` sends every module path the build asks for, and any credentials, in clear text, and lets anyone on the network path answer instead of the proxy. Public modules are still checked against the checksum database, but private modules (those in GOPRIVATE or GONOSUMDB) have no other check, so altered code for them is accepted. Encrypting traffic that carries source code and credentials is a baseline of the reasonable security arrangements PDPA s24 (Protection Obligation) asks for. A proxy on the loopback interface, or addressed by a single-label name that only a container of the same Compose network or pod resolves (`http://athens:3000`), does not cross another network: it is reported as a note.',
  remediation:
    'Use the proxy\'s `https://` address (Athens, JFrog Artifactory, Nexus and GoProxy all serve TLS); for an internal certificate authority, add it to the build image\'s trust store rather than falling back to HTTP.',
  kinds: GO_SETTING_KINDS,
  tags: ['security', 'supply-chain', 'go'],
  securitySeverity: 5.3,
  check({ document, workspace, report }) {
    for (const setting of settingsIn(document, workspace, 'GOPROXY')) {
      for (const entry of proxyList(setting.value)) {
        if (entry.url?.protocol !== 'http:') continue;
        const local = isLocal(entry.url);
        const why = local
          ? 'on this machine or its container network, so it crosses no other network, but the same setting elsewhere would send module paths and credentials in clear text'
          : 'so module paths and any credentials cross the network in clear text and private modules, which the checksum database does not cover, can be altered on the way';
        report(partOf(setting, entry.start, entry.end), `${named(setting)} reaches ${entry.url.host} over plain HTTP, ${why}; use its https:// address`, local ? { level: 'note' } : {});
      }
    }
  },
});
