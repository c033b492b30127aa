import { finalStage, spanText, spanTo } from '../../src/languages/dockerfile/model.js';
import { cacheMessage, packageCachesLeftIn } from '../../src/languages/dockerfile/packages.js';
import { defineRule } from '../../src/rule.js';

export default defineRule({
  id: 'DKR006',
  slug: 'package-cache-in-layer',
  level: 'warning',
  title: 'Package manager cache left in the image',
  rationale:
    'A layer keeps every file that exists when its RUN ends, and a later RUN that deletes them cannot shrink it. Package indexes and downloaded packages left by `apk`, `apt-get`, `yum`/`dnf`, `pip` or `uv` add megabytes to every copy of the image: slower pulls and scaling, more registry storage, and more files for vulnerability scanners and reviewers to account for. Only stages that end up in the final image are checked; the cache of a discarded build stage costs nothing at run time. `uvx` (`uv tool run`) installs the tool it runs into an environment kept in the uv cache, and counts as an install, unless `uv tool install` installed that tool earlier for the same user and `uvx` asks for no other version or the latest, no requirement (`--with`) or Python the installed tool lacks, and no options other than those it was installed with, before or after the package (then it runs the installed tool). `uv add` syncs the project and counts as an install, but not with `--no-sync`, `--frozen`, `UV_NO_SYNC` or `UV_FROZEN`, when it only edits the project and its lockfile; `uv remove` syncs it too, and installs only where it was not synced. `uv run` locks and syncs its project before it runs its command, and installs what the project environment lacks: a project is synced per directory, found from the directory uv runs in (its WORKDIR, which an image built elsewhere may set itself, so that a project synced before the Dockerfile names one may be any; a `cd` earlier in the RUN; `--directory`, then `--project` or `UV_PROJECT`) or one above it, and its environment is `.venv` there or where `UV_PROJECT_ENVIRONMENT` puts it. It holds what the last `uv sync` asked for (exactly: `--only-group` syncs the group without the project), with what a `uv add` or `uv run` added; `uv run` asks for the default group `dev` unless `--no-dev` or `UV_NO_DEV`, and for the groups and extras it names (`--group`, `--extra`, `--all-extras` …). A COPY from another stage or image brings in an environment: one named as the environment is (`.venv`, or `UV_PROJECT_ENVIRONMENT`), or a directory that holds one its stage synced (`COPY --from=build /app /app` after `uv sync` in `WORKDIR /app`; `COPY --from=build / /` copies all), holding what its stage synced. `uv run --no-sync` or `UV_NO_SYNC` syncs nothing. `uv pip install` does not sync the project. The words after the command that `uv run` or `uvx` runs are that command\'s, not uv\'s options. `uv pip compile` and `uv lock` only resolve versions, and are not counted. uv refuses to start, and installs nothing, with an empty `UV_CACHE_DIR`, `UV_PROJECT` or `--cache-dir`, or a switch such as `UV_NO_CACHE` set to a value outside clap\'s boolish set (the empty one too). A cache moved with `UV_CACHE_DIR`, `PIP_CACHE_DIR`, `--cache-dir` or, where those are unset, an absolute `XDG_CACHE_HOME` (to `$XDG_CACHE_HOME/uv` and `$XDG_CACHE_HOME/pip`) is kept out by a mount at, or an `rm` of, the directory it was moved to.',
  remediation:
    'Keep the cache out of the layer in the same RUN that installs: `apk add --no-cache …`; `apt-get update && apt-get install -y --no-install-recommends … && rm -rf /var/lib/apt/lists/*`; `dnf install -y … && dnf clean all`; `pip install --no-cache-dir …` (or `PIP_NO_CACHE_DIR=1`); `uv --no-cache …` or `uvx --no-cache …` (or `UV_NO_CACHE=1`). With BuildKit you can instead mount a cache (`RUN --mount=type=cache,target=/var/cache/apk …`), which speeds up rebuilds and never enters the image.',
  kinds: ['dockerfile'],
  tags: ['image-size', 'container'],
  check({ document, report }) {
    const final = finalStage(document);
    if (!final) return;
    for (const use of packageCachesLeftIn(document, final)) {
      const { leaves, advice } = cacheMessage(use);
      report(spanTo(use.command, use.verb), `\`${spanText(use.command, use.verb)}\` leaves ${leaves} in this layer, which ships with the image and cannot be removed by a later RUN; ${advice}`);
    }
  },
});
