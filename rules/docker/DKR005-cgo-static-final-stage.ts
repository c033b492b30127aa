import { baseImage, finalStage, imageLabel, libcOf, runsGo, spanText, spanTo } from '../../src/languages/dockerfile/model.js';
import { cgoOn, glibcCompatibilityInstalled, goBuildsCopiedInto, type CgoOn } from '../../src/languages/dockerfile/go-builds.js';
import { defineRule } from '../../src/rule.js';

export default defineRule({
  id: 'DKR005',
  slug: 'cgo-static-final-stage',
  level: 'error',
  title: 'Go binary built with cgo copied into an image without a matching C library',
  rationale:
    'With cgo enabled (the default whenever the build image has a C compiler, as the Debian-based `golang` images do), a Go program that uses `net` or `os/user` is linked dynamically against the C library of the build image. `scratch`, distroless `static` and Chainguard `static` images have no C library, and Alpine has musl rather than glibc, so the binary fails at start-up with "no such file or directory" — an outage that no build step or unit test catches. A static binary also removes the C library from the attack surface. A WebAssembly module (`GOARCH=wasm`) is built without cgo and is not reported.',
  remediation:
    'Build with cgo disabled: `RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app`, or `ENV CGO_ENABLED=0` in the build stage. If the program needs cgo, use a runtime image that carries the same C library as the build image (for example `gcr.io/distroless/base-debian12` for a Debian-based `golang` build).',
  kinds: ['dockerfile'],
  tags: ['correctness', 'go', 'supply-chain'],
  check({ document, settings, report }) {
    const final = finalStage(document);
    if (!final || !runsGo(document)) return;
    const runtime = baseImage(document, final);
    const runtimeLibc = glibcCompatibilityInstalled(document, final) ? undefined : libcOf(runtime, settings.docker.staticImages);
    if (runtimeLibc === undefined) return;
    for (const build of goBuildsCopiedInto(document, final)) {
      const builderLibc = libcOf(baseImage(document, build.stage), []);
      const mismatch = runtimeLibc === 'none' || (builderLibc !== undefined && builderLibc !== runtimeLibc);
      const cgo = mismatch ? cgoOn(document, build) : undefined;
      if (!cgo) continue;
      const missing = runtimeLibc === 'none' ? `which the ${imageLabel(runtime)} final stage does not have` : `but the ${imageLabel(runtime)} final stage has only ${runtimeLibc}`;
      report(
        spanTo(build.command, build.verb),
        `\`${spanText(build.command, build.verb)}\` runs with cgo enabled (${why(cgo)}), so the binary is dynamically linked to ${builderLibc ?? 'the C library'}, ${missing}; it will not start ("no such file or directory"). Set CGO_ENABLED=0 for this build`,
        { related: build.copies.map((copy) => ({ path: document.file.path, range: copy.range, message: 'the final stage copies the binary here' })) },
      );
    }
  },
});

function why(cgo: CgoOn): string {
  return 'setting' in cgo ? `CGO_ENABLED=${cgo.setting}` : `CGO_ENABLED is unset, and ${imageLabel(cgo.compilerIn)} has a C compiler`;
}
