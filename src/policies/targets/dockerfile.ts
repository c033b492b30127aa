import type { Document } from '../../languages/index.js';
import { baseImage, buildHistory, copiedTextPath, programWords, type CopiedText, type CopyInstruction, type DockerfileDocument, type EnvInstruction, type ImageReference, type Instruction, type Stage, type Word } from '../../languages/dockerfile/model.js';
import type { Location, Range } from '../../types.js';
import { fixedMap, list, scalar, unknownValue, type MapNode, type PolicyObject, type PolicyValue, type Shape, type TargetAdapter, type Verdict } from '../target.js';

/*
 * Dockerfile objects for policies, read from the stage model: a stage (its image, the user and
 * environment it ends with, its labels and instructions) and an instruction (its keyword, flags,
 * arguments and what the keyword adds: the image of FROM, the commands of RUN …). Build arguments
 * without a default are unknown values: their value is given at build time.
 */

const IMAGE: Shape = { fields: { written: 'scalar', resolved: 'scalar', registry: 'scalar', repository: 'scalar', tag: 'scalar', digest: 'scalar' } };
const STAGE_REFERENCE: Shape = { fields: { name: 'scalar', index: 'scalar', final: 'scalar' } };
const COMMAND: Shape = { fields: { program: 'scalar', words: { list: 'scalar' }, text: 'scalar' } };
const COPIED_TEXT: Shape = { fields: { name: 'scalar', path: 'scalar', text: 'scalar', lines: { list: 'scalar' } } };

const INSTRUCTION: Shape = {
  fields: {
    keyword: 'scalar',
    stage: STAGE_REFERENCE,
    args: { list: 'scalar' },
    text: 'scalar',
    flags: { map: 'scalar' },
    image: IMAGE,
    stageName: 'scalar',
    commands: { list: COMMAND },
    mounts: { list: { fields: { type: 'scalar', target: 'scalar', from: 'scalar' } } },
    from: 'scalar',
    sources: { list: 'scalar' },
    texts: { list: COPIED_TEXT },
    destination: 'scalar',
    vars: { map: 'scalar' },
    user: 'scalar',
  },
};

const STAGE: Shape = {
  fields: {
    name: 'scalar',
    index: 'scalar',
    final: 'scalar',
    image: IMAGE,
    baseImage: IMAGE,
    platform: 'scalar',
    user: 'scalar',
    env: { map: 'scalar' },
    args: { map: 'scalar' },
    labels: { map: 'scalar' },
    expose: { list: 'scalar' },
    instructions: { map: { list: INSTRUCTION } },
  },
};

function isDockerfile(document: Document): document is DockerfileDocument {
  return document.kind === 'dockerfile';
}

export const dockerfileTargets: TargetAdapter = {
  targets: {
    'dockerfile.stage': {
      kinds: ['dockerfile'],
      description: 'a build stage, from its FROM to the next; type: `stage`, name: the stage name (AS …) or its index; labels: its LABELs; paths: name, index, final, image, baseImage (the external image it builds on, through FROM <stage>), platform, user (the last USER in its build history), env, args, labels, expose, instructions.<keyword>',
      shape: STAGE,
      objects: (document) => (isDockerfile(document) ? document.stages.map((stage) => stageObject(document, stage)) : []),
      refersTo: namesStage,
    },
    'dockerfile.instruction': {
      kinds: ['dockerfile'],
      description: 'an instruction; type: its keyword (RUN), name: the name (or index) of its stage; paths: keyword, stage, args, text, flags, and by keyword: image and stageName (FROM), commands and mounts (RUN), from, sources, texts (the files its here-documents write: name, path, text, lines) and destination (COPY, ADD), vars (ENV, ARG), user (USER)',
      shape: INSTRUCTION,
      objects: (document) => (isDockerfile(document) ? document.stages.flatMap((stage) => [stage.from, ...stage.instructions].map((instruction) => instructionObject(document, stage, instruction))) : []),
      refersTo: namesStage,
    },
  },
};

function at(document: DockerfileDocument, range: Range): Location {
  return { path: document.file.path, range };
}

function stageName(stage: Stage): string {
  return stage.name ?? String(stage.index);
}

