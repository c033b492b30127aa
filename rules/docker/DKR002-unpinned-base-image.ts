import { isScratch, refusedRepositoryName } from '../../src/languages/dockerfile/model.js';
import { defineRule } from '../../src/rule.js';

export default defineRule({
  id: 'DKR002',
  slug: 'unpinned-base-image',
  level: 'warning',
  title: 'Base image without a pinned tag or digest',
  rationale:
    'An image referenced without a tag, or by `latest`, resolves to whatever the registry serves on the day of the build. Two builds of the same commit can then ship different operating-system packages and vulnerabilities, which defeats the reproducible builds and controlled changes that the MAS Technology Risk Management Guidelines expect of production software. The final stage matters most: it is what runs in production. A build argument that names the registry or mirror (`FROM ${REGISTRY}/alpine`, `FROM ${BASE}:latest`) pins nothing: the tag written is the one pulled; an image whose name or tag is left entirely to a build argument without a default is known only at build time, and is not reported.',
  remediation:
    'Pin the base image to a specific version tag, and for production images to a digest as well: `FROM gcr.io/distroless/static-debian12:nonroot@sha256:…`. Let a dependency bot (Renovate, Dependabot) raise pull requests to move the pin.',
  kinds: ['dockerfile'],
  tags: ['supply-chain', 'reproducibility'],
  securitySeverity: 5.0,
  check({ document, report }) {
    const last = document.stages.length - 1;
    for (const stage of document.stages) {
      const image = stage.from.image;
      // An image name docker build refuses (`FROM BASEIMAGE`, a placeholder) is a MER000, never pulled as `latest`.
      if (image.stage !== undefined || isScratch(image) || image.digest || refusedRepositoryName(image)) continue;
      const which = stage.index === last ? 'the final stage' : `stage ${stage.name ?? stage.index}`;
      const name = image.resolved ?? image.written;
      if (image.untagged) {
        report(image.range, `${which} builds on ${name} without a tag, which means whatever \`latest\` is at build time; pin a version tag and a digest`);
      } else if (image.tag === 'latest') {
        report(image.range, `${which} builds on ${name}, and \`latest\` moves with every upstream release; pin a version tag and a digest`);
      }
    }
  },
});
