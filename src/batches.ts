import { appendTo, pushAll } from './append.js';
import type { DiscoveredFile } from './discover.js';
import { DisjointSets } from './disjoint-sets.js';
import { BATCH_BYTES, checkPart, searchedByPolicies, type PartResult, type ScanInput } from './engine.js';
import type { Notice } from './errors.js';
import type { CarriedFacts } from './facts/index.js';
import { checkedTogether, contextBeyondJoins, contextThroughFacts, namedInContext, type Kind } from './languages/index.js';
import type { PolicyRule } from './policies/rule.js';
import type { RuleMeta } from './rule.js';
import { textInside } from './root-reader.js';
import { fileSize, readRegularFile, type FileBytes } from './source.js';

/*
 * A whole scan in batches, so that memory grows with the largest batch rather than the repository.
 * The files are cut into the units that must be checked together (each language's `units`, as for
 * --shard), joined across languages where the checks of one read the files of another (a script with
 * the Dockerfiles and manifests that name it; every file of the kinds a team policy's `referencedBy`
 * searches), and packed into batches of about `batchBytes`. Each batch is parsed, modelled, checked
 * and suppressed on its own, and only its findings, notices and the texts of the files its findings
 * are in are kept. Facts that rules read across languages (the network the Terraform decides, judged
 * by the manifests' rules) come from languages checked first, and are carried to the later batches.
 * Where findings of two batches lie in one file their models read (a policy shared through `file()`),
 * they may merge across them (src/per-origin.ts): those batches are checked again as one.
 */

interface Batch {
  files: DiscoveredFile[];
  /** Its files' facts are read by later batches (a Terraform batch): it is checked first, without carried facts. */
  providing: boolean;
}

/** A batch with its files' bytes, read as it was packed. */
interface ReadBatch extends Batch {
  read: ReadonlyMap<string, FileBytes>;
}

export async function checkInBatches(input: ScanInput, files: readonly DiscoveredFile[], rules: readonly RuleMeta[]): Promise<PartResult> {
  const checked: Batch[] = [];
  const carried: { networks: CarriedFacts['networks'][number][] } = { networks: [] };
  const results: PartResult[] = [];
  for (const batch of await planBatches(files, input.root, input.config.policies, input.batchBytes ?? BATCH_BYTES)) {
    const part = await checkPart(input, batch.files, rules, batch.providing ? undefined : carried, batch.read);
    if (batch.providing) {
      const facts = part.carry();
      pushAll(carried.networks, facts.networks);
    }
    checked.push({ files: batch.files, providing: batch.providing });
    results.push(withoutUnquotedTexts(part));
  }
  for (const group of sharingModelFiles(results)) {
    const merged: Batch = { files: group.flatMap((index) => checked[index]!.files), providing: checked[group[0]!]!.providing };
    const part = withoutUnquotedTexts(await checkPart(input, merged.files, rules, merged.providing ? undefined : carried));
    for (const index of group) results[index] = index === group[0] ? part : emptyPart();
  }
  return joined(results);
}

/** A kept part's facts are no longer asked for: they were carried when it was checked. */
function nothingCarried(): CarriedFacts {
  return { networks: [] };
}

/**
 * Units of files checked together, joined across languages, in batches of about `budget` bytes: those whose
 * facts others read first. A batch is packed when it is taken, from its files' bytes, read then for checkPart
 * to decode: a file's size is what its read gave (no stat of every file first), and memory holds the bytes
 * of one batch and of the unit after it.
 */
export async function planBatches(files: readonly DiscoveredFile[], root: string, policies: readonly PolicyRule[], budget: number): Promise<Iterable<ReadBatch>> {
  const read = textInside(root, files);
  const joinedUnits = new DisjointSets(files.map((file) => file.path));
  for (const unit of await checkedTogether(files, read, searchedByPolicies(policies))) for (const path of unit) joinedUnits.join(unit[0]!, path);
  const joinAll = (paths: readonly string[]) => paths.forEach((path) => joinedUnits.join(paths[0]!, path));
  for (const [script, naming] of namedInContext(files, read)) for (const path of naming) joinedUnits.join(script, path);
  for (const kinds of policySearches(policies)) joinAll(files.filter((file) => kinds.has(file.kind)).map((file) => file.path));
  // The registry is asked about each kind in the scan once, not for each unit: a unit is often one file.
  const kindsInScan = new Set(files.map((file) => file.kind));
  const providers = new Set([...kindsInScan].flatMap((kind) => contextThroughFacts(kind)));
  const readingFacts = new Set([...kindsInScan].filter((kind) => contextThroughFacts(kind).length > 0));
  const beyondJoins = new Map([...kindsInScan].map((kind) => [kind, contextBeyondJoins(kind)]));
  const pathsOfKind = new Map<Kind, string[]>();
  for (const file of files) appendTo(pathsOfKind, file.kind, file.path);
  const joinedKinds = new Set<Kind>();
  for (const unit of unitsOf(files, joinedUnits)) {
    // A unit that both provides facts and reads them, or that needs files no join brings, holds every such file.
    const kinds = new Set(unit.map((file) => file.kind));
    const needed = [...kinds].flatMap((kind) => beyondJoins.get(kind)!).filter((kind) => !kinds.has(kind));
    const readsFacts = [...kinds].some((kind) => readingFacts.has(kind)) && [...kinds].some((kind) => providers.has(kind));
    for (const kind of new Set<Kind>([...needed, ...(readsFacts ? providers : [])])) {
      const paths = pathsOfKind.get(kind) ?? [];
      // The files of a kind are joined once; later units join the first of them.
      if (!joinedKinds.has(kind)) joinAll(paths);
      joinedKinds.add(kind);
      if (paths.length > 0) joinedUnits.join(unit[0]!.path, paths[0]!);
    }
  }
  const finalUnits = unitsOf(files, joinedUnits);
  const providing = (unit: readonly DiscoveredFile[]) => unit.some((file) => providers.has(file.kind));
  return chained(pack(finalUnits.filter(providing), budget, true), pack(finalUnits.filter((unit) => !providing(unit)), budget, false));
}