function stageObject(document: DockerfileDocument, stage: Stage): PolicyObject {
  const header = at(document, stage.from.range);
  const history = buildHistory(document, stage);
  const labels = labelEntries(document, history);
  const user = history.filter((instruction) => instruction.keyword === 'USER').pop();
  const root = fixedMap(header, {
    ...stageReference(document, stage),
    image: imageNode(document, stage.from.image),
    baseImage: imageNode(document, baseImage(document, stage)),
    platform: flagNode(document, stage.from, 'platform'),
    user: user?.user && word(document, user.user),
    env: variables(document, history.filter((instruction): instruction is EnvInstruction => instruction.keyword === 'ENV'), header),
    args: variables(document, stage.instructions.filter((instruction): instruction is EnvInstruction => instruction.keyword === 'ARG'), header),
    labels: fixedMap(header, Object.fromEntries([...labels].map(([key, value]) => [key, value.node]))),
    expose: list(stage.instructions.filter((instruction) => instruction.keyword === 'EXPOSE').flatMap((instruction) => instruction.args.map((arg) => word(document, arg))), header),
    instructions: fixedMap(header, instructionsByKeyword(document, stage)),
  });
  const name = stageName(stage);
  return { type: 'stage', name, labels: new Map([...labels].map(([key, value]) => [key, value.text])), header, label: `stage ${name}`, root, identity: stage };
}

function instructionsByKeyword(document: DockerfileDocument, stage: Stage): Record<string, PolicyValue> {
  const byKeyword: Record<string, PolicyValue[]> = {};
  for (const instruction of stage.instructions) (byKeyword[instruction.keyword.toLowerCase()] ??= []).push(instructionNode(document, stage, instruction));
  return Object.fromEntries(Object.entries(byKeyword).map(([keyword, nodes]) => [keyword, list(nodes, at(document, stage.from.range))]));
}

function instructionObject(document: DockerfileDocument, stage: Stage, instruction: Instruction): PolicyObject {
  const header = at(document, instruction.keywordRange);
  return { type: instruction.keyword, name: stageName(stage), labels: new Map(), header, label: `the ${instruction.keyword} of stage ${stageName(stage)}`, root: instructionNode(document, stage, instruction), identity: instruction };
}

function instructionNode(document: DockerfileDocument, stage: Stage, instruction: Instruction): MapNode {
  const header = at(document, instruction.keywordRange);
  const args = instruction.args;
  const common = {
    keyword: scalar(instruction.keyword, header),
    stage: fixedMap(at(document, stage.from.range), stageReference(document, stage)),
    args: list(args.map((arg) => word(document, arg)), header),
    text: args.length ? scalar(args.map((arg) => arg.value).join(' '), at(document, { start: args[0]!.range.start, end: args[args.length - 1]!.range.end })) : undefined,
    flags: fixedMap(header, Object.fromEntries(instruction.flags.map((flag) => [flag.name, scalar(flag.value ?? true, at(document, flag.valueRange ?? flag.range))]))),
  };
  switch (instruction.keyword) {
    case 'FROM':
      return fixedMap(header, { ...common, image: imageNode(document, instruction.image), stageName: instruction.stageName && word(document, instruction.stageName) });
    case 'RUN':
      return fixedMap(header, {
        ...common,
        commands: list(instruction.commands.map((command) => {
          const words = programWords(command);
          const place = at(document, command.range);
          return fixedMap(place, { program: words[0] && word(document, words[0]), words: list(words.map((each) => word(document, each)), place), text: scalar(words.map((each) => each.value).join(' '), place) });
        }), header),
        mounts: list(instruction.mounts.map((mount) => fixedMap(at(document, mount.range), { type: scalar(mount.type, at(document, mount.range)), target: mount.target === undefined ? undefined : scalar(mount.target, at(document, mount.range)), from: mount.from && word(document, mount.from) })), header),
      });
    case 'COPY':
    case 'ADD':
      return fixedMap(header, {
        ...common,
        from: instruction.from && word(document, instruction.from),
        sources: list(instruction.sources.map((source) => word(document, source)), header),
        texts: list(instruction.texts.map((copied) => copiedTextNode(document, instruction, copied)), header),
        destination: instruction.destination && word(document, instruction.destination),
      });
    case 'ENV':
    case 'ARG':
      return fixedMap(header, { ...common, vars: variables(document, [instruction], header) });
    case 'USER':
      return fixedMap(header, { ...common, user: instruction.user && word(document, instruction.user) });
    default:
      return fixedMap(header, common);
  }
}

