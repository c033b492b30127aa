import { pushAll } from './append.js';
import type { DiscoveredFile } from './discover.js';
import { UsageError } from './errors.js';
import { checkedTogether, foreignContext, type Kind } from './languages/index.js';
import { textInside } from './root-reader.js';
import { fileSize } from './source.js';

/*
 * --shard INDEX/COUNT: one of COUNT deterministic parts of a scan, for a CI matrix. What one finding
 * depends on stays in one part (each language says which of its files go together: a Terraform root
 * module with its local modules and var files); a part also reads, as context, the files of other
 * languages its files need (the Terraform network for a Kubernetes Service). Parts are balanced by
 * bytes: the largest group first, each to the lightest part so far. The union of the parts' findings
 * is the findings of one scan of everything.
 */

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be INDEX/COUNT with 1 ≤ INDEX ≤ COUNT, such as 2/4, not ${text}`);
  return { index, count };
}

/** `searched`: the kinds team policies' `referencedBy` search. */
export async function shardOf(files: readonly DiscoveredFile[], shard: Shard, root: string, searched: ReadonlySet<Kind>): Promise<DiscoveredFile[]> {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const units = await checkedTogether(files, textInside(root, files), searched);
  const mine = new Set(assign(units, byPath, shard.count)[shard.index - 1]);
  const contextKinds = new Set(files.filter((file) => mine.has(file.path)).flatMap((file) => foreignContext(file.kind)));
  return files.flatMap((file) => {
    if (mine.has(file.path)) return [file];
    return contextKinds.has(file.kind) ? [{ ...file, target: false }] : [];
  });
}

function assign(units: string[][], byPath: ReadonlyMap<string, DiscoveredFile>, count: number): string[][] {
  const weighed = units.map((paths) => ({ paths: [...paths].sort(), bytes: paths.reduce((sum, path) => sum + fileSize(byPath.get(path)!.absolutePath), 0) }));
  weighed.sort((a, b) => b.bytes - a.bytes || (a.paths[0]! < b.paths[0]! ? -1 : 1));
  const parts = Array.from({ length: count }, () => ({ paths: [] as string[], bytes: 0 }));
  for (const unit of weighed) {
    const lightest = parts.reduce((best, part) => (part.bytes < best.bytes ? part : best));
    pushAll(lightest.paths, unit.paths);
    lightest.bytes += unit.bytes;
  }
  return parts.map((part) => part.paths);
}
