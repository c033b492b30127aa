import { finalStage, imageLabel, isGoToolchain, stageLineage } from '../../src/languages/dockerfile/model.js';
import { defineRule } from '../../src/rule.js';

export default defineRule({
  id: 'DKR001',
  slug: 'golang-final-stage',
  level: 'error',
  title: 'Final image stage is a Go build toolchain image',
  rationale:
    'A Go service compiles to one binary; the image that runs it needs nothing else. When the final stage is the `golang` image, production ships the Go compiler, git, a shell, a package manager and often the source tree: hundreds of megabytes of software the service never uses, each package a vulnerability to patch and a tool for an attacker who gets code execution. MAS TRM Guidelines expect production systems to be hardened with unnecessary software removed, and CIS Docker Benchmark 4.3 asks that unnecessary packages not be installed in containers.',
  remediation:
    'Use a multi-stage build: compile in a `golang` stage (`FROM golang:1.22 AS build` … `RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app`), then start a new final stage from a minimal runtime image — `gcr.io/distroless/static-debian12:nonroot`, `cgr.dev/chainguard/static` or `scratch` — and `COPY --from=build /out/app /app`. If the image really is a build or CI tool rather than a service, suppress the finding with that reason.',
  kinds: ['dockerfile'],
  tags: ['container', 'hardening', 'attack-surface'],
  securitySeverity: 6.0,
  check({ document, report }) {
    const final = finalStage(document);
    if (!final) return;
    const lineage = stageLineage(document, final);
    const base = lineage[lineage.length - 1]!.from.image;
    if (!isGoToolchain(base)) return;
    const consequence = 'so production ships the compiler and build tools; build in a golang stage and copy the binary into a scratch or distroless final stage';
    if (lineage.length === 1) {
      report(final.from.image.range, `the final stage is the Go toolchain image ${imageLabel(base)}, ${consequence}`);
    } else {
      report(final.from.image.range, `the final stage builds on stage ${final.from.image.written}, which is the Go toolchain image ${imageLabel(base)}, ${consequence}`, {
        related: [{ path: document.file.path, range: base.range }],
      });
    }
  },
});