/** A file a COPY or ADD writes from a here-document: its name, where it is written, its text, and each line at its place. */
function copiedTextNode(document: DockerfileDocument, copy: CopyInstruction, copied: CopiedText): MapNode {
  const place = at(document, copied.name.range);
  const path = copiedTextPath(document, copy, copied);
  return fixedMap(place, {
    name: word(document, copied.name),
    path: path === undefined ? undefined : scalar(path, at(document, copy.destination!.range)),
    text: scalar(copied.text, place),
    lines: list(copied.lines.map((line) => word(document, line)), place),
  });
}

function stageReference(document: DockerfileDocument, stage: Stage): Record<string, PolicyValue | undefined> {
  const keyword = at(document, stage.from.keywordRange);
  return {
    name: stage.from.stageName && word(document, stage.from.stageName),
    index: scalar(stage.index, keyword),
    final: scalar(stage.index === document.stages.length - 1, keyword),
  };
}

function word(document: DockerfileDocument, written: Word): PolicyValue {
  return scalar(written.value, at(document, written.range));
}

function flagNode(document: DockerfileDocument, instruction: Instruction, name: string): PolicyValue | undefined {
  const flag = instruction.flags.find((candidate) => candidate.name === name);
  return flag && scalar(flag.value ?? true, at(document, flag.valueRange ?? flag.range));
}

/** An image's parts; when a build argument without a default leaves it unresolved, every part but `written` is unknown. */
function imageNode(document: DockerfileDocument, image: ImageReference): MapNode {
  const place = at(document, image.range);
  const refers = image.stage === undefined ? {} : { refers: document.stages[image.stage] };
  const part = (value: string | undefined) => {
    if (image.resolved === undefined) return unknownValue(`the image ${image.written} uses a build argument without a default, so it is only known at build time`, place);
    return value === undefined ? undefined : scalar(value, place, refers);
  };
  return fixedMap(place, {
    written: scalar(image.written, place, refers),
    resolved: part(image.resolved),
    // The model leaves Docker Hub's registry out of the name; a policy about registries needs it said.
    registry: part(image.registry ?? (image.resolved?.toLowerCase() === 'scratch' ? undefined : 'docker.io')),
    repository: part(image.repository),
    tag: part(image.tag),
    digest: part(image.digest),
  });
}

/** ENV or ARG values by name, the last one written winning; an ARG without a default is known only at build time. */
function variables(document: DockerfileDocument, instructions: readonly EnvInstruction[], header: Location): MapNode {
  const entries: Record<string, PolicyValue> = {};
  for (const instruction of instructions) {
    for (const pair of instruction.pairs) {
      const place = at(document, pair.valueRange ?? pair.nameRange);
      entries[pair.name] = pair.value === null ? unknownValue(`build argument ${pair.name} has no default, so its value is given at build time`, place) : scalar(pair.value, place);
    }
  }
  return fixedMap(header, entries);
}

/** LABEL key=value pairs in build history, the last one written winning. */
function labelEntries(document: DockerfileDocument, history: readonly Instruction[]): Map<string, { text: string; node: PolicyValue }> {
  const labels = new Map<string, { text: string; node: PolicyValue }>();
  for (const instruction of history) {
    if (instruction.keyword !== 'LABEL') continue;
    for (const arg of instruction.args) {
      const equals = arg.value.indexOf('=');
      if (equals <= 0) continue;
      const text = arg.value.slice(equals + 1);
      labels.set(arg.value.slice(0, equals), { text, node: scalar(text, at(document, arg.range)) });
    }
  }
  return labels;
}

/** A stage name or index, as `COPY --from` and `FROM` write it, names that stage of the same Dockerfile. */
function namesStage(value: PolicyValue, object: PolicyObject): Verdict {
  if (value.refers !== undefined) return value.refers === object.identity ? 'yes' : 'no';
  if (value.kind === 'unknown') return 'unknown';
  const stage = object.identity as Stage;
  if (value.kind !== 'scalar' || typeof value.value !== 'string' || object.type !== 'stage' || value.at.path !== object.header.path) return 'no';
  const text = value.value.toLowerCase();
  return text === stage.name || text === String(stage.index) ? 'yes' : 'no';
}
