import { splitImage, type DockerfileDocument, type Instruction, type Stage, type Word } from '../../src/languages/dockerfile/model.js';
import { defineRule } from '../../src/rule.js';
import { closest } from '../../src/suggest.js';

/** The X of `COPY --from=X` or `RUN --mount=from=X`; only COPY also takes a stage index. */
interface SourceReference {
  word: Word;
  flag: '--from' | '--mount from=';
  acceptsIndex: boolean;
}

export default defineRule({
  id: 'DKR004',
  slug: 'copy-from-unknown-stage',
  level: 'error',
  title: 'COPY --from names a stage that does not exist, or an unpinned external image',
  rationale:
    '`COPY --from` (and `RUN --mount=from=`) take either an earlier stage of the same Dockerfile or an image. When the name matches no stage — a typo, a renamed stage — Docker does not stop: it pulls an image of that name from Docker Hub, so the build fails with a confusing pull error or, worse, copies files from an image nobody reviewed. An external image referenced without a pinned tag or digest changes under the build whenever upstream publishes, which defeats the reproducible, change-controlled builds the MAS TRM Guidelines expect. BuildKit also refuses a stage that is defined later or is the current one, and does not expand build arguments in these values.',
  remediation:
    'Name a stage defined above the instruction, as written after `AS` (case does not matter), or its index counting from 0 (`--from=0`; `RUN --mount` accepts names only). To copy from an external image, pin it: `COPY --from=alpine:3.20@sha256:… /etc/ssl/certs /etc/ssl/certs`. To choose the source with a build argument, declare a stage for it (`ARG TOOLS_IMAGE=…` before the first FROM, then `FROM ${TOOLS_IMAGE} AS tools`) and copy `--from=tools`. A name with `_` that is close to no stage is taken for a named build context (`docker buildx build --build-context NAME=…`, bake `contexts`), as no official image has one; for another name, suppress the finding with that reason.',
  kinds: ['dockerfile'],
  tags: ['container', 'supply-chain', 'correctness'],
  securitySeverity: 5.0,
  check({ document, report }) {
    for (const stage of document.stages) {
      // Counted: in cold code a for-of makes an iterator result for each instruction, and few of them copy or mount.
      for (let i = 0; i < stage.instructions.length; i++) {
        const instruction = stage.instructions[i]!;
        const addFrom = instruction.keyword === 'ADD' ? instruction.flags.find((flag) => flag.name === 'from') : undefined;
        if (addFrom) report(addFrom.range, 'ADD has no --from option, so docker build stops with "unknown flag: from"; use COPY --from to copy out of a stage or image');
        if (instruction.keyword !== 'COPY' && instruction.keyword !== 'RUN') continue;
        for (const reference of sourceReferences(instruction)) {
          const problem = referenceProblem(document, stage, reference);
          if (problem) report(reference.word.range, problem);
        }
      }
    }
  },
});

function sourceReferences(instruction: Instruction): SourceReference[] {
  if (instruction.keyword === 'COPY' && instruction.from) return [{ word: instruction.from, flag: '--from', acceptsIndex: true }];
  if (instruction.keyword !== 'RUN' || instruction.mounts.length === 0) return [];
  return instruction.mounts.flatMap((mount) => (mount.from ? [{ word: mount.from, flag: '--mount from=', acceptsIndex: false }] : []));
}

function referenceProblem(document: DockerfileDocument, stage: Stage, reference: SourceReference): string | undefined {
  const value = reference.word.value;
  if (value.includes('$') && /\$(?:\{|[A-Za-z_])/.test(value)) {
    return `BuildKit does not expand build arguments in ${reference.flag} and stops the build; declare \`FROM ${value} AS <name>\` as a stage and use that name`;
  }
  if (/^\d+$/.test(value)) return indexProblem(document, stage, reference, Number(value));
  const named = document.stagesByName.get(value.toLowerCase());
  if (named) return orderProblem(stage, named);
  if (value.toLowerCase() === 'scratch') return 'scratch is the empty image, so there is nothing to copy from it and the build fails; name the stage that produces these files';
  if (/[/:@]/.test(value)) return unpinnedImageProblem(value);
  return unknownNameProblem(document, stage, value);
}

function indexProblem(document: DockerfileDocument, stage: Stage, reference: SourceReference, index: number): string | undefined {
  if (!reference.acceptsIndex) {
    return `${reference.flag} looks stages up by name only, so Docker tries to pull an image called "${index}"; name the stage (\`FROM … AS build\`) and mount from it by that name`;
  }
  const target = document.stages[index];
  if (!target) return `there is no stage ${index} (stages count from 0 and this Dockerfile has ${document.stages.length}), so the build fails; name an earlier stage`;
  return orderProblem(stage, target);
}

function orderProblem(stage: Stage, target: Stage): string | undefined {
  if (target.index < stage.index) return undefined;
  if (target.index === stage.index) return `stage ${stageLabel(stage)} cannot copy from itself, so the build fails; copy from an earlier stage`;
  return `stage ${stageLabel(target)} is defined further down, and BuildKit refuses to copy from a later stage ("needs to be defined before current stage"); move it above this one`;
}

function stageLabel(stage: Stage): string {
  return stage.name === undefined ? String(stage.index) : `"${stage.name}"`;
}

function unpinnedImageProblem(value: string): string | undefined {
  const { tag, digest } = splitImage(value);
  if (digest !== undefined || (tag !== undefined && tag !== 'latest')) return undefined;
  const floating = tag === undefined ? 'has no tag' : 'is tagged latest';
  return `the external image ${value} ${floating}, so the files copied from it change whenever upstream publishes; pin a version tag and a digest`;
}

/**
 * A name that is no stage: a typo of one, or an official image pulled from Docker Hub. Official images have no
 * `_` in their names, so a name with one that is not a typo is a named build context
 * (`--build-context binary_dir=…`, a bake file's `contexts`) or a local image, which the build supplies.
 */
function unknownNameProblem(document: DockerfileDocument, stage: Stage, value: string): string | undefined {
  const earlier = document.stages.slice(0, stage.index).flatMap((candidate) => (candidate.name ? [candidate.name] : []));
  const suggestion = closest(value, earlier);
  const pulled = `no stage is named "${value}", so Docker pulls the image ${value}:latest from Docker Hub instead`;
  if (suggestion) return `${pulled}; did you mean stage "${suggestion}"?`;
  if (value.includes('_')) return undefined;
  return `${pulled}; name an earlier stage, or pin that image with a version tag and a digest`;
}