function* chained<T>(...sequences: Iterable<T>[]): Generator<T> {
  for (const sequence of sequences) yield* sequence;
}

function unitsOf(files: readonly DiscoveredFile[], joined: DisjointSets): DiscoveredFile[][] {
  const units = new Map<string, DiscoveredFile[]>();
  for (const file of files) appendTo(units, joined.find(file.path), file);
  return [...units.values()];
}

/** The kinds each team policy with `referencedBy` searches: its own target's and the referring objects'. */
function policySearches(policies: readonly PolicyRule[]): Set<Kind>[] {
  return policies.filter((policy) => policy.policy.searched.length > 0).map((policy) => new Set([...policy.kinds, ...policy.policy.searched] as Kind[]));
}

/** Units in discovery order, read as they are packed, a batch closed when the next unit would take it past the budget. */
function* pack(units: readonly DiscoveredFile[][], budget: number, providing: boolean): Generator<ReadBatch> {
  let current: DiscoveredFile[] = [];
  let read = new Map<string, FileBytes>();
  let bytes = 0;
  for (const unit of units) {
    const unitRead = unit.map((file) => readRegularFile(file.absolutePath));
    const size = unit.reduce((sum, file, index) => sum + sizeRead(file, unitRead[index]!), 0);
    if (current.length > 0 && bytes + size > budget) {
      yield { files: current, providing, read };
      current = [];
      read = new Map();
      bytes = 0;
    }
    pushAll(current, unit);
    unit.forEach((file, index) => read.set(file.path, unitRead[index]!));
    bytes += size;
  }
  if (current.length > 0) yield { files: current, providing, read };
}

/** A file's size as its read gave it; one that could not be read is asked the file system (0 if that fails too). */
function sizeRead(file: DiscoveredFile, read: FileBytes): number {
  return read.ok ? read.bytes.length : fileSize(file.absolutePath);
}

/**
 * Groups of batches (by index) with findings in one same file that their models read (a policy two stacks
 * read through `file()`): one pass would merge such findings (src/per-origin.ts). A file read only to look
 * something up (a Dockerfile's and a Go module's go.mod) holds no finding, and its readers are not joined.
 */
export function sharingModelFiles(results: readonly Pick<PartResult, 'findings' | 'readByModel'>[]): number[][] {
  const readers = new Map<string, number>();
  const joinedBatches = new DisjointSets(results.map((_, index) => String(index)));
  results.forEach((result, index) => {
    const holdingFindings = new Set(result.findings.map((finding) => finding.location.path));
    for (const path of result.readByModel) {
      if (!holdingFindings.has(path)) continue;
      const earlier = readers.get(path);
      if (earlier === undefined) readers.set(path, index);
      else joinedBatches.join(String(earlier), String(index));
    }
  });
  const groups = new Map<string, number[]>();
  results.forEach((_, index) => appendTo(groups, joinedBatches.find(String(index)), index));
  return [...groups.values()].filter((group) => group.length > 1);
}

/** The part as it is kept while later batches run: the texts (and line indexes) of files without findings let go. */
function withoutUnquotedTexts(part: PartResult): PartResult {
  const quoted = new Set(part.findings.map((finding) => finding.location.path));
  const kept = <T>(byPath: Map<string, T>) => new Map([...byPath].filter(([path]) => quoted.has(path)));
  return { ...part, texts: kept(part.texts), lines: kept(part.lines), carry: nothingCarried };
}

function emptyPart(): PartResult {
  return { findings: [], notices: [], texts: new Map(), lines: new Map(), readByModel: [], carry: nothingCarried };
}

function joined(results: readonly PartResult[]): PartResult {
  // Run-wide notices (a file the model was refused) are a set, as in one pass.
  const runWide = new Set<string>();
  const notices = results.flatMap((result) => result.notices).filter((notice: Notice) => notice.path !== undefined || (!runWide.has(notice.message) && runWide.add(notice.message)));
  return {
    findings: results.flatMap((result) => result.findings),
    notices,
    texts: new Map(results.flatMap((result) => [...result.texts])),
    lines: new Map(results.flatMap((result) => [...result.lines])),
    readByModel: results.flatMap((result) => result.readByModel),
    carry: nothingCarried,
  };
}
