import type { DockerfileDocument } from '../model/dockerfile.js';
import type { TerraformDocument } from '../model/terraform.js';
import type { TerraformPlanDocument } from '../model/terraform-plan.js';
import type { Kind, Range, SourceFile } from '../types.js';

export type Document = DockerfileDocument | TerraformDocument | TerraformPlanDocument;

export interface ParseError {
  message: string;
  range: Range;
}

/** A parser recovers where it can: `errors` become MER000 findings and `document` is still checked. */
export interface ParseResult<D extends Document = Document> {
  document: D | undefined;
  errors: ParseError[];
}

type Parser = (file: SourceFile) => ParseResult | Promise<ParseResult>;

// Parsers load on first use, so a run over one kind of file pays for no other parser.
const loaders: Record<Kind, () => Promise<Parser>> = {
  dockerfile: async () => (await import('./dockerfile.js')).parseDockerfile,
  terraform: async () => (await import('./terraform.js')).parseTerraform,
  tfvars: async () => (await import('./terraform.js')).parseTerraform,
  tfplan: async () => (await import('./tfplan.js')).parseTerraformPlan,
};

const loaded = new Map<Kind, Parser>();

export async function parse(file: SourceFile): Promise<ParseResult> {
  let parser = loaded.get(file.kind);
  if (!parser) {
    parser = await loaders[file.kind]();
    loaded.set(file.kind, parser);
  }
  return parser(file);
}
